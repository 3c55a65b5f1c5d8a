using System.Text.Json;
using System.Text.Json.Serialization;
using Handheld.Core.Fluorescence;
using Handheld.Simulator.Physics;

namespace Handheld.Simulator.Scenarios;

/// <summary>A scenario file: a sheet, how it is swept, the declared profile and the expected verdict (schema in README.md).</summary>
public sealed class Scenario
{
    /// <summary>Schema version: 1 (default) or 2 (markers with spectra, coats, table, lamp, texture, back-and-forth).</summary>
    public int Schema { get; set; } = 1;
    public string Name { get; set; } = "";
    /// <summary>Class of attack or condition the batch reports on its own line ("markers-two-colours",
    /// "genuine-harsh", …); default the class.</summary>
    public string? Group { get; set; }
    /// <summary>Schema 2: lamp drift, ripple and 1/f noise; null = steady lamp.</summary>
    public LampSpec? Lamp { get; set; }
    /// <summary>"genuine" or "forgery".</summary>
    public string Class { get; set; } = "";
    public string? Description { get; set; }
    public ProfileSpec Profile { get; set; } = new();
    public SheetSpec Sheet { get; set; } = new();
    public SweepSpec Sweep { get; set; } = new();
    /// <summary>Lighting names to run under; default all standard conditions (dark, officeLed, fluorescent, window).</summary>
    public string[]? Lighting { get; set; }
    /// <summary>"Consistent", "Inconsistent" or "Inconclusive".</summary>
    public string ExpectedVerdict { get; set; } = "";
    /// <summary>Per-lighting exceptions to <see cref="ExpectedVerdict"/>.</summary>
    public Dictionary<string, string>? ExpectedVerdictByLighting { get; set; }
    /// <summary>RESERVED for the device/licence helpers: licence and QR content of the sheet. Parsed, not used here.</summary>
    public JsonElement? Licence { get; set; }
    /// <summary>RESERVED for fault injection (sensor, bus, lamp). Parsed, not used here.</summary>
    public JsonElement[]? Faults { get; set; }

    [JsonIgnore] public string SourcePath { get; set; } = "";

    public bool IsGenuine => string.Equals(Class, "genuine", StringComparison.OrdinalIgnoreCase);

    /// <summary>The batch's group of this scenario: <see cref="Group"/>, else the class.</summary>
    public string GroupName => string.IsNullOrWhiteSpace(Group) ? (IsGenuine ? "genuine" : "forgery") : Group!;

    public Lighting[] Lightings()
    {
        if (Lighting == null || Lighting.Length == 0) return AmbientLight.Standard;
        var r = new Lighting[Lighting.Length];
        for (int i = 0; i < r.Length; i++) AmbientLight.TryParse(Lighting[i], out r[i]);
        return r;
    }

    public PhysicalVerdict Expected(Lighting l)
    {
        string v = ExpectedVerdict;
        if (ExpectedVerdictByLighting != null)
            foreach (var kv in ExpectedVerdictByLighting)
                if (AmbientLight.TryParse(kv.Key, out var k) && k == l) v = kv.Value;
        ScenarioFile.TryParseVerdict(v, out var verdict);
        return verdict;
    }
}

/// <summary>The physical profile the signed licence declares.</summary>
public sealed class ProfileSpec
{
    /// <summary>Any of "blue", "green", "red".</summary>
    public string[] FibreColours { get; set; } = { "blue", "green" };
    public bool UvDullPaper { get; set; } = true;

    public int ColourFlags()
    {
        int f = 0;
        foreach (var c in FibreColours)
            f |= c.ToLowerInvariant() switch { "blue" => Core.Fluorescence.FibreColours.Blue, "green" => Core.Fluorescence.FibreColours.Green, "red" => Core.Fluorescence.FibreColours.Red, _ => 0 };
        return f;
    }
}

