using System.Security.Cryptography;
using System.Text.Json;
using Handheld.Core.Crypto;
using Handheld.Core.Licensing;
using Handheld.Core.Trust;
using Handheld.Sdk.Device;
using Handheld.Sdk.Licensing;

namespace Handheld.Sdk.Lists;

/// <summary>Authority-side building and signing of trust and revocation lists (Core codecs; .NET keys).</summary>
public static class ListTools
{
    public sealed class TrustSpec
    {
        public uint Version { get; set; }
        [System.Text.Json.Serialization.JsonConverter(typeof(SpecTimeConverter))]
        public long IssuedAt { get; set; }
        public int LifetimeDays { get; set; } = 90;
        public List<KeySpec> Keys { get; set; } = new();
    }

    public sealed class KeySpec
    {
        public string Name { get; set; } = "";
        /// <summary>Path of the public key (PEM or DER SPKI), relative to the spec file.</summary>
        public string PublicKey { get; set; } = "";
        public List<string> Usage { get; set; } = new() { "licences" };
        [System.Text.Json.Serialization.JsonConverter(typeof(SpecTimeConverter))]
        public long ValidFrom { get; set; }
        [System.Text.Json.Serialization.JsonConverter(typeof(SpecTimeConverter))]
        public long ValidUntil { get; set; }
        public List<string> Provinces { get; set; } = new();
        public List<string> Sectors { get; set; } = new();
    }

    /// <summary>Public key of a file: PEM (public or private) or SPKI DER; the same parsing as licence keys.</summary>
    public static (byte[] Spki, SignatureAlgorithm Algorithm) ReadPublicKey(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        string text = System.Text.Encoding.UTF8.GetString(bytes);
        const string unsupported = "unsupported public key (need ECDSA P-256 or RSA 2048–4096): ";
        (byte[] Spki, SignatureAlgorithm Algorithm) key;
        try
        {
            key = text.Contains("-----BEGIN", StringComparison.Ordinal)
                ? KeyFiles.LoadPublic(text)
                : KeyFiles.FromSubjectPublicKeyInfo(bytes);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            // The loader's own words when it has them ("a private key, where a public key belongs").
            throw new InvalidDataException((e is FormatException ? e.Message + ": " : unsupported) + path, e);
        }
        // Core's own engine — the code the device runs — decides what is usable (e.g. RSA modulus 2048–4096
        // bits, exponent below the modulus), so a key the device would refuse never reaches a trust list.
        if (new ManagedSignatureEngine().PrepareKey(key.Algorithm, key.Spki) == null) throw new InvalidDataException(unsupported + path);
        return key;
    }

    private static (byte[] Spki, SignatureAlgorithm Algorithm) ReadPublicKeyAs(string field, string path)
    {
        try { return ReadPublicKey(path); }
        catch (InvalidDataException e) { throw new InvalidDataException(field + ": " + e.Message, e); }
    }

