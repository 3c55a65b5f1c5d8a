using Handheld.Core.Ports;

namespace Handheld.Simulator.Device;

/// <summary>Status LED, buzzer and display of the emulated device: remembers the state and logs changes.</summary>
public sealed class EmulatedIndicator(Action<string>? log) : IIndicator
{
    public LedColour Colour { get; private set; }
    public LedMode Mode { get; private set; }
    public List<BeepPattern> Beeps { get; } = new();
    public string Line1 { get; private set; } = "";
    public string Line2 { get; private set; } = "";

    public void SetLed(LedColour colour, LedMode mode)
    {
        if (colour == Colour && mode == Mode) return;
        Colour = colour; Mode = mode;
        log?.Invoke($"LED {colour} {mode}");
    }

    public void Beep(BeepPattern pattern) { if (pattern != BeepPattern.None) Beeps.Add(pattern); }

    public void ShowText(string line1, string line2)
    {
        Line1 = line1; Line2 = line2;
        log?.Invoke($"display: {line1} | {line2}");
    }
}
