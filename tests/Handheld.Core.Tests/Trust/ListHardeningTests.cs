using System.Security.Cryptography;
using Handheld.Core.Crypto;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;
using Handheld.Core.Tests.Protocol;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Trust;

/// <summary>Issue 15 items 1, 2 and 8 (pushed lists): structure, scope and entry checks on the device.</summary>
public class ListHardeningTests
{
    private static readonly ECDsa National = TestLists.Key(20);
    private static readonly ECDsa Shandong = TestLists.Key(21);
    private static readonly ECDsa Jiangsu = TestLists.Key(22);

    private static TrustListEntry Entry(ECDsa key, string name, string[] provinces, string[] sectors) => new()
    {
        KeyId = TestLists.KeyId(key), Algorithm = SignatureAlgorithm.EcdsaP256Sha256,
        Usage = TrustListEntry.UsageLicences | TrustListEntry.UsageRevocations,
        ValidFromUnix = 1_600_000_000, ValidUntilUnix = 2_000_000_000, Name = name,
        Provinces = provinces, Sectors = sectors, SubjectPublicKeyInfo = key.ExportSubjectPublicKeyInfo(),
    };

    private static TrustList List(uint version, params TrustListEntry[] entries) => new()
    {
        Version = version, IssuedAtUnix = 1_700_000_000, LifetimeSeconds = 90 * 86400, Entries = entries,
    };

    private static byte[] Signed(HandlerFixture f, TrustList list) => TestLists.Sign(f.Root, TrustListCodec.EncodeUnsigned(list));

    private static byte[] ThreeIssuers(HandlerFixture f) => Signed(f, List(1,
        Entry(National, "应急管理部", [], []),
        Entry(Shandong, "山东省应急管理厅", ["鲁"], []),
        Entry(Jiangsu, "江苏省应急管理厅", ["苏"], [])));

    private static byte Push(HandlerFixture f, byte kind, byte[] list)
    {
        var w = new PayloadWriter(40);
        w.U8(kind); w.U32((uint)list.Length); w.Bytes(SHA256.HashData(list), 0, 32);
        var (t, p) = f.Request(MessageType.ListBegin, w.ToArray());
        if (t == MessageType.Error) return p[0];
        for (int staged = 0; staged < list.Length;)
        {
            int n = Math.Min(150, list.Length - staged);
            var c = new PayloadWriter(n + 5);
            c.U8(kind); c.U32((uint)staged); c.Bytes(list, staged, n);
            (t, p) = f.Request(MessageType.ListChunk, c.ToArray());
            if (t == MessageType.Error) return p[0];
            staged = (int)LittleEndian.ReadU32(p, 1);
        }
        (t, p) = f.Request(MessageType.ListCommit, [kind]);
        return t == MessageType.Error ? p[0] : ErrorCode.None;
    }

    // --- 1. bucket order -------------------------------------------------------------------------------------

    /// <summary>Two fingerprints in the same bucket, swapped so the bucket descends: the binary search would
    /// then miss one of them, so the structure check refuses the list.</summary>
    [Fact]
    public void Read_RemaindersDescendingInsideBucket_RefusedBadList()
    {
        long a = (5L << 24) | 0x000100, b = (5L << 24) | 0x000200;
        var tbs = RevocationList.EncodeUnsigned(1, 1_700_000_000, 86400, TestLists.KeyId(National), [a, b]);
        int e = RevocationList.EntriesOffset;
        for (int i = 0; i < 3; i++) (tbs[e + i], tbs[e + 3 + i]) = (tbs[e + 3 + i], tbs[e + i]);
        var bytes = TestLists.Sign(National, tbs);
        Assert.Equal(ErrorCode.BadList, RevocationListHeader.Read(new ArrayBlockStorage(bytes), 0, bytes.Length, out _));
    }

