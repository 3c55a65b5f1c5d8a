using System.Security.Cryptography;
using Handheld.Core.Protocol;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Protocol;

/// <summary>Decisions of docs/ble-protocol.md §10 (revision 1.2) that describe existing behaviour, each pinned here.</summary>
public class SpecDecisionTests
{
    [Fact]
    public void StrayContinuationBeforeAnyHeader_ErrorCarriesRequestIdZeroAndRequestTypeZero()
    {
        var f = new HandlerFixture(mtu: 23);
        var m = Frame.EncodeMessage(MessageType.SyncRead, 7, new byte[40], 0, 40);
        int size = Frame.ChunkSizeForMtu(23);
        var c = new byte[size];
        int n = Frame.WriteChunk(m, m.Length, size, 1, c); // chunk 1 with no chunk 0 before it: no header is known
        f.Session.OnChunk(c, 0, n);
        var r = Assert.Single(f.Output.Messages);
        Assert.Equal(MessageType.Error, r.Type);
        Assert.Equal(ErrorCode.OutOfSequence, r.Payload[0]);
        Assert.Equal(0, r.Id);
        Assert.Equal(0, r.Payload[1]);
    }

    [Fact]
    public void SyncRead_MaxBytesSmallerThanOneRecord_TooLarge()
    {
        var f = new HandlerFixture();
        f.AddRecords(2);
        var w = new PayloadWriter(8);
        w.U32(1); w.U16(0); w.U16(8); // 8 bytes cannot hold the first record
        var (t, p) = f.Request(MessageType.SyncRead, w.ToArray());
        Assert.Equal(MessageType.Error, t);
        Assert.Equal(ErrorCode.TooLarge, p[0]);
        // 0 means 4096: the same request with maxBytes 0 is served.
        var w0 = new PayloadWriter(8);
        w0.U32(1); w0.U16(0); w0.U16(0);
        Assert.Equal(0x90, f.Request(MessageType.SyncRead, w0.ToArray()).Type);
    }

    [Fact]
    public void ListChunk_PastTotalLength_BadOffsetAndStagingKept()
    {
        var f = new HandlerFixture();
        var list = new byte[50];
        var b = new PayloadWriter(40);
        b.U8(ListFormat.KindTrust); b.U32((uint)list.Length); b.Bytes(SHA256.HashData(list), 0, 32);
        Assert.NotEqual(MessageType.Error, f.Request(MessageType.ListBegin, b.ToArray()).Type);
        var c = new PayloadWriter(70);
        c.U8(ListFormat.KindTrust); c.U32(0); c.Bytes(new byte[60], 0, 60); // 60 bytes of a 50-byte list
        var (t, p) = f.Request(MessageType.ListChunk, c.ToArray());
        Assert.Equal(MessageType.Error, t);
        Assert.Equal(ErrorCode.BadOffset, p[0]);
        // Staging kept (§10.4): the announced bytes still go in from offset 0.
        var ok = new PayloadWriter(60);
        ok.U8(ListFormat.KindTrust); ok.U32(0); ok.Bytes(list, 0, 50);
        var (t2, p2) = f.Request(MessageType.ListChunk, ok.ToArray());
        Assert.NotEqual(MessageType.Error, t2);
        Assert.Equal(50u, LittleEndian.ReadU32(p2, 1));
    }
}
