using Handheld.Core.Inspection;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;

namespace Handheld.Core.Tests.Protocol;

/// <summary>Issue 15 items 6 and 7: one error per bad message, chunk bound, idle timeouts, per-connection security, pairing reset.</summary>
public class LinkHardeningTests
{
    private sealed class Ticks : IMonotonicClock, IDelay
    {
        public long NowMs { get; set; }
        public Action? OnWait;
        public void WaitMs(int milliseconds) { NowMs += milliseconds; OnWait?.Invoke(); }
    }

    private static List<byte[]> Chunks(byte[] message, int mtu)
    {
        int size = Frame.ChunkSizeForMtu(mtu);
        var list = new List<byte[]>();
        var c = new byte[size];
        for (int i = 0; i < Frame.ChunkCount(message.Length, size); i++)
        {
            int n = Frame.WriteChunk(message, message.Length, size, i, c);
            list.Add(c.AsSpan(0, n).ToArray());
        }
        return list;
    }

    [Fact]
    public void OversizeMessageAtMtu23_DrawsOneTooLarge_NotOnePerContinuationChunk()
    {
        var f = new HandlerFixture(mtu: 23);
        // A message declaring 4097 bytes and carrying them: 4107 bytes = 217 chunks of 19 at MTU 23.
        var m = new byte[Frame.Overhead + 4097];
        m[0] = Frame.ProtocolVersion;
        m[1] = MessageType.GetInfo;
        m[2] = 9;
        m[4] = 0x01; m[5] = 0x10; // 4097 little-endian
        var chunks = Chunks(m, 23);
        Assert.Equal(217, chunks.Count);
        foreach (var c in chunks) f.Session.OnChunk(c, 0, c.Length);
        Assert.Single(f.Output.Messages);
        Assert.Equal(MessageType.Error, f.Output.Messages[0].Type);
        Assert.Equal(ErrorCode.TooLarge, f.Output.Messages[0].Payload[0]);
        Assert.Equal(9, f.Output.Messages[0].Id);
        // The next message is served normally.
        Assert.Equal(0x81, f.Request(MessageType.GetInfo, []).Type);
    }

    [Fact]
    public void WrongIndex_OneOutOfSequence_RestOfThatMessageDroppedSilently()
    {
        var a = new FrameAssembler();
        var m = Frame.EncodeMessage(MessageType.SyncRead, 5, new byte[100], 0, 100);
        var chunks = Chunks(m, 23);
        Assert.Equal(FrameResult.Pending, a.Feed(chunks[0], 0, chunks[0].Length));
        Assert.Equal(FrameResult.Error, a.Feed(chunks[2], 0, chunks[2].Length));
        Assert.Equal(ErrorCode.OutOfSequence, a.ErrorCode);
        for (int i = 3; i < chunks.Count; i++) Assert.Equal(FrameResult.Pending, a.Feed(chunks[i], 0, chunks[i].Length));
        // A new first chunk resynchronises.
        FrameResult r = FrameResult.Pending;
        foreach (var c in chunks) r = a.Feed(c, 0, c.Length);
        Assert.Equal(FrameResult.Message, r);
    }

    [Fact]
    public void StrayContinuationsWithNoMessage_OneOutOfSequence()
    {
        var a = new FrameAssembler();
        Assert.Equal(FrameResult.Error, a.Feed([0x01, 1, 2], 0, 3));
        Assert.Equal(ErrorCode.OutOfSequence, a.ErrorCode);
        Assert.Equal(FrameResult.Pending, a.Feed([0x02, 1, 2], 0, 3));
    }

    [Fact]
    public void ChunkLongerThanTheLargestMtu_MalformedFrame_EvenOverTcp()
    {
        var a = new FrameAssembler();
        var m = Frame.EncodeMessage(MessageType.GetInfo, 1, [], 0, 0);
        var big = new byte[Frame.MaxChunkBytes + 1];
        big[0] = Frame.StartFlag;
        m.CopyTo(big, 1);
        Assert.Equal(FrameResult.Error, a.Feed(big, 0, big.Length));
        Assert.Equal(ErrorCode.MalformedFrame, a.ErrorCode);
        // A chunk longer than MTU − 3 but within 514 is accepted (TCP carries chunks as framed).
        var one = new byte[1 + m.Length];
        one[0] = Frame.StartFlag;
        m.CopyTo(one, 1);
        Assert.Equal(FrameResult.Message, new FrameAssembler().Feed(one, 0, one.Length));
    }

