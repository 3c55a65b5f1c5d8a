using System.Globalization;
using Handheld.Core.Inspection;
using PdfSharp.Drawing;

namespace Handheld.Sdk.Reports;

/// <summary>
/// The small plot of the UV sweep on a report: what record format v1 keeps of the sweep — the paper background
/// under UV and the fibre events counted per colour — as bars, drawn as PDF vector graphics (a few hundred bytes;
/// a raster plot would cost tens of kilobytes of the 300 KB budget). The per-sample trace is not stored in a record.
/// </summary>
public static class SweepPlot
{
    public static void Draw(ReportCanvas c, ReportText t, ReportRecord r, double x, double y, double width, double height)
    {
        var g = c.G;
        g.DrawRectangle(new XPen(XColors.LightGray, 0.5), x, y, width, height);
        c.Draw(t["physical.plot"], x + 4, y + 10, 7.5, false, XBrushes.DimGray);

        var bars = new (string Label, int Value, XColor Colour)[]
        {
            (t["physical.plot.background"], r.Figure(RecordLogSink.FigureBackgroundBlue) ?? 0, XColors.SlateGray),
            (t["physical.plot.blue"], r.Figure(RecordLogSink.FigureFibresBlue) ?? 0, XColor.FromArgb(40, 90, 220)),
            (t["physical.plot.green"], r.Figure(RecordLogSink.FigureFibresGreen) ?? 0, XColor.FromArgb(30, 160, 70)),
            (t["physical.plot.red"], r.Figure(RecordLogSink.FigureFibresRed) ?? 0, XColor.FromArgb(200, 50, 50)),
        };
        double plotTop = y + 18, plotBottom = y + height - 14;
        double slot = (width - 16) / bars.Length;
        g.DrawLine(new XPen(XColors.Gray, 0.5), x + 6, plotBottom, x + width - 6, plotBottom);
        // The background (cps16) and fibre counts have different units: each bar group has its own scale,
        // the paper bar against the largest of itself and 1,000, the fibre bars against the largest count (≥ 5).
        int fibreMax = Math.Max(5, bars.Skip(1).Max(b => b.Value));
        for (int i = 0; i < bars.Length; i++)
        {
            var (label, value, colour) = bars[i];
            double scale = i == 0 ? Math.Max(1000, value) : fibreMax;
            double h = Math.Max(0, value) / scale * (plotBottom - plotTop - 10);
            double bx = x + 8 + i * slot + slot * 0.2;
            double bw = slot * 0.6;
            g.DrawRectangle(new XSolidBrush(colour), bx, plotBottom - h, bw, h);
            string v = value.ToString(CultureInfo.InvariantCulture);
            c.Draw(v, bx + bw / 2 - c.Width(v, 7) / 2, plotBottom - h - 2, 7);
            c.Draw(label, bx + bw / 2 - c.Width(label, 7) / 2, plotBottom + 9, 7, false, XBrushes.DimGray);
            if (i == 0) g.DrawLine(new XPen(XColors.LightGray, 0.5), x + 8 + slot, plotTop, x + 8 + slot, plotBottom);
        }
    }
}
