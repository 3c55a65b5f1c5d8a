using System.Security.Cryptography;
using Handheld.Core.Crypto;

namespace Handheld.Sdk.Licensing;

/// <summary>Signing keys as PEM files: PKCS#8 private keys (<c>NAME.key.pem</c>) and SubjectPublicKeyInfo public
/// keys (<c>NAME.pub.pem</c>), as OpenSSL writes them.</summary>
public static class KeyFiles
{
    /// <summary>Generates a key pair; returns (private PKCS#8 PEM, public SPKI PEM).</summary>
    public static (string PrivatePem, string PublicPem) Generate(SignatureAlgorithm algorithm)
    {
        using AsymmetricAlgorithm key = algorithm switch
        {
            SignatureAlgorithm.RsaPkcs1Sha256 => RSA.Create(2048),
            SignatureAlgorithm.EcdsaP256Sha256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    }

    /// <summary>Parses "rsa2048" or "p256".</summary>
    public static SignatureAlgorithm ParseAlgorithm(string name) => name.ToLowerInvariant() switch
    {
        "rsa2048" or "rsa" => SignatureAlgorithm.RsaPkcs1Sha256,
        "p256" or "ecdsa" => SignatureAlgorithm.EcdsaP256Sha256,
        _ => throw new FormatException($"unknown algorithm '{name}' (expected rsa2048 or p256)"),
    };

    /// <summary>Short name of an algorithm.</summary>
    public static string AlgorithmName(SignatureAlgorithm algorithm) => algorithm switch
    {
        SignatureAlgorithm.RsaPkcs1Sha256 => "rsa2048",
        SignatureAlgorithm.EcdsaP256Sha256 => "p256",
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

    /// <summary>Algorithm of a SubjectPublicKeyInfo DER (RSA, or EC on P-256).</summary>
    public static (byte[] Spki, SignatureAlgorithm Algorithm) FromSubjectPublicKeyInfo(byte[] der)
    {
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
            if (ec.KeySize != 256)
            {
                throw new FormatException("only P-256 EC keys are supported");
            }
            return (der, SignatureAlgorithm.EcdsaP256Sha256);
        }
    }

    /// <summary>The format's algorithm for a .NET key object.</summary>
    public static SignatureAlgorithm AlgorithmOf(AsymmetricAlgorithm key) => key switch
    {
        RSA => SignatureAlgorithm.RsaPkcs1Sha256,
        ECDsa e when e.KeySize == 256 => SignatureAlgorithm.EcdsaP256Sha256,
        _ => throw new FormatException("unsupported key type (RSA or P-256 only)"),
    };

    /// <summary>Signs <paramref name="data"/> as the licence and list formats require (SHA-256; RSA PKCS#1 v1.5,
    /// ECDSA P-256 as 64-byte r‖s) and returns the signature with the format's algorithm for the key.</summary>
    public static (SignatureAlgorithm Algorithm, byte[] Signature) Sign(AsymmetricAlgorithm key, byte[] data)
    {
        var algorithm = AlgorithmOf(key);
        byte[] signature = key switch
        {
            RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => ec.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
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
