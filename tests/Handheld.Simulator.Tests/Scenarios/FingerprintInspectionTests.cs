using Handheld.Core.Drivers;
using Handheld.Core.Fingerprint;
using Handheld.Simulator.Physics;
using Handheld.Simulator.Scenarios;

namespace Handheld.Simulator.Tests.Scenarios;

/// <summary>Layout 2 end to end on the emulated head: four tracks registered from their scans, swept one after the
/// other by one matcher until it decides.</summary>
public class FingerprintInspectionTests
{
    private static Scenario Load(string file) => ScenarioFile.Load(Path.Combine(RepoPaths.Root, "tests", "TestData", "scenarios", file));

    /// <summary>Six genuine sheets: every inspection sweeps its tracks in order, each sweep on its own track; most
    /// match (the simulator's rate at 40–80 mm/s is ≈ 75–85 %, README), none is a mismatch.</summary>
    [Theory]
    [InlineData(SensorKind.Tcs34725, 40)]
    [InlineData(SensorKind.As7341, 80)]
    public void Inspect_GenuineSheets_TracksInOrder_MostMatch(SensorKind sensor, double speed)
    {
        var s = Load("genuine-dense.json");
        int matched = 0;
        for (int seed = 5; seed < 11; seed++)
        {
            var sheet = FingerprintRunner.Sheet(s, seed);
            var (scan, registered) = FingerprintRegistration.Register(sheet, FibreTrack.MaxTracks);
            var inspection = FingerprintRunner.Inspect(s, sheet, scan, registered, Lighting.OfficeLed, sensor, speed, 0, 17 + seed);
            Assert.True(inspection.Verdict != FingerprintVerdict.Mismatch, inspection.Last.Result.Summary());
            if (inspection.Verdict == FingerprintVerdict.Match) matched++;
            else Assert.Equal(FibreTrack.MaxTracks - 1, inspection.Last.Result.Track);    // undecided: every track swept
            int attempts = FingerprintSettings.Default().MaxAttemptsPerTrack;
            for (int i = 0; i < inspection.Sweeps.Count; i++)
            {
                var r = inspection.Sweeps[i].Result;
                // Tracks in order; a track again only after a sweep that was not compared, at most `attempts` times.
                if (i > 0)
                {
                    var before = inspection.Sweeps[i - 1].Result;
                    Assert.True(r.Track == before.Track + 1 || (r.Track == before.Track && before.NextTrack == before.Track), "sweep " + i + ": track " + r.Track + " after " + before.Summary());
                }
                Assert.True(inspection.Sweeps.Count(x => x.Result.Track == r.Track) <= attempts);
                // Each sweep follows its own track: the first mark is met at that track's start mark.
                if (r.MarkCount < 1) continue;
                double error = inspection.Sweeps[i].TruePositionMm(r.MarkTimeMs[0]) - 16 * r.MarkIndex[0];
                Assert.True(Math.Abs(error) < 0.5, "sheet " + seed + " sweep " + i + " first mark off by " + error.ToString("0.00") + " mm");
            }
            Assert.Equal(-1, inspection.Last.Result.NextTrack);
        }
        Assert.True(matched >= 3, matched + " of 6 genuine inspections matched");
    }

    [Fact]
    public void Inspect_BlanksOfTheSamePaper_NeverMatchOverAllTracks()
    {
        var s = Load("genuine-dense.json");
        var (scan, registered) = FingerprintRegistration.Register(FingerprintRunner.Sheet(s, 5), FibreTrack.MaxTracks);
        for (int other = 100; other < 104; other++)
        {
            var inspection = FingerprintRunner.Inspect(s, FingerprintRunner.Sheet(s, other), scan, registered, Lighting.OfficeLed, SensorKind.Tcs34725, 80, 0.4, other);
            Assert.True(inspection.Verdict != FingerprintVerdict.Match, "sheet " + other + ": " + inspection.Last.Result.Summary());
        }
    }

    /// <summary>At 12 mm/s a 2.94 s sweep runs 35 mm of the 96 mm track: it is not compared, the inspector is asked
    /// again and (the simulator's assumption) doubles the speed until a sweep runs the whole track.</summary>
    [Fact]
    public void Inspect_SlowSweep_NotCompared_TrackSweptAgainFaster()
    {
        var s = Load("genuine-dense.json");
        var sheet = FingerprintRunner.Sheet(s, 5);
        var (scan, registered) = FingerprintRegistration.Register(sheet, FibreTrack.MaxTracks);
        var inspection = FingerprintRunner.Inspect(s, sheet, scan, registered, Lighting.OfficeLed, SensorKind.Tcs34725, 12, 0, 17);
        var first = inspection.Sweeps[0];
        Assert.True((first.Result.Reasons & FingerprintReason.SweepTooShort) != 0, first.Result.Summary());
        Assert.Equal(0, first.Result.NextTrack);
        Assert.Equal(12, first.SpeedMmPerS);
        Assert.Equal(24, inspection.Sweeps[1].SpeedMmPerS);
        Assert.Equal(0, inspection.Sweeps[1].Result.Track);
        var compared = inspection.Sweeps.First(x => (x.Result.Reasons & FingerprintReason.SweepTooShort) == 0);
        Assert.Equal(48, compared.SpeedMmPerS);
    }
}
