using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace Handheld.Sdk.Licensing;

/// <summary>Encrypted PKCS#8 private keys (<c>-----BEGIN ENCRYPTED PRIVATE KEY-----</c>, as <c>openssl pkcs8 -topk8</c>
/// writes them): AES-256-CBC, PBKDF2-SHA-256. Algorithm-neutral (works on the PKCS#8 structure, not a key object),
/// so every key kind the SDK loads can be kept encrypted.</summary>
public static class KeyEncryption
{
    /// <summary>The environment variable a passphrase comes from when none is given explicitly.</summary>
    public const string PassphraseVariable = "HANDHELD_KEY_PASSPHRASE";

    // OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about 0.3 s per load on a laptop, once per command.
    private const int Iterations = 600_000;

    /// <summary>True for an encrypted PKCS#8 PEM.</summary>
    public static bool IsEncrypted(string pem) => pem.Contains("BEGIN ENCRYPTED PRIVATE KEY", StringComparison.Ordinal);

    /// <summary>Encrypts a PKCS#8 PEM (<c>BEGIN PRIVATE KEY</c>) under <paramref name="passphrase"/>.</summary>
    public static string Encrypt(string privatePem, string passphrase)
    {
        var der = Der(privatePem, "PRIVATE KEY");
        var info = Pkcs8PrivateKeyInfo.Decode(der, out _, skipCopy: true);
        var encrypted = info.Encrypt(passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, Iterations));
        return new string(PemEncoding.Write("ENCRYPTED PRIVATE KEY", encrypted)) + "\n";
    }

    /// <summary>The plain PKCS#8 PEM of an encrypted one; a wrong or missing passphrase is a <see cref="FormatException"/>.</summary>
    public static string Decrypt(string encryptedPem, string? passphrase)
    {
        if (string.IsNullOrEmpty(passphrase))
            throw new FormatException($"the private key is encrypted; give its passphrase in {PassphraseVariable} (or name another variable with --passphrase-env)");
        var der = Der(encryptedPem, "ENCRYPTED PRIVATE KEY");
        Pkcs8PrivateKeyInfo info;
        try { info = Pkcs8PrivateKeyInfo.DecryptAndDecode(passphrase.AsSpan(), der, out _); }
        catch (CryptographicException) { throw new FormatException("wrong passphrase for the encrypted private key (or the file is damaged)"); }
        return new string(PemEncoding.Write("PRIVATE KEY", info.Encode())) + "\n";
    }

    private static byte[] Der(string pem, string label)
    {
        var rest = pem.AsMemory();
        while (PemEncoding.TryFind(rest.Span, out var f))
        {
            var span = rest.Span;
            if (span[f.Label].SequenceEqual(label)) return Convert.FromBase64String(span[f.Base64Data].ToString());
            rest = rest[f.Location.End.Value..];
        }
        throw new FormatException("expected a PEM block -----BEGIN " + label + "-----");
    }
}
