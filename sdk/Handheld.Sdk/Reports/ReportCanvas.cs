using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Handheld.Sdk.Reports;

/// <summary>
/// Writes flowing text on A4 pages of a <see cref="PdfDocument"/>: mixed Chinese/Latin runs each in its font,
/// greedy wrapping (a CJK character may break anywhere, Latin text at spaces), a new page when the bottom is reached.
/// </summary>
public sealed class ReportCanvas : IDisposable
{
    public const double Margin = 48;
    public const double PageWidth = 595.28;   // A4, points
    public const double PageHeight = 841.89;

    private readonly PdfDocument _document;

    public ReportCanvas(PdfDocument document)
    {
        _document = document;
        NewPage();
    }

    public XGraphics G { get; private set; } = null!;
    public PdfPage Page { get; private set; } = null!;
    public double Y { get; set; }
    public double Left => Margin;
    public double Right => PageWidth - Margin;
    public double Bottom => PageHeight - Margin;

    public void NewPage()
    {
        G?.Dispose();
        Page = _document.AddPage();
        Page.Width = XUnit.FromPoint(PageWidth);
        Page.Height = XUnit.FromPoint(PageHeight);
        G = XGraphics.FromPdfPage(Page);
        Y = Margin;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit.</summary>
    public void Need(double height)
    {
        if (Y + height > Bottom) NewPage();
    }

    /// <summary>Draws mixed text straight on a graphics object (footers drawn after layout).</summary>
    public static double DrawRuns(XGraphics g, string text, double x, double y, double size, bool bold, XBrush brush)
    {
        double start = x;
        foreach (var (run, cjk) in Runs(text))
        {
            var f = ReportFonts.Font(cjk, size, bold);
            g.DrawString(run, f, brush, x, y, XStringFormats.BaseLineLeft);
            x += g.MeasureString(run, f).Width;
        }
        return x - start;
    }

    internal static IEnumerable<(string Text, bool Cjk)> Runs(string text)
    {
        int start = 0;
        for (int i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || ReportFonts.IsCjk(text[i]) != ReportFonts.IsCjk(text[start]))
            {
                if (i > start) yield return (text[start..i], ReportFonts.IsCjk(text[start]));
                start = i;
            }
        }
    }

    public double Width(string text, double size, bool bold = false) =>
        Runs(text).Sum(r => G.MeasureString(r.Text, ReportFonts.Font(r.Cjk, size, bold)).Width);

    /// <summary>Draws one line at (x, baseline y) without wrapping; returns its width.</summary>
    public double Draw(string text, double x, double y, double size, bool bold = false, XBrush? brush = null) =>
        DrawRuns(G, text, x, y, size, bold, brush ?? XBrushes.Black);

    /// <summary>Splits text into lines no wider than <paramref name="width"/>.</summary>
    public IReadOnlyList<string> Wrap(string text, double width, double size, bool bold = false)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            if (ReportFonts.IsCjk(text[i])) { tokens.Add(text[i].ToString()); i++; continue; }
            int j = i;
            while (j < text.Length && !ReportFonts.IsCjk(text[j]) && text[j] != ' ') j++;
            while (j < text.Length && text[j] == ' ') j++;
            if (j == i) j++;
            tokens.Add(text[i..j]);
            i = j;
        }
        var lines = new List<string>();
        string line = "";
        foreach (var t in tokens)
        {
            if (line.Length > 0 && Width(line + t.TrimEnd(), size, bold) > width)
            {
                lines.Add(line.TrimEnd());
                line = t.TrimStart();
            }
            else
            {
                line += t;
            }
            while (line.Length > 1 && Width(line, size, bold) > width)
            {
                // A single token wider than the line (a long hash): cut it.
                int cut = line.Length - 1;
                while (cut > 1 && Width(line[..cut], size, bold) > width) cut--;
                lines.Add(line[..cut]);
                line = line[cut..];
            }
        }
        if (line.Trim().Length > 0 || lines.Count == 0) lines.Add(line.TrimEnd());
        return lines;
    }

    /// <summary>Writes wrapped text from x to <paramref name="right"/>, moving <see cref="Y"/> down.</summary>
    public void Paragraph(string text, double size, double x, double? right = null, bool bold = false, XBrush? brush = null)
    {
        double lineHeight = size * 1.45;
        foreach (var line in Wrap(text, (right ?? Right) - x, size, bold))
        {
            Need(lineHeight);
            Y += lineHeight;
            Draw(line, x, Y - size * 0.3, size, bold, brush);
        }
    }

    /// <summary>A wrapped label column and a wrapped value column; moves <see cref="Y"/> below the taller.</summary>
    public void Field(string label, string value, double size = 9.5, double labelWidth = 150, double? right = null)
    {
        double lineHeight = size * 1.45;
        Need(lineHeight);
        double top = Y;
        foreach (var line in Wrap(label, labelWidth - 8, size))
        {
            Y += lineHeight;
            Draw(line, Left, Y - size * 0.3, size, false, XBrushes.DimGray);
        }
        double labelBottom = Y;
        Y = top;
        Paragraph(value, size, Left + labelWidth, right);
        Y = Math.Max(Y, labelBottom);
    }

    public void Heading(string text, double size = 11.5)
    {
        Need(size * 3);
        Y += size * 0.9;
        Paragraph(text, size, Left, bold: true);
        G.DrawLine(new XPen(XColors.Gray, 0.5), Left, Y + 2, Right, Y + 2);
        Y += 4;
    }

    public void Dispose() => G?.Dispose();
}
