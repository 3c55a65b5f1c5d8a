using Handheld.Core.Inspection;
using Handheld.Core.Ports;

namespace Handheld.Simulator.Device;

// Scenario-driven stages: the digital check reports the scenario's licence case instead of verifying a signed
// QR (the simulator has no issuer key material yet; Core's LicenceVerifier is wired on the device through
// LicenceDigitalCheck), and the wall clock follows the clock-lost fault. Scanner, sweep and record log in
// `handheld-sim run` are the real Core components over emulators (see InspectionRun).

/// <summary>Digital check that reports the scenario's case (decode immediately, result on the first step).</summary>
public sealed class ScenarioDigitalCheck(RunScenario scenario) : IDigitalCheck
{
    private DigitalResult? _r;
    private ClockSource _source;

    public void Begin(byte[] qrText, int qrLength, long unixSeconds, ClockSource clockSource, DigitalResult result)
    {
        _r = result; _source = clockSource;
        result.LicenceNumber = scenario.Digital == DigitalCase.Malformed ? null : System.Text.Encoding.UTF8.GetBytes(scenario.LicenceNumber);
        result.PhysicalProfile = scenario.PhysicalProfile;
    }

    public bool Step(long nowMs)
    {
        if (_r == null) return false;
        int reasons = scenario.Digital switch
        {
            DigitalCase.BadSignature => VerdictReason.SignatureInvalid,
            DigitalCase.UnknownKey => VerdictReason.UnknownIssuerKey,
            DigitalCase.Malformed => VerdictReason.PayloadMalformed,
            DigitalCase.Expired => VerdictReason.Expired,
            DigitalCase.NotYetValid => VerdictReason.NotYetValid,
            DigitalCase.Revoked => VerdictReason.Revoked,
            DigitalCase.Suspended => VerdictReason.Suspended,
            _ => 0,
        };
        bool sig = scenario.Digital is not (DigitalCase.BadSignature or DigitalCase.UnknownKey or DigitalCase.Malformed);
        if (_source == ClockSource.Unset && (reasons & (VerdictReason.Expired | VerdictReason.NotYetValid)) != 0)
            reasons &= ~(VerdictReason.Expired | VerdictReason.NotYetValid); // dates cannot be judged
        if (_source == ClockSource.Unset && sig) reasons |= VerdictReason.ClockUnset;
        _r.SignatureValid = sig;
        _r.Reasons = reasons;
        _r.Completed = true;
        return true;
    }

    public void Abort() => _r = null;
}

/// <summary>Wall clock of the emulated device; clock-lost makes it Unset.</summary>
public sealed class ScenarioWallClock(RunScenario scenario, long unixSeconds) : IWallClock
{
    public bool TryRead(out long s, out ClockSource source)
    {
        if ((scenario.Faults & RunFaults.ClockLost) != 0) { s = 0; source = ClockSource.Unset; return false; }
        s = unixSeconds; source = ClockSource.AppSynced; return true;
    }
}
