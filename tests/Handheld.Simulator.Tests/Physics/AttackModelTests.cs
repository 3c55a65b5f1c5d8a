using Handheld.Simulator.Physics;
using Handheld.Simulator.Scenarios;

namespace Handheld.Simulator.Tests.Physics;

/// <summary>Scenario schema 2: the parts that let the corpus express attacks and harsh conditions.</summary>
public class AttackModelTests
{
    internal static string AttackDir => Path.Combine(RepoPaths.ScenarioCorpus, "attacks");

    private const string Minimal = """
        { "schema": 2, "name": "x", "class": "forgery", "profile": { "fibreColours": ["blue","green"], "uvDullPaper": true },
          "sheet": { "paper": { "brightener": 0 } }, "sweep": { "durationMs": 3000 }, "expectedVerdict": "Inconsistent" }
        """;

    [Fact]
    public void Parse_MarkersWithoutSchema2_RefusedNamingSchema()
    {
        string json = Minimal.Replace("\"schema\": 2, ", "").Replace("\"sheet\": { \"paper\": { \"brightener\": 0 } }",
            "\"sheet\": { \"paper\": { \"brightener\": 0 }, \"markers\": [ { \"emission\": [ { \"peakNm\": 450, \"fwhmNm\": 60 } ] } ] }");
        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioFile.Parse(json, "m.json"));
        Assert.StartsWith("m.json: schema must be 2", e.Message);
    }

    [Theory]
    [InlineData("\"markers\": [ { \"layer\": \"middle\", \"emission\": [ { \"peakNm\": 450 } ] } ]", "sheet.markers[0].layer")]
    [InlineData("\"markers\": [ { \"emission\": [] } ]", "sheet.markers[0].emission must hold at least one band")]
    [InlineData("\"markers\": [ { \"emission\": [ { \"peakNm\": 200 } ] } ]", "sheet.markers[0].emission[0].peakNm must be between 380 and 780")]
    [InlineData("\"coats\": [ { \"transmission\": 1.5 } ]", "sheet.coats[0].transmission must be between 0 and 1")]
    [InlineData("\"table\": { \"reflectance\": 2 }", "sheet.table.reflectance must be between 0 and 1")]
    public void Parse_BadSchema2Field_MessageNamesIt(string part, string expected)
    {
        string json = Minimal.Replace("\"paper\": { \"brightener\": 0 } }", "\"paper\": { \"brightener\": 0 }, " + part + " }");
        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioFile.Parse(json, "b.json"));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Sample_FullAbsorbingCoat_DimsBrightenerByItsTransmission()
    {
        var bare = new SheetModel(new SheetSpec { Paper = new PaperSpec { Brightener = 1 } }, new Random(1));
        var coated = new SheetModel(new SheetSpec { Paper = new PaperSpec { Brightener = 1 }, Coats = new[] { new CoatSpec { Transmission = 0.1 } } }, new Random(1));
        double a = Brightener(bare, 100, 100), b = Brightener(coated, 100, 100);
        Assert.Equal(0.1, b / a, 6);
    }

    [Fact]
    public void Sample_PatchyCoat_CoversAboutItsShare()
    {
        var spec = new SheetSpec { Paper = new PaperSpec { Brightener = 1 }, Coats = new[] { new CoatSpec { Coverage = 0.6, Transmission = 0 } } };
        var sheet = new SheetModel(spec, new Random(3));
        int dark = 0, n = 0;
        for (double x = 5; x < 205; x += 4)
        for (double y = 5; y < 290; y += 4) { n++; if (Brightener(sheet, x, y, 0.05) == 0) dark++; }
        double share = (double)dark / n;
        Assert.InRange(share, 0.5, 0.7);
    }

    [Fact]
    public void Sample_BeyondTheEdge_SeesTheTable()
    {
        var spec = new SheetSpec { Paper = new PaperSpec { Brightener = 0 }, Table = new TableSpec { Brightener = 0.6, Reflectance = 0.3 } };
        var sheet = new SheetModel(spec, new Random(1));
        Assert.Equal(0, Brightener(sheet, 50, 50));
        Assert.True(Brightener(sheet, -10, 50) > 0);
        var amounts = new double[sheet.EmitterSlots];
        Assert.Equal(0.3, sheet.Sample(-10, 50, 1.5, 1.5, 0, 0.15, amounts), 6);
    }

    [Fact]
    public void Sample_MarkerSet_GetsItsOwnSpectrumSlot()
    {
        var m = new MarkerSpec { StrokesPerCm2 = 50, Emission = new[] { new EmissionBand { PeakNm = 600, FwhmNm = 30 } } };
        var sheet = new SheetModel(new SheetSpec { Paper = new PaperSpec(), Markers = new[] { m } }, new Random(2));
        Assert.Equal(SheetModel.EmitterCount + 1, sheet.EmitterSlots);
        double[] shape = sheet.ShapeOf(SheetModel.EmitterCount);
        int peak = Array.IndexOf(shape, shape.Max());
        Assert.Equal(600, Optics.SpectralGrid.WavelengthNm(peak));
        Assert.True(sheet.StrokeCount > 1000);
    }

    [Fact]
    public void At_BackAndForth_ReturnsNearTheStart()
    {
        var spec = new SweepSpec { DurationMs = 3000, SpeedMmPerS = 40, SpeedSdMmPerS = 0, BackAndForth = true, StartXMm = 30 };
        var path = new SweepTrajectory(spec, new Random(4));
        path.At(0, out double x0, out _, out _, out _, out _);
        path.At(1_500_000, out double xm, out _, out _, out _, out _);
        path.At(3_000_000, out double x1, out _, out _, out _, out _);
        Assert.Equal(30, x0, 6);
        Assert.True(xm > 80, "middle at " + xm);
        Assert.InRange(x1, 25, 35);   // the speed wobble of the way back differs by a few mm
    }

    [Fact]
    public void Level_PinkNoise_HasTheRequestedSpread()
    {
        var mod = new LampModulation(new LampSpec { PinkNoise = 0.03 }, new Random(5));
        var v = Enumerable.Range(0, 20000).Select(i => mod.Level(i * 0.001)).ToArray();
        double mean = v.Average(), sd = Math.Sqrt(v.Select(x => (x - mean) * (x - mean)).Average());
        Assert.InRange(sd, 0.015, 0.045);
        var drift = new LampModulation(new LampSpec { DriftPerS = -0.1 }, new Random(5));
        Assert.Equal(0.8, drift.Level(2), 6);
    }

    [Fact]
    public void LoadDirectory_AttackCorpus_EveryClassOfTheIssuePresent()
    {
        var all = ScenarioFile.LoadDirectory(AttackDir);
        var groups = all.Select(s => s.GroupName).ToHashSet();
        foreach (var g in new[] { "markers-one-colour", "markers-two-colours", "printed-fibres", "coated-brightened", "photocopy", "genuine-harsh", "genuine-direct-sun" })
            Assert.Contains(g, groups);
        Assert.All(all, s => Assert.Equal(2, s.Schema));
    }

    private static double Brightener(SheetModel sheet, double x, double y, double r = 1.5)
    {
        var amounts = new double[sheet.EmitterSlots];
        sheet.Sample(x, y, r, r, 0, 0.15, amounts);
        return amounts[(int)Emitter.Brightener];
    }
}
