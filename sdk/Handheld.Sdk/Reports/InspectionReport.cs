using System.Globalization;
using Handheld.Core.Inspection;
using Handheld.Core.Records;
using Handheld.Sdk.Licensing;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Handheld.Sdk.Reports;

/// <summary>A laid-out report or notice, not yet sealed: the document and where on its first page (top-left
/// coordinates, points) the visible seal goes.</summary>
public sealed record ReportDocument(PdfDocument Document, XRect SealArea);

/// <summary>What a report is made from: the records (one page or more each), the licences their QR text decoded
/// to (optional, matched by digest), the language and the inspecting unit's name.</summary>
public sealed class ReportRequest
{
    public required IReadOnlyList<ReportRecord> Records { get; init; }
    public IReadOnlyList<ReportLicence> Licences { get; init; } = [];
    public ReportLanguage Language { get; init; } = ReportLanguage.Zh;
    public required string UnitName { get; init; }

    public ReportLicence? LicenceOf(ReportRecord r) => Licences.FirstOrDefault(l => l.Matches(r));
}

/// <summary>
/// Lays out the inspection report (docs/report-format.md §1): per record the licence as decoded, the digital,
/// physical and human checks in plain words, the verdict with its reasons, device, inspector, time and clock
/// source, sequence and hash, and a QR code carrying the record reference. Times are China Standard Time (UTC+8).
/// </summary>
public static class InspectionReport
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private const int DigitalSignatureBits = VerdictReason.SignatureInvalid | VerdictReason.PayloadMalformed
        | VerdictReason.UnknownIssuerKey | VerdictReason.DigitalIncomplete;
    private const int DateBits = VerdictReason.Expired | VerdictReason.NotYetValid | VerdictReason.ClockUnset;
    private const int RevocationBits = VerdictReason.Revoked | VerdictReason.Suspended | VerdictReason.RevocationListAbsent
        | VerdictReason.TrustStale;

    /// <summary>Side of the square the visible seal is stamped in (points).</summary>
    public const double SealSize = 100;

    public static ReportDocument Build(ReportRequest request)
    {
        if (request.Records.Count == 0) throw new ReportException("no record selected");
        ReportFonts.EnsureInstalled();
        var t = ReportText.For(request.Language);
        var doc = NewDocument(request, t[request.Records.Count == 1 ? "title" : "titles"]);
        double sealTop = 0;
        using (var c = new ReportCanvas(doc))
        {
            for (int i = 0; i < request.Records.Count; i++)
            {
                if (i > 0) c.NewPage();
                double verdictTop = Page(c, t, request, request.Records[i]);
                if (i == 0) sealTop = verdictTop;
            }
        }
        Footers(doc, t, request.UnitName);
        return new ReportDocument(doc, new XRect(ReportCanvas.PageWidth - ReportCanvas.Margin - SealSize - 10, sealTop, SealSize, SealSize));
    }

    internal static PdfDocument NewDocument(ReportRequest request, string title)
    {
        var doc = new PdfDocument();
        doc.Info.Title = title;
        doc.Info.Author = request.UnitName;
        doc.Info.Creator = "handheld report";
        // Fixed dates: the same records give the same content (the seal adds its own time).
        var first = request.Records[0].Time ?? DateTimeOffset.UnixEpoch;
        doc.Info.CreationDate = first.UtcDateTime;
        doc.Info.ModificationDate = first.UtcDateTime;
        doc.Info.Elements.SetString(RecordReference.InfoKey, RecordReference.ToJson(request.Records.Select(RecordReference.Of)));
        doc.Options.CompressContentStreams = true;
        return doc;
    }

    internal static string TimeText(ReportRecord r, ReportText t) =>
        r.Time is { } time ? time.ToOffset(ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " (UTC+8)" : t["record.time.unset"];

    internal static void Title(ReportCanvas c, string title, string unit)
    {
        c.Y += 6;
        double w = c.Width(title, 17, true);
        c.Draw(title, (ReportCanvas.PageWidth - w) / 2, c.Y + 17, 17, true);
        c.Y += 26;
        double uw = c.Width(unit, 10.5);
        c.Draw(unit, (ReportCanvas.PageWidth - uw) / 2, c.Y + 10, 10.5, false, XBrushes.DimGray);
        c.Y += 16;
    }

    /// <summary>Lays out one record; returns the top of its verdict section (where the seal is stamped on page 1).</summary>
    private static double Page(ReportCanvas c, ReportText t, ReportRequest request, ReportRecord r)
    {
        Title(c, t["title"], t["unit"] + "：" + request.UnitName);
        var lic = request.LicenceOf(r);

        c.Heading(t["section.licence"]);
        if (r.LicenceNumber.Length == 0 && lic == null)
        {
            c.Field(t["licence.number"], t["licence.none"]);
        }
        else if (lic == null)
        {
            c.Field(t["licence.number"], r.LicenceNumber);
            c.Paragraph(t["licence.notDecoded"], 8.5, c.Left, brush: XBrushes.DimGray);
        }
        else
        {
            var l = lic.Licence;
            c.Field(t["licence.number"], l.LicenceNumber);
            c.Field(t["licence.enterprise"], l.EnterpriseName);
            c.Field(t["licence.uscc"], l.Uscc);
            c.Field(t["licence.representative"], l.LegalRepresentative);
            c.Field(t["licence.address"], l.Address);
            c.Field(t["licence.scope"], string.Join("、", l.ScopeItems));
            c.Field(t["licence.authority"], l.IssuingAuthority);
            c.Field(t["licence.validity"], string.Format(CultureInfo.InvariantCulture, t["licence.validity.range"],
                LicenceJson.DateOf(l.ValidFromDay), LicenceJson.DateOf(l.ValidUntilDay)));
        }
        c.Field(t["licence.status"], StatusWords(r, t));

        c.Heading(t["section.digital"]);
        c.Field(t["digital.signature"], Stage(r.Reasons, DigitalSignatureBits, t, "digital.ok.signature"));
        if (lic != null) c.Field(t["digital.key"], lic.Algorithm + " · " + lic.KeyIdHex);
        c.Field(t["digital.dates"], Stage(r.Reasons, DateBits, t, "digital.ok.dates"));
        c.Field(t["digital.revocation"], Stage(r.Reasons, RevocationBits, t, "digital.ok.revocation"));
        c.Field(t["digital.listVersion"], t["digital.listVersion.none"]);

        c.Heading(t["section.physical"]);
        double plotWidth = 170, plotHeight = 96;
        c.Need(plotHeight + 8);
        double plotTop = c.Y + 4;
        double textRight = c.Right - plotWidth - 12;
        int? finding = r.Figure(RecordLogSink.FigurePhysicalFinding);
        c.Field(t["physical.finding"], finding is { } f ? t.Finding(f) : t["physical.none"], right: textRight, labelWidth: 120);
        c.Field(t["physical.background"], Number(r.Figure(RecordLogSink.FigureBackgroundBlue)), right: textRight, labelWidth: 120);
        c.Field(t["physical.fibres"], $"{Number(r.Figure(RecordLogSink.FigureFibresBlue))} / {Number(r.Figure(RecordLogSink.FigureFibresGreen))} / {Number(r.Figure(RecordLogSink.FigureFibresRed))}", right: textRight, labelWidth: 120);
        c.Field(t["physical.detail"], Number(r.Figure(RecordLogSink.FigurePhysicalDetail)), right: textRight, labelWidth: 120);
        if (r.Figure(RecordLogSink.FigureFingerprint) is { } fingerprint)
        {
            c.Field(t["physical.fingerprint"], t.Fingerprint(fingerprint, r.Figure(RecordLogSink.FigureFingerprintChancePpb),
                r.Figure(RecordLogSink.FigureFingerprintTrackSweeps)), right: textRight, labelWidth: 120);
        }
        if (r.Figure(RecordLogSink.FigureDurationMs) is { } ms)
        {
            c.Field(t["physical.duration"], (ms / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s", right: textRight, labelWidth: 120);
        }
        SweepPlot.Draw(c, t, r, c.Right - plotWidth, plotTop, plotWidth, plotHeight);
        c.Y = Math.Max(c.Y, plotTop + plotHeight + 4);

        c.Heading(t["section.human"]);
        if (r.Answers.Count == 0) c.Paragraph(t["human.none"], 9.5, c.Left);
        for (int i = 0; i < r.Answers.Count; i++)
        {
            c.Field((i + 1).ToString(CultureInfo.InvariantCulture) + ". " + t["answer." + (int)r.Answers[i]], t.Prompt(i), labelWidth: 150);
        }

        c.Need(SealSize + 40);
        double verdictTop = c.Y;
        c.Heading(t["section.verdict"]);
        var brush = r.Outcome == Outcome.Genuine ? XBrushes.DarkGreen : XBrushes.DarkRed;
        c.Paragraph(t.Outcome(r.Outcome), 13, c.Left, bold: true, brush: brush);
        var reasons = ReasonLines(r, t);
        c.Field(t["verdict.reasons"], reasons.Count == 0 ? t["verdict.noReasons"] : string.Join("；", reasons));

        c.Heading(t["section.record"]);
        double qrSize = 92;
        c.Need(qrSize + 16);
        double qrTop = c.Y + 4;
        double fieldsRight = c.Right - qrSize - 14;
        c.Field(t["record.device"], r.DeviceId, right: fieldsRight, labelWidth: 120);
        c.Field(t["record.firmware"], r.FirmwareText, right: fieldsRight, labelWidth: 120);
        c.Field(t["record.inspector"], r.InspectorId.Length == 0 ? "-" : r.InspectorId, right: fieldsRight, labelWidth: 120);
        c.Field(t["record.time"], TimeText(r, t), right: fieldsRight, labelWidth: 120);
        c.Field(t["record.clock"], t.Clock(r.Clock), right: fieldsRight, labelWidth: 120);
        c.Field(t["record.sequence"], r.Sequence.ToString(CultureInfo.InvariantCulture), right: fieldsRight, labelWidth: 120);
        c.Field(t["record.hash"], r.Sha256Hex.ToLowerInvariant(), right: fieldsRight, labelWidth: 120, size: 8.5);
        QrDrawing.Draw(c.G, RecordReference.Of(r).QrText, c.Right - qrSize, qrTop, qrSize);
        double lw = c.Width(t["record.qr"], 7.5);
        c.Draw(t["record.qr"], c.Right - qrSize / 2 - lw / 2, qrTop + qrSize + 9, 7.5, false, XBrushes.DimGray);
        c.Y = Math.Max(c.Y, qrTop + qrSize + 12);
        c.Y += 6;
        c.Paragraph(t["record.seal"], 8, c.Left, brush: XBrushes.DimGray);
        return verdictTop;
    }

    internal static IReadOnlyList<string> ReasonLines(ReportRecord r, ReportText t)
    {
        var list = t.Reasons(r.Reasons).ToList();
        list.AddRange(r.UnknownReasonCodes.Select(code => t["reason.unknown"] + " " + code.ToString(CultureInfo.InvariantCulture)));
        return list;
    }

    private static string Stage(int reasons, int bits, ReportText t, string okKey)
    {
        var words = t.Reasons(reasons & bits);
        return words.Count == 0 ? t[okKey] : string.Join("；", words);
    }

    private static string StatusWords(ReportRecord r, ReportText t)
    {
        var words = t.Reasons(r.Reasons & (VerdictReason.Expired | VerdictReason.NotYetValid | VerdictReason.Revoked | VerdictReason.Suspended));
        return words.Count > 0 ? string.Join("；", words) : t.Outcome(r.Outcome);
    }

    private static string Number(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "-";

    /// <summary>Page numbers and the unit's name at the foot of every page.</summary>
    internal static void Footers(PdfDocument doc, ReportText t, string unit)
    {
        for (int i = 0; i < doc.PageCount; i++)
        {
            using var g = XGraphics.FromPdfPage(doc.Pages[i], XGraphicsPdfPageOptions.Append);
            var text = string.Format(CultureInfo.InvariantCulture, t["page"], i + 1, doc.PageCount) + "   " + unit;
            ReportCanvas.DrawRuns(g, text, ReportCanvas.Margin, ReportCanvas.PageHeight - 24, 7.5, false, XBrushes.Gray);
        }
    }
}
