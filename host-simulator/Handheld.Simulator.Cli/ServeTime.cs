using System.Globalization;
using Handheld.Cli.Conventions;

namespace Handheld.Simulator.Cli;

/// <summary><c>serve --time</c>: ISO 8601 with offset (the convention) or unix seconds (as scripts pass it).</summary>
internal static class ServeTime
{
    public static long Parse(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            ? unix : CliTime.Parse("--time", text).ToUnixTimeSeconds();
}
