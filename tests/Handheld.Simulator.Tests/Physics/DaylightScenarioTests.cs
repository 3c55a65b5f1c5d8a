using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Simulator.Emulators;
using Handheld.Simulator.Physics;
using Handheld.Simulator.Scenarios;

namespace Handheld.Simulator.Tests.Physics;

/// <summary>The daylight (white LED) test end to end: emulated LED and sheet, real sampler and analysis.</summary>
public class DaylightScenarioTests
{
    private static Scenario Attack(string file) => ScenarioFile.Load(Path.Combine(AttackModelTests.AttackDir, file));
    private static Scenario Corpus(string file) => ScenarioFile.Load(Path.Combine(ScenarioFileTests.CorpusDir, file));

    [Theory]
    [InlineData(SensorKind.Tcs34725)]
    [InlineData(SensorKind.As7341)]
    public void GenuineSheet_EverySweepCarriesReflectance_AboveTheLedFaultLevel(SensorKind sensor)
    {
        var run = new ScenarioRunner().Run(Corpus("genuine-dense.json"), Lighting.OfficeLed, sensor, 3);

        Assert.True(run.Trace.HasReflectance);
        Assert.True(run.Result.ReflectanceLevel > PhysicalCheckSettings.For(sensor).Daylight.MinPaperReflectance * 3,
            "level " + run.Result.ReflectanceLevel);
        Assert.Equal(0, run.Result.Reasons & (PhysicalReason.DaylightLedFault | PhysicalReason.FibresVisibleByDaylight));
        Assert.True(run.SweepMs <= 3000, run.SweepMs + " ms");
    }

    [Theory]
    [InlineData(SensorKind.Tcs34725, WhiteLedFaultMode.Open)]
    [InlineData(SensorKind.Tcs34725, WhiteLedFaultMode.StuckOn)]
    [InlineData(SensorKind.As7341, WhiteLedFaultMode.Open)]
    [InlineData(SensorKind.As7341, WhiteLedFaultMode.StuckOn)]
    public void BrokenWhiteLed_GenuineSheetNeverConsistent_DaylightLedFault(SensorKind sensor, WhiteLedFaultMode fault)
    {
        var runner = new ScenarioRunner { WhiteLedFault = fault };
        for (int seed = 1; seed <= 3; seed++)
        {
            var run = runner.Run(Corpus("genuine-dense.json"), Lighting.Dark, sensor, seed);
            Assert.NotEqual(PhysicalVerdict.Consistent, run.Verdict);
            Assert.NotEqual(0, run.Result.Reasons & PhysicalReason.DaylightLedFault);
        }
    }

    [Theory]
    [InlineData(SensorKind.Tcs34725)]
    [InlineData(SensorKind.As7341)]
    public void MarkerStrokes_AtleastAThirdOfJudgedEventsColoured_FibresUnderATenth(SensorKind sensor)
    {
        int markerJudged = 0, markerColoured = 0, fibreJudged = 0, fibreColoured = 0;
        for (int seed = 1; seed <= 6; seed++)
        {
            var m = new ScenarioRunner().Run(Attack("attack-markers-two-fine.json"), Lighting.OfficeLed, sensor, seed).Result;
            markerJudged += m.DaylightEventsAssessed; markerColoured += m.ColouredEvents;
            var g = new ScenarioRunner().Run(Corpus("genuine-dense.json"), Lighting.OfficeLed, sensor, seed).Result;
            fibreJudged += g.DaylightEventsAssessed; fibreColoured += g.ColouredEvents;
        }
        // Office LED, seeds 1–6, measured: TCS34725 11 of 23, AS7341 11 of 30 marker events coloured.
        Assert.True(markerJudged >= 12 && markerColoured * 3 >= markerJudged, "markers " + markerColoured + "/" + markerJudged);
        Assert.True(fibreJudged >= 24 && fibreColoured * 10 < fibreJudged, "fibres " + fibreColoured + "/" + fibreJudged);
    }

    [Fact]
    public void MarkerForgery_CaughtByDaylightInSomeSweeps_WithItsReason()
    {
        int caught = 0;
        for (int seed = 1; seed <= 8; seed++)
        {
            var r = new ScenarioRunner().Run(Attack("attack-markers-two-fine.json"), Lighting.Dark, SensorKind.Tcs34725, seed).Result;
            if ((r.Reasons & PhysicalReason.FibresVisibleByDaylight) != 0)
            {
                caught++;
                Assert.Equal(PhysicalVerdict.Inconsistent, r.Verdict);
            }
        }
        Assert.True(caught >= 3, caught + " of 8");
    }
}
