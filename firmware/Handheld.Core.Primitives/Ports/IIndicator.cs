namespace Handheld.Core.Ports
{
    /// <summary>Colour of the RGB status LED.</summary>
    public enum LedColour : byte
    {
        Off = 0,
        Green = 1,
        Red = 2,
        Amber = 3,
        Blue = 4,
        White = 5,
        Violet = 6,
    }

    /// <summary>How the status LED is driven; the adapter times blinking itself (or in Core via Tick).</summary>
    public enum LedMode : byte
    {
        Solid = 0,
        SlowBlink = 1,
        FastBlink = 2,
    }

    /// <summary>Buzzer patterns; durations are given in the firmware README's feedback table.</summary>
    public enum BeepPattern : byte
    {
        None = 0,
        /// <summary>One 30 ms click: a button was accepted.</summary>
        Click = 1,
        /// <summary>Two short rising tones: the QR was read.</summary>
        Scanned = 2,
        /// <summary>One 300 ms tone: genuine.</summary>
        Ok = 3,
        /// <summary>Three 100 ms tones: suspect or unverified, look at the display.</summary>
        Warn = 4,
        /// <summary>One 1 s low tone: forged or invalid.</summary>
        Alarm = 5,
        /// <summary>Two 80 ms tones: a prompt waits for an answer.</summary>
        Prompt = 6,
    }

    /// <summary>
    /// Status LED, buzzer and the optional small display. Core decides what to show (see
    /// Inspection.FeedbackTable); the adapter only drives the outputs. Must not block: a buzzer pattern
    /// is started and runs on its own (PWM/timer in the adapter).
    /// </summary>
    public interface IIndicator
    {
        void SetLed(LedColour colour, LedMode mode);

        void Beep(BeepPattern pattern);

        /// <summary>Two short lines for the display; devices without a display ignore it (or log it).</summary>
        void ShowText(string line1, string line2);
    }
}
