using Handheld.Core.Inspection;
using Handheld.Core.Ports;

namespace Handheld.Core.Tests.Inspection;

internal sealed class FakeClock : IMonotonicClock
{
    public long NowMs { get; set; }
}

internal sealed class FakeWall : IWallClock
{
    public long UnixSeconds = 1_780_000_000;
    public ClockSource Source = ClockSource.AppSynced;

    public bool TryRead(out long unixSeconds, out ClockSource source)
    {
        source = Source;
        unixSeconds = Source == ClockSource.Unset ? 0 : UnixSeconds;
        return Source != ClockSource.Unset;
    }
}

/// <summary>Delivers a text (or a fault) a fixed delay after the trigger.</summary>
internal sealed class FakeScanner : IScannerSource
{
    public string? Payload = "LIC-OK";
    public long DelayMs = 400;
    public bool Fault;
    public int Triggers;
    public int Stops;
    private long _triggeredAt = -1;

    public void Trigger(long nowMs) { _triggeredAt = nowMs; Triggers++; }

    public ScanStatus Poll(long nowMs)
    {
        if (_triggeredAt < 0 || nowMs - _triggeredAt < DelayMs) return ScanStatus.Pending;
        if (Fault) return ScanStatus.Fault;
        return Payload == null ? ScanStatus.Pending : ScanStatus.Scanned;
    }

    public byte[] TextBuffer => System.Text.Encoding.UTF8.GetBytes(Payload ?? "");
    public int TextLength => TextBuffer.Length;
    public void Stop() { Stops++; _triggeredAt = -1; }
}

/// <summary>Completes a preset digital result a fixed (device-time) delay after Begin.</summary>
internal sealed class FakeDigital : IDigitalCheck
{
    public long DurationMs = 2000;
    public bool SignatureValid = true;
    public int Reasons;
    public string LicenceNumber = "(京)JZ安许证字[2024]000123";
    public int Profile = 3;
    public int Aborts;
    public string? LastText;
    public ClockSource LastSource;
    private long _startMs = -1;
    private DigitalResult? _result;

    public void Begin(byte[] qrText, int qrLength, long unixSeconds, ClockSource clockSource, DigitalResult result)
    {
        LastText = System.Text.Encoding.UTF8.GetString(qrText, 0, qrLength); LastSource = clockSource;
        _result = result; _startMs = -1;
        result.LicenceNumber = LicenceNumber == null ? null : System.Text.Encoding.UTF8.GetBytes(LicenceNumber);
        result.PhysicalProfile = Profile;
    }

    public bool Step(long nowMs)
    {
        if (_result == null) return false;
        if (_startMs < 0) _startMs = nowMs;
        if (nowMs - _startMs < DurationMs) return false;
        _result.SignatureValid = SignatureValid;
        _result.Reasons = Reasons;
        _result.Completed = true;
        return true;
    }

    public void Abort() { Aborts++; _result = null; }
}

internal sealed class FakePhysical : IPhysicalCheck
{
    public long DurationMs = 3000;
    public PhysicalFinding Finding = PhysicalFinding.Consistent;
    public int Aborts;
    public int ExpectedProfile = -1;
    public bool LampOn;
    private long _startMs;
    private PhysicalResult? _result;

    public void Begin(long nowMs, int expectedProfile, PhysicalResult result)
    {
        _startMs = nowMs; _result = result; ExpectedProfile = expectedProfile; LampOn = true;
    }

    public bool Step(long nowMs)
    {
        if (_result == null) return true;
        if (nowMs - _startMs < DurationMs) return false;
        _result.Finding = Finding;
        _result.Samples = 60;
        LampOn = false;
        return true;
    }

    public void Abort() { Aborts++; LampOn = false; _result = null; }
}

/// <summary>A physical sweep of 3 s, then fingerprint tracks that each wait for the inspector's OK and take 3 s; the
/// check is decided after <see cref="TracksToDecide"/> tracks (or when the rest are skipped).</summary>
internal sealed class FakeGuidedPhysical : IPhysicalCheck, IGuidedSweep
{
    public int TracksToDecide = 2;
    public int Confirms, Skips;
    public readonly List<long> SweepStartsMs = new();
    private PhysicalResult? _result;
    private long _sweepStartMs;
    private int _tracksDone;
    private bool _physicalDone, _confirmed, _skipped, _sweeping;

