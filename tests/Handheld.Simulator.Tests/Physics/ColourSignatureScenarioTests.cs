using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Simulator.Physics;
using Handheld.Simulator.Scenarios;

namespace Handheld.Simulator.Tests.Physics;

/// <summary>TCS34725 colour signature end to end: emulator → driver → sampler → PhysicalCheck → ColourSignatureCheck
/// against the simulator's declared fibre dyes.</summary>
public class ColourSignatureScenarioTests
{
    private static IEnumerable<ScenarioRun> Runs(Scenario s, SensorKind sensor, int count)
    {
        var runner = new ScenarioRunner();
        foreach (var l in new[] { Lighting.Dark, Lighting.OfficeLed, Lighting.Fluorescent })
            for (int i = 0; i < count; i++)
                yield return runner.Run(s, l, sensor, BatchRunner.RunSeed(4242, s.Name, l, i));
    }

    [Fact]
    public void DeclaredShares_AreTheSimulatedFibreDyesThroughTheTcsFilters()
    {
        var d = DeclaredFibreColourShares.For(new DeviceOptics());
        Assert.Equal(FibreColours.Blue | FibreColours.Green | FibreColours.Red, d.Declared);
        // Blue fibres fall mostly in B, green ones in G, the red europium-like line in R.
        Assert.True(d.At(FibreColours.Blue, DeclaredColourShares.Blue) > 700);
        Assert.True(d.At(FibreColours.Green, DeclaredColourShares.Green) > 550);
        Assert.True(d.At(FibreColours.Red, DeclaredColourShares.Red) > 850);
        var bytes = new byte[d.EncodedLength];
        Assert.Equal(bytes.Length, d.Write(bytes, 0));
        Assert.True(new DeclaredColourShares().TryRead(bytes, 0, bytes.Length));
    }

    [Fact]
    public void PrintedInvisibleFibres_Tcs34725_MostlyCaughtBySignature()
    {
        var s = ScenarioFile.Load(Path.Combine(AttackModelTests.AttackDir, "attack-printed-fibres-invisible.json"));
        var runs = Runs(s, SensorKind.Tcs34725, 6).ToList();
        int consistent = runs.Count(r => r.Verdict == PhysicalVerdict.Consistent);
        int bySignature = runs.Count(r => (r.Result.Reasons & PhysicalReason.ColourSignatureMismatch) != 0);
        Assert.All(runs, r => Assert.Equal(ColourSignatureResult.StatusChecked, r.ColourSignature.Status));
        // Before the signature every run was accepted (main, issue 17); the figures are in the Fluorescence README.
        Assert.True(consistent <= runs.Count / 3, $"{consistent} of {runs.Count} accepted");
        Assert.True(bySignature >= runs.Count / 2, $"{bySignature} of {runs.Count} caught by the colour signature");
    }

    [Fact]
    public void GenuineSheets_Tcs34725_NeverAccusedBySignature()
    {
        foreach (var file in new[] { "genuine-dense.json", "genuine-sparse.json" })
        {
            var runs = Runs(ScenarioFile.Load(Path.Combine(RepoPaths.ScenarioCorpus, file)), SensorKind.Tcs34725, 6).ToList();
            Assert.All(runs, r => Assert.Equal(ColourSignatureResult.StatusChecked, r.ColourSignature.Status));
            Assert.DoesNotContain(runs, r => r.Verdict == PhysicalVerdict.Inconsistent && (r.Result.Reasons & PhysicalReason.ColourSignatureMismatch) != 0);
            Assert.True(runs.Count(r => r.ColourSignature.JudgedColours > 0) >= runs.Count / 2, file + ": green fibres judged in too few runs");
        }
    }

    [Fact]
    public void As7341Sweep_SignatureNotAvailable()
    {
        var run = Runs(ScenarioFile.Load(Path.Combine(RepoPaths.ScenarioCorpus, "genuine-dense.json")), SensorKind.As7341, 1).First();
        Assert.Equal(ColourSignatureResult.StatusNotAvailable, run.ColourSignature.Status);
        Assert.Equal(0, run.Result.Reasons & (PhysicalReason.ColourSignatureMismatch | PhysicalReason.ColourSharesNotDeclared));
    }
}
