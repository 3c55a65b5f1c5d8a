using Handheld.Core.Inspection;

namespace Handheld.Core.Tests.Inspection;

public class ButtonGestureDecoderTests
{
    /// <summary>Feeds a level sequence in 10 ms steps: each (level, ms) segment; returns the gestures in order.</summary>
    private static List<Gesture> Feed(ButtonGestureDecoder d, params (bool Down, int Ms)[] segments)
    {
        var got = new List<Gesture>();
        long t = 0;
        d.Reset(false, 0);
        foreach (var (down, ms) in segments)
        {
            for (int i = 0; i < ms; i += 10) { t += 10; var g = d.Update(down, t); if (g != Gesture.None) got.Add(g); }
        }
        return got;
    }

    [Fact]
    public void Update_ShortPressWithoutDouble_ShortOnRelease()
    {
        var d = new ButtonGestureDecoder(false);
        Assert.Equal(new[] { Gesture.Short }, Feed(d, (false, 50), (true, 120), (false, 100)));
    }

    [Fact]
    public void Update_BounceShorterThanDebounce_Ignored()
    {
        var d = new ButtonGestureDecoder(false);
        // Contact chatter: 10–20 ms pulses never reach the 30 ms debounce.
        Assert.Empty(Feed(d, (true, 10), (false, 10), (true, 20), (false, 20), (true, 10), (false, 500)));
    }

    [Fact]
    public void Update_BouncyPress_OneShort()
    {
        var d = new ButtonGestureDecoder(false);
        Assert.Equal(new[] { Gesture.Short },
            Feed(d, (true, 10), (false, 10), (true, 150), (false, 10), (true, 10), (false, 200)));
    }

    [Fact]
    public void Update_HeldPastThreshold_LongWhileHeldAndNothingOnRelease()
    {
        var d = new ButtonGestureDecoder(true);
        Assert.Equal(new[] { Gesture.Long }, Feed(d, (true, 1200), (false, 600)));
    }

    [Fact]
    public void Update_TwoQuickPresses_Double()
    {
        var d = new ButtonGestureDecoder(true);
        Assert.Equal(new[] { Gesture.Double }, Feed(d, (true, 100), (false, 150), (true, 100), (false, 600)));
    }

    [Fact]
    public void Update_TwoSlowPresses_TwoShorts()
    {
        var d = new ButtonGestureDecoder(true);
        Assert.Equal(new[] { Gesture.Short, Gesture.Short }, Feed(d, (true, 100), (false, 600), (true, 100), (false, 600)));
    }

    [Fact]
    public void Update_DoubleEnabled_ShortComesAfterWindow()
    {
        var d = new ButtonGestureDecoder(true);
        d.Reset(false, 0);
        long t = 0; Gesture g = Gesture.None;
        for (; t < 100; t += 10) d.Update(true, t);
        long releasedAt = t;
        for (; g == Gesture.None && t < 2000; t += 10) g = d.Update(false, t);
        Assert.Equal(Gesture.Short, g);
        Assert.True(t - releasedAt >= d.DoubleWindowMs, "short must wait for the double-press window");
    }

    [Fact]
    public void Reset_ButtonHeldAtReset_IgnoredUntilReleased()
    {
        var d = new ButtonGestureDecoder(false);
        d.Reset(true, 0);
        Gesture g = Gesture.None;
        for (long t = 10; t < 2000; t += 10) { var x = d.Update(t < 1500, t); if (x != Gesture.None) g = x; }
        Assert.Equal(Gesture.None, g);
    }
}
