using Handheld.Core.Inspection;
using Handheld.Core.Ports;

namespace Handheld.Simulator.Device;

// Scenario-driven stages for the controller's interfaces that are not yet backed by Core components in this
// branch: they reproduce the observable behaviour (timing, faults, outcomes) the scenario names. The sweep is
// real (Core sampler + analysis over the TCS34725 emulator, see InspectionRun); the scanner protocol, licence
// verifier and record log replace these through adapters in Core/Inspection once merged (see README).

/// <summary>Scanner: the code arrives 600 ms after the trigger; with scanner-garbage the first attempt yields
/// only noise (the protocol parser discards it) so the scan times out and the inspector retries.</summary>
public sealed class ScenarioScanner(RunScenario scenario) : IScannerSource
{
    private long _triggeredAt = -1;
    private int _attempt;
    public const int DecodeMs = 600;

    private readonly byte[] _text = System.Text.Encoding.UTF8.GetBytes(scenario.QrText);
    public byte[] TextBuffer => _text;
    public int TextLength => _text.Length;

    public void Trigger(long nowMs) { _triggeredAt = nowMs; _attempt++; }

    public ScanStatus Poll(long nowMs)
    {
        if (_triggeredAt < 0 || nowMs - _triggeredAt < DecodeMs) return ScanStatus.Pending;
        if ((scenario.Faults & RunFaults.ScannerGarbage) != 0 && _attempt == 1) return ScanStatus.Pending;
        return ScanStatus.Scanned;
    }

    public void Stop() => _triggeredAt = -1;
}

/// <summary>Digital check that reports the scenario's case (decode immediately, result on the first step).</summary>
public sealed class ScenarioDigitalCheck(RunScenario scenario) : IDigitalCheck
{
    private DigitalResult? _r;
    private ClockSource _source;

    public void Begin(byte[] qrText, int qrLength, long unixSeconds, ClockSource clockSource, DigitalResult result)
    {
        _r = result; _source = clockSource;
        result.LicenceNumber = scenario.Digital == DigitalCase.Malformed ? null : scenario.LicenceNumber;
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

/// <summary>Record sink in memory; power-cut-record makes the append fail as a cut mid-write would.</summary>
public sealed class ScenarioRecordSink(RunScenario scenario) : IRecordSink
{
    public int Stored { get; private set; }

    public bool Append(InspectionSummary summary)
    {
        if ((scenario.Faults & RunFaults.PowerCutRecord) != 0) return false;
        Stored++;
        return true;
    }
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
