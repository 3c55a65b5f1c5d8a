using Handheld.Core.Inspection;
using Handheld.Core.Ports;

namespace Handheld.Core.Tests.Inspection;

public class FeedbackTableTests
{
    [Theory]
    [InlineData(LedColour.Off, 0)]
    [InlineData(LedColour.Green, FeedbackTable.LedGreen)]
    [InlineData(LedColour.Red, FeedbackTable.LedRed)]
    [InlineData(LedColour.Amber, FeedbackTable.LedRed | FeedbackTable.LedGreen)]
    [InlineData(LedColour.Blue, FeedbackTable.LedBlue)]
    [InlineData(LedColour.White, FeedbackTable.LedRed | FeedbackTable.LedGreen | FeedbackTable.LedBlue)]
    [InlineData(LedColour.Violet, FeedbackTable.LedRed | FeedbackTable.LedBlue)]
    public void LedChannels_Colour_DiesThatMakeIt(LedColour colour, int expected)
    {
        Assert.Equal(expected, FeedbackTable.LedChannels(colour));
    }

    [Theory]
    [InlineData(LedMode.Solid, 0, true)]
    [InlineData(LedMode.Solid, 1375, true)]
    [InlineData(LedMode.SlowBlink, 0, true)]
    [InlineData(LedMode.SlowBlink, 499, true)]
    [InlineData(LedMode.SlowBlink, 500, false)]
    [InlineData(LedMode.SlowBlink, 1000, true)]
    [InlineData(LedMode.FastBlink, 124, true)]
    [InlineData(LedMode.FastBlink, 125, false)]
    [InlineData(LedMode.FastBlink, 250, true)]
    public void LedLit_ModeAndTime_BlinkPhase(LedMode mode, long nowMs, bool lit)
    {
        Assert.Equal(lit, FeedbackTable.LedLit(mode, nowMs));
    }
}
