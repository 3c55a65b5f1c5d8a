using Handheld.Core.Drivers;
using Handheld.Core.Fingerprint;
using Handheld.Core.Fluorescence;
using Handheld.Simulator.Physics;
using Handheld.Simulator.Scenarios;

namespace Handheld.Simulator.Tests.Scenarios;

/// <summary>The fingerprint runs in track mode on the emulated head: the lamp on for the whole sweep, dense samples,
/// marks at their true positions, blanks of the same paper never MATCH.</summary>
public class FingerprintTrackModeTests
{
    private static Scenario Load(string file) => ScenarioFile.Load(Path.Combine(RepoPaths.Root, "tests", "TestData", "scenarios", file));

    [Theory]
    [InlineData(SensorKind.Tcs34725, 40)]
    [InlineData(SensorKind.As7341, 80)]
    public void Run_GenuineSweep_DenseTraceMarksAtTheirTruePositions(SensorKind sensor, double speed)
    {
        var s = Load("genuine-dense.json");
        var sheet = FingerprintRunner.Sheet(s, 5);
        var (scan, registered) = FingerprintRunner.Register(sheet);
        var run = FingerprintRunner.Run(s, sheet, scan, registered, Lighting.Fluorescent, sensor, speed, 0, 17);

        Assert.Equal(SamplerFault.None, run.Sweep.SamplerFault);
        Assert.InRange(run.Sweep.Trace.Count, 200, FingerprintRunner.TraceCapacity);   // ≈ 12 ms per sample
        Assert.InRange(run.Sweep.SweepMs, 2900, 3000);
        Assert.Equal(7, run.Result.MarkCount);
        for (int k = 0; k < 7; k++)
        {
            double error = run.TruePositionMm(run.Result.MarkTimeMs[k]) - 16 * run.Result.MarkIndex[k];
            Assert.True(Math.Abs(error) < 0.5, "mark " + k + " off by " + error.ToString("0.00") + " mm");
        }
        Assert.True(run.Result.MeasuredCount >= 4, run.Result.Summary());
    }

    [Fact]
    public void Run_BlanksOfTheSamePaper_NeverMatch()
    {
        var s = Load("genuine-dense.json");
        var (scan, registered) = FingerprintRunner.Register(FingerprintRunner.Sheet(s, 5));
        foreach (double speed in new[] { 40.0, 80, 120 })
            for (int other = 100; other < 104; other++)
            {
                var run = FingerprintRunner.Run(s, FingerprintRunner.Sheet(s, other), scan, registered, Lighting.OfficeLed, SensorKind.Tcs34725, speed, 0.4, other);
                Assert.True(run.Verdict != FingerprintVerdict.Match, speed + " mm/s sheet " + other + ": " + run.Result.Summary());
            }
    }

    [Fact]
    public void Batch_FixedSeed_PrintsTheGenuineMatchRateAndNoBlankMatches()
    {
        var scenarios = new[] { Load("genuine-dense.json"), Load("genuine-sparse.json") };
        var report = FingerprintBatch.Run(scenarios, 1, 7, SensorKind.Tcs34725, new[] { 40.0, 120 });
        var g = report.ByClass["genuine (all)"];
        Console.WriteLine("track mode, seed 7: genuine match " + g.Match + " of " + g.Total + ", mismatch " + g.Mismatch);
        Assert.Equal(0, report.ByClass["blank-forged-print (all)"].Match);
        Assert.Equal(0, g.Mismatch);
        Assert.NotEmpty(report.Audit);
    }
}
