using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Annotations;
using PdfSharp.Pdf.Signatures;

namespace Handheld.Sdk.Reports;

/// <summary>
/// Seals a report: one PDF signature (ISO 32000 §12.8) in PAdES baseline B-B form over the whole file.
/// PDFsharp 6.2 lays out the signature field, widget, /ByteRange and the /Contents placeholder, but writes the
/// SubFilter <c>adbe.pkcs7.detached</c>; PAdES requires <c>ETSI.CAdES.detached</c>. Both names are 19 bytes, so
/// after PDFsharp saves, the SubFilter is rewritten in place and the CMS recomputed over the new byte ranges
/// (docs/report-format.md §3).
/// </summary>
public static class SealedPdf
{
    /// <summary>Bytes reserved for the CMS (twice that in hex in the file); an ECDSA or RSA-2048 CMS with one
    /// certificate is 1–2 KB.</summary>
    public const int ReservedCmsBytes = 6144;

    internal static readonly byte[] AdobeSubFilter = Encoding.ASCII.GetBytes("/adbe.pkcs7.detached");
    internal static readonly byte[] PadesSubFilter = Encoding.ASCII.GetBytes("/ETSI.CAdES.detached");

    /// <summary>Seals a laid-out report; the visible seal is drawn in its <see cref="ReportDocument.SealArea"/>.</summary>
    public static byte[] Sign(ReportDocument report, ReportSeal seal, string reason, string location)
    {
        var document = report.Document;
        var area = report.SealArea;
        var options = new DigitalSignatureOptions
        {
            Reason = reason,
            Location = location,
            AppName = "handheld report",
            PageIndex = 0,
            // Annotation rectangles are in PDF user space: origin bottom-left.
            Rectangle = new XRect(area.X, ReportCanvas.PageHeight - area.Y - area.Height, area.Width, area.Height),
            AppearanceHandler = new SealAppearance(seal.UnitName),
        };
        DigitalSignatureHandler.ForDocument(document, new PlaceholderSigner(seal), options);
        using var stream = new MemoryStream();
        document.Save(stream, false);
        byte[] pdf = stream.ToArray();
        ToPades(pdf, seal);
        return pdf;
    }

    private static void ToPades(byte[] pdf, ReportSeal seal)
    {
        int at = IndexOf(pdf, AdobeSubFilter, 0);
        if (at < 0 || IndexOf(pdf, AdobeSubFilter, at + 1) >= 0) throw new InvalidOperationException("expected exactly one PDFsharp signature dictionary");
        PadesSubFilter.CopyTo(pdf, at);
        var range = SignatureLocation.Find(pdf) ?? throw new InvalidOperationException("signature byte range not found");
        byte[] cms = seal.SignDetached(range.SignedBytes(pdf));
        int capacity = (range.ContentsEnd - range.ContentsStart - 2) / 2;
        if (cms.Length > capacity) throw new InvalidOperationException($"CMS of {cms.Length} bytes exceeds the {capacity} reserved");
        var hex = Encoding.ASCII.GetBytes(Convert.ToHexString(cms).PadRight(capacity * 2, '0'));
        hex.CopyTo(pdf, range.ContentsStart + 1);
    }

    internal static int IndexOf(byte[] haystack, byte[] needle, int from)
    {
        return haystack.AsSpan(from).IndexOf(needle) is var i and >= 0 ? i + from : -1;
    }

    private sealed class PlaceholderSigner(ReportSeal seal) : IDigitalSigner
    {
        public string CertificateName => seal.UnitName;

        public Task<int> GetSignatureSizeAsync() => Task.FromResult(ReservedCmsBytes);

        // The real CMS is computed by ToPades once the SubFilter is final; PDFsharp's pass only needs the
        // placeholder filled (its ranged stream cannot even be read back here: it reports no bytes).
        public Task<byte[]> GetSignatureAsync(Stream stream) => Task.FromResult(new byte[] { 0x30, 0x00 });
    }

