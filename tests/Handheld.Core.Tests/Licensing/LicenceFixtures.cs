using System.Security.Cryptography;
using Handheld.Core.Crypto;
using Handheld.Core.Licensing;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Licensing;

/// <summary>Shared test licences and signing (host .NET crypto signs; Core verifies).</summary>
internal static class LicenceFixtures
{
    public const string Number = "（鲁）JZ安许证字[2023]087974";
    // 2025-01-01T00:00:00Z: inside the sample licence's validity.
    public const long Now = 1735689600;

    public static Licence Sample() => new()
    {
        LicenceNumber = Number,
        EnterpriseName = "山东齐鲁建设工程集团有限公司",
        Uscc = "91350100M000100Y43",
        LegalRepresentative = "张建国",
        Address = "山东省济南市历下区经十路15888号齐鲁建设大厦18层",
        ScopeItems = ["建筑施工", "市政公用工程施工", "机电工程施工"],
        IssuingAuthority = "山东省住房和城乡建设厅",
        IssueDay = Day(2023, 6, 15),
        ValidFromDay = Day(2023, 6, 15),
        ValidUntilDay = Day(2026, 6, 14),
        Kind = LicenceKind.Regular,
        CreditGrade = 'A',
        Physical = new PhysicalProfile(FibreColours.Blue | FibreColours.Green, true, "JZ087974"),
    };

    public static int Day(int y, int m, int d) => new DateOnly(y, m, d).DayNumber - new DateOnly(1970, 1, 1).DayNumber;

    public static readonly RSA Rsa = RSA.Create(2048);
    public static readonly ECDsa Ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static SignatureAlgorithm AlgorithmOf(AsymmetricAlgorithm key) =>
        key is RSA ? SignatureAlgorithm.RsaPkcs1Sha256 : SignatureAlgorithm.EcdsaP256Sha256;

    public static byte[] Tbs(Licence licence, AsymmetricAlgorithm key)
    {
        Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryEncode(licence, out var payload));
        return LicenceEnvelope.BuildTbs(AlgorithmOf(key), KeyIdentifier.Compute(key.ExportSubjectPublicKeyInfo()), payload);
    }

    public static byte[] Sign(byte[] tbs, AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => rsa.SignData(tbs, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        ECDsa ec => ec.SignData(tbs, HashAlgorithmName.SHA256),
        _ => throw new ArgumentException("key"),
    };

    public static string Issue(Licence licence, AsymmetricAlgorithm key)
    {
        var tbs = Tbs(licence, key);
        return LicenceEnvelope.BuildText(tbs, Sign(tbs, key));
    }

    public static TrustedKey Key(AsymmetricAlgorithm key, string[]? provinces = null, string[]? sectors = null,
        long from = 0, long until = 4102444800)
    {
        var spki = key.ExportSubjectPublicKeyInfo();
        return new TrustedKey(KeyIdentifier.Compute(spki), AlgorithmOf(key), spki, from, until, provinces!, sectors!, "test");
    }

    /// <summary>A fresh store (managed engine) holding the key, with list info valid around <see cref="Now"/>.</summary>
    public static TrustStore Store(params TrustedKey[] keys)
    {
        var store = new TrustStore(new ManagedSignatureEngine(), 8);
        foreach (var k in keys)
        {
            Assert.True(store.TryAdd(k));
        }
        store.SetListInfo(1, Now - 86400, Now + 86400 * 30);
        return store;
    }
}
