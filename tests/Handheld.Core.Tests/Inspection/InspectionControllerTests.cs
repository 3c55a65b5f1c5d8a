using Handheld.Core.Inspection;
using Handheld.Core.Ports;

namespace Handheld.Core.Tests.Inspection;

public class InspectionControllerTests
{
    [Fact]
    public void Tick_FullHappyPath_GenuineRecordedWithAllAnswers()
    {
        var rig = new Rig();
        rig.InspectConfirmingAll();
        rig.RunUntil(InspectionState.Verdict);

        Assert.Equal(Outcome.Genuine, rig.Controller.LastOutcome);
        var rec = Assert.Single(rig.Records.Stored);
        Assert.Equal(Outcome.Genuine, rec.Outcome);
        Assert.Equal(new[] { PromptAnswer.Confirmed, PromptAnswer.Confirmed, PromptAnswer.Confirmed }, rec.Answers);
        Assert.Equal(rig.Digital.LicenceNumber, rec.Licence);
        Assert.Equal(LedColour.Green, rig.Indicator.Colour);
        Assert.Contains(BeepPattern.Ok, rig.Indicator.Beeps);
        Assert.Equal(3, rig.Physical.ExpectedProfile);
    }

    [Fact]
    public void Tick_SignatureStartsAtScanAndRunsDuringSweep_VerdictDoesNotWaitForIt()
    {
        var rig = new Rig();
        rig.Digital.DurationMs = 2500; // shorter than the 3 s sweep
        rig.InspectConfirmingAll();
        rig.RunUntil(InspectionState.Verdict);
        var tl = rig.Controller.Timeline;
        Assert.True(tl.DigitalDoneMs <= tl.ScannedMs + 2500 + 10, "signature check must start in the scan tick");
        Assert.True(tl.DigitalDoneMs < tl.SweepDoneMs);
        // Verdict comes from the tick that decoded the last answer: debounce (30 ms) + one tick.
        Assert.True(tl.WaitAfterLastActionMs <= 50, $"waited {tl.WaitAfterLastActionMs} ms after last action");
    }

    [Fact]
    public void Tick_SlowSignature_VerdictWaitsOnlyForTheRemainder()
    {
        var rig = new Rig();
        rig.Digital.DurationMs = 9000; // slower than sweep + quick answers
        rig.InspectConfirmingAll();
        Assert.Equal(InspectionState.Finishing, rig.Controller.State);
        rig.RunUntil(InspectionState.Verdict);
        var tl = rig.Controller.Timeline;
        Assert.Equal(tl.DigitalDoneMs, tl.VerdictMs);
        Assert.InRange(tl.VerdictMs - tl.ScannedMs, 9000, 9020);
        Assert.Equal(Outcome.Genuine, rig.Controller.LastOutcome);
    }

    [Fact]
    public void Tick_ScanTimeout_ScanFailedThenOkRetries()
    {
        var rig = new Rig();
        rig.Scanner.Payload = null;
        rig.Press(ButtonId.Ok);
        rig.Run(rig.Settings.ScanTimeoutMs);
        Assert.Equal(InspectionState.ScanFailed, rig.Controller.State);
        Assert.Equal(1, rig.Scanner.Stops);

        rig.Scanner.Payload = "LIC-OK";
        rig.Press(ButtonId.Ok);
        Assert.Equal(2, rig.Scanner.Triggers);
        rig.RunUntil(InspectionState.Sweeping);
    }

    [Fact]
    public void Tick_ScannerFault_ScanFailedAndNoRecord()
    {
        var rig = new Rig();
        rig.Scanner.Fault = true;
        rig.Press(ButtonId.Ok);
        rig.RunUntil(InspectionState.ScanFailed, 1000);
        rig.Run(rig.Settings.ScanFailedHoldMs);
        Assert.Equal(InspectionState.Idle, rig.Controller.State);
        Assert.Empty(rig.Records.Stored);
    }

    [Fact]
    public void Tick_NoLongPressDuringSweep_CancelsLampOffNothingRecorded()
    {
        var rig = new Rig();
        rig.Press(ButtonId.Ok);
        rig.RunUntil(InspectionState.Sweeping);
        Assert.True(rig.Physical.LampOn);
        rig.Hold(ButtonId.No, 900);
        Assert.Equal(InspectionState.Idle, rig.Controller.State);
        Assert.False(rig.Physical.LampOn);
        Assert.Equal(1, rig.Physical.Aborts);
        Assert.Equal(1, rig.Digital.Aborts);
        rig.Run(10_000);
        Assert.Empty(rig.Records.Stored);
    }

