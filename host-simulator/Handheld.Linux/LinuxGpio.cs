using System.Device.Gpio;
using System.Device.Pwm;
using Handheld.Core.Inspection;
using Handheld.Core.Ports;

namespace Handheld.Linux;

/// <summary>OK/NO buttons, active low with pull-ups (the bench wiring mirrors the ESP32 board).</summary>
public sealed class LinuxButtons : IButtonInput
{
    private readonly GpioController _gpio;
    private readonly int[] _pins;

    public LinuxButtons(GpioController gpio, int okPin, int noPin)
    {
        _gpio = gpio;
        _pins = new[] { okPin, noPin };
        foreach (int p in _pins) _gpio.OpenPin(p, PinMode.InputPullUp);
    }

    public int Count => _pins.Length;

    public bool IsPressed(int index) => _gpio.Read(_pins[index]) == PinValue.Low;
}

/// <summary>
/// The UV LED driver on a hardware PWM channel, gated by the window lever switch (active low) exactly as on
/// the ESP32: non-zero duty is refused while the window is off the sheet. No current sense on the bench.
/// </summary>
public sealed class LinuxUvLamp : IUvLamp, IDisposable
{
    private readonly PwmChannel _pwm;
    private readonly GpioController _gpio;
    private readonly int _windowPin;

    public LinuxUvLamp(PwmChannel pwm, GpioController gpio, int windowPin)
    {
        _pwm = pwm;
        _gpio = gpio;
        _windowPin = windowPin;
        _gpio.OpenPin(windowPin, PinMode.InputPullUp);
        _pwm.DutyCycle = 0;
        _pwm.Start();
    }

    public bool WindowOnSheet => _gpio.Read(_windowPin) == PinValue.Low;

    public int DutyPermille { get; private set; }

    /// <summary>True when the last non-zero duty request was refused because the window was off the sheet.</summary>
    public bool InterlockBlocked { get; private set; }

    public void SetDutyPermille(int dutyPermille)
    {
        int d = Math.Clamp(dutyPermille, 0, 1000);
        InterlockBlocked = d > 0 && !WindowOnSheet;
        if (InterlockBlocked) d = 0;
        DutyPermille = d;
        _pwm.DutyCycle = d / 1000.0;
    }

    /// <summary>The bench has no sense resistor, so the current is unknown — except when the interlock blocked
    /// the lamp: then it is known to be 0, and the lamp guard sees a current fault instead of measuring a
    /// dark sheet as if it were lit.</summary>
    public bool TryReadCurrentMa(out int milliamps)
    {
        milliamps = 0;
        return InterlockBlocked;
    }

    public void Dispose() { _pwm.DutyCycle = 0; _pwm.Stop(); _pwm.Dispose(); }
}

/// <summary>RGB status LED on three GPIOs (blink timing by <see cref="Update"/>), buzzer as a GPIO, text to a writer.</summary>
public sealed class LinuxIndicator : IIndicator
{
    private readonly GpioController _gpio;
    private readonly int _r, _g, _b;
    private readonly TextWriter _text;
    private LedColour _colour;
    private LedMode _mode;

    public LinuxIndicator(GpioController gpio, int redPin, int greenPin, int bluePin, TextWriter text)
    {
        _gpio = gpio; _r = redPin; _g = greenPin; _b = bluePin; _text = text;
        foreach (int p in new[] { _r, _g, _b }) _gpio.OpenPin(p, PinMode.Output);
    }

    public LedColour Colour => _colour;

    public void SetLed(LedColour colour, LedMode mode) { _colour = colour; _mode = mode; Drive(true); }

    public void Beep(BeepPattern pattern) { if (pattern != BeepPattern.None) _text.WriteLine($"[beep] {pattern}"); }

    public void ShowText(string line1, string line2) => _text.WriteLine($"[display] {line1} | {line2}");

    public void Update(long nowMs) => Drive(FeedbackTable.LedLit(_mode, nowMs));

    private void Drive(bool on)
    {
        int rgb = on ? FeedbackTable.LedChannels(_colour) : 0;
        _gpio.Write(_r, (rgb & FeedbackTable.LedRed) != 0 ? PinValue.High : PinValue.Low);
        _gpio.Write(_g, (rgb & FeedbackTable.LedGreen) != 0 ? PinValue.High : PinValue.Low);
        _gpio.Write(_b, (rgb & FeedbackTable.LedBlue) != 0 ? PinValue.High : PinValue.Low);
    }
}
