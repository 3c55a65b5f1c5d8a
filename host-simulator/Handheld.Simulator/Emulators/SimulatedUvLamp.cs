using Handheld.Core.Ports;
using Handheld.Simulator.Timing;

namespace Handheld.Simulator.Emulators;

/// <summary>Injected lamp faults.</summary>
public enum LampFaultMode
{
    None,
    /// <summary>LED open circuit: no light, no current.</summary>
    OpenLed,
    /// <summary>Degraded LED: 40 % light output and 55 % of the expected current.</summary>
    WeakLed,
    /// <summary>Lamp works but the board has no current sense (TryReadCurrentMa returns false).</summary>
    NoCurrentSense,
}

/// <summary>
/// The UV LED and its driver on the virtual clock. Records every duty change so a scene can ask for the
/// duty (and the light actually emitted) at an instant or averaged over an integration window.
/// </summary>
public sealed class SimulatedUvLamp : IUvLamp
{
    private readonly VirtualClock _clock;
    private readonly List<long> _timesUs = new() { 0 };
    private readonly List<int> _duties = new() { 0 };

    public SimulatedUvLamp(VirtualClock clock) => _clock = clock;

    /// <summary>LED current at full duty when healthy, mA (matches LampLimits.ExpectedCurrentMa by default).</summary>
    public int NominalCurrentMa { get; set; } = 100;

    public LampFaultMode Fault { get; set; }

    /// <summary>Duty most recently set, permille.</summary>
    public int DutyPermille => _duties[^1];

    /// <summary>Number of duty changes recorded (including the initial off state).</summary>
    public int ChangeCount => _duties.Count;

    /// <summary>Total time (µs) the duty was above zero up to now.</summary>
    public long TotalOnUs => OnTime(0, _clock.NowUs);

    public void SetDutyPermille(int dutyPermille)
    {
        int d = Math.Clamp(dutyPermille, 0, 1000);
        if (d == _duties[^1]) return;
        long now = _clock.NowUs;
        if (_timesUs[^1] == now) { _duties[^1] = d; return; }
        _timesUs.Add(now);
        _duties.Add(d);
    }

    public bool TryReadCurrentMa(out int milliamps)
    {
        milliamps = 0;
        if (Fault == LampFaultMode.NoCurrentSense) return false;
        double factor = Fault switch { LampFaultMode.OpenLed => 0, LampFaultMode.WeakLed => 0.55, _ => 1 };
        milliamps = (int)Math.Round(NominalCurrentMa * DutyPermille / 1000.0 * factor);
        return true;
    }

    /// <summary>Duty set at <paramref name="timeUs"/>, permille.</summary>
    public int DutyAt(long timeUs)
    {
        int i = IndexAt(timeUs);
        return _duties[i];
    }

    /// <summary>Mean duty over [start, end) as a fraction 0–1.</summary>
    public double AverageDuty(long startUs, long endUs)
    {
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

    /// <summary>Mean emitted UV output over [start, end) relative to a healthy lamp at full duty (faults included):
    /// what a scene multiplies its lamp-induced irradiance by.</summary>
    public double AverageOutput(long startUs, long endUs)
    {
        double factor = Fault switch { LampFaultMode.OpenLed => 0, LampFaultMode.WeakLed => 0.4, _ => 1 };
        return AverageDuty(startUs, endUs) * factor;
    }

    /// <summary>Time the lamp was on (any duty) within [start, end), µs.</summary>
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

    /// <summary>Longest continuous on period so far, µs.</summary>
    public long LongestOnUs()
    {
        long best = 0;
        long? since = null;
        for (int i = 0; i < _timesUs.Count; i++)
        {
            if (_duties[i] > 0 && since is null) since = _timesUs[i];
            if (_duties[i] == 0 && since is long s) { best = Math.Max(best, _timesUs[i] - s); since = null; }
        }
        if (since is long open) best = Math.Max(best, _clock.NowUs - open);
        return best;
    }

    private int IndexAt(long timeUs)
    {
        int idx = _timesUs.BinarySearch(timeUs);
        if (idx < 0) idx = ~idx - 1;
        return Math.Max(0, idx);
    }
}
