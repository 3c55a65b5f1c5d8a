using System.Security.Cryptography;
using Handheld.Core.Crypto;
using Handheld.Core.Trust;
using Handheld.Sdk.Device;
using Handheld.Sdk.Records;
using Handheld.Simulator.Link;

namespace Handheld.Sdk.Tests.Device;

internal static class DeviceTestKit
{
    public static ECDsa Key(int seed)
    {
        var d = SHA256.HashData(BitConverter.GetBytes(seed + 5000));
        d[0] &= 0x7F;
        return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
    }

    public static readonly ECDsa Root = Key(1);
    public static readonly ECDsa Issuer = Key(2);

    public static byte[] Sign(ECDsa key, byte[] tbs) => ListFormat.AppendSignature(tbs, SignatureAlgorithm.EcdsaP256Sha256,
        key.SignHash(SHA256.HashData(tbs), DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    public static byte[] KeyId(ECDsa k) => SHA256.HashData(k.ExportSubjectPublicKeyInfo())[..8];

    public static byte[] TrustList(uint version) => Sign(Root, TrustListCodec.EncodeUnsigned(new TrustList
    {
        Version = version, IssuedAtUnix = 1_750_000_000, LifetimeSeconds = 90 * 86400,
        Entries =
        [
            new TrustListEntry
            {
                KeyId = KeyId(Issuer), Algorithm = SignatureAlgorithm.EcdsaP256Sha256, Usage = TrustListEntry.UsageLicences | TrustListEntry.UsageRevocations,
                ValidFromUnix = 1_700_000_000, ValidUntilUnix = 1_900_000_000, Name = "test issuer", Provinces = [], Sectors = [],
                SubjectPublicKeyInfo = Issuer.ExportSubjectPublicKeyInfo(),
            },
        ],
    })!);

    public static long Fp(string s)
    {
        var b = System.Text.Encoding.UTF8.GetBytes(s);
        return RevocationList.Fingerprint(new HostHash256(), b, 0, b.Length, new byte[32]);
    }

    public static byte[] Revocations(uint version, IEnumerable<string> licences) =>
        Sign(Issuer, RevocationList.EncodeUnsigned(version, 1_750_000_000, 7 * 86400, KeyId(Issuer), licences.Select(Fp).ToArray())!);

    public static SimulatedDevice NewDevice(int records, int seed = 1)
    {
        var d = new SimulatedDevice(Root.ExportSubjectPublicKeyInfo());
        d.SetTime(1_750_000_000, Handheld.Core.Ports.ClockSource.AppSynced);
        d.ProvisionFromSeed(seed);
        d.AddSampleRecords(records, seed);
        return d;
    }

    public static IRecordVerifier Verifier(SimulatedDevice d) =>
        new RecordCodecVerifier(new Dictionary<string, byte[]> { [Convert.ToHexString(d.DeviceId)] = d.RecordKey });

    public static string TempDb() => Path.Combine(Path.GetTempPath(), "hh-" + Guid.NewGuid().ToString("N") + ".db");

    public static bool Revoked(SimulatedDevice d, string licence)
    {
        var b = System.Text.Encoding.UTF8.GetBytes(licence);
        return d.Lists.Revocations.IsRevoked(b, 0, b.Length, out _);
    }
}