    /// <summary>The visible seal: a red ring with the unit's name and a star, the look of a Chinese official seal.</summary>
    private sealed class SealAppearance(string unit) : IAnnotationAppearanceHandler
    {
        public void DrawAppearance(XGraphics g, XRect rect)
        {
            var red = XColor.FromArgb(200, 20, 20);
            double cx = rect.Width / 2, cy = rect.Height / 2, rad = Math.Min(rect.Width, rect.Height) / 2 - 2;
            g.DrawEllipse(new XPen(red, 2.2), cx - rad, cy - rad, 2 * rad, 2 * rad);
            var star = new XPoint[10];
            for (int i = 0; i < 10; i++)
            {
                double r = i % 2 == 0 ? rad * 0.28 : rad * 0.11;
                double a = -Math.PI / 2 + i * Math.PI / 5;
                star[i] = new XPoint(cx + r * Math.Cos(a), cy - rad * 0.3 + r * Math.Sin(a));
            }
            g.DrawPolygon(new XSolidBrush(red), star, XFillMode.Winding);
            var brush = new XSolidBrush(red);
            string[] lines = unit.Length > 8 ? [unit[..(unit.Length / 2)], unit[(unit.Length / 2)..]] : [unit];
            double y = cy + 6;
            foreach (var line in lines)
            {
                double size = Math.Min(10, rad * 1.5 / Math.Max(1, line.Length) * 1.1);
                double w = MeasureRuns(g, line, size);
                ReportCanvas.DrawRuns(g, line, cx - w / 2, y + size / 2, size, false, brush);
                y += size * 1.3;
            }
            const string caption = "电子签章";
            double cw = MeasureRuns(g, caption, 6);
            ReportCanvas.DrawRuns(g, caption, cx - cw / 2, cy + rad * 0.78, 6, false, brush);
        }

        private static double MeasureRuns(XGraphics g, string text, double size) =>
            ReportCanvas.Runs(text).Sum(r => g.MeasureString(r.Text, ReportFonts.Font(r.Cjk, size)).Width);
    }
}

/// <summary>Where the one signature of a sealed PDF sits: its /ByteRange and the /Contents hex string.</summary>
public sealed record SignatureLocation(long[] ByteRange, int ContentsStart, int ContentsEnd)
{
    /// <summary>The bytes the signature covers: the file without the /Contents hex string.</summary>
    public byte[] SignedBytes(byte[] pdf)
    {
        var result = new byte[ByteRange[1] + ByteRange[3]];
        Array.Copy(pdf, ByteRange[0], result, 0, ByteRange[1]);
        Array.Copy(pdf, ByteRange[2], result, ByteRange[1], ByteRange[3]);
        return result;
    }

    /// <summary>Finds the last /ByteRange and the /Contents string it skips; null when there is none or it is not
    /// of the form [0 a b c] with b ≥ a and in range.</summary>
    public static SignatureLocation? Find(byte[] pdf)
    {
        var key = Encoding.ASCII.GetBytes("/ByteRange");
        int at = pdf.AsSpan().LastIndexOf(key);
        if (at < 0) return null;
        int p = at + key.Length;
        while (p < pdf.Length && pdf[p] is (byte)' ' or (byte)'\n' or (byte)'\r') p++;
        if (p >= pdf.Length || pdf[p] != '[') return null;
        int close = Array.IndexOf(pdf, (byte)']', p);
        if (close < 0 || close - p > 120) return null;
        var parts = Encoding.ASCII.GetString(pdf, p + 1, close - p - 1).Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 4) return null;
        var range = new long[4];
        for (int i = 0; i < 4; i++)
        {
            if (!long.TryParse(parts[i], out range[i]) || range[i] < 0) return null;
        }
        if (range[0] != 0 || range[2] < range[1] || range[2] + range[3] > pdf.Length) return null;
        int start = (int)range[1], end = (int)range[2];
        if (end - start < 2 || pdf[start] != '<' || pdf[end - 1] != '>') return null;
        return new SignatureLocation(range, start, end);
    }
}
