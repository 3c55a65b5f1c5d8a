namespace Handheld.Portability.Tests;

/// <summary>Tests that swap the process-wide console run alone.</summary>
[CollectionDefinition("GuardConsole", DisableParallelization = true)]
public class GuardConsoleCollection;

/// <summary>Issue 16: the portability tool on a missing path gives one line naming the argument, exit 2, no stack trace.</summary>
[Collection("GuardConsole")]
public sealed class GuardCliTests
{
    [Theory]
    [InlineData("ASSEMBLY", "check", "/nonexistent/Handheld.Core.Primitives.dll", "firmware/nanoframework-api.txt")]
    [InlineData("DIR", "syntax", "/nonexistent/firmware")]
    [InlineData("API-SURFACE", "packages", "/nonexistent/api-surface.txt", "x.nfproj")]
    public void MissingPath_OneLineNamingTheArgument_ExitTwo(string name, params string[] args)
    {
        var e = new StringWriter();
        var old = Console.Error;
        Console.SetError(e);
        int code;
        try { code = Handheld.PortabilityGuard.Program.Main(args); }
        finally { Console.SetError(old); }
        Assert.Equal(2, code);
        var lines = e.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith($"error: {name}: no such file or folder: /nonexistent/", lines[0]);
        Assert.DoesNotContain("   at ", e.ToString());
    }
}
