using System.Text.RegularExpressions;

namespace Handheld.Simulator.Tests.Hardware;

/// <summary>hardware/pinmap.md is the one source of truth; the firmware's PinMap.cs must match it exactly.</summary>
public class PinMapTests
{
    internal static Dictionary<string, int> ParseTable(string markdown)
    {
        int begin = markdown.IndexOf("<!-- pinmap:begin -->", StringComparison.Ordinal);
        int end = markdown.IndexOf("<!-- pinmap:end -->", StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "pinmap markers missing");
        var map = new Dictionary<string, int>();
        foreach (var line in markdown[begin..end].Split('\n'))
        {
            var m = Regex.Match(line, @"^\|\s*([A-Za-z][A-Za-z0-9]*)\s*\|\s*(\d+)\s*\|");
            if (m.Success) map.Add(m.Groups[1].Value, int.Parse(m.Groups[2].Value));
        }
        return map;
    }

    internal static Dictionary<string, int> ParseConstants(string csharp, IEnumerable<string> names)
    {
        var map = new Dictionary<string, int>();
        foreach (Match m in Regex.Matches(csharp, @"public\s+const\s+int\s+([A-Za-z0-9]+)\s*=\s*(\d+)\s*;"))
            map[m.Groups[1].Value] = int.Parse(m.Groups[2].Value);
        return names.Where(map.ContainsKey).ToDictionary(n => n, n => map[n]);
    }

    [Fact]
    public void PinMapCs_EveryTableRow_HasSameGpio()
    {
        string root = RepoPaths.Root;
        var table = ParseTable(File.ReadAllText(Path.Combine(root, "hardware", "pinmap.md")));
        var consts = ParseConstants(File.ReadAllText(Path.Combine(root, "firmware", "Handheld.Firmware", "PinMap.cs")), table.Keys);
        Assert.NotEmpty(table);
        foreach (var (name, gpio) in table)
        {
            Assert.True(consts.ContainsKey(name), $"PinMap.cs lacks {name}");
            Assert.True(gpio == consts[name], $"{name}: pinmap.md GPIO{gpio}, PinMap.cs GPIO{consts[name]}");
        }
    }

    [Fact]
    public void PinMap_NoGpioUsedTwiceAndNoneReserved()
    {
        var table = ParseTable(File.ReadAllText(Path.Combine(RepoPaths.Root, "hardware", "pinmap.md")));
        Assert.Equal(table.Count, table.Values.Distinct().Count());
        // Flash (6-11), WROVER PSRAM (16/17), debug UART (1/3), strapping 0/2/5/12/15.
        int[] reserved = { 0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16, 17 };
        Assert.Empty(table.Values.Intersect(reserved));
        // Outputs must not be on the input-only pins 34-39.
        foreach (var name in new[] { "UvLampPwm", "ScannerTx", "LedRed", "LedGreen", "LedBlue", "Buzzer", "WhiteLedPwm", "I2cScl", "I2cSda" })
            Assert.InRange(table[name], 0, 33);
    }

    [Fact]
    public void ParseTable_DifferentNumber_Detected()
    {
        const string md = "<!-- pinmap:begin -->\n| Name | GPIO |\n|---|---|\n| ButtonOk | 13 | x |\n<!-- pinmap:end -->";
        var table = ParseTable(md);
        var consts = ParseConstants("public const int ButtonOk = 14;", table.Keys);
        Assert.NotEqual(table["ButtonOk"], consts["ButtonOk"]);
    }
}
