using System.Text.Json;
using Handheld.Core.Drivers;
using Handheld.Simulator.Cli;
using Handheld.Simulator.Scenarios;

namespace Handheld.Simulator.Tests.Physics;

/// <summary>The attack corpus through the batch: per-class figures and the classes the fixes of issue 17 close.</summary>
public class AttackBatchTests
{
    [Theory]
    [InlineData(SensorKind.Tcs34725)]
    [InlineData(SensorKind.As7341)]
    public void Run_CoatedBrightenedAndPhotocopies_NeverConsistentGenuineHarshRarelyInconsistent(SensorKind sensor)
    {
        var all = ScenarioFile.LoadDirectory(AttackModelTests.AttackDir);
        var report = BatchRunner.Run(all, runs: 2, seed: 20261202, sensor);

        Assert.Equal(0, report.ByGroup["coated-brightened"].All.Consistent);
        Assert.Equal(0, report.ByGroup["photocopy"].All.Consistent);
        Assert.Equal(0, report.ByGroup["genuine-direct-sun"].All.Inconsistent);
        var harsh = report.ByGroup["genuine-harsh"];
        Assert.True(harsh.Genuine);
        Assert.True(harsh.All.Inconsistent <= 2, "genuine-harsh inconsistent " + harsh.All.Inconsistent + " of " + harsh.All.Total);
        // The group table adds up to the class totals.
        Assert.Equal(report.Genuine.Total + report.Forgery.Total, report.ByGroup.Values.Sum(g => g.All.Total));
        Assert.Equal(report.ByGroup["photocopy"].All.Total, report.ByGroup["photocopy"].ByLighting.Values.Sum(c => c.Total));
    }

    [Fact]
    public void Execute_RunsOut_OneJsonLinePerRunWithGroup()
    {
        string file = Path.Combine(Path.GetTempPath(), "phys-runs-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            int code = BatchCommand.Execute(Path.Combine(AttackModelTests.AttackDir, "attack-coat-full.json"), 2, 3, SensorKind.Tcs34725, json: true, runsOut: file);
            Assert.Equal(0, code);
            var lines = File.ReadAllLines(file);
            Assert.Equal(8, lines.Length);                     // 4 lightings × 2 runs
            using var doc = JsonDocument.Parse(lines[0]);
            Assert.Equal("coated-brightened", doc.RootElement.GetProperty("group").GetString());
            Assert.Equal("Inconsistent", doc.RootElement.GetProperty("verdict").GetString());
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Execute_RunsOutUnwritable_ExitThree()
    {
        int code = BatchCommand.Execute(Path.Combine(AttackModelTests.AttackDir, "attack-coat-full.json"), 1, 3, SensorKind.Tcs34725, json: true,
            runsOut: Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "x.jsonl"));
        Assert.Equal(3, code);
    }
}