    [Fact]
    public void Tick_PromptAnswers_DenySkipAndTimeoutRecorded()
    {
        var rig = new Rig();
        rig.Press(ButtonId.Ok);
        rig.RunUntil(InspectionState.Prompting);
        Assert.Equal(rig.Digital.LicenceNumber, rig.Indicator.Line2); // micro-text prompt shows the number
        rig.Press(ButtonId.No);                 // deny micro-text (after the double window)
        rig.Run(400);
        Assert.Equal(Prompt.Hologram, rig.Controller.CurrentPrompt);
        rig.Hold(ButtonId.Ok, 900);              // long OK = skip hologram
        Assert.Equal(Prompt.Thermochromic, rig.Controller.CurrentPrompt);
        rig.Run(rig.Settings.PromptTimeoutMs);   // thermochromic times out
        rig.RunUntil(InspectionState.Verdict);

        var rec = Assert.Single(rig.Records.Stored);
        Assert.Equal(new[] { PromptAnswer.Denied, PromptAnswer.Skipped, PromptAnswer.TimedOut }, rec.Answers);
        Assert.Equal(Outcome.Suspect, rec.Outcome);
        Assert.NotEqual(0, rec.Reasons & VerdictReason.MicroTextDenied);
    }

    [Fact]
    public void Tick_BadSignatureDuringSweep_StopsSweepSkipsPromptsForged()
    {
        var rig = new Rig();
        rig.Digital.DurationMs = 1000;
        rig.Digital.SignatureValid = false;
        rig.Digital.Reasons = VerdictReason.SignatureInvalid;
        rig.Press(ButtonId.Ok);
        rig.RunUntil(InspectionState.Verdict, 5000);
        Assert.Equal(Outcome.Forged, rig.Controller.LastOutcome);
        Assert.Equal(1, rig.Physical.Aborts);
        Assert.False(rig.Physical.LampOn);
        Assert.Equal(PromptAnswer.NotAsked, Assert.Single(rig.Records.Stored).Answers[0]);
    }

    [Fact]
    public void Tick_ExpiredLicence_Invalid()
    {
        var rig = new Rig();
        rig.Digital.Reasons = VerdictReason.Expired;
        rig.Press(ButtonId.Ok);
        rig.RunUntil(InspectionState.Verdict);
        Assert.Equal(Outcome.Invalid, rig.Controller.LastOutcome);
        Assert.Equal(LedColour.Red, rig.Indicator.Colour);
    }

    [Fact]
    public void Tick_ClockUnset_DigitalToldAndVerdictUnverified()
    {
        var rig = new Rig();
        rig.Wall.Source = ClockSource.Unset;
        rig.Digital.Reasons = VerdictReason.ClockUnset; // what a verifier reports when it cannot judge dates
        rig.InspectConfirmingAll();
        rig.RunUntil(InspectionState.Verdict);
        Assert.Equal(ClockSource.Unset, rig.Digital.LastSource);
        Assert.Equal(Outcome.Unverified, rig.Controller.LastOutcome);
    }

    [Fact]
    public void Tick_SignatureHangs_DigitalTimeoutUnverified()
    {
        var rig = new Rig();
        rig.Digital.DurationMs = 1_000_000;
        rig.InspectConfirmingAll();
        rig.RunUntil(InspectionState.Verdict, 30_000);
        Assert.Equal(Outcome.Unverified, rig.Controller.LastOutcome);
        Assert.NotEqual(0, rig.Controller.LastReasons & VerdictReason.DigitalIncomplete);
        Assert.Equal(1, rig.Digital.Aborts);
    }

    [Fact]
    public void Tick_SweepNeverEnds_SensorFaultUnverified()
    {
        var rig = new Rig();
        rig.Physical.DurationMs = 1_000_000;
        rig.InspectConfirmingAll();
        rig.RunUntil(InspectionState.Verdict, 60_000);
        Assert.Equal(Outcome.Unverified, rig.Controller.LastOutcome);
        Assert.NotEqual(0, rig.Controller.LastReasons & VerdictReason.SensorFault);
        Assert.False(rig.Physical.LampOn);
    }

    [Fact]
    public void Tick_RecordStoreFails_VerdictStillShownWithReason()
    {
        var rig = new Rig();
        rig.Records.Fail = true;
        rig.InspectConfirmingAll();
        rig.RunUntil(InspectionState.Verdict);
        Assert.Equal(Outcome.Genuine, rig.Controller.LastOutcome);
        Assert.False(rig.Controller.LastRecordStored);
        Assert.NotEqual(0, rig.Controller.LastReasons & VerdictReason.RecordNotStored);
    }

    [Fact]
    public void Tick_VerdictHold_ReturnsToIdleAndOkAcknowledges()
    {
        var rig = new Rig();
        rig.InspectConfirmingAll();
        rig.RunUntil(InspectionState.Verdict);
        rig.Run(rig.Settings.VerdictHoldMs);
        Assert.Equal(InspectionState.Idle, rig.Controller.State);
        Assert.True(rig.Controller.CanSleep);

        rig.InspectConfirmingAll();
        rig.RunUntil(InspectionState.Verdict);
        rig.Press(ButtonId.Ok);
        Assert.Equal(InspectionState.Idle, rig.Controller.State);
    }

