using Handheld.Core.Ports;

namespace Handheld.Core.Inspection
{
    /// <summary>
    /// What the LED and buzzer do for each outcome. One table, so the firmware, simulator and README agree;
    /// colour is never the only signal (buzzer pattern and display text differ too, for colour-blind users).
    /// </summary>
    public static class FeedbackTable
    {
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
