using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Handheld.Sdk.Reports;

/// <summary>
/// The two fonts a report embeds (as subsets: only the glyphs used), resolved from files the project's CI and a
/// user's machine install from Debian: Droid Sans Fallback (package fonts-droid-fallback, Apache 2.0) for Chinese,
/// DejaVu Sans (fonts-dejavu-core, Bitstream Vera licence) for Latin letters and digits, which Droid Sans Fallback
/// lacks. Both licences allow embedding. <c>HANDHELD_REPORT_CJK_FONT</c> / <c>HANDHELD_REPORT_LATIN_FONT</c> name
/// other TrueType files.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string CjkFamily = "Handheld CJK";
    public const string LatinFamily = "Handheld Latin";

    private static readonly string[] CjkCandidates =
    [
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf",
    ];
    private static readonly string[] LatinCandidates = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"];
    private static readonly string[] LatinBoldCandidates = ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"];

    private static readonly object Gate = new();
    private static ReportFonts? _installed;

    private readonly Dictionary<string, string> _files = new();

    private ReportFonts()
    {
        _files["cjk"] = Find("HANDHELD_REPORT_CJK_FONT", CjkCandidates, "fonts-droid-fallback");
        _files["latin"] = Find("HANDHELD_REPORT_LATIN_FONT", LatinCandidates, "fonts-dejavu-core");
        var bold = LatinBoldCandidates.FirstOrDefault(File.Exists);
        if (bold != null && Environment.GetEnvironmentVariable("HANDHELD_REPORT_LATIN_FONT") == null) _files["latin-bold"] = bold;
    }

    /// <summary>Installs the resolver once per process (PDFsharp's font resolver is global).</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed != null) return;
            var fonts = new ReportFonts();
            GlobalFontSettings.FontResolver = fonts;
            _installed = fonts;
        }
    }

    private static string Find(string variable, string[] candidates, string package)
    {
        var custom = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(custom))
        {
            return File.Exists(custom) ? custom : throw new ReportException($"{variable}: font file not found: {custom}");
        }
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new ReportException($"font not found ({candidates[0]}): install the Debian package {package} or set {variable}");
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic)
    {
        if (familyName == CjkFamily) return new FontResolverInfo("cjk", isBold, false);
        // Everything else, including the family PDFsharp's own signature appearance asks for, is Latin.
        return isBold && _files.ContainsKey("latin-bold") ? new FontResolverInfo("latin-bold") : new FontResolverInfo("latin", isBold, false);
    }

    public byte[]? GetFont(string faceName) => _files.TryGetValue(faceName, out var path) ? File.ReadAllBytes(path) : null;

    /// <summary>True for characters drawn with the CJK font (CJK ideographs, kana, Hangul, CJK and full-width punctuation).</summary>
    public static bool IsCjk(char c) =>
        c is (>= '\u2E80' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF00' and <= '\uFFEF') or (>= '\uAC00' and <= '\uD7AF');

    public static XFont Font(bool cjk, double size, bool bold = false) =>
        new(cjk ? CjkFamily : LatinFamily, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
}
