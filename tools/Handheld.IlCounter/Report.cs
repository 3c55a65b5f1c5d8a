using System.Globalization;
using System.Text;

namespace Handheld.IlCounter;

/// <summary>Formats the measurements as an aligned text table or a Markdown table.</summary>
public static class Report
{
    /// <summary>Interpreter speeds bracketing the ESP32 estimate (facts §8): 1.5 and 5 M IL/s.</summary>
    public static readonly double[] IlPerSecond = { 1.5e6, 5e6 };

    public static string Table(IReadOnlyList<Measurement> rows, bool markdown)
    {
        var inv = CultureInfo.InvariantCulture;
        string[] head = { "operation", "IL instructions", "ms @1.5M IL/s", "ms @5M IL/s", "allocated B", "allocations", "peak live B", "note" };
        var cells = rows.Select(r => new[]
        {
            r.Operation,
            r.Instructions.ToString("N0", inv),
            (r.Instructions / IlPerSecond[0] * 1000).ToString("F1", inv),
            (r.Instructions / IlPerSecond[1] * 1000).ToString("F1", inv),
            r.AllocatedBytes.ToString("N0", inv),
            r.Allocations.ToString("N0", inv),
            r.PeakLiveBytes < 0 ? "-" : r.PeakLiveBytes.ToString("N0", inv),
            r.Note,
        }).ToList();
        var sb = new StringBuilder();
        if (markdown)
        {
            sb.Append("| ").Append(string.Join(" | ", head)).Append(" |\n");
            sb.Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", head.Length - 2))).Append("---|\n");
            foreach (var c in cells) sb.Append("| ").Append(string.Join(" | ", c)).Append(" |\n");
            return sb.ToString();
        }
        var width = head.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        void Line(string[] c)
        {
            for (int i = 0; i < c.Length; i++)
            {
                bool left = i == 0 || i == c.Length - 1;
                sb.Append(left ? c[i].PadRight(width[i]) : c[i].PadLeft(width[i]));
                sb.Append(i == c.Length - 1 ? "\n" : "  ");
            }
        }
        Line(head);
        foreach (var c in cells) Line(c);
        return sb.ToString();
    }

    /// <summary>Per operation, the methods that executed the most instructions (exclusive counts).</summary>
    public static string Profiles(IReadOnlyList<Measurement> rows, int top)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        foreach (var r in rows)
        {
            sb.Append('\n').Append(r.Operation).Append('\n');
            foreach (var (method, n) in r.Profile.Take(top))
            {
                sb.Append("  ").Append(n.ToString("N0", inv).PadLeft(12)).Append("  ").Append(method).Append('\n');
            }
        }
        return sb.ToString();
    }
}
