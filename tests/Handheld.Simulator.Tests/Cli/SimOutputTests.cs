using System.CommandLine;
using System.Text.Json;

namespace Handheld.Simulator.Tests.Cli;

/// <summary>Issue 16: <c>--json</c> (camelCase) on demo, run and sweep, and the newcomer's check list in demo.</summary>
[Collection("SimConsole")]
public sealed class SimOutputTests
{
    private static readonly string Scenarios = Path.Combine(RepoPaths.Root, "host-simulator", "scenarios");

    [Fact]
    public void Demo_Json_EachCaseHasVerdictAndNamedChecks()
    {
        var (code, stdout, _) = Run("demo --json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var cases = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(4, cases.Count);
        var genuine = cases[0].GetProperty("result");
        Assert.Equal("GENUINE", genuine.GetProperty("verdict").GetString());
        var checks = genuine.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("check").GetString()).ToList();
        Assert.Equal(["signature", "issuer key", "dates", "revocation", "paper", "fibres",
            "micro-text (inspector)", "hologram (inspector)", "thermochromic ink (inspector)"], checks);
        Assert.All(genuine.GetProperty("checks").EnumerateArray(), c => Assert.True(c.GetProperty("passed").GetBoolean()));
        var altered = cases[1].GetProperty("result").GetProperty("checks")[0];
        Assert.False(altered.GetProperty("passed").GetBoolean());
        Assert.StartsWith("FAILED", altered.GetProperty("outcome").GetString());
    }

    [Fact]
    public void Demo_Text_ListsEachCheckAndHidesFiguresWithoutVerbose()
    {
        var (code, stdout, _) = Run("demo");
        Assert.Equal(0, code);
        Assert.Contains("✓ signature", stdout);
        Assert.Contains("✗ signature", stdout);
        Assert.Contains("revoked this licence", stdout);
        Assert.DoesNotContain("time to verdict", stdout);
        var (_, verbose, _) = Run("demo --verbose");
        Assert.Contains("time to verdict", verbose);
    }

    [Fact]
    public void RunAndSweep_Json_CamelCase()
    {
        var (code, stdout, _) = Run($"run {Path.Combine(Scenarios, "run-genuine.json")} --json");
        Assert.Equal(0, code);
        using (var doc = JsonDocument.Parse(stdout))
        {
            Assert.Equal("GENUINE", doc.RootElement.GetProperty("verdict").GetString());
            Assert.True(doc.RootElement.GetProperty("timingMs").GetProperty("total").GetInt64() > 0);
        }
        var sweep = Run($"sweep {Path.Combine(RepoPaths.Root, "tests", "TestData", "scenarios", "genuine-dense.json")} --json");
        Assert.Equal(0, sweep.Code);
        using var s = JsonDocument.Parse(sweep.Out);
        Assert.True(s.RootElement.TryGetProperty("asExpected", out _));
        Assert.True(s.RootElement.GetProperty("events").GetArrayLength() > 0);
    }

    private static (int Code, string Out, string Err) Run(string commandLine)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(o);
        Console.SetError(e);
        try
        {
            int code = Handheld.Simulator.Cli.Program.Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                new InvocationConfiguration { Output = o, Error = e });
            return (code, o.ToString(), e.ToString());
        }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }
}
