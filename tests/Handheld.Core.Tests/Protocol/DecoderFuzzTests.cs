using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Handheld.Core.Protocol;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Protocol;

/// <summary>Property tests: decoders fed arbitrary bytes never throw, never hang and never allocate beyond
/// their fixed limits (the assembler's buffer is fixed; payload decoders allocate at most the input size).</summary>
public class DecoderFuzzTests
{
    [Property(MaxTest = 300)]
    public bool FrameAssembler_ArbitraryChunks_NeverThrowsAndRecovers(byte[][] chunks)
    {
        var a = new FrameAssembler();
        foreach (var c in chunks)
        {
            if (c == null) continue;
            var r = a.Feed(c, 0, c.Length);
            if (r == FrameResult.Message && a.PayloadLength > Frame.MaxPayload) return false;
        }
        // After any garbage a well-formed message still gets through.
        var m = Frame.EncodeMessage(1, 42, [9], 0, 1);
        var chunk = new byte[m.Length + 1];
        int n = Frame.WriteChunk(m, m.Length, chunk.Length, 0, chunk);
        return a.Feed(chunk, 0, n) == FrameResult.Message && a.RequestId == 42;
    }

    [Property(MaxTest = 300)]
    public bool FrameAssembler_MutatedValidMessage_NeverYieldsWrongPayload(byte[] payload, int position, byte xor)
    {
        payload ??= [];
        if (payload.Length > 300) payload = payload[..300];
        var m = Frame.EncodeMessage(0x10, 1, payload, 0, payload.Length);
        int p = (int)((uint)position % (uint)m.Length);
        if (xor == 0) xor = 1;
        m[p] ^= xor;
        var chunk = new byte[m.Length + 1];
        int n = Frame.WriteChunk(m, m.Length, chunk.Length, 0, chunk);
        var a = new FrameAssembler();
        // A single corrupted byte is always detected (CRC-32 detects every burst up to 32 bits) unless it hits
        // the length field, which then fails on length, not on content.
        return a.Feed(chunk, 0, n) != FrameResult.Message;
    }

    [Property(MaxTest = 500)]
    public void PayloadDecoders_ArbitraryBytes_NeverThrow(byte[] data)
    {
        data ??= [];
        DeviceInfo.Decode(data, 0, data.Length);
        SyncBatch.Decode(data, 0, data.Length);
        InspectionEvent.Decode(data, 0, data.Length);
        TrustListCodec.Parse(data, 0, data.Length, out _);
        Handheld.Core.Text.Utf8.Decode(data, 0, data.Length);
        var s = new ArrayBlockStorage((byte[])data.Clone());
        RevocationListHeader.Read(s, 0, data.Length, out _);
    }

    [Property(MaxTest = 300)]
    public void RequestHandler_ArbitraryRequests_AnswerEveryOneWithoutThrowing(byte type, byte[] payload)
    {
        payload ??= [];
        var f = new HandlerFixture();
        var m = Frame.EncodeMessage(type, 5, payload, 0, Math.Min(payload.Length, 4096));
        var chunk = new byte[m.Length + 1];
        int n = Frame.WriteChunk(m, m.Length, chunk.Length, 0, chunk);
        f.Session.OnChunk(chunk, 0, n);
        Assert.NotEmpty(f.Output.Messages);
    }

    [Fact]
    public void PayloadReader_LengthPrefixBeyondEnd_FailsWithoutAllocating()
    {
        // A 16-bit length of 65535 with 3 bytes following must not allocate 65535 bytes.
        var r = new PayloadReader([0xFF, 0xFF, 1, 2, 3], 0, 5);
        Assert.Null(r.Bytes(r.U16()));
        Assert.False(r.Ok);
    }
}
