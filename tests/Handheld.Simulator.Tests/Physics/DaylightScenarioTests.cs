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
    public void MarkerStrokes_ColouredFarMoreOftenThanFibres(SensorKind sensor)
    {
        int markerJudged = 0, markerColoured = 0, fibreJudged = 0, fibreColoured = 0;
        for (int seed = 1; seed <= 6; seed++)
        {
            var m = new ScenarioRunner().Run(Attack("attack-markers-two-fine.json"), Lighting.OfficeLed, sensor, seed).Result;
            markerJudged += m.DaylightEventsAssessed; markerColoured += m.ColouredEvents;
            var g = new ScenarioRunner().Run(Corpus("genuine-dense.json"), Lighting.OfficeLed, sensor, seed).Result;
            fibreJudged += g.DaylightEventsAssessed; fibreColoured += g.ColouredEvents;
        }
        // Fine (0.15 mm) pale strokes under a 3 mm spot shift its colour by a few σ at best: a share of them reads
        // coloured, the fibres (invisible by daylight) hardly ever (office LED, seeds 1–6, AS7341: 5 of 53 marker events).
        Assert.True(markerJudged >= 24 && markerColoured * 12 >= markerJudged, "markers " + markerColoured + "/" + markerJudged);
        Assert.True(fibreJudged >= 24 && fibreColoured * 25 < fibreJudged, "fibres " + fibreColoured + "/" + fibreJudged);
        Assert.True(markerColoured * fibreJudged > 4 * fibreColoured * markerJudged, "markers " + markerColoured + "/" + markerJudged + ", fibres " + fibreColoured + "/" + fibreJudged);
    }

    [Fact]
    public void ColouredMarker_MovesTheColour_GreyOneOfTheSameDarknessHardly()
    {
        // The same strokes (same seed, same darkness as the white LED sees it), once blue, once grey.
        long colouredShift = 0, greyShift = 0;
        int colouredN = 0, greyN = 0;
        for (int seed = 1; seed <= 6; seed++)
        {
            var blue = Attack("attack-marker-blue.json");
            var grey = Attack("attack-marker-blue.json");
            grey.Sheet.Markers![0].VisibleColour = null;
            var rb = new ScenarioRunner().Run(blue, Lighting.Dark, SensorKind.Tcs34725, seed).Result;
            var rg = new ScenarioRunner().Run(grey, Lighting.Dark, SensorKind.Tcs34725, seed).Result;
            for (int e = 0; e < rb.EventCount; e++) if (rb.EventColourShiftTenths[e] > 0) { colouredShift += rb.EventColourShiftTenths[e]; colouredN++; }
            for (int e = 0; e < rg.EventCount; e++) if (rg.EventColourShiftTenths[e] > 0) { greyShift += rg.EventColourShiftTenths[e]; greyN++; }
        }
        Assert.True(colouredN >= 12 && greyN >= 12, colouredN + " / " + greyN + " events judged");
        Assert.True(colouredShift * greyN > greyShift * colouredN * 3 / 2,
            "mean shift blue " + colouredShift / colouredN + ", grey " + greyShift / greyN + " (tenths of σ)");
    }

    [Fact]
    public void ScalarOnlyScenario_SameSweepAsExplicitGrey()
    {
        // A scenario that gives only visibleReflectance keeps its meaning: grey, the white light's old path.
        var scalar = Attack("attack-markers-two-fine.json");
        var grey = Attack("attack-markers-two-fine.json");
        foreach (var m in scalar.Sheet.Markers!) m.VisibleColour = null;
        foreach (var m in grey.Sheet.Markers!) m.VisibleColour = "grey";

        var a = new ScenarioRunner().Run(scalar, Lighting.OfficeLed, SensorKind.Tcs34725, 5);
        var b = new ScenarioRunner().Run(grey, Lighting.OfficeLed, SensorKind.Tcs34725, 5);

        Assert.Equal(a.Trace.Count, b.Trace.Count);
        for (int i = 0; i < a.Trace.Count; i++)
        {
            Assert.Equal(a.Trace.Reflectance[i], b.Trace.Reflectance[i]);
            Assert.Equal(a.Trace.WhiteChromaticity[i], b.Trace.WhiteChromaticity[i]);
            Assert.Equal(a.Trace.Blue[i], b.Trace.Blue[i]);
        }
        Assert.Null(VisibleColours.Absorption("grey", 0.5));
    }

    [Fact]
    public void ColouredStroke_ReflectsItsColour_GreyStrokeFlat()
    {
        var a = VisibleColours.Absorption("blue", 0.55)!;
        int nm450 = (450 - Handheld.Simulator.Optics.SpectralGrid.FirstNm) / Handheld.Simulator.Optics.SpectralGrid.StepNm;
        int nm620 = (620 - Handheld.Simulator.Optics.SpectralGrid.FirstNm) / Handheld.Simulator.Optics.SpectralGrid.StepNm;

        // A blue stroke absorbs the red far more than the blue; its LED-weighted absorbance stays 1 − visibleReflectance.
        Assert.True(a[nm620] > 4 * a[nm450], a[nm620] + " vs " + a[nm450]);
        double num = 0, den = 0;
        for (int i = 0; i < a.Length; i++) { num += Spectra.WhiteLed4000K[i] * a[i]; den += Spectra.WhiteLed4000K[i]; }
        Assert.InRange(num / den, 0.99, 1.01);
    }

    [Theory]
    [InlineData("harsh-unsteady.json")]        // 12° tilt, a lift-off per second
    [InlineData("harsh-lamp-textured.json")]   // textured paper
    public void TiltLiftOffAndTexture_NeverFibresVisibleByDaylight(string file)
    {
        for (int seed = 1; seed <= 6; seed++)
        {
            var r = new ScenarioRunner().Run(Attack(file), Lighting.Dark, SensorKind.Tcs34725, seed).Result;
            Assert.Equal(0, r.Reasons & PhysicalReason.FibresVisibleByDaylight);
        }
    }

    [Fact]
    public void UnknownVisibleColour_FormatErrorNamingTheField()
    {
        string json = File.ReadAllText(Path.Combine(AttackModelTests.AttackDir, "attack-marker-blue.json")).Replace("\"visibleColour\": \"blue\"", "\"visibleColour\": \"teal\"");

        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioFile.Parse(json, "x.json"));
        Assert.Contains("sheet.markers[0].visibleColour", e.Message);
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