    [Fact]
    public void Tick_NoDoubleOnVerdict_RetriesNewInspection()
    {
        var rig = new Rig();
        rig.InspectConfirmingAll();
        rig.RunUntil(InspectionState.Verdict);
        rig.Buttons.Pressed[1] = true; rig.Run(80); rig.Buttons.Pressed[1] = false; rig.Run(100);
        rig.Buttons.Pressed[1] = true; rig.Run(80); rig.Buttons.Pressed[1] = false; rig.Run(60);
        Assert.Equal(InspectionState.Scanning, rig.Controller.State);
        Assert.Equal(2, rig.Scanner.Triggers);
    }

    [Fact]
    public void Tick_OkDuringSweep_Ignored()
    {
        var rig = new Rig();
        rig.Press(ButtonId.Ok);
        rig.RunUntil(InspectionState.Sweeping);
        rig.Press(ButtonId.Ok);
        Assert.Equal(InspectionState.Sweeping, rig.Controller.State);
        Assert.Equal(1, rig.Scanner.Triggers);
    }

    [Fact]
    public void Tick_OneInspection_HostAllocationUnder16KB()
    {
        var rig = new Rig();
        rig.InspectConfirmingAll(); rig.RunUntil(InspectionState.Verdict); rig.Press(ButtonId.Ok); // warm up
        rig.Records.Stored.Clear();
        long before = GC.GetAllocatedBytesForCurrentThread();
        rig.InspectConfirmingAll();
        rig.RunUntil(InspectionState.Verdict);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // Fakes allocate a little too (record list entry, answers clone); the controller itself ~0.
        Assert.True(allocated < 16 * 1024, $"allocated {allocated} bytes");
    }
}

/// <summary>Fingerprint layout 2 on the device: each track sweep waits for the inspector to place the device on the
/// track's edge and press OK; the inspector is told which track; no sweep timeout while waiting.</summary>
public class InspectionControllerTrackTests
{
    [Fact]
    public void Tick_TracksWaitForOk_TrackNamedOnScreen_ThenVerdict()
    {
        var guided = new FakeGuidedPhysical { TracksToDecide = 3 };
        var rig = new Rig(guided);
        rig.Press(ButtonId.Ok);
        rig.RunUntil(InspectionState.Sweeping);
        rig.Run(3100);                                   // the physical sweep
        for (int t = 0; t < 3; t++)
        {
            Assert.Equal(t, guided.AwaitingTrack);
            Assert.Equal(InspectionState.Sweeping, rig.Controller.State);
            Assert.StartsWith("Track " + (t + 1) + "/4: ", rig.Indicator.Line1);
            Assert.Equal(LedMode.SlowBlink, rig.Indicator.Mode);
            int sweeps = guided.SweepsMade;
            rig.Run(rig.Settings.SweepTimeoutMs + 1000);   // the inspector takes longer than a sweep's timeout to move
            Assert.Equal(sweeps, guided.SweepsMade);       // nothing swept without OK, and no timeout
            Assert.Equal(InspectionState.Sweeping, rig.Controller.State);
            rig.Press(ButtonId.Ok);
            Assert.Equal(-1, guided.AwaitingTrack);
            Assert.Equal(sweeps + 1, guided.SweepsMade);
            rig.Run(3100);
        }
        Assert.Equal(3, guided.Confirms);
        Assert.Equal(0, guided.Skips);
        rig.RunUntil(InspectionState.Prompting);
        Assert.Equal(PhysicalFinding.Consistent, rig.Controller.Physical.Finding);
    }

    [Fact]
    public void Tick_NoOkWithinThePromptTimeout_RemainingTracksGivenUp()
    {
        var guided = new FakeGuidedPhysical { TracksToDecide = 4 };
        var rig = new Rig(guided);
        rig.Press(ButtonId.Ok);
        rig.RunUntil(InspectionState.Sweeping);
        rig.Run(3100);
        Assert.Equal(0, guided.AwaitingTrack);
        rig.Run(rig.Settings.PromptTimeoutMs + 100);
        Assert.Equal(1, guided.Skips);
        rig.RunUntil(InspectionState.Prompting, 1000);
        Assert.Equal(PhysicalFinding.Inconclusive, rig.Controller.Physical.Finding);
    }

    [Fact]
    public void Tick_NoPressedWhileWaiting_RemainingTracksGivenUp()
    {
        var guided = new FakeGuidedPhysical { TracksToDecide = 4 };
        var rig = new Rig(guided);
        rig.Press(ButtonId.Ok);
        rig.RunUntil(InspectionState.Sweeping);
        rig.Run(3100);
        rig.Press(ButtonId.Ok);                          // track 0
        rig.Run(3100);
        Assert.Equal(1, guided.AwaitingTrack);
        rig.Press(ButtonId.No);
        rig.Run(400);                                    // NO's short press is known when its double-press window closes
        Assert.Equal(1, guided.Skips);
        rig.RunUntil(InspectionState.Prompting, 1000);
        Assert.NotEqual(PhysicalFinding.Consistent, rig.Controller.Physical.Finding);
    }
}
