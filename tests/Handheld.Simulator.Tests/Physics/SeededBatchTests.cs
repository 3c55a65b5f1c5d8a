using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Simulator.Physics;
using Handheld.Simulator.Scenarios;

namespace Handheld.Simulator.Tests.Physics;

/// <summary>A small seeded batch through the real drivers, sampler and emulators (the large one is the CLI's).</summary>
public class SeededBatchTests
{
    [Theory]
    [InlineData(SensorKind.Tcs34725)]
    [InlineData(SensorKind.As7341)]
    public void Run_CorpusOnceUnderEachLighting_NoForgeryConsistentNoGenuineInconsistent(SensorKind sensor)
    {
        var scenarios = ScenarioFile.LoadDirectory(ScenarioFileTests.CorpusDir);
        var report = BatchRunner.Run(scenarios, runs: 1, seed: 20261124, sensor);

        Assert.Equal(0, report.Forgery.Consistent);
        Assert.Equal(0, report.Genuine.Inconsistent);
        Assert.True(report.Genuine.Consistent * 2 >= report.Genuine.Total,
            "genuine consistent " + report.Genuine.Consistent + " of " + report.Genuine.Total);
        Assert.True(report.SweepMsMax <= 3100, "sweep " + report.SweepMsMax + " ms");
    }

    [Theory]
    [InlineData("forgery-photocopy-office.json", PhysicalReason.FalseLuminescence)]
    [InlineData("forgery-dull-no-fibres.json", PhysicalReason.FibresNotFound)]
    public void Run_ForgeryInDarkRoom_InconsistentWithItsReason(string file, int reason)
    {
        var s = ScenarioFile.Load(Path.Combine(ScenarioFileTests.CorpusDir, file));
        var run = new ScenarioRunner().Run(s, Lighting.Dark, SensorKind.Tcs34725, 5);
        Assert.Equal(PhysicalVerdict.Inconsistent, run.Verdict);
        Assert.NotEqual(0, run.Result.Reasons & reason);
    }

    [Fact]
    public void Run_PastedGenuineQrOnOfficePaper_NeverConsistentMostlyFalseLuminescence()
    {
        var s = ScenarioFile.Load(Path.Combine(ScenarioFileTests.CorpusDir, "forgery-pasted-qr.json"));
        int luminescent = 0;
        for (int seed = 1; seed <= 6; seed++)
        {
            var run = new ScenarioRunner().Run(s, Lighting.OfficeLed, SensorKind.Tcs34725, seed);
            Assert.NotEqual(PhysicalVerdict.Consistent, run.Verdict);
            if ((run.Result.Reasons & PhysicalReason.FalseLuminescence) != 0) luminescent++;
        }
        Assert.True(luminescent >= 4, luminescent + " of 6 runs saw the brightened sheet");
    }

    [Fact]
    public void Run_GenuineInDirectSun_NeverConsistentOrInconsistent()
    {
        var s = ScenarioFile.Load(Path.Combine(ScenarioFileTests.CorpusDir, "extra", "genuine-direct-sun.json"));
        for (int seed = 1; seed <= 3; seed++)
        {
            var run = new ScenarioRunner().Run(s, Lighting.DirectSun, SensorKind.Tcs34725, seed);
            Assert.Equal(PhysicalVerdict.Inconclusive, run.Verdict);
        }
    }

    [Fact]
    public void Run_SameSeed_SameTrace()
    {
        var s = ScenarioFile.Load(Path.Combine(ScenarioFileTests.CorpusDir, "genuine-sparse.json"));
        var a = new ScenarioRunner().Run(s, Lighting.Fluorescent, SensorKind.Tcs34725, 42);
        var b = new ScenarioRunner().Run(s, Lighting.Fluorescent, SensorKind.Tcs34725, 42);
        Assert.Equal(a.Trace.Blue.Take(a.Trace.Count), b.Trace.Blue.Take(b.Trace.Count));
        Assert.Equal(a.Result.Summary(), b.Result.Summary());
    }
}
