using Handheld.Core.Drivers;
using Handheld.Core.Inspection;
using Handheld.Simulator.Demo;

namespace Handheld.Simulator.Tests.Demo;

/// <summary>The README's main job: a genuine licence and its forgeries through the whole device core.</summary>
public class DemoInspectionsTests
{
    private static readonly string Root = RepoPaths.Root;

    private static IReadOnlyList<DemoCase> Run(SensorKind sensor, int seed) => DemoInspections.Run(
        File.ReadAllText(Path.Combine(Root, "docs", "examples", "licence.json")),
        Path.Combine(Root, "host-simulator", "scenarios", "run-genuine.json"),
        Path.Combine(Root, "host-simulator", "scenarios", "run-photocopy.json"), sensor, seed);

    [Fact]
    public void Run_DefaultDemo_GenuineForgedSuspectInvalid()
    {
        var cases = Run(SensorKind.As7341, 2);
        Assert.Equal(Outcome.Genuine, cases[0].Result.Outcome);
        Assert.Equal(Outcome.Forged, cases[1].Result.Outcome);
        Assert.True((cases[1].Result.Reasons & VerdictReason.SignatureInvalid) != 0);
        Assert.Contains(cases[2].Result.Outcome, new[] { Outcome.Forged, Outcome.Suspect });
        Assert.True((cases[2].Result.Reasons & VerdictReason.PaperInconsistent) != 0);
        Assert.Equal(Outcome.Invalid, cases[3].Result.Outcome);
        Assert.True((cases[3].Result.Reasons & VerdictReason.Revoked) != 0);
        Assert.All(cases, c => Assert.True(c.Result.RecordStored));
    }

    [Theory]
    [InlineData(SensorKind.Tcs34725, 1)]
    [InlineData(SensorKind.Tcs34725, 3)]
    public void Run_AnySeed_ForgeriesAndRevokedNeverGenuine(SensorKind sensor, int seed)
    {
        var cases = Run(sensor, seed);
        Assert.Equal(Outcome.Forged, cases[1].Result.Outcome);
        Assert.NotEqual(Outcome.Genuine, cases[2].Result.Outcome);
        Assert.Equal(Outcome.Invalid, cases[3].Result.Outcome);
    }
}