    [Fact]
    public void Read_EqualRemaindersInsideBucket_RefusedBadList()
    {
        long a = (9L << 24) | 0x000100, b = (9L << 24) | 0x000200;
        var tbs = RevocationList.EncodeUnsigned(1, 1_700_000_000, 86400, TestLists.KeyId(National), [a, b]);
        int e = RevocationList.EntriesOffset;
        for (int i = 0; i < 3; i++) tbs[e + 3 + i] = tbs[e + i];
        var bytes = TestLists.Sign(National, tbs);
        Assert.Equal(ErrorCode.BadList, RevocationListHeader.Read(new ArrayBlockStorage(bytes), 0, bytes.Length, out _));
    }

    [Fact]
    public void Read_DescendingAcrossBucketBoundary_Accepted()
    {
        // The last entry of bucket 3 is larger than the first of bucket 4: order only holds inside a bucket.
        long a = (3L << 24) | 0xFFFFF0, b = (4L << 24) | 0x000001;
        var bytes = TestLists.Sign(National, RevocationList.EncodeUnsigned(1, 1_700_000_000, 86400, TestLists.KeyId(National), [a, b]));
        Assert.Equal(ErrorCode.None, RevocationListHeader.Read(new ArrayBlockStorage(bytes), 0, bytes.Length, out _));
    }

    [Fact]
    public void Read_ReservedByteSet_RefusedBadList()
    {
        var tbs = RevocationList.EncodeUnsigned(1, 1_700_000_000, 86400, TestLists.KeyId(National), [1L, 2L]);
        tbs[7] = 1;
        var bytes = TestLists.Sign(National, tbs);
        Assert.Equal(ErrorCode.BadList, RevocationListHeader.Read(new ArrayBlockStorage(bytes), 0, bytes.Length, out _));
    }

    // --- 2. issuer scope -------------------------------------------------------------------------------------

    [Fact]
    public void Commit_ProvincialListReplacingNationalList_RefusedScopeNarrower()
    {
        var f = new HandlerFixture();
        Assert.Equal(ErrorCode.None, Push(f, ListFormat.KindTrust, ThreeIssuers(f)));
        Assert.Equal(ErrorCode.None, Push(f, ListFormat.KindRevocation, TestLists.RevocationList(National, 1, ["（鲁）JZ安许证字[2023]000001"])));
        Assert.Equal(ErrorCode.ScopeNarrower, Push(f, ListFormat.KindRevocation, TestLists.RevocationList(Shandong, 2, [])));
        Assert.Equal(1, f.Lists.Revocations.ListVersion);
    }

    [Fact]
    public void Commit_OtherProvinceReplacingProvincialList_RefusedScopeNarrower()
    {
        var f = new HandlerFixture();
        Push(f, ListFormat.KindTrust, ThreeIssuers(f));
        Assert.Equal(ErrorCode.None, Push(f, ListFormat.KindRevocation, TestLists.RevocationList(Shandong, 1, ["x"])));
        Assert.Equal(ErrorCode.ScopeNarrower, Push(f, ListFormat.KindRevocation, TestLists.RevocationList(Jiangsu, 2, [])));
        Assert.Equal(ErrorCode.None, Push(f, ListFormat.KindRevocation, TestLists.RevocationList(National, 3, ["x"])));
        Assert.Equal(3, f.Lists.Revocations.ListVersion);
    }

    [Theory]
    [InlineData("鲁", "JZ", true)]
    [InlineData("苏", "JZ", false)]
    [InlineData(null, null, false)] // an unparsed number is outside any restricted scope
    public void Covers_ProvincialList_OnlyItsProvince(string? province, string? sector, bool covered)
    {
        var f = new HandlerFixture();
        Push(f, ListFormat.KindTrust, ThreeIssuers(f));
        Push(f, ListFormat.KindRevocation, TestLists.RevocationList(Shandong, 1, ["x"]));
        Assert.Equal(covered, f.Lists.Revocations.Covers(province!, sector!));
    }

    [Fact]
    public void Covers_NationalList_Everything()
    {
        var f = new HandlerFixture();
        Push(f, ListFormat.KindTrust, ThreeIssuers(f));
        Push(f, ListFormat.KindRevocation, TestLists.RevocationList(National, 1, ["x"]));
        Assert.True(f.Lists.Revocations.Covers("苏", "JZ"));
        Assert.True(f.Lists.Revocations.Covers(null!, null!));
    }

