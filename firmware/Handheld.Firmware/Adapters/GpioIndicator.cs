using System;
using System.Device.Gpio;
using System.Device.Pwm;
using Handheld.Core.Inspection;
using Handheld.Core.Ports;

namespace Handheld.Firmware.Adapters
{
    /// <summary>
    /// RGB status LED on three GPIOs (dies per colour and blink phase from Core's FeedbackTable) and a piezo on a
    /// PWM channel. Blinking and buzzer patterns are timed by <see cref="Update"/>, called from the main loop, so
    /// nothing here blocks. The text goes to the serial console (a display adapter can replace it).
    /// </summary>
    public sealed class GpioIndicator : IIndicator
    {
        // Buzzer patterns as on/off millisecond pairs (see Inspection README feedback table).
        private static readonly int[] Click = { 30, 0 };
        private static readonly int[] Scanned = { 60, 40, 60, 0 };
        private static readonly int[] Ok = { 300, 0 };
        private static readonly int[] Warn = { 100, 100, 100, 100, 100, 0 };
        private static readonly int[] Alarm = { 1000, 0 };
        private static readonly int[] PromptBeep = { 80, 80, 80, 0 };

        private readonly GpioPin _red, _green, _blue;
        private readonly PwmChannel _buzzer;
        private LedColour _colour;
        private LedMode _mode;
        private int[] _pattern;
        private int _step;
        private long _stepUntilMs;
        private bool _started;

        public GpioIndicator(GpioController gpio, int redPin, int greenPin, int bluePin, PwmChannel buzzer)
        {
            _red = gpio.OpenPin(redPin, PinMode.Output);
            _green = gpio.OpenPin(greenPin, PinMode.Output);
            _blue = gpio.OpenPin(bluePin, PinMode.Output);
            _buzzer = buzzer;
            _buzzer.DutyCycle = 0;
            _buzzer.Start();
        }

        public void SetLed(LedColour colour, LedMode mode) { _colour = colour; _mode = mode; Drive(true); }

        public void Beep(BeepPattern pattern)
        {
            switch (pattern)
            {
                case BeepPattern.Click: _pattern = Click; break;
                case BeepPattern.Scanned: _pattern = Scanned; break;
                case BeepPattern.Ok: _pattern = Ok; break;
                case BeepPattern.Warn: _pattern = Warn; break;
                case BeepPattern.Alarm: _pattern = Alarm; break;
                case BeepPattern.Prompt: _pattern = PromptBeep; break;
                default: _pattern = null; break;
            }
            _step = 0;
            _started = false;
        }

        public void ShowText(string line1, string line2) { Console.WriteLine("[display] " + line1 + " | " + line2); }

        /// <summary>Advances blinking and the buzzer pattern; call every main-loop pass.</summary>
        public void Update(long nowMs)
        {
            Drive(FeedbackTable.LedLit(_mode, nowMs));

            if (_pattern == null) return;
            if (!_started) { _started = true; _stepUntilMs = nowMs + _pattern[0]; _buzzer.DutyCycle = 0.5; return; }
            if (nowMs < _stepUntilMs) return;
            _step++;
            if (_step >= _pattern.Length || _pattern[_step] == 0) { _buzzer.DutyCycle = 0; _pattern = null; return; }
            _stepUntilMs = nowMs + _pattern[_step];
            _buzzer.DutyCycle = (_step % 2 == 0) ? 0.5 : 0; // even steps sound, odd steps are gaps
        }

        private void Drive(bool on)
        {
            int rgb = on ? FeedbackTable.LedChannels(_colour) : 0;
            _red.Write((rgb & FeedbackTable.LedRed) != 0 ? PinValue.High : PinValue.Low);
            _green.Write((rgb & FeedbackTable.LedGreen) != 0 ? PinValue.High : PinValue.Low);
            _blue.Write((rgb & FeedbackTable.LedBlue) != 0 ? PinValue.High : PinValue.Low);
        }
    }
}
