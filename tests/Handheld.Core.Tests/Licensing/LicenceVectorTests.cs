using System.Globalization;
using System.Security.Cryptography;
using Handheld.Core.Crypto;
using Handheld.Core.Licensing;
using Handheld.Core.Ports;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Licensing;

/// <summary>The shared vectors in tests/TestData/licences (also meant for the nanoFramework test project).</summary>
public class LicenceVectorTests
{
    private static readonly string Dir = FindDir();

    public static TheoryData<string, string, string, string> Vectors()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(Dir, "vectors.csv")))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var f = line.Split(',');
            data.Add(f[0], f[1], f[2], f[3]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Verify_Vector_GivesExpectedStatus(string qrFile, string keyFile, string instant, string expected)
    {
        var pem = File.ReadAllText(Path.Combine(Dir, keyFile));
        var spki = Convert.FromBase64String(pem[PemEncoding.Find(pem).Base64Data]);
        var alg = keyFile.Contains("rsa") ? SignatureAlgorithm.RsaPkcs1Sha256
            : keyFile.Contains("sm2") ? SignatureAlgorithm.Sm2Sm3 : SignatureAlgorithm.EcdsaP256Sha256;
        var store = new TrustStore(new ManagedSignatureEngine(), 2);
        Assert.True(store.TryAdd(new TrustedKey(KeyIdentifier.Compute(spki), alg, spki, 0, long.MaxValue, null!, null!, keyFile)));
        store.MarkNoExpiry();
        var text = File.ReadAllText(Path.Combine(Dir, qrFile)).TrimEnd('\n', '\r');
        long at = DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture).ToUnixTimeSeconds();
        var result = new LicenceVerifier(store, null).Verify(text, at, ClockSource.AppSynced);
        Assert.Equal(expected, LicenceStatusNames.Get(result.Status));
    }

    private static string FindDir()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !Directory.Exists(Path.Combine(d.FullName, "tests", "TestData", "licences")))
        {
            d = d.Parent;
        }
        return Path.Combine(d!.FullName, "tests", "TestData", "licences");
    }
}
