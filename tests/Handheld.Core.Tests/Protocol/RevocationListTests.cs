using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Protocol;

public class RevocationListTests
{
    private static (RevocationIndex Index, int Length, HashSet<long> Members) Build(int n, int seed)
    {
        var rng = new Random(seed);
        var fps = new HashSet<long>();
        while (fps.Count < n) fps.Add(rng.NextInt64(1L << RevocationList.FingerprintBits));
        var key = TestLists.Key(3);
        var bytes = TestLists.Sign(key, RevocationList.EncodeUnsigned(1, 1_700_000_000, 86400, TestLists.KeyId(key), fps.ToArray()));
        var s = new ArrayBlockStorage(bytes);
        Assert.Equal(Handheld.Core.Protocol.ErrorCode.None, RevocationListHeader.Read(s, 0, bytes.Length, out var h));
        var idx = new RevocationIndex(new TestHash());
        idx.Attach(s, 0, h, null!, null!);
        return (idx, bytes.Length, fps);
    }

    [Fact]
    public void Encode_20000Entries_FitsIn64KiB()
    {
        var (_, length, _) = Build(20_000, 1);
        Assert.True(length <= 65_536, $"{length} bytes");
        Assert.Equal(RevocationList.EncodedLength(20_000, 64), length);
    }

    [Fact]
    public void ContainsFingerprint_EveryMember_Found()
    {
        var (idx, _, members) = Build(20_000, 2);
        Assert.All(members, m => Assert.True(idx.ContainsFingerprint(m)));
    }

    [Fact]
    public void ContainsFingerprint_RandomNonMembers_FalseHitRateBelowOnePerMillion()
    {
        // Expected rate n / 2^35 = 5.8e-7 per look-up; 2,000,000 look-ups expect 1.16 false hits.
        // P(Poisson(1.16) >= 7) < 1e-4, so more than 6 means the structure is worse than its budget.
        var (idx, _, members) = Build(20_000, 3);
        var rng = new Random(4);
        int hits = 0;
        for (int i = 0; i < 2_000_000; i++)
        {
            long fp = rng.NextInt64(1L << RevocationList.FingerprintBits);
            if (!members.Contains(fp) && idx.ContainsFingerprint(fp)) hits++;
        }
        Assert.True(hits <= 6, $"{hits} false hits in 2,000,000 look-ups");
    }

    [Fact]
    public void Read_TamperedIndex_RejectedAsBadList()
    {
        var key = TestLists.Key(3);
        var bytes = TestLists.Sign(key, RevocationList.EncodeUnsigned(1, 1, 1, TestLists.KeyId(key), [5L, 1L << 30]));
        bytes[RevocationList.IndexOffset + 2 * 100] = 0xFF; // bucket start beyond the entry count
        Assert.Equal(Handheld.Core.Protocol.ErrorCode.BadList, RevocationListHeader.Read(new ArrayBlockStorage(bytes), 0, bytes.Length, out _));
    }
}