    public int AwaitingTrack => _result != null && _physicalDone && !_sweeping && !_confirmed && !_skipped && _tracksDone < TracksToDecide ? _tracksDone : -1;
    public int TrackCount => 4;
    public bool AwaitingRepeat => false;
    public int SweepsMade { get; private set; }
    public void Confirm() { if (AwaitingTrack >= 0) { _confirmed = true; Confirms++; } }
    public void SkipRemainingTracks() { _skipped = true; Skips++; }

    public void Begin(long nowMs, int expectedProfile, PhysicalResult result)
    {
        _result = result; _sweepStartMs = nowMs; _tracksDone = 0; _physicalDone = false; _confirmed = false; _skipped = false;
        _sweeping = true; SweepsMade = 1; SweepStartsMs.Add(nowMs);
    }

    public bool Step(long nowMs)
    {
        if (_result == null) return true;
        if (_sweeping)
        {
            if (nowMs - _sweepStartMs < 3000) return false;
            _sweeping = false;
            if (!_physicalDone) _physicalDone = true; else _tracksDone++;
        }
        if (_skipped || _tracksDone >= TracksToDecide)
        {
            _result.Finding = _skipped ? PhysicalFinding.Inconclusive : PhysicalFinding.Consistent;
            _result.Samples = 60;
            return true;
        }
        if (!_confirmed) return false;
        _confirmed = false;
        _sweeping = true;
        _sweepStartMs = nowMs;
        SweepsMade++;
        SweepStartsMs.Add(nowMs);
        return false;
    }

    public void Abort() { _result = null; }
}

internal sealed class FakeRecords : IRecordSink
{
    public readonly List<(Outcome Outcome, int Reasons, PromptAnswer[] Answers, string? Licence)> Stored = new();
    public bool Fail;

    public bool Append(InspectionSummary s)
    {
        if (Fail) return false;
        Stored.Add((s.Outcome, s.Reasons, (PromptAnswer[])s.Answers.Clone(),
            s.LicenceNumber == null ? null : System.Text.Encoding.UTF8.GetString(s.LicenceNumber)));
        return true;
    }
}

internal sealed class FakeIndicator : IIndicator
{
    public LedColour Colour; public LedMode Mode;
    public readonly List<BeepPattern> Beeps = new();
    public string Line1 = "", Line2 = "";
    public void SetLed(LedColour colour, LedMode mode) { Colour = colour; Mode = mode; }
    public void Beep(BeepPattern pattern) => Beeps.Add(pattern);
    public void ShowText(string line1, string line2) { Line1 = line1; Line2 = line2; }
}

internal sealed class FakeButtons : IButtonInput
{
    public readonly bool[] Pressed = new bool[2];
    public int Count => 2;
    public bool IsPressed(int index) => Pressed[index];
}

/// <summary>A controller wired to fakes, with helpers to advance time in 10 ms ticks and press buttons.</summary>
internal sealed class Rig
{
    public readonly FakeClock Clock = new();
    public readonly FakeWall Wall = new();
    public readonly FakeScanner Scanner = new();
    public readonly FakeDigital Digital = new();
    public readonly FakePhysical Physical = new();
    public readonly FakeRecords Records = new();
    public readonly FakeIndicator Indicator = new();
    public readonly FakeButtons Buttons = new();
    public readonly InspectionSettings Settings = new();
    public readonly InspectionController Controller;

    public Rig(IPhysicalCheck? physical = null)
    {
        Controller = new InspectionController(Clock, Wall, Scanner, Digital, physical ?? Physical, Records, Indicator,
            new ButtonPanel(Buttons), Settings);
    }

    public void Run(long ms)
    {
        for (long t = 0; t < ms; t += 10) { Clock.NowMs += 10; Controller.Tick(); }
    }

    public void RunUntil(InspectionState state, long maxMs = 120_000)
    {
        for (long t = 0; t < maxMs && Controller.State != state; t += 10) { Clock.NowMs += 10; Controller.Tick(); }
        Assert.Equal(state, Controller.State);
    }

    public void Press(ButtonId b, long holdMs = 100)
    {
        Buttons.Pressed[(int)b] = true; Run(holdMs);
        Buttons.Pressed[(int)b] = false; Run(60);
    }

    public void Hold(ButtonId b, long holdMs) { Buttons.Pressed[(int)b] = true; Run(holdMs); Buttons.Pressed[(int)b] = false; Run(60); }

    /// <summary>Presses OK in idle, waits for the prompts, answers them all with OK.</summary>
    public void InspectConfirmingAll()
    {
        Press(ButtonId.Ok);
        RunUntil(InspectionState.Prompting);
        for (int i = 0; i < HumanChecklist.PromptCount && Controller.State == InspectionState.Prompting; i++) Press(ButtonId.Ok);
    }
}
