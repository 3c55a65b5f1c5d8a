using System.Formats.Asn1;
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
            throw new FormatException("licence cannot be encoded: " + LicenceStatusNames.Get(status));
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

    /// <summary>Builds the QR text from TBS bytes and an external signature. ECDSA signatures may be DER
    /// (as <c>openssl dgst -sha256 -sign</c> writes them) or 64-byte r‖s.</summary>
    public static string Assemble(byte[] tbs, byte[] signature)
    {
        if (tbs.Length < LicenceEnvelope.HeaderLength + 1 || tbs[0] != LicenceEnvelope.CurrentFormatVersion
            || tbs.Length != LicenceEnvelope.HeaderLength + ((tbs[10] << 8) | tbs[11]))
        {
            throw new FormatException("not a licence TBS file (header or length mismatch)");
        }
        var algorithm = (SignatureAlgorithm)tbs[1];
        if (algorithm == SignatureAlgorithm.EcdsaP256Sha256 && signature.Length != 64)
        {
            signature = DerToP1363(signature);
        }
        return LicenceEnvelope.BuildText(tbs, signature);
    }

    /// <summary>Converts a DER ECDSA-Sig-Value (SEQUENCE of two INTEGERs) to 64-byte r‖s for P-256.</summary>
    public static byte[] DerToP1363(byte[] der)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var seq = reader.ReadSequence();
            var r = seq.ReadIntegerBytes().ToArray();
            var s = seq.ReadIntegerBytes().ToArray();
            if (seq.HasData || reader.HasData)
            {
                throw new FormatException("trailing data after ECDSA signature");
            }
            var result = new byte[64];
            Put(r, result, 0);
            Put(s, result, 32);
            return result;
        }
        catch (AsnContentException e)
        {
            throw new FormatException("ECDSA signature is neither 64-byte r||s nor DER: " + e.Message);
        }
    }

    private static void Put(byte[] integer, byte[] output, int offset)
    {
        int start = 0;
        while (start < integer.Length - 1 && integer[start] == 0)
        {
            start++;
        }
        int length = integer.Length - start;
        if (length > 32 || (integer[0] & 0x80) != 0)
        {
            throw new FormatException("ECDSA integer out of range for P-256");
        }
        Array.Copy(integer, start, output, offset + 32 - length, length);
    }
}
