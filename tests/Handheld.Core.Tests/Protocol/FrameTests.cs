using Handheld.Core.Checksums;
using Handheld.Core.Protocol;

namespace Handheld.Core.Tests.Protocol;

public class FrameTests
{
    private static List<byte[]> Chunks(byte type, int id, byte[] payload, int mtu)
    {
        var m = Frame.EncodeMessage(type, id, payload, 0, payload.Length);
        int size = Frame.ChunkSizeForMtu(mtu);
        var list = new List<byte[]>();
        var c = new byte[size];
        for (int i = 0; i < Frame.ChunkCount(m.Length, size); i++)
        {
            int n = Frame.WriteChunk(m, m.Length, size, i, c);
            list.Add(c.AsSpan(0, n).ToArray());
        }
        return list;
    }

    [Fact]
    public void Crc32_CheckString_MatchesIeeeValue()
    {
        var b = "123456789"u8.ToArray();
        Assert.Equal(0xCBF43926u, Crc32.Compute(b, 0, b.Length));
    }

    [Theory]
    [InlineData(23, 0)]
    [InlineData(23, 1)]
    [InlineData(23, 500)]
    [InlineData(185, 181)]
    [InlineData(185, 4096)]
    [InlineData(247, 3000)]
    public void Feed_ChunkedMessage_ReassemblesExactly(int mtu, int length)
    {
        var payload = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        var chunks = Chunks(0x10, 0xBEEF, payload, mtu);
        Assert.All(chunks, c => Assert.True(c.Length <= mtu - 3));
        var a = new FrameAssembler();
        for (int i = 0; i < chunks.Count; i++)
        {
            var r = a.Feed(chunks[i], 0, chunks[i].Length);
            Assert.Equal(i == chunks.Count - 1 ? FrameResult.Message : FrameResult.Pending, r);
        }
        Assert.Equal(0x10, a.MessageType);
        Assert.Equal(0xBEEF, a.RequestId);
        Assert.Equal(payload, a.Buffer.AsSpan(Frame.HeaderLength, a.PayloadLength).ToArray());
    }

    [Fact]
    public void Feed_CorruptedByte_ReportsBadCrcThenRecovers()
    {
        var a = new FrameAssembler();
        var bad = Chunks(0x01, 7, [1, 2, 3], 23)[0];
        bad[8] ^= 0x40;
        Assert.Equal(FrameResult.Error, a.Feed(bad, 0, bad.Length));
        Assert.Equal(ErrorCode.BadCrc, a.ErrorCode);
        Assert.Equal(7, a.RequestId);
        var good = Chunks(0x01, 8, [1, 2, 3], 23)[0];
        Assert.Equal(FrameResult.Message, a.Feed(good, 0, good.Length));
    }

    [Fact]
    public void Feed_ContinuationWithoutStart_ReportsOutOfSequence()
    {
        var a = new FrameAssembler();
        Assert.Equal(FrameResult.Error, a.Feed([0x01, 1, 2, 3], 0, 4));
        Assert.Equal(ErrorCode.OutOfSequence, a.ErrorCode);
    }

    [Fact]
    public void Feed_SkippedChunk_ReportsOutOfSequence()
    {
        var chunks = Chunks(0x21, 3, new byte[100], 23);
        var a = new FrameAssembler();
        a.Feed(chunks[0], 0, chunks[0].Length);
        Assert.Equal(FrameResult.Error, a.Feed(chunks[2], 0, chunks[2].Length));
        Assert.Equal(ErrorCode.OutOfSequence, a.ErrorCode);
        Assert.Equal(3, a.RequestId);
    }

    [Fact]
    public void Feed_DeclaredLengthAboveLimit_ReportsTooLargeWithoutBuffering()
    {
        var a = new FrameAssembler();
        byte[] h = [0x80, 1, 0x10, 9, 0, 0x01, 0x10]; // length 0x1001 = 4097
        Assert.Equal(FrameResult.Error, a.Feed(h, 0, h.Length));
        Assert.Equal(ErrorCode.TooLarge, a.ErrorCode);
        Assert.Equal(9, a.RequestId);
    }

    [Fact]
    public void Feed_OtherProtocolVersion_ReportsUnsupportedVersion()
    {
        var a = new FrameAssembler();
        byte[] h = [0x80, 2, 0x01, 5, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal(FrameResult.Error, a.Feed(h, 0, h.Length));
        Assert.Equal(ErrorCode.UnsupportedVersion, a.ErrorCode);
    }

    [Fact]
    public void Feed_ExtraBytesAfterMessage_ReportsMalformedFrame()
    {
        var c = Chunks(0x01, 1, [], 23)[0].Concat(new byte[] { 0xAA }).ToArray();
        var a = new FrameAssembler();
        Assert.Equal(FrameResult.Error, a.Feed(c, 0, c.Length));
        Assert.Equal(ErrorCode.MalformedFrame, a.ErrorCode);
    }
}
