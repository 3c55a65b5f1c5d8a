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
    private readonly DutyTimeline _duty;

    public SimulatedUvLamp(VirtualClock clock) { _clock = clock; _duty = new DutyTimeline(clock); }

    /// <summary>LED current at full duty when healthy, mA (matches LampLimits.ExpectedCurrentMa by default).</summary>
    public int NominalCurrentMa { get; set; } = 100;

    public LampFaultMode Fault { get; set; }

    /// <summary>Duty most recently set, permille.</summary>
    public int DutyPermille => _duty.DutyPermille;

    /// <summary>Number of duty changes recorded (including the initial off state).</summary>
    public int ChangeCount => _duty.ChangeCount;

    /// <summary>Total time (µs) the duty was above zero up to now.</summary>
    public long TotalOnUs => OnTime(0, _clock.NowUs);

    public void SetDutyPermille(int dutyPermille) => _duty.Set(dutyPermille);

    public bool TryReadCurrentMa(out int milliamps)
    {
        milliamps = 0;
        if (Fault == LampFaultMode.NoCurrentSense) return false;
        double factor = Fault switch { LampFaultMode.OpenLed => 0, LampFaultMode.WeakLed => 0.55, _ => 1 };
        milliamps = (int)Math.Round(NominalCurrentMa * DutyPermille / 1000.0 * factor);
        return true;
    }

    /// <summary>Duty set at <paramref name="timeUs"/>, permille.</summary>
    public int DutyAt(long timeUs) => _duty.DutyAt(timeUs);

    /// <summary>Mean duty over [start, end) as a fraction 0–1.</summary>
    public double AverageDuty(long startUs, long endUs) => _duty.AverageDuty(startUs, endUs);

    /// <summary>Mean emitted UV output over [start, end) relative to a healthy lamp at full duty (faults included):
    /// what a scene multiplies its lamp-induced irradiance by.</summary>
    public double AverageOutput(long startUs, long endUs)
    {
        double factor = Fault switch { LampFaultMode.OpenLed => 0, LampFaultMode.WeakLed => 0.4, _ => 1 };
        return AverageDuty(startUs, endUs) * factor;
    }

    /// <summary>Time the lamp was on (any duty) within [start, end), µs.</summary>
    public long OnTime(long startUs, long endUs) => _duty.OnTime(startUs, endUs);

    /// <summary>Longest continuous on period so far, µs.</summary>
    public long LongestOnUs() => _duty.LongestOnUs();
}
