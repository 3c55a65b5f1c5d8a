using System.Globalization;

namespace Handheld.Simulator.Cli;

/// <summary><c>--reaction-ms 4000,3000,2500</c>: one non-negative whole number of milliseconds per prompt.</summary>
internal static class ReactionTimes
{
    public static int[] Parse(string text) => text.Split(',').Select((p, i) =>
        int.TryParse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? ms
            : throw new FormatException($"--reaction-ms: '{p.Trim()}' (item {i + 1}) is not a whole number of milliseconds ≥ 0")).ToArray();
}
