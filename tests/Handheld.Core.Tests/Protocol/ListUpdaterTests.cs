using System.Security.Cryptography;
using Handheld.Core.Protocol;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Protocol;

public class ListUpdaterTests
{
    private static readonly System.Security.Cryptography.ECDsa Issuer = TestLists.Key(2);

    private static byte Push(HandlerFixture f, byte kind, byte[] list, int stopAfter = int.MaxValue)
    {
        var w = new PayloadWriter(40);
        w.U8(kind); w.U32((uint)list.Length); w.Bytes(SHA256.HashData(list), 0, 32);
        var (t, p) = f.Request(MessageType.ListBegin, w.ToArray());
        if (t == MessageType.Error) return p[0];
        int staged = (int)LittleEndian.ReadU32(p, 1);
        while (staged < list.Length && staged < stopAfter)
        {
            int n = Math.Min(100, list.Length - staged);
            var c = new PayloadWriter(n + 5);
            c.U8(kind); c.U32((uint)staged); c.Bytes(list, staged, n);
            (t, p) = f.Request(MessageType.ListChunk, c.ToArray());
            if (t == MessageType.Error) return p[0];
            staged = (int)LittleEndian.ReadU32(p, 1);
        }
        if (staged < list.Length) return ErrorCode.Incomplete;
        (t, p) = f.Request(MessageType.ListCommit, [kind]);
        return t == MessageType.Error ? p[0] : ErrorCode.None;
    }

    [Fact]
    public void Commit_TrustListSignedByRoot_Applied()
    {
        var f = new HandlerFixture();
        Assert.Equal(ErrorCode.None, Push(f, ListFormat.KindTrust, TestLists.TrustList(f.Root, 3, Issuer)));
        Assert.Equal(3u, f.Lists.TrustListVersion);
        Assert.Equal("应急管理厅 test issuer", f.Lists.TrustList!.Entries[0].Name);
    }

    [Fact]
    public void Commit_TrustListSignedByOtherKey_RefusedBadSignature()
    {
        var f = new HandlerFixture();
        Assert.Equal(ErrorCode.BadSignature, Push(f, ListFormat.KindTrust, TestLists.TrustList(TestLists.Key(9), 3, Issuer)));
        Assert.Null(f.Lists.TrustList);
    }

    [Fact]
    public void Commit_LowerOrEqualVersion_RefusedRollback()
    {
        var f = new HandlerFixture();
        Push(f, ListFormat.KindTrust, TestLists.TrustList(f.Root, 5, Issuer));
        Assert.Equal(ErrorCode.Rollback, Push(f, ListFormat.KindTrust, TestLists.TrustList(f.Root, 4, Issuer)));
        Assert.Equal(ErrorCode.Rollback, Push(f, ListFormat.KindTrust, TestLists.TrustList(f.Root, 5, Issuer, issuedAt: 1_700_000_001)));
        Assert.Equal(5u, f.Lists.TrustListVersion);
    }

    [Fact]
    public void Commit_RevocationListFromIssuerInTrustList_AppliedAndHitNamesVersion()
    {
        var f = new HandlerFixture();
        Push(f, ListFormat.KindTrust, TestLists.TrustList(f.Root, 1, Issuer));
        Assert.Equal(ErrorCode.None, Push(f, ListFormat.KindRevocation, TestLists.RevocationList(Issuer, 7, ["A-1", "B-2", "C-3"])));
        var a = System.Text.Encoding.UTF8.GetBytes("B-2");
        Assert.True(f.Lists.Revocations.IsRevoked(a, 0, a.Length, out int v));
        Assert.Equal(7, v);
        var b = System.Text.Encoding.UTF8.GetBytes("B-3");
        Assert.False(f.Lists.Revocations.IsRevoked(b, 0, b.Length, out _));
    }

    [Fact]
    public void Commit_RevocationListFromUnknownIssuer_Refused()
    {
        var f = new HandlerFixture();
        Push(f, ListFormat.KindTrust, TestLists.TrustList(f.Root, 1, Issuer));
        Assert.Equal(ErrorCode.UnknownIssuer, Push(f, ListFormat.KindRevocation, TestLists.RevocationList(TestLists.Key(5), 1, ["X"])));
        Assert.False(f.Lists.Revocations.IsLoaded);
    }

    [Fact]
    public void Begin_SameListAfterDroppedLink_ResumesAtStagedOffset()
    {
        var f = new HandlerFixture();
        var list = TestLists.TrustList(f.Root, 2, Issuer);
        Assert.Equal(ErrorCode.Incomplete, Push(f, ListFormat.KindTrust, list, stopAfter: 100));
        f.Session.OnDisconnected();
        f.Session.Authenticated = true;
        var w = new PayloadWriter(40);
        w.U8(ListFormat.KindTrust); w.U32((uint)list.Length); w.Bytes(SHA256.HashData(list), 0, 32);
        var (_, p) = f.Request(MessageType.ListBegin, w.ToArray());
        Assert.Equal(100u, LittleEndian.ReadU32(p, 1));
        Assert.Equal(ErrorCode.None, Push(f, ListFormat.KindTrust, list));
    }

    [Fact]
    public void Load_AfterHalfStagedUpdate_KeepsPreviousList()
    {
        var f = new HandlerFixture();
        Push(f, ListFormat.KindTrust, TestLists.TrustList(f.Root, 1, Issuer));
        Push(f, ListFormat.KindTrust, TestLists.TrustList(f.Root, 2, Issuer), stopAfter: 100);
        // "Reboot": a new updater over the same flash.
        var again = new ListUpdater(new SignedListStore(f.TrustFlash, new TestHash()), new SignedListStore(f.RevocationFlash, new TestHash()),
            new TestEngine(), new TestHash(), Handheld.Core.Crypto.SignatureAlgorithm.EcdsaP256Sha256, f.Root.ExportSubjectPublicKeyInfo());
        Assert.Equal(1u, again.TrustListVersion);
    }

    [Fact]
    public void IsStaleAt_PastLifetime_TrueAndWithoutListAlwaysTrue()
    {
        var f = new HandlerFixture();
        Assert.True(f.Lists.Revocations.IsStaleAt(1_700_000_000));
        Push(f, ListFormat.KindTrust, TestLists.TrustList(f.Root, 1, Issuer));
        Push(f, ListFormat.KindRevocation, TestLists.RevocationList(Issuer, 1, ["X"], issuedAt: 1_700_000_000, lifetime: 3600));
        Assert.False(f.Lists.Revocations.IsStaleAt(1_700_000_000 + 3599));
        Assert.True(f.Lists.Revocations.IsStaleAt(1_700_000_000 + 3600));
        Assert.True(f.Lists.TrustList!.IsStaleAt(1_700_000_000 + 91L * 86400));
    }
}
