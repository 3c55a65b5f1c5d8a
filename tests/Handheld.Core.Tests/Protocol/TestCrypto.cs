using System.Security.Cryptography;
using Handheld.Core.Crypto;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Protocol;

/// <summary>Host SHA-256 and ECDSA P-256 for the tests (the oracle; Core's own engine is tested under Crypto).</summary>
internal sealed class TestHash : IHash256
{
    private IncrementalHash _h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    public void Reset() { _h.Dispose(); _h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256); }
    public void Update(byte[] data, int offset, int count) => _h.AppendData(data, offset, count);
    public void Final(byte[] output, int offset) => _h.GetHashAndReset().CopyTo(output, offset);
}

internal sealed class TestEngine : ISignatureEngine
{
    public object? PrepareKey(SignatureAlgorithm algorithm, byte[] spki)
    {
        if (algorithm != SignatureAlgorithm.EcdsaP256Sha256) return null;
        try { var e = ECDsa.Create(); e.ImportSubjectPublicKeyInfo(spki, out _); return e; }
        catch (CryptographicException) { return null; }
    }

    public bool VerifyDigest(object key, byte[] digest, byte[] sig, int off, int len) =>
        ((ECDsa)key).VerifyHash(digest, sig.AsSpan(off, len), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
}

/// <summary>Deterministic keys and signed lists for list and handler tests.</summary>
internal static class TestLists
{
    public static ECDsa Key(int seed)
    {
        var d = SHA256.HashData(BitConverter.GetBytes(seed + 1000));
        d[0] &= 0x7F; // below the P-256 order
        var p = new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d };
        var k = ECDsa.Create(p);
        return k;
    }

    public static byte[] Sign(ECDsa key, byte[] tbs) =>
        ListFormat.AppendSignature(tbs, SignatureAlgorithm.EcdsaP256Sha256,
            key.SignHash(SHA256.HashData(tbs), DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    public static byte[] KeyId(ECDsa key) => SHA256.HashData(key.ExportSubjectPublicKeyInfo()).AsSpan(0, 8).ToArray();

    public static byte[] TrustList(ECDsa root, uint version, ECDsa issuer, long issuedAt = 1_700_000_000, uint lifetime = 90 * 86400)
    {
        var list = new TrustList
        {
            Version = version,
            IssuedAtUnix = issuedAt,
            LifetimeSeconds = lifetime,
            Entries =
            [
                new TrustListEntry
                {
                    KeyId = KeyId(issuer), Algorithm = SignatureAlgorithm.EcdsaP256Sha256,
                    Usage = TrustListEntry.UsageLicences | TrustListEntry.UsageRevocations,
                    ValidFromUnix = 1_600_000_000, ValidUntilUnix = 2_000_000_000, Name = "应急管理厅 test issuer",
                    Provinces = ["11", "31"], Sectors = ["mining"], SubjectPublicKeyInfo = issuer.ExportSubjectPublicKeyInfo(),
                },
            ],
        };
        return Sign(root, TrustListCodec.EncodeUnsigned(list));
    }

    public static long Fingerprint(string licence) =>
        Core.Trust.RevocationList.Fingerprint(new TestHash(), System.Text.Encoding.UTF8.GetBytes(licence), 0,
            System.Text.Encoding.UTF8.GetByteCount(licence), new byte[32]);

    public static byte[] RevocationList(ECDsa issuer, uint version, IEnumerable<string> licences, long issuedAt = 1_700_000_000, uint lifetime = 7 * 86400) =>
        Sign(issuer, Core.Trust.RevocationList.EncodeUnsigned(version, issuedAt, lifetime, KeyId(issuer),
            licences.Select(Fingerprint).ToArray()));
}
