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
    private readonly DutyTimeline _duty;

    public SimulatedWhiteLed(VirtualClock clock) => _duty = new DutyTimeline(clock);

    public WhiteLedFaultMode Fault { get; set; }

    /// <summary>Duty most recently set, permille.</summary>
    public int DutyPermille => _duty.DutyPermille;

    /// <summary>Number of duty changes recorded (including the initial off state).</summary>
    public int ChangeCount => _duty.ChangeCount;

    public void SetDutyPermille(int dutyPermille) => _duty.Set(dutyPermille);

    /// <summary>Mean light output over [start, end) relative to full duty (faults included).</summary>
    public double AverageOutput(long startUs, long endUs)
    {
        if (Fault == WhiteLedFaultMode.Open) return 0;
        if (Fault == WhiteLedFaultMode.StuckOn) return 1;
        return _duty.AverageDuty(startUs, endUs);
    }

    /// <summary>Time the LED was driven (any duty) within [start, end), µs.</summary>
    public long OnTime(long startUs, long endUs) => _duty.OnTime(startUs, endUs);
}
