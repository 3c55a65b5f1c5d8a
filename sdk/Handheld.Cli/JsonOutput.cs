using System.CommandLine;
using Handheld.Cli.Conventions;

namespace Handheld.Cli;

/// <summary><c>--json</c> on a command that produces a result: the shared style (CliJson: camelCase, ISO 8601 times).</summary>
internal static class JsonOutput
{
    public static Option<bool> Create() => new("--json") { Description = "JSON output (camelCase)" };

    public static void Write(object value) => Console.Out.WriteLine(CliJson.Serialize(value));

    /// <summary>Unix seconds as ISO 8601 UTC, null for 0 (unset).</summary>
    public static string? Time(long unix) => unix == 0 ? null : CliTime.Format(DateTimeOffset.FromUnixTimeSeconds(unix));
}
