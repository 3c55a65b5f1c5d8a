using System.Globalization;
using Handheld.Core.Inspection;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Handheld.Sdk.Reports;

/// <summary>
/// The rectification notice (整改通知书) for a licence found INVALID or SUSPECT (docs/report-format.md §5): to whom,
/// what was found (verdict and reasons in plain words), a legal-basis field left blank for the office, the deadline,
/// the inspection record it rests on (with its QR reference) and lines for the inspector's and the receiver's
/// signatures. Sealed like the report.
/// </summary>
public static class RectificationNotice
{
    /// <summary>Verdicts a notice may be issued for.</summary>
    public static bool Applies(Outcome o) => o is Outcome.Invalid or Outcome.Suspect;

    public static ReportDocument Build(ReportRequest request, DateOnly deadline)
    {
        if (request.Records.Count != 1) throw new ReportException("--template notice: select exactly one record (--sequence)");
        var r = request.Records[0];
        if (!Applies(r.Outcome))
        {
            throw new ReportException($"--template notice: the record's verdict is {OutcomeNames.Of(r.Outcome)}; a notice is for INVALID or SUSPECT");
        }
        ReportFonts.EnsureInstalled();
        var t = ReportText.For(request.Language);
        var doc = InspectionReport.NewDocument(request, t["notice.title"]);
        var lic = request.LicenceOf(r);
        double sealTop;
        using (var c = new ReportCanvas(doc))
        {
            InspectionReport.Title(c, t["notice.title"], request.UnitName);
            c.Y += 8;
            c.Field(t["notice.number"], $"HH-{r.DeviceId[^Math.Min(8, r.DeviceId.Length)..]}-{r.Sequence:D6}");
            c.Field(t["notice.to"], lic?.Licence.EnterpriseName ?? "________________________________");
            if (lic != null) c.Field(t["licence.uscc"], lic.Licence.Uscc);
            c.Field(t["licence.number"], r.LicenceNumber.Length > 0 ? r.LicenceNumber : t["licence.none"]);
            c.Y += 8;
            c.Paragraph(t["notice.found"], 10.5, c.Left);
            c.Y += 2;
            c.Field(t["notice.verdict"], t.Outcome(r.Outcome), size: 10.5, labelWidth: 110);
            var reasons = InspectionReport.ReasonLines(r, t);
            for (int i = 0; i < reasons.Count; i++)
            {
                c.Paragraph($"{i + 1}. {reasons[i]}", 10.5, c.Left + 18);
            }
            c.Y += 10;
            c.Need(40);
            c.Draw(t["notice.basis"] + "：", c.Left, c.Y + 12, 10.5);
            double bx = c.Left + 80;
            for (int line = 0; line < 2; line++)
            {
                c.G.DrawLine(new XPen(XColors.Black, 0.5), bx, c.Y + 14 + line * 20, c.Right, c.Y + 14 + line * 20);
            }
            c.Draw(t["notice.basis.blank"], bx, c.Y + 54, 8, false, XBrushes.Gray);
            c.Y += 62;
            sealTop = c.Y;
            c.Paragraph(string.Format(CultureInfo.InvariantCulture, t["notice.order"], deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), 10.5, c.Left);
            c.Field(t["notice.deadline"], deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), size: 10.5, labelWidth: 110);

            c.Y += 12;
            c.Heading(t["notice.basedOn"], 10.5);
            double qrSize = 80;
            double qrTop = c.Y + 4;
            double right = c.Right - qrSize - 14;
            c.Field(t["record.device"], r.DeviceId, right: right, labelWidth: 120);
            c.Field(t["record.sequence"], r.Sequence.ToString(CultureInfo.InvariantCulture), right: right, labelWidth: 120);
            c.Field(t["record.time"], InspectionReport.TimeText(r, t), right: right, labelWidth: 120);
            c.Field(t["record.inspector"], r.InspectorId.Length == 0 ? "-" : r.InspectorId, right: right, labelWidth: 120);
            c.Field(t["record.hash"], r.Sha256Hex.ToLowerInvariant(), size: 8.5, right: right, labelWidth: 120);
            QrDrawing.Draw(c.G, RecordReference.Of(r).QrText, c.Right - qrSize, qrTop, qrSize);
            c.Y = Math.Max(c.Y, qrTop + qrSize) + 24;

            c.Need(60);
            double mid = (c.Left + c.Right) / 2;
            foreach (var (label, x) in new[] { (t["notice.inspector"], c.Left), (t["notice.receiver"], mid + 10) })
            {
                c.Draw(label + "：", x, c.Y + 12, 10);
                c.G.DrawLine(new XPen(XColors.Black, 0.5), x, c.Y + 36, x + 200, c.Y + 36);
                c.Draw(t["notice.date"] + "：", x, c.Y + 54, 10);
                c.G.DrawLine(new XPen(XColors.Black, 0.5), x + 40, c.Y + 56, x + 200, c.Y + 56);
            }
            c.Y += 64;
            c.Paragraph(t["record.seal"], 8, c.Left, brush: XBrushes.DimGray);
        }
        InspectionReport.Footers(doc, t, request.UnitName);
        double size = InspectionReport.SealSize;
        return new ReportDocument(doc, new XRect(ReportCanvas.PageWidth - ReportCanvas.Margin - size - 10, sealTop, size, size));
    }
}
