using Handheld.Core.Inspection;
using Handheld.Simulator.Device;
using Handheld.Simulator.Physics;

namespace Handheld.Simulator.Tests.Device;

public class InspectionRunTests
{
    internal static string ScenarioPath(string file) => Path.Combine(RepoPaths.RunScenarios, file);

    // Seed 2 is a run whose genuine sweep the physics analysis finds Consistent with the TCS34725 (not every
    // seed does: see the report); these tests are about the flow around it.
    private static RunResult Run(string file, double ilRate = 1.5e6, string answers = "confirm,confirm,confirm")
    {
        var s = RunScenario.Load(ScenarioPath(file));
        s.Seed = 2;
        s.Answers = RunScenario.ParseAnswers(answers);
        return InspectionRun.Execute(s, new RunOptions { IlPerSecond = ilRate });
    }

    [Theory]
    [InlineData("run-genuine.json", Outcome.Genuine)]
    [InlineData("run-photocopy.json", Outcome.Suspect)]
    [InlineData("run-forged-signature.json", Outcome.Forged)]
    [InlineData("run-revoked.json", Outcome.Invalid)]
    [InlineData("run-faults.json", Outcome.Unverified)]
    [InlineData("run-ecdsa-slow.json", Outcome.Genuine)]
    public void Execute_Scenario_ExpectedVerdict(string file, Outcome expected)
    {
        Assert.Equal(expected, Run(file).Outcome);
    }

    [Theory]
    [InlineData(1.5e6)]
    [InlineData(5e6)]
    public void Execute_Rsa2048_InspectorWaitsAtMost300msAfterLastAction(double ilRate)
    {
        var r = Run("run-genuine.json", ilRate);
        Assert.True(r.WaitAfterLastActionMs <= 300, $"waited {r.WaitAfterLastActionMs} ms");
        // The check started in the scan tick and its result was there when the sweep ended (the device-time
        // estimate is shorter than the sweep), before any prompt.
        Assert.True(r.SignatureDeviceMs < r.SweepMs);
        Assert.True(r.DigitalDoneMs <= r.SweepDoneMs);
        Assert.True(r.DigitalDoneMs <= r.PromptsStartMs);
    }

    [Fact]
    public void Execute_PhotocopyAndInspectorFindsNoMicroText_Forged()
    {
        var r = Run("run-photocopy.json", answers: "deny,skip,confirm");
        Assert.Equal(Outcome.Forged, r.Outcome);
        Assert.NotEqual(0, r.Reasons & VerdictReason.PaperInconsistent);
        Assert.NotEqual(0, r.Reasons & VerdictReason.MicroTextDenied);
    }

    [Fact]
    public void Execute_GenuineSweepInconclusive_UnverifiedNeverGenuine()
    {
        var s = RunScenario.Load(ScenarioPath("run-genuine.json"));
        s.Lighting = Lighting.DirectSun; // ~100,000 lx: the ambient swamps the fluorescence, the sweep cannot decide
        s.Seed = 1;
        var r = InspectionRun.Execute(s);
        Assert.Equal(Outcome.Unverified, r.Outcome);
        Assert.NotEqual(0, r.Reasons & VerdictReason.PhysicalInconclusive);
    }

    [Fact]
    public void Execute_SlowEcdsaQuickInspector_WaitIsOnlyTheRemainingSignatureTime()
    {
        // P-256 is ≈ 2.7 M IL (1.8 s at 1.5 M IL/s, finishing before quick answers do). To exercise the case where
        // the check outlasts the answers, run a deliberately slow interpreter (0.2 M IL/s, ≈ 13.7 s): the verdict
        // must wait only for what is left of the check.
        var r = Run("run-ecdsa-slow.json", ilRate: 0.2e6);
        Assert.True(r.DigitalDoneMs > r.LastActionMs, "the signature must still be running after the last answer");
        Assert.Equal(r.DigitalDoneMs, r.VerdictMs);
        Assert.InRange(r.DigitalDoneMs - r.ScannedMs, r.SignatureDeviceMs, r.SignatureDeviceMs + 10);
    }

    [Fact]
    public void Execute_Faults_ScannerRecoversSensorFaultClockUnsetRecordLostButLogIntact()
    {
        var r = Run("run-faults.json");
        Assert.Contains(r.Log, l => l.Contains("1 re-trigger(s)"));
        Assert.True(r.ScannedMs > 0, "the code is read after the garbage");
        foreach (int reason in new[] { VerdictReason.ClockUnset, VerdictReason.SensorFault })
            Assert.NotEqual(0, r.Reasons & reason);
        Assert.Equal(Outcome.Unverified, r.Outcome);
        Assert.False(r.RecordStored);
        Assert.Contains(r.Log, l => l.Contains("after reboot the log opens Ok with 0 committed record(s)"));
    }

    [Fact]
    public void Execute_ForgedSignature_LampOffEarlyAndNoPrompts()
    {
        var r = Run("run-forged-signature.json");
        Assert.All(r.Answers, a => Assert.Equal(PromptAnswer.NotAsked, a));
        Assert.True(r.LampOnMs < 3000);
        Assert.Equal(VerdictReason.SignatureInvalid, r.Reasons);
    }

    [Fact]
    public void Execute_OneInspection_CoreAllocatesUnder16KB()
    {
        var r = Run("run-genuine.json");
        Assert.InRange(r.AllocatedBytes, 0, 16 * 1024);
    }

    [Fact]
    public void ParseAnswers_UnknownWord_FormatException()
    {
        Assert.Throws<FormatException>(() => RunScenario.ParseAnswers("yes,confirm,confirm"));
    }

    [Fact]
    public void Load_PhysicsScenarioWithoutLicence_RunsAsValidRsaLicence()
    {
        var s = RunScenario.From(Handheld.Simulator.Scenarios.ScenarioFile.Load(
            Path.Combine(Path.GetDirectoryName(ScenarioPath("x"))!, "..", "..", "tests", "TestData", "scenarios", "genuine-dense.json")));
        Assert.Equal(DigitalCase.Valid, s.Digital);
        Assert.Equal("rsa2048", s.Algorithm);
        Assert.Equal(RunFaults.None, s.Faults);
    }

    [Fact]
    public void RunCommand_GenuineScenario_PrintsVerdictAndExitsZero()
    {
        var old = Console.Out;
        var sw = new StringWriter();
        Console.SetOut(sw);
        int rc;
        try { rc = Handheld.Simulator.Cli.Program.Main(new[] { "run", ScenarioPath("run-genuine.json"), "--quiet", "--seed", "2" }); }
        finally { Console.SetOut(old); }
        Assert.Equal(0, rc);
        Assert.Contains("VERDICT GENUINE", sw.ToString());
        Assert.Contains("wait after last action", sw.ToString());
    }
}
