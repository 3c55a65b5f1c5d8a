using System.Security.Cryptography;
using Handheld.Core.Crypto;
using Handheld.Core.Licensing;

namespace Handheld.Sdk.Licensing;

/// <summary>Builds signed licence QR texts with Core's codec (docs/licence-format.md), signing either with a
/// PEM key or externally (TBS bytes out, signature in).</summary>
public static class LicenceIssuer
{
    /// <summary>The exact bytes to sign (TBS) for a licence under a public key.</summary>
    public static byte[] BuildTbs(Licence licence, byte[] spki, SignatureAlgorithm algorithm)
    {
        var status = LicenceCodec.TryEncode(licence, out var payload);
        if (status != LicenceStatus.Valid)
        {
            throw new FormatException(LicenceFieldCheck.Explain(licence) ?? "licence cannot be encoded: " + LicenceStatusNames.Get(status));
        }
        return LicenceEnvelope.BuildTbs(algorithm, KeyIdentifier.Compute(spki), payload)
            ?? throw new FormatException("payload too large");
    }

    /// <summary>Signs and returns the QR text.</summary>
    public static string Issue(Licence licence, AsymmetricAlgorithm privateKey)
    {
        var tbs = BuildTbs(licence, privateKey.ExportSubjectPublicKeyInfo(), KeyFiles.AlgorithmOf(privateKey));
        var (_, signature) = KeyFiles.Sign(privateKey, tbs);
        return LicenceEnvelope.BuildText(tbs, signature);
    }

    /// <summary>Builds the QR text from TBS bytes and an external signature. ECDSA and SM2 signatures may be DER
    /// (as <c>openssl dgst -sha256 -sign</c> and <c>openssl pkeyutl -sign -rawin -digest sm3</c> write them) or
    /// 64-byte r‖s.</summary>
    public static string Assemble(byte[] tbs, byte[] signature)
    {
        if (tbs.Length < LicenceEnvelope.HeaderLength + 1 || tbs[0] != LicenceEnvelope.CurrentFormatVersion
            || tbs.Length != LicenceEnvelope.HeaderLength + ((tbs[10] << 8) | tbs[11]))
        {
            throw new FormatException("not a licence TBS file (header or length mismatch)");
        }
        var algorithm = (SignatureAlgorithm)tbs[1];
        if ((algorithm == SignatureAlgorithm.EcdsaP256Sha256 || algorithm == SignatureAlgorithm.Sm2Sm3) && signature.Length != 64)
        {
            signature = DerToP1363(signature);
        }
        return LicenceEnvelope.BuildText(tbs, signature);
    }

    /// <summary>Converts a DER ECDSA-Sig-Value or SM2 signature (both a SEQUENCE of two INTEGERs) to 64-byte r‖s,
    /// with Core's strict parser (the one the device would use).</summary>
    public static byte[] DerToP1363(byte[] der)
    {
        var result = new byte[64];
        if (!EcdsaSignature.TryDerToP1363(der, 0, der.Length, result))
        {
            throw new FormatException("ECDSA/SM2 signature is neither 64-byte r||s nor strict DER with two integers of at most 256 bits");
        }
        return result;
    }
}