    [Fact]
    public void Load_AfterReboot_KeepsScopeOfListInForce()
    {
        var f = new HandlerFixture();
        Push(f, ListFormat.KindTrust, ThreeIssuers(f));
        Push(f, ListFormat.KindRevocation, TestLists.RevocationList(Shandong, 1, ["x"]));
        var again = new ListUpdater(new SignedListStore(f.TrustFlash, new TestHash()), new SignedListStore(f.RevocationFlash, new TestHash()),
            new TestEngine(), new TestHash(), SignatureAlgorithm.EcdsaP256Sha256, f.Root.ExportSubjectPublicKeyInfo());
        Assert.True(again.Revocations.Covers("鲁", "JZ"));
        Assert.False(again.Revocations.Covers("苏", "JZ"));
    }

    // --- 8. pushed trust list checks -------------------------------------------------------------------------

    [Fact]
    public void Commit_KeyIdNotHashOfKey_RefusedBadList()
    {
        var f = new HandlerFixture();
        var e = Entry(Shandong, "wrong id", [], []);
        e.KeyId = TestLists.KeyId(Jiangsu);
        Assert.Equal(ErrorCode.BadList, Push(f, ListFormat.KindTrust, Signed(f, List(1, e))));
        Assert.Null(f.Lists.TrustList);
    }

    [Fact]
    public void Commit_AlgorithmCodeNotTheKeysType_RefusedBadList()
    {
        var f = new HandlerFixture();
        var e = Entry(Shandong, "EC key labelled RSA", [], []);
        e.Algorithm = SignatureAlgorithm.RsaPkcs1Sha256;
        Assert.Equal(ErrorCode.BadList, Push(f, ListFormat.KindTrust, Signed(f, List(1, e))));
    }

    [Fact]
    public void Commit_DuplicateKey_RefusedBadList()
    {
        var f = new HandlerFixture();
        Assert.Equal(ErrorCode.BadList, Push(f, ListFormat.KindTrust,
            Signed(f, List(1, Entry(Shandong, "a", [], []), Entry(Shandong, "b", [], [])))));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Parse_ReservedHeaderByteSet_RefusedBadList(int at)
    {
        var tbs = TrustListCodec.EncodeUnsigned(List(1, Entry(Shandong, "a", [], [])));
        tbs[at] = 1;
        var bytes = TestLists.Sign(TestLists.Key(1), tbs);
        Assert.Equal(ErrorCode.BadList, TrustListCodec.Parse(bytes, 0, bytes.Length, out _));
    }

    [Fact]
    public void Commit_EmptyTrustList_RefusedBadList()
    {
        var f = new HandlerFixture();
        Assert.Equal(ErrorCode.BadList, Push(f, ListFormat.KindTrust, Signed(f, List(1))));
    }

    [Fact]
    public void Commit_TrustListAlreadyStaleAtSetClock_RefusedStaleList()
    {
        var f = new HandlerFixture { Unix = 1_700_000_000 + 90L * 86400, Source = ClockSource.AppSynced };
        Assert.Equal(ErrorCode.StaleList, Push(f, ListFormat.KindTrust, ThreeIssuers(f)));
        Assert.Null(f.Lists.TrustList);
    }

    [Fact]
    public void Commit_RevocationListAlreadyStaleAtSetClock_RefusedStaleList()
    {
        var f = new HandlerFixture { Unix = 1_700_000_000, Source = ClockSource.AppSynced };
        Push(f, ListFormat.KindTrust, ThreeIssuers(f));
        f.Unix = 1_700_000_000 + 7L * 86400;
        Assert.Equal(ErrorCode.StaleList, Push(f, ListFormat.KindRevocation, TestLists.RevocationList(National, 1, ["x"])));
        Assert.False(f.Lists.Revocations.IsLoaded);
    }

    [Fact]
    public void Commit_ClockUnset_FreshnessLeftToTheVerdict()
    {
        var f = new HandlerFixture();
        Assert.Equal(ErrorCode.None, Push(f, ListFormat.KindTrust, ThreeIssuers(f)));
    }
}
