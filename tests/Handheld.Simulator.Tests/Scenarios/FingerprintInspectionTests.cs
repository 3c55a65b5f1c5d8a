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
            if (inspection.Verdict == FingerprintVerdict.Match) { matched++; Assert.InRange(inspection.Sweeps.Count, 2, FibreTrack.MaxTracks); }
            else Assert.Equal(FibreTrack.MaxTracks, inspection.Sweeps.Count);
            for (int t = 0; t < inspection.Sweeps.Count; t++)
            {
                var r = inspection.Sweeps[t].Result;
                Assert.Equal(t, r.Track);
                // Each sweep follows its own track: the first mark is met at that track's start mark.
                double error = inspection.Sweeps[t].TruePositionMm(r.MarkTimeMs[0]) - 16 * r.MarkIndex[0];
                Assert.True(Math.Abs(error) < 0.5, "sheet " + seed + " track " + t + " first mark off by " + error.ToString("0.00") + " mm");
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
}
