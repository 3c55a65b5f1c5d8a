using System.Security.Cryptography;
using Handheld.Sdk.Records;

namespace Handheld.Sdk.Tests.Store;

/// <summary>Genuinely sealed inspections for store tests: <c>n - KeptApart</c> chained records of one device spread
/// over January 2026 (CST), imported verified, and <see cref="KeptApart"/> records of a second device whose key the
/// importer does not have (kept apart: decodable and dated, never counted).</summary>
internal static class StoreSamples
{
    public const int KeptApart = 10;
    public const string Device = "5A4D0000000000000000000000000001";
    public const string UnknownKeyDevice = "5A4D0000000000000000000000000002";
    public static readonly byte[] Key = SHA256.HashData("store-samples-key"u8.ToArray());

    public static void Fill(IRecordStore store, int n)
    {
        var importer = new RecordImporter(store, new RecordCodecVerifier(new Dictionary<string, byte[]> { [Device] = Key }));
        var good = new SyntheticInspections(Device, Key, seed: 4) { StartUnix = 1_767_196_800, SecondsApart = 6_000 }; // 2026-01-01T00:00+08:00
        using (store.LockDevice(Device))
        {
            for (int s = 1; s <= n - KeptApart; s++)
            {
                if (importer.Import(Device, 1, s, good.Next()) != ImportOutcome.Stored) throw new InvalidOperationException("sample " + s + " not stored");
            }
        }
        var other = new SyntheticInspections(UnknownKeyDevice, SHA256.HashData("other"u8.ToArray()), seed: 5) { StartUnix = 1_767_200_000, SecondsApart = 50_000 };
        for (int s = 1; s <= KeptApart; s++)
        {
            if (importer.Import(UnknownKeyDevice, 1, s, other.Next()) != ImportOutcome.Rejected) throw new InvalidOperationException("sample " + s + " not kept apart");
        }
    }
}
