using FsCheck;
using FsCheck.Fluent;
using Handheld.Core.Scanning;

namespace Handheld.Core.Tests.Scanning;

public class Gm65ParserTests
{
    private static readonly byte[] AckFrame = Convert.FromHexString("02000001003331");

    private static List<(Gm65ParseEvent Event, string Line)> FeedAll(Gm65Parser p, byte[] bytes, long startMs = 0, int stepMs = 1)
    {
        var events = new List<(Gm65ParseEvent, string)>();
        long t = startMs;
        foreach (byte b in bytes)
        {
            var e = p.CheckTimeout(t);
            if (e != Gm65ParseEvent.None) events.Add((e, ""));
            e = p.Feed(b, t);
            if (e != Gm65ParseEvent.None)
                events.Add((e, e == Gm65ParseEvent.Line ? System.Text.Encoding.ASCII.GetString(p.LineBuffer, 0, p.LineLength) : ""));
            t += stepMs;
        }
        return events;
    }

    [Fact]
    public void Feed_AckThenTextByteByByte_ReportsReplyThenLine()
    {
        var p = new Gm65Parser(64) { ExpectReply = true };
        var events = FeedAll(p, [.. AckFrame, .. "LIC-123\r"u8.ToArray()]);
        Assert.Equal([(Gm65ParseEvent.Reply, ""), (Gm65ParseEvent.Line, "LIC-123")], events);
        Assert.Equal(0, p.ReplyStatus);
        Assert.Equal(0x00, p.ReplyData(0));
    }

    [Fact]
    public void Feed_JunkBeforeAck_JunkDroppedAndTextClean()
    {
        var p = new Gm65Parser(64) { ExpectReply = true };
        var events = FeedAll(p, [0x55, 0x02, 0x7E, 0xFF, 0x31, .. AckFrame, .. "ABC\r\n"u8.ToArray()]);
        Assert.Equal([(Gm65ParseEvent.Reply, ""), (Gm65ParseEvent.Line, "ABC")], events);
        Assert.True(p.DiscardedBytes >= 5);
    }

    [Fact]
    public void Feed_ReplyWithBadCrc_ReportsCorruptAndNextFrameParses()
    {
        var p = new Gm65Parser(64) { ExpectReply = true };
        byte[] bad = (byte[])AckFrame.Clone();
        bad[^1] ^= 0x01;
        var events = FeedAll(p, [.. bad, .. AckFrame]);
        Assert.Equal([(Gm65ParseEvent.ReplyCorrupt, ""), (Gm65ParseEvent.Reply, "")], events);
    }

    [Fact]
    public void CheckTimeout_FrameIncompleteFor400Ms_DropsFrameAndRecovers()
    {
        var p = new Gm65Parser(64) { ExpectReply = true };
        FeedAll(p, AckFrame[..4], startMs: 0);
        Assert.Equal(Gm65ParseEvent.None, p.CheckTimeout(399));
        Assert.Equal(Gm65ParseEvent.FrameTimeout, p.CheckTimeout(400));
        var events = FeedAll(p, AckFrame, startMs: 500);
        Assert.Equal([(Gm65ParseEvent.Reply, "")], events);
    }

    [Fact]
    public void Feed_LineLongerThanBuffer_ReportsTooLongThenParsesNextLine()
    {
        var p = new Gm65Parser(8);
        var events = FeedAll(p, [.. "0123456789ABCDEF\r"u8.ToArray(), .. "OK\r"u8.ToArray()]);
        Assert.Equal([(Gm65ParseEvent.LineTooLong, ""), (Gm65ParseEvent.Line, "OK")], events);
    }

    [Fact]
    public void Feed_LineExactlyBufferSize_IsAccepted()
    {
        var p = new Gm65Parser(8);
        var events = FeedAll(p, "01234567\r"u8.ToArray());
        Assert.Equal([(Gm65ParseEvent.Line, "01234567")], events);
    }

    [Fact]
    public void CheckTimeout_TextWithoutTerminator_ReportsIncompleteAndRecovers()
    {
        var p = new Gm65Parser(64);
        FeedAll(p, "PART"u8.ToArray(), startMs: 0);
        Assert.Equal(Gm65ParseEvent.LineIncomplete, p.CheckTimeout(1000));
        var events = FeedAll(p, "WHOLE\r"u8.ToArray(), startMs: 1001);
        Assert.Equal([(Gm65ParseEvent.Line, "WHOLE")], events);
    }

    [Fact]
    public void Feed_Text02OutsideReplyWindow_IsText()
    {
        var p = new Gm65Parser(64);
        var events = FeedAll(p, [0x41, 0x02, 0x00, 0x42, 0x0D]);
        Assert.Single(events);
        Assert.Equal(Gm65ParseEvent.Line, events[0].Event);
        Assert.Equal(4, events[0].Line.Length);
    }

    // Property: whatever noise arrives first (with any timing), the parser never throws and, after the
    // 400 ms frame rule and the line timeout have had their chance, parses a following valid ACK and line.
    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool Feed_AnyNoiseThenValidExchange_NeverThrowsAndRecovers(byte[] noise, bool expectReply, byte gapMs)
    {
        var p = new Gm65Parser(32) { ExpectReply = expectReply };
        long t = 0;
        foreach (byte b in noise)
        {
            p.CheckTimeout(t);
            p.Feed(b, t);
            t += gapMs % 5;
        }
        t += 1000; // silence longer than both timeouts
        while (p.CheckTimeout(t) != Gm65ParseEvent.None) { }
        p.ExpectReply = true;
        var events = FeedAll(p, [.. AckFrame, .. "QR-DATA\r"u8.ToArray()], startMs: t);
        return events.Count == 2 && events[0].Event == Gm65ParseEvent.Reply
            && events[1].Event == Gm65ParseEvent.Line && events[1].Line == "QR-DATA";
    }
}