    /// <summary>To-be-signed trust list from a JSON spec: format 1, or format 2 when <paramref name="catalogue"/> is
    /// given (<see cref="FibreSpectraFile.AppendTo"/>, <see cref="FibreColoursFile.AppendTo"/>, docs/ble-protocol.md §6.1.1).</summary>
    public static byte[] BuildTrustList(string specPath, byte[]? catalogue = null)
    {
        // Unknown keys are refused (a typo such as "validUntill" would silently leave a key valid forever).
        var spec = JsonSerializer.Deserialize<TrustSpec>(File.ReadAllText(specPath), new JsonSerializerOptions
                   {
                       PropertyNameCaseInsensitive = true,
                       UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
                   })
                   ?? throw new InvalidDataException("empty spec");
        string dir = Path.GetDirectoryName(Path.GetFullPath(specPath))!;
        var list = new TrustList
        {
            Version = spec.Version,
            IssuedAtUnix = spec.IssuedAt != 0 ? spec.IssuedAt : DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            LifetimeSeconds = (uint)(spec.LifetimeDays * 86400),
            Catalogue = catalogue,
            Entries = spec.Keys.Select((k, i) =>
            {
                var keyPath = Path.Combine(dir, k.PublicKey);
                if (k.PublicKey.Length == 0 || !File.Exists(keyPath)) throw new InvalidDataException($"keys[{i}].publicKey: no such file: {keyPath}");
                (byte[] spki, SignatureAlgorithm alg) = ReadPublicKeyAs($"keys[{i}].publicKey", keyPath);
                byte usage = 0;
                foreach (var u in k.Usage)
                    usage |= u switch
                    {
                        "licences" => TrustListEntry.UsageLicences, "revocations" => TrustListEntry.UsageRevocations,
                        _ => throw new InvalidDataException($"keys[{i}].usage: '{u}' is not licences or revocations"),
                    };
                return new TrustListEntry
                {
                    KeyId = KeyIdentifier.Compute(spki), Algorithm = alg, Usage = usage, ValidFromUnix = k.ValidFrom, ValidUntilUnix = k.ValidUntil,
                    Name = k.Name, Provinces = k.Provinces.ToArray(), Sectors = k.Sectors.ToArray(), SubjectPublicKeyInfo = spki,
                };
            }).ToArray(),
        };
        return TrustListCodec.EncodeUnsigned(list) ?? throw new InvalidDataException("trust list exceeds " + ListFormat.MaxTrustListBytes + " bytes");
    }

    /// <summary>To-be-signed revocation list from licence numbers (one per line, trimmed, blank lines skipped).
    /// Each number is entered in its canonical form (<see cref="LicenceNumberKey"/>, docs/licence-format.md
    /// §2.4), the form the device looks up.</summary>
    public static byte[] BuildRevocationList(IEnumerable<string> licenceNumbers, uint version, long issuedAt, int lifetimeDays, byte[] issuerSpki)
    {
        var hash = new HostHash256();
        var scratch = new byte[32];
        var fps = licenceNumbers.Select(l => l.Trim()).Where(l => l.Length > 0).Select(l =>
        {
            var b = System.Text.Encoding.UTF8.GetBytes(l);
            var key = LicenceNumberKey.Canonical(b, 0, b.Length)!;
            return RevocationList.Fingerprint(hash, key, 0, key.Length, scratch);
        }).ToArray();
        return RevocationList.EncodeUnsigned(version, issuedAt, (uint)(lifetimeDays * 86400), KeyIdentifier.Compute(issuerSpki), fps)
               ?? throw new InvalidDataException("more than " + RevocationList.MaxEntries + " revocations");
    }

    /// <summary>The non-blank lines (1-based line numbers) whose canonical form does not parse as a licence
    /// number (docs/licence-format.md §2.3): entered anyway — a revocation is never dropped — but worth a warning,
    /// since a typo revokes nothing.</summary>
    public static List<(int Line, string Text)> UnparsedLicenceNumbers(IReadOnlyList<string> lines)
    {
        var bad = new List<(int, string)>();
        for (int i = 0; i < lines.Count; i++)
        {
            string l = lines[i].Trim();
            if (l.Length == 0) continue;
            var b = System.Text.Encoding.UTF8.GetBytes(l);
            var key = LicenceNumberKey.Canonical(b, 0, b.Length)!;
            if (!LicenceNumber.TryParse(key, 0, key.Length, out _)) bad.Add((i + 1, l));
        }
        return bad;
    }

    /// <summary>Signs to-be-signed bytes with a PEM private key (ECDSA P-256 → P1363 r‖s; RSA → PKCS#1 v1.5).</summary>
    public static byte[] Sign(byte[] toBeSigned, string privateKeyPem) => Sign(toBeSigned, privateKeyPem, null);

    /// <summary>As <see cref="Sign(byte[], string)"/>, with the passphrase of an encrypted key (null: from the environment).</summary>
    public static byte[] Sign(byte[] toBeSigned, string privateKeyPem, string? passphrase)
    {
        using var key = KeyFiles.LoadPrivate(File.ReadAllText(privateKeyPem), passphrase);
        var (algorithm, signature) = KeyFiles.Sign(key, toBeSigned);
        return ListFormat.AppendSignature(toBeSigned, algorithm, signature);
    }
}