    [Fact]
    public void IdleTimer_SilentClient_ClosedAfter60s_IdleAfter300s_UnpairedAfter60sWhateverItSends()
    {
        var t = new LinkIdleTimer();
        t.Connected(1000);
        Assert.Equal(60_000, t.RemainingMs(1000, authenticated: true));
        Assert.True(t.RemainingMs(61_000, true) <= 0);
        t.Request(30_000);
        Assert.Equal(300_000 - 1, t.RemainingMs(30_001, true));
        Assert.True(t.RemainingMs(330_000, true) <= 0);
        // Unauthenticated: GetInfo every few seconds does not keep the link past connect + 60 s.
        Assert.True(t.RemainingMs(61_000, authenticated: false) <= 0);
        Assert.True(t.RemainingMs(60_999, authenticated: false) > 0);
    }

    [Fact]
    public void Session_WithClock_ExpiresWhenIdle_CompleteRequestsKeepItOpen_PartialChunksDoNot()
    {
        var ticks = new Ticks();
        var f = new HandlerFixture();
        var s = new LinkSession(f.Handler, f.Output, ticks) { Authenticated = true, Mtu = 23 };
        s.OnConnected();
        ticks.NowMs = 59_999;
        Assert.False(s.IdleExpired);
        var chunks = Chunks(Frame.EncodeMessage(MessageType.GetInfo, 1, [], 0, 0), 23);
        foreach (var c in chunks) s.OnChunk(c, 0, c.Length);
        ticks.NowMs = 59_999 + 299_999;
        Assert.False(s.IdleExpired);
        // A partial message (first chunk of a longer one) is not activity.
        var partial = Chunks(Frame.EncodeMessage(MessageType.ConfigGet, 2, new byte[40], 0, 40), 23)[0];
        s.OnChunk(partial, 0, partial.Length);
        ticks.NowMs += 1;
        Assert.True(s.IdleExpired);
        s.OnDisconnected();
        Assert.False(s.IdleExpired); // nothing to close until the next connection
        Assert.Equal(long.MaxValue, new LinkSession(f.Handler, f.Output).IdleRemainingMs);
    }

    [Fact]
    public void LinkSecurity_PairingOnOneConnection_DoesNotAuthenticateAnother()
    {
        var sec = new LinkSecurity();
        sec.Connected(7);
        Assert.False(sec.IsAuthenticated(7));
        sec.EncryptionChanged(7, encrypted: true, authenticatedKey: true, secureConnections: true);
        Assert.True(sec.IsAuthenticated(7));
        Assert.False(sec.IsAuthenticated(8)); // a write arriving on another connection
        sec.Disconnected(7);
        Assert.False(sec.IsAuthenticated(7));
        // Next central: the global "a phone is paired" state no longer carries over.
        sec.Connected(8);
        Assert.False(sec.IsAuthenticated(8));
        sec.EncryptionChanged(9, true, true, true); // event for a connection that is not current
        Assert.False(sec.IsAuthenticated(8));
    }

    [Theory]
    [InlineData(true, false, true)]  // Just Works key: no MITM protection
    [InlineData(true, true, false)]  // legacy pairing
    [InlineData(false, true, true)]  // pairing failed
    public void LinkSecurity_WeakOrFailedEncryption_NotAuthenticated(bool encrypted, bool authKey, bool sc)
    {
        var sec = new LinkSecurity();
        sec.Connected(1);
        sec.EncryptionChanged(1, true, true, true);
        sec.EncryptionChanged(1, encrypted, authKey, sc);
        Assert.False(sec.IsAuthenticated(1));
    }

    private sealed class Buttons(params bool[] down) : IButtonInput
    {
        public bool[] Down = down;
        public int Count => Down.Length;
        public bool IsPressed(int index) => Down[index];
    }

    [Fact]
    public void PairingReset_BothButtonsHeld3s_Detected_ReleaseAborts()
    {
        var ticks = new Ticks();
        Assert.True(PairingResetGesture.Detect(new Buttons(true, true), ticks, ticks));
        Assert.True(ticks.NowMs >= PairingResetGesture.HoldMs);

        var b = new Buttons(true, true);
        var t2 = new Ticks();
        t2.OnWait = () => { if (t2.NowMs >= 2000) b.Down[1] = false; };
        Assert.False(PairingResetGesture.Detect(b, t2, t2));
        Assert.False(PairingResetGesture.Detect(new Buttons(true, false), new Ticks(), new Ticks()));
        Assert.False(PairingResetGesture.Detect(new Buttons(false, false), new Ticks(), new Ticks()));
    }
}