/// <summary>A scenario file that cannot be used; the message names the file, the place and what is wrong.</summary>
public sealed class ScenarioFormatException : Exception
{
    public ScenarioFormatException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>Loads and validates scenario files.</summary>
public static class ScenarioFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static Scenario Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new ScenarioFormatException(path + ": cannot read the file (" + e.Message + ")", e); }
        var s = Parse(text, path);
        s.SourcePath = path;
        return s;
    }

    public static Scenario Parse(string json, string source = "<scenario>")
    {
        Scenario? s;
        try { s = JsonSerializer.Deserialize<Scenario>(json, Options); }
        catch (JsonException e)
        {
            string where = e.Path != null ? " at " + e.Path : "";
            string line = e.LineNumber != null ? " (line " + (e.LineNumber + 1) + ")" : "";
            throw new ScenarioFormatException(source + ": invalid scenario" + where + line + ": " + e.Message, e);
        }
        if (s == null) throw new ScenarioFormatException(source + ": the file holds no scenario object (null).");
        Validate(s, source);
        return s;
    }

    public static IReadOnlyList<Scenario> LoadDirectory(string dir)
    {
        if (File.Exists(dir)) return new[] { Load(dir) };
        if (!Directory.Exists(dir)) throw new ScenarioFormatException(dir + ": no such scenario file or directory.");
        var files = Directory.GetFiles(dir, "*.json", SearchOption.TopDirectoryOnly);
        Array.Sort(files, StringComparer.Ordinal);
        if (files.Length == 0) throw new ScenarioFormatException(dir + ": no *.json scenario files.");
        return files.Select(Load).ToList();
    }

    public static bool TryParseVerdict(string s, out PhysicalVerdict v)
    {
        switch (s?.ToLowerInvariant())
        {
            case "consistent": v = PhysicalVerdict.Consistent; return true;
            case "inconsistent": v = PhysicalVerdict.Inconsistent; return true;
            case "inconclusive": v = PhysicalVerdict.Inconclusive; return true;
            default: v = PhysicalVerdict.Inconclusive; return false;
        }
    }

    private static void Validate(Scenario s, string src)
    {
        void Fail(string field, string what) => throw new ScenarioFormatException(src + ": " + field + " " + what);
        void Range(string field, double v, double lo, double hi)
        {
            if (double.IsNaN(v) || v < lo || v > hi) Fail(field, "must be between " + lo + " and " + hi + " (is " + v + ").");
        }

        if (string.IsNullOrWhiteSpace(s.Name)) Fail("name", "is required.");
        if (!string.Equals(s.Class, "genuine", StringComparison.OrdinalIgnoreCase) && !string.Equals(s.Class, "forgery", StringComparison.OrdinalIgnoreCase))
            Fail("class", "must be \"genuine\" or \"forgery\" (is \"" + s.Class + "\").");
        if (!TryParseVerdict(s.ExpectedVerdict, out _)) Fail("expectedVerdict", "must be Consistent, Inconsistent or Inconclusive (is \"" + s.ExpectedVerdict + "\").");
        if (s.ExpectedVerdictByLighting != null)
            foreach (var kv in s.ExpectedVerdictByLighting)
            {
                if (!AmbientLight.TryParse(kv.Key, out _)) Fail("expectedVerdictByLighting." + kv.Key, "is not a lighting name (dark, officeLed, fluorescent, window, directSun).");
                if (!TryParseVerdict(kv.Value, out _)) Fail("expectedVerdictByLighting." + kv.Key, "must be Consistent, Inconsistent or Inconclusive.");
            }
        if (s.Lighting != null)
            for (int i = 0; i < s.Lighting.Length; i++)
                if (!AmbientLight.TryParse(s.Lighting[i], out _)) Fail("lighting[" + i + "]", "\"" + s.Lighting[i] + "\" is not a lighting name (dark, officeLed, fluorescent, window, directSun).");
        if (s.Profile == null) Fail("profile", "is required.");
        foreach (var c in s.Profile!.FibreColours ?? Array.Empty<string>())
            if (c is not ("blue" or "green" or "red")) Fail("profile.fibreColours", "may hold only \"blue\", \"green\", \"red\" (found \"" + c + "\").");
        if (s.Sheet == null) Fail("sheet", "is required.");
        if (s.Sweep == null) Fail("sweep", "is required.");
        var p = s.Sheet!.Paper;
        if (p == null) Fail("sheet.paper", "is required.");
        Range("sheet.paper.brightener", p!.Brightener, 0, 2);
        Range("sheet.paper.dullFluorescence", p.DullFluorescence, 0, 20);
        Range("sheet.paper.reflectance", p.Reflectance, 0, 1);
        if (s.Sheet.Fibres is { } f)
        {
            Range("sheet.fibres.densityPerCm2", f.DensityPerCm2, 0, 100);
            Range("sheet.fibres.lengthMm", f.LengthMm, 0.1, 20);
            Range("sheet.fibres.widthUm", f.WidthUm, 1, 500);
            Range("sheet.fibres.wear", f.Wear, 0, 1);
            if (f.Blue < 0 || f.Green < 0 || f.Red < 0) Fail("sheet.fibres", "colour shares must not be negative.");
        }
        if (s.Sheet.Highlighter is { } h)
        {
            if (h.Colour is not ("green" or "blue")) Fail("sheet.highlighter.colour", "must be \"green\" or \"blue\".");
            Range("sheet.highlighter.strokesPerCm2", h.StrokesPerCm2, 0, 100);
        }
        if (s.Sheet.Ink is { } ink) { Range("sheet.ink.zoneCoverage", ink.ZoneCoverage, 0, 0.9); Range("sheet.ink.absorbance", ink.Absorbance, 0, 1); }
        if (s.Sheet.Stains is { } st) { Range("sheet.stains.count", st.Count, 0, 100); Range("sheet.stains.absorbance", st.Absorbance, 0, 1); }
        if (s.Schema is not (1 or 2)) Fail("schema", "must be 1 or 2 (is " + s.Schema + ").");
        bool v2 = s.Sheet.Markers != null || s.Sheet.Coats != null || s.Sheet.Table != null || s.Lamp != null
                  || p.Texture != 0 || s.Sweep!.BackAndForth || s.Sweep.StartXMm != null;
        if (v2 && s.Schema < 2) Fail("schema", "must be 2 for markers, coats, table, lamp, paper.texture, sweep.backAndForth or sweep.startXMm.");
        Range("sheet.paper.texture", p.Texture, 0, 1);
        Range("sheet.paper.textureMm", p.TextureMm, 0.1, 50);
        if (s.Sheet.Markers != null)
            for (int i = 0; i < s.Sheet.Markers.Length; i++)
            {
                var m = s.Sheet.Markers[i];
                string f0 = "sheet.markers[" + i + "].";
                if (m == null) Fail("sheet.markers[" + i + "]", "must be an object.");
                Range(f0 + "strokesPerCm2", m!.StrokesPerCm2, 0, 100);
                Range(f0 + "lengthMm", m.LengthMm, 0.1, 100);
                Range(f0 + "widthMm", m.WidthMm, 0.01, 10);
                Range(f0 + "brightness", m.Brightness, 0, 20);
                Range(f0 + "visibleReflectance", m.VisibleReflectance, 0, 1);
                Colour(f0 + "visibleColour", m.VisibleColour);
                if (m.Layer is not ("top" or "under")) Fail(f0 + "layer", "must be \"top\" or \"under\" (is \"" + m.Layer + "\").");
                Bands(f0 + "emission", m.Emission, required: true);
            }
        if (s.Sheet.Coats != null)
            for (int i = 0; i < s.Sheet.Coats.Length; i++)
            {
                var c = s.Sheet.Coats[i];
                string f0 = "sheet.coats[" + i + "].";
                if (c == null) Fail("sheet.coats[" + i + "]", "must be an object.");
                Range(f0 + "coverage", c!.Coverage, 0, 1);
                Range(f0 + "patchRadiusMm", c.PatchRadiusMm, 0.5, 100);
                Range(f0 + "transmission", c.Transmission, 0, 1);
                Range(f0 + "fluorescence", c.Fluorescence, 0, 100);
                Range(f0 + "visibleReflectance", c.VisibleReflectance, 0, 1);
                Colour(f0 + "visibleColour", c.VisibleColour);
                Bands(f0 + "emission", c.Emission, required: false);
            }
        if (s.Sheet.Table is { } tb)
        {
            Range("sheet.table.brightener", tb.Brightener, 0, 2);
            Range("sheet.table.dullFluorescence", tb.DullFluorescence, 0, 20);
            Range("sheet.table.reflectance", tb.Reflectance, 0, 1);
        }
        if (s.Lamp is { } lamp)
        {
            Range("lamp.driftPerS", lamp.DriftPerS, -0.3, 0.3);
            Range("lamp.ripple", lamp.Ripple, 0, 0.5);
            Range("lamp.rippleHz", lamp.RippleHz, 0.1, 10000);
            Range("lamp.pinkNoise", lamp.PinkNoise, 0, 0.3);
        }
        if (s.Sweep!.StartXMm is { } sx) Range("sweep.startXMm", sx, -100, 300);

        void Colour(string field, string? name)
        {
            if (!VisibleColours.IsKnown(name)) Fail(field, "must be one of " + string.Join(", ", VisibleColours.Names) + " (is \"" + name + "\").");
        }
        void Bands(string field, EmissionBand[]? bands, bool required)
        {
            if (bands == null || bands.Length == 0) { if (required) Fail(field, "must hold at least one band { peakNm, fwhmNm, weight }."); return; }
            for (int k = 0; k < bands.Length; k++)
            {
                if (bands[k] == null) Fail(field + "[" + k + "]", "must be an object.");
                Range(field + "[" + k + "].peakNm", bands[k].PeakNm, 380, 780);
                Range(field + "[" + k + "].fwhmNm", bands[k].FwhmNm, 1, 300);
                Range(field + "[" + k + "].weight", bands[k].Weight, 0, 1000);
            }
        }
        Range("sweep.durationMs", s.Sweep!.DurationMs, 100, 10000);
        Range("sweep.speedMmPerS", s.Sweep.SpeedMmPerS, 1, 500);
        Range("sweep.tiltDeg", s.Sweep.TiltDeg, 0, 60);
        Range("sweep.liftOffsPerS", s.Sweep.LiftOffsPerS, 0, 20);
    }
}
