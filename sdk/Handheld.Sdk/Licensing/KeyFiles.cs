using System.Security.Cryptography;
using Handheld.Core.Crypto;

namespace Handheld.Sdk.Licensing;

/// <summary>Signing keys as PEM files: PKCS#8 private keys (<c>NAME.key.pem</c>) and SubjectPublicKeyInfo public
/// keys (<c>NAME.pub.pem</c>), as OpenSSL writes them. RSA and P-256 keys are .NET objects; SM2 keys are
/// <see cref="Sm2Key"/> (BouncyCastle inside, since .NET has no SM2).</summary>
public static class KeyFiles
{
    /// <summary>Generates a key pair; returns (private PKCS#8 PEM, public SPKI PEM).</summary>
    public static (string PrivatePem, string PublicPem) Generate(SignatureAlgorithm algorithm)
    {
        using AsymmetricAlgorithm key = algorithm switch
        {
            SignatureAlgorithm.RsaPkcs1Sha256 => RSA.Create(2048),
            SignatureAlgorithm.EcdsaP256Sha256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
            SignatureAlgorithm.Sm2Sm3 => Sm2Key.Generate(),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    }

    /// <summary>Parses "rsa2048", "p256" or "sm2".</summary>
    public static SignatureAlgorithm ParseAlgorithm(string name) => name.ToLowerInvariant() switch
    {
        "rsa2048" or "rsa" => SignatureAlgorithm.RsaPkcs1Sha256,
        "p256" or "ecdsa" => SignatureAlgorithm.EcdsaP256Sha256,
        "sm2" => SignatureAlgorithm.Sm2Sm3,
        _ => throw new FormatException($"unknown algorithm '{name}' (expected rsa2048, p256 or sm2)"),
    };

    /// <summary>Short name of an algorithm.</summary>
    public static string AlgorithmName(SignatureAlgorithm algorithm) => algorithm switch
    {
        SignatureAlgorithm.RsaPkcs1Sha256 => "rsa2048",
        SignatureAlgorithm.EcdsaP256Sha256 => "p256",
        SignatureAlgorithm.Sm2Sm3 => "sm2",
        _ => "unknown(" + (int)algorithm + ")",
    };

    /// <summary>Loads a private key PEM (PKCS#8, or PKCS#1/SEC1 as OpenSSL may write them). An encrypted PKCS#8 key
    /// is decrypted with <paramref name="passphrase"/>, or when null with <see cref="KeyEncryption.PassphraseVariable"/>.</summary>
    public static AsymmetricAlgorithm LoadPrivate(string pem, string? passphrase = null)
    {
        if (KeyEncryption.IsEncrypted(pem))
        {
            pem = KeyEncryption.Decrypt(pem, passphrase ?? Environment.GetEnvironmentVariable(KeyEncryption.PassphraseVariable));
        }
        if (!pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new FormatException(pem.Contains("PUBLIC KEY", StringComparison.Ordinal)
                ? "a public key, where the private key belongs (give NAME.key.pem)"
                : "not a PEM private key (expected -----BEGIN PRIVATE KEY-----)");
        }
        // SM2 first: .NET on OpenSSL would import an sm2p256v1 key as a 256-bit ECDsa and sign it as P-256.
        if (PemEncoding.TryFind(pem, out var field))
        {
            byte[] der = Convert.FromBase64String(pem[field.Base64Data]);
            string label = pem[field.Label];
            Sm2Key? sm2 = label == "PRIVATE KEY" ? Sm2Key.FromPkcs8(der) : label is "EC PRIVATE KEY" or "SM2 PRIVATE KEY" ? Sm2Key.FromSec1(der) : null;
            if (sm2 is not null) return sm2;
        }
        if (pem.Contains("RSA PRIVATE KEY") || IsRsaPkcs8(pem))
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return rsa;
        }
        var ec = ECDsa.Create();
        ec.ImportFromPem(pem);
        return ec;
    }

    /// <summary>SubjectPublicKeyInfo DER and algorithm of a public key PEM. A private key is refused: where a
    /// public key belongs (trust stores, lists, specs) a private key would travel with it.</summary>
    public static (byte[] Spki, SignatureAlgorithm Algorithm) LoadPublic(string pem)
    {
        if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new FormatException("a private key, where a public key belongs (give NAME.pub.pem; the private key stays with its owner)");
        }
        if (!PemEncoding.TryFind(pem, out var f))
        {
            throw new FormatException("not a PEM public key (expected -----BEGIN PUBLIC KEY-----)");
        }
        byte[] der;
        try { der = Convert.FromBase64String(pem[f.Base64Data]); }
        catch (FormatException) { throw new FormatException("not a PEM public key (bad base64)"); }
        return FromSubjectPublicKeyInfo(der);
    }

    /// <summary>Algorithm of a SubjectPublicKeyInfo DER (RSA, EC on P-256, or SM2).</summary>
    public static (byte[] Spki, SignatureAlgorithm Algorithm) FromSubjectPublicKeyInfo(byte[] der)
    {
        if (Sm2Key.FromSubjectPublicKeyInfo(der) is not null) return (der, SignatureAlgorithm.Sm2Sm3);
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(der, out _);
            return (der, SignatureAlgorithm.RsaPkcs1Sha256);
        }
        catch (CryptographicException)
        {
            using var ec = ECDsa.Create();
            ec.ImportSubjectPublicKeyInfo(der, out _);
            if (!IsP256(ec))
            {
                throw new FormatException("only P-256 and SM2 EC keys are supported");
            }
            return (der, SignatureAlgorithm.EcdsaP256Sha256);
        }
    }

    /// <summary>The format's algorithm for a .NET key object.</summary>
    public static SignatureAlgorithm AlgorithmOf(AsymmetricAlgorithm key) => key switch
    {
        RSA => SignatureAlgorithm.RsaPkcs1Sha256,
        ECDsa e when IsP256(e) => SignatureAlgorithm.EcdsaP256Sha256,
        Sm2Key => SignatureAlgorithm.Sm2Sm3,
        _ => throw new FormatException("unsupported key type (RSA, P-256 or SM2 only)"),
    };

    /// <summary>True for an ECDSA key on P-256 (not merely 256 bits: sm2p256v1 is 256 bits too).</summary>
    public static bool IsP256(ECDsa key)
    {
        if (key.KeySize != 256) return false;
        var curve = key.ExportParameters(false).Curve;
        return curve.IsNamed && (curve.Oid.Value == "1.2.840.10045.3.1.7" || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256" or "prime256v1");
    }

    /// <summary>Signs <paramref name="data"/> as the licence and list formats require (SHA-256 with RSA PKCS#1 v1.5 or
    /// ECDSA P-256 as 64-byte r‖s; SM2 with SM3 and the default identifier as r‖s) and returns the signature with
    /// the format's algorithm for the key.</summary>
    public static (SignatureAlgorithm Algorithm, byte[] Signature) Sign(AsymmetricAlgorithm key, byte[] data)
    {
        var algorithm = AlgorithmOf(key);
        byte[] signature = key switch
        {
            RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => ec.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            Sm2Key sm2 => sm2.Sign(data),
            _ => throw new FormatException("unsupported key"),
        };
        return (algorithm, signature);
    }

    private static bool IsRsaPkcs8(string pem)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return true;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return false;
        }
    }
}
