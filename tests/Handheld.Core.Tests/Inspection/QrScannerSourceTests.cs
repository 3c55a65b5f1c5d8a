using Handheld.Core.Inspection;
using Handheld.Core.Ports;
using Handheld.Core.Scanning;

namespace Handheld.Core.Tests.Inspection;

public class QrScannerSourceTests
{
    /// <summary>A GM65 at the byte level, enough for triggered scans: ACKs each trigger frame (write-OK reply)
    /// and then sends the queued output (garbage and/or text + CR).</summary>
    private sealed class FakeGm65 : ISerialLink
    {
        private static readonly byte[] WriteOk = { 0x02, 0x00, 0x00, 0x01, 0x00, 0x33, 0x31 };
        private readonly Queue<byte> _rx = new();
        public bool Silent;
        public readonly Queue<byte[]> AfterTrigger = new();
        public int Triggers;

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count && _rx.Count > 0) buffer[offset + n++] = _rx.Dequeue();
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            var trigger = new byte[Gm65Command.MaxFrameLength];
            int len = Gm65Command.EncodeTrigger(trigger, 0);
            if (Silent || count != len || !buffer.AsSpan(offset, count).SequenceEqual(trigger.AsSpan(0, len))) return;
            Triggers++;
            foreach (byte b in WriteOk) _rx.Enqueue(b);
            if (AfterTrigger.Count > 0) foreach (byte b in AfterTrigger.Dequeue()) _rx.Enqueue(b);
        }
    }

    private static byte[] Text(string s) => System.Text.Encoding.ASCII.GetBytes(s + "\r");

    private static (QrScannerSource Source, FakeGm65 Gm65, FakeClock Clock) Make()
    {
        var clock = new FakeClock();
        var gm = new FakeGm65();
        return (new QrScannerSource(new QrScanner(gm, clock, 512)), gm, clock);
    }

    private static ScanStatus PollFor(QrScannerSource s, FakeClock clock, int ms)
    {
        ScanStatus st = ScanStatus.Pending;
        for (int t = 0; t < ms && st == ScanStatus.Pending; t += 10) { clock.NowMs += 10; st = s.Poll(clock.NowMs); }
        return st;
    }

    [Fact]
    public void Poll_CodeScanned_TextBytesExposed()
    {
        var (s, gm, clock) = Make();
        gm.AfterTrigger.Enqueue(Text("HH1:ABC"));
        s.Trigger(clock.NowMs);
        Assert.Equal(ScanStatus.Scanned, PollFor(s, clock, 1000));
        Assert.Equal("HH1:ABC", System.Text.Encoding.ASCII.GetString(s.TextBuffer, 0, s.TextLength));
    }

    [Fact]
    public void Poll_ScannerSilent_FaultAfterRetries()
    {
        var (s, gm, clock) = Make();
        gm.Silent = true;
        s.Trigger(clock.NowMs);
        Assert.Equal(ScanStatus.Fault, PollFor(s, clock, 5000));
    }

    [Fact]
    public void Poll_ScanWindowClosesWithoutCode_RetriggeredAndStillPending()
    {
        var (s, gm, clock) = Make();
        s.Trigger(clock.NowMs);
        Assert.Equal(ScanStatus.Pending, PollFor(s, clock, 6000));
        Assert.True(s.Retriggers >= 1);
        Assert.True(gm.Triggers >= 2);
        gm.AfterTrigger.Enqueue(Text("HH1:LATE"));
        Assert.Equal(ScanStatus.Scanned, PollFor(s, clock, 6000));
    }
}
