using Handheld.Core.Crypto;
using Handheld.Core.Licensing;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;
using Handheld.Core.Tests.Crypto;
using Handheld.Core.Tests.Protocol;
using Handheld.Core.Trust;
using Org.BouncyCastle.Crypto;

namespace Handheld.Core.Tests.Licensing;

/// <summary>Algorithm code 3 (SM2 with SM3) through the licence pipeline, trust lists and revocation lists, with
/// Core's managed engine and BouncyCastle or OpenSSL signing.</summary>
public sealed class Sm2LicenceTests
{
    private static readonly AsymmetricCipherKeyPair Issuer = Sm2TestKit.NewKey(Sm2TestKit.Random(1801));
    private static readonly AsymmetricCipherKeyPair Root = Sm2TestKit.NewKey(Sm2TestKit.Random(1802));
    private static readonly ManagedSignatureEngine Engine = new();

    private static byte[] Spki(AsymmetricCipherKeyPair k) => Sm2TestKit.Spki(k.Public);

    private static byte[] Tbs(Licence licence, AsymmetricCipherKeyPair key, SignatureAlgorithm alg = SignatureAlgorithm.Sm2Sm3)
    {
        Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryEncode(licence, out var payload));
        return LicenceEnvelope.BuildTbs(alg, KeyIdentifier.Compute(Spki(key)), payload);
    }

    private static string Issue(Licence licence, AsymmetricCipherKeyPair key, byte[]? id = null)
    {
        var tbs = Tbs(licence, key);
        return LicenceEnvelope.BuildText(tbs, Sm2TestKit.Sign(key.Private, id ?? Sm2TestKit.DefaultId, tbs, Sm2TestKit.Random(7)));
    }

    private static TrustedKey Trusted(AsymmetricCipherKeyPair key, SignatureAlgorithm alg = SignatureAlgorithm.Sm2Sm3) =>
        new(KeyIdentifier.Compute(Spki(key)), alg, Spki(key), 0, 4102444800, null!, null!, "SM2 test issuer");

    private static LicenceVerificationResult Verify(string qr, TrustedKey key) =>
        new LicenceVerifier(LicenceFixtures.Store(key), null).Verify(qr, LicenceFixtures.Now, ClockSource.Rtc);

    [Fact]
    public void Verify_Sm2SignedLicence_Valid()
    {
        var r = Verify(Issue(LicenceFixtures.Sample(), Issuer), Trusted(Issuer));
        Assert.Equal(LicenceStatus.Valid, r.Signature);
        Assert.Equal(3, r.AlgorithmCode);
        Assert.Equal(LicenceStatus.Valid, r.Status);
    }

    [Fact]
    public void Verify_SignedWithOtherIdentifier_BadSignature()
    {
        var r = Verify(Issue(LicenceFixtures.Sample(), Issuer, "ALICE123@YAHOO.COM"u8.ToArray()), Trusted(Issuer));
        Assert.Equal(LicenceStatus.BadSignature, r.Status);
    }

    [Fact]
    public void Verify_OpenSslSignedLicence_Valid()
    {
        string dir = Directory.CreateTempSubdirectory("sm2-licence").FullName;
        try
        {
            Sm2TestKit.OpenSsl(dir, "genpkey", "-algorithm", "SM2", "-out", "key.pem");
            Sm2TestKit.OpenSsl(dir, "pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der");
            byte[] spki = File.ReadAllBytes(Path.Combine(dir, "pub.der"));
            Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryEncode(LicenceFixtures.Sample(), out var payload));
            byte[] tbs = LicenceEnvelope.BuildTbs(SignatureAlgorithm.Sm2Sm3, KeyIdentifier.Compute(spki), payload);
            File.WriteAllBytes(Path.Combine(dir, "tbs.bin"), tbs);
            Sm2TestKit.OpenSsl(dir, "pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-inkey", "key.pem", "-in", "tbs.bin",
                "-pkeyopt", "distid:1234567812345678", "-out", "sig.der");
            byte[] der = File.ReadAllBytes(Path.Combine(dir, "sig.der"));
            var rs = new byte[64];
            Assert.True(EcdsaSignature.TryDerToP1363(der, 0, der.Length, rs));
            var key = new TrustedKey(KeyIdentifier.Compute(spki), SignatureAlgorithm.Sm2Sm3, spki, 0, 4102444800, null!, null!, "openssl");
            Assert.Equal(LicenceStatus.Valid, Verify(LicenceEnvelope.BuildText(tbs, rs), key).Status);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Verify_Sm2KeyUnderOtherCode_RefusedByStore_AndLicenceCodeMismatch()
    {
        // The store refuses an SM2 key entered as P-256 or RSA: it cannot be prepared under those codes.
        Assert.False(new TrustStore(Engine, 4).TryAdd(Trusted(Issuer, SignatureAlgorithm.EcdsaP256Sha256)));
        Assert.False(new TrustStore(Engine, 4).TryAdd(Trusted(Issuer, SignatureAlgorithm.RsaPkcs1Sha256)));
        // A licence claiming P-256 under an SM2 key in the store.
        var tbs = Tbs(LicenceFixtures.Sample(), Issuer, SignatureAlgorithm.EcdsaP256Sha256);
        var text = LicenceEnvelope.BuildText(tbs, Sm2TestKit.Sign(Issuer.Private, Sm2TestKit.DefaultId, tbs, Sm2TestKit.Random(8)));
        Assert.Equal(LicenceStatus.KeyAlgorithmMismatch, Verify(text, Trusted(Issuer)).Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(255)]
    public void Decode_OtherAlgorithmCodes_UnknownAlgorithm(byte code)
    {
        var tbs = Tbs(LicenceFixtures.Sample(), Issuer, (SignatureAlgorithm)code);
        var text = LicenceEnvelope.BuildText(tbs, new byte[64]);
        Assert.Equal(LicenceStatus.UnknownAlgorithm, LicenceEnvelope.TryDecode(text, out _));
    }

    private static TrustListEntry Entry(byte[] spki, SignatureAlgorithm alg) => new()
    {
        KeyId = KeyIdentifier.Compute(spki), Algorithm = alg, Usage = TrustListEntry.UsageLicences | TrustListEntry.UsageRevocations,
        ValidFromUnix = 1_600_000_000, ValidUntilUnix = 2_000_000_000, Name = "SM2 签发机关", Provinces = ["37"], Sectors = [],
        SubjectPublicKeyInfo = spki,
    };

    private static byte[] SignedTrustList(params TrustListEntry[] entries)
    {
        var tbs = TrustListCodec.EncodeUnsigned(new TrustList { Version = 1, IssuedAtUnix = 1_700_000_000, LifetimeSeconds = 90 * 86400, Entries = entries });
        return ListFormat.AppendSignature(tbs, SignatureAlgorithm.Sm2Sm3, Sm2TestKit.Sign(Root.Private, Sm2TestKit.DefaultId, tbs, Sm2TestKit.Random(9)));
    }

    [Fact]
    public void TrustList_SignedBySm2Root_Verifies_AndTamperedDoesNot()
    {
        byte[] list = SignedTrustList(Entry(Spki(Issuer), SignatureAlgorithm.Sm2Sm3));
        Assert.Equal(ErrorCode.None, TrustListCodec.Parse(list, 0, list.Length, out var parsed));
        Assert.Equal(ErrorCode.None, TrustListCodec.CheckEntries(parsed, Engine, new Sha256()));
        object root = Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, Spki(Root))!;
        Assert.Equal(ErrorCode.None, TrustListCodec.Verify(list, 0, parsed, SignatureAlgorithm.Sm2Sm3, root, Engine, new Sha256()));
        var tampered = (byte[])list.Clone();
        tampered[20] ^= 1;
        Assert.Equal(ErrorCode.None, TrustListCodec.Parse(tampered, 0, tampered.Length, out var tp));
        Assert.Equal(ErrorCode.BadSignature, TrustListCodec.Verify(tampered, 0, tp, SignatureAlgorithm.Sm2Sm3, root, Engine, new Sha256()));
        // A root prepared as SM2 but the list claiming P-256.
        Assert.Equal(ErrorCode.BadSignature, TrustListCodec.Verify(list, 0, parsed, SignatureAlgorithm.EcdsaP256Sha256, root, Engine, new Sha256()));
    }

    [Fact]
    public void TrustList_KeyTypeAndCodeDisagree_BadList()
    {
        using var p256 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        foreach (var entry in new[] { Entry(Spki(Issuer), SignatureAlgorithm.EcdsaP256Sha256), Entry(p256.ExportSubjectPublicKeyInfo(), SignatureAlgorithm.Sm2Sm3),
                     Entry(Spki(Issuer), SignatureAlgorithm.RsaPkcs1Sha256), Entry(Spki(Issuer), (SignatureAlgorithm)4) })
        {
            byte[] list = SignedTrustList(entry);
            Assert.Equal(ErrorCode.None, TrustListCodec.Parse(list, 0, list.Length, out var parsed));
            Assert.Equal(ErrorCode.BadList, TrustListCodec.CheckEntries(parsed, Engine, new Sha256()));
        }
    }

    [Fact]
    public void RevocationList_SignedBySm2Issuer_VerifiesFromStorage()
    {
        byte[] trustBytes = SignedTrustList(Entry(Spki(Issuer), SignatureAlgorithm.Sm2Sm3));
        Assert.Equal(ErrorCode.None, TrustListCodec.Parse(trustBytes, 0, trustBytes.Length, out var trust));
        byte[] keyId = KeyIdentifier.Compute(Spki(Issuer));
        byte[] tbs = RevocationList.EncodeUnsigned(1, 1_700_000_000, 7 * 86400, keyId,
            new[] { TestLists.Fingerprint("（鲁）JZ安许证字[2023]000001") });
        byte[] signed = ListFormat.AppendSignature(tbs, SignatureAlgorithm.Sm2Sm3, Sm2TestKit.Sign(Issuer.Private, Sm2TestKit.DefaultId, tbs, Sm2TestKit.Random(10)));
        var storage = new ArrayBlockStorage(signed);
        Assert.Equal(ErrorCode.None, RevocationListHeader.Read(storage, 0, signed.Length, out var h));
        Assert.Equal(SignatureAlgorithm.Sm2Sm3, h.SignatureAlgorithm);
        Assert.Equal(ErrorCode.None, h.Verify(storage, 0, trust, Engine, new Sha256()));
        var tampered = (byte[])signed.Clone();
        tampered[^1] ^= 1; // the signature's last byte
        var ts = new ArrayBlockStorage(tampered);
        Assert.Equal(ErrorCode.None, RevocationListHeader.Read(ts, 0, tampered.Length, out var th));
        Assert.Equal(ErrorCode.BadSignature, th.Verify(ts, 0, trust, Engine, new Sha256()));
    }
}
