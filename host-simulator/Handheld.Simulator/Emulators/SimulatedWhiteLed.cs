using Handheld.Core.Ports;
using Handheld.Simulator.Timing;

namespace Handheld.Simulator.Emulators;

/// <summary>Injected faults of the daylight (white) LED.</summary>
public enum WhiteLedFaultMode
{
    None,
    /// <summary>Open LED or broken switch: no light whatever the duty.</summary>
    Open,
    /// <summary>Shorted low-side switch: full light all the time, also during the UV-on and ambient readings.</summary>
    StuckOn,
}

/// <summary>
/// The white LED beside the UV LED on the virtual clock: records duty changes so that the scene can ask for the
/// mean light emitted over an integration window (PWM at 20 kHz is far faster than any integration).
/// </summary>
public sealed class SimulatedWhiteLed : IWhiteLed
{
    private readonly VirtualClock _clock;
    private readonly List<long> _timesUs = new() { 0 };
    private readonly List<int> _duties = new() { 0 };

    public SimulatedWhiteLed(VirtualClock clock) => _clock = clock;

    public WhiteLedFaultMode Fault { get; set; }

    /// <summary>Duty most recently set, permille.</summary>
    public int DutyPermille => _duties[^1];

    /// <summary>Number of duty changes recorded (including the initial off state).</summary>
    public int ChangeCount => _duties.Count;

    public void SetDutyPermille(int dutyPermille)
    {
        int d = Math.Clamp(dutyPermille, 0, 1000);
        if (d == _duties[^1]) return;
        long now = _clock.NowUs;
        if (_timesUs[^1] == now) { _duties[^1] = d; return; }
        _timesUs.Add(now);
        _duties.Add(d);
    }

    /// <summary>Mean light output over [start, end) relative to full duty (faults included).</summary>
    public double AverageOutput(long startUs, long endUs)
    {
        if (Fault == WhiteLedFaultMode.Open) return 0;
        if (Fault == WhiteLedFaultMode.StuckOn) return 1;
        if (endUs <= startUs) return DutyAt(startUs) / 1000.0;
        double acc = 0;
        for (int i = IndexAt(startUs); i < _timesUs.Count && _timesUs[i] < endUs; i++)
        {
            long a = Math.Max(startUs, _timesUs[i]);
            long b = i + 1 < _timesUs.Count ? Math.Min(endUs, _timesUs[i + 1]) : endUs;
            if (b > a) acc += (b - a) * (_duties[i] / 1000.0);
        }
        return acc / (endUs - startUs);
    }

    /// <summary>Time the LED was driven (any duty) within [start, end), µs.</summary>
    public long OnTime(long startUs, long endUs)
    {
        long acc = 0;
        for (int i = IndexAt(startUs); i < _timesUs.Count && _timesUs[i] < endUs; i++)
        {
            if (_duties[i] == 0) continue;
            long a = Math.Max(startUs, _timesUs[i]);
            long b = i + 1 < _timesUs.Count ? Math.Min(endUs, _timesUs[i + 1]) : endUs;
            if (b > a) acc += b - a;
        }
        return acc;
    }

    private int DutyAt(long timeUs) => _duties[IndexAt(timeUs)];

    private int IndexAt(long timeUs)
    {
        int idx = _timesUs.BinarySearch(timeUs);
        if (idx < 0) idx = ~idx - 1;
        return Math.Max(0, idx);
    }
}
