using Handheld.Core.Drivers;
using Handheld.Simulator.Physics;
using Handheld.Simulator.Scenarios;

namespace Handheld.Simulator.Tests.Physics;

/// <summary>`batch` with sheets that carry the fingerprint track: each group also counts the fingerprint verdicts of
/// a guided sweep per run (the same sheet registered for genuine groups, a genuine reference sheet for forgeries).</summary>
public class FingerprintBatchIntegrationTests
{
    private static Scenario WithTrack(string file)
    {
        var s = ScenarioFile.Load(Path.Combine(RepoPaths.Root, "tests", "TestData", "scenarios", file));
        s.Sheet.Track = new TrackSpec();
        return s;
    }

    [Fact]
    public void Run_ScenariosWithTrack_GroupsCountFingerprintVerdictsAndForgeriesNeverMatch()
    {
        var genuine = WithTrack("genuine-dense.json");
        var forgery = WithTrack("forgery-highlighter-blue.json");
        var plain = ScenarioFile.Load(Path.Combine(RepoPaths.Root, "tests", "TestData", "scenarios", "genuine-sparse.json"));
        var report = BatchRunner.Run(new[] { genuine, forgery, plain }, runs: 2, seed: 7, SensorKind.Tcs34725);

        var g = report.ByGroup[genuine.GroupName].Fingerprint;
        Assert.NotNull(g);
        Assert.Equal(genuine.Lightings().Length * 2, g!.Total);                 // the track scenario's runs only
        Assert.Equal(0, g.Mismatch);
        var f = report.ByGroup[forgery.GroupName].Fingerprint;
        Assert.NotNull(f);
        Assert.Equal(0, f!.Match);
        // With the fingerprint a forgery is never consistent; every run is counted once.
        var fc = report.ByGroup[forgery.GroupName].Combined;
        Assert.NotNull(fc);
        Assert.Equal(f.Total, fc!.Total);
        Assert.Equal(0, fc.Consistent);
        Assert.Equal(g.Total, report.ByGroup[genuine.GroupName].Combined!.Total);
        if (plain.GroupName != genuine.GroupName) Assert.Null(report.ByGroup[plain.GroupName].Fingerprint);
    }
}
