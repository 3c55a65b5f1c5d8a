using Handheld.Core.Ports;

namespace Handheld.Core.Inspection
{
    /// <summary>
    /// What the LED and buzzer do for each outcome. One table, so the firmware, simulator and README agree;
    /// colour is never the only signal (buzzer pattern and display text differ too, for colour-blind users).
    /// </summary>
    public static class FeedbackTable
    {
        /// <summary>Half-period of <see cref="LedMode.SlowBlink"/> (1 Hz) and <see cref="LedMode.FastBlink"/> (4 Hz).</summary>
        public const int SlowBlinkHalfMs = 500;
        public const int FastBlinkHalfMs = 125;

        /// <summary>Bits of <see cref="LedChannels"/>: which dies of the RGB LED are driven.</summary>
        public const int LedRed = 1, LedGreen = 2, LedBlue = 4;

        /// <summary>Whether an LED in <paramref name="mode"/> is lit at <paramref name="nowMs"/> (blink phase from
        /// the monotonic clock, 50 % duty), so every adapter blinks alike.</summary>
        public static bool LedLit(LedMode mode, long nowMs)
        {
            if (mode == LedMode.SlowBlink) return (nowMs / SlowBlinkHalfMs) % 2 == 0;
            if (mode == LedMode.FastBlink) return (nowMs / FastBlinkHalfMs) % 2 == 0;
            return true;
        }

        /// <summary>The RGB dies that make <paramref name="colour"/>: amber = red + green, violet = red + blue,
        /// white = all three (<see cref="LedRed"/> | <see cref="LedGreen"/> | <see cref="LedBlue"/>).</summary>
        public static int LedChannels(LedColour colour)
        {
            switch (colour)
            {
                case LedColour.Green: return LedGreen;
                case LedColour.Red: return LedRed;
                case LedColour.Amber: return LedRed | LedGreen;
                case LedColour.Blue: return LedBlue;
                case LedColour.White: return LedRed | LedGreen | LedBlue;
                case LedColour.Violet: return LedRed | LedBlue;
                default: return 0;
            }
        }

        public static void ForOutcome(Outcome outcome, out LedColour colour, out LedMode mode, out BeepPattern beep)
        {
            switch (outcome)
            {
                case Outcome.Genuine: colour = LedColour.Green; mode = LedMode.Solid; beep = BeepPattern.Ok; return;
                case Outcome.Forged: colour = LedColour.Red; mode = LedMode.FastBlink; beep = BeepPattern.Alarm; return;
                case Outcome.Invalid: colour = LedColour.Red; mode = LedMode.Solid; beep = BeepPattern.Alarm; return;
                case Outcome.Suspect: colour = LedColour.Amber; mode = LedMode.FastBlink; beep = BeepPattern.Warn; return;
                case Outcome.Unverified: colour = LedColour.Amber; mode = LedMode.SlowBlink; beep = BeepPattern.Warn; return;
                default: colour = LedColour.Off; mode = LedMode.Solid; beep = BeepPattern.None; return;
            }
        }

        public static void ForState(InspectionState state, out LedColour colour, out LedMode mode)
        {
            switch (state)
            {
                case InspectionState.Scanning: colour = LedColour.White; mode = LedMode.SlowBlink; return;
                case InspectionState.Sweeping: colour = LedColour.Violet; mode = LedMode.Solid; return;
                case InspectionState.Prompting: colour = LedColour.Blue; mode = LedMode.Solid; return;
                case InspectionState.Finishing: colour = LedColour.Blue; mode = LedMode.FastBlink; return;
                case InspectionState.ScanFailed: colour = LedColour.Amber; mode = LedMode.Solid; return;
                default: colour = LedColour.Off; mode = LedMode.Solid; return;
            }
        }
    }
}
