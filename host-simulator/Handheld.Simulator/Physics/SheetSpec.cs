namespace Handheld.Simulator.Physics;

/// <summary>What a sheet is made of; the "sheet" object of a scenario file (schema in Scenarios/README.md).</summary>
public sealed class SheetSpec
{
    public PaperSpec Paper { get; set; } = new();
    public FibreSpec? Fibres { get; set; }
    public HighlighterSpec? Highlighter { get; set; }
    public InkSpec? Ink { get; set; }
    public StainSpec? Stains { get; set; }
    /// <summary>A piece of another paper glued on (e.g. a genuine QR cut out and pasted on a forged sheet).</summary>
    public PatchSpec? Patch { get; set; }
    /// <summary>The printed marks of the fibre-fingerprint track (layout 1, <see cref="FibreTrack"/>); null = none.</summary>
    public TrackSpec? Track { get; set; }
    /// <summary>Schema 2: fluorescent strokes with their own spectra (markers, printed "fibres").</summary>
    public MarkerSpec[]? Markers { get; set; }
    /// <summary>Schema 2: coats over the paper (UV absorbers, flood coats, laminate), in order from the paper up.</summary>
    public CoatSpec[]? Coats { get; set; }
    /// <summary>Schema 2: the surface beyond the sheet's edges; null = the paper extends without end.</summary>
    public TableSpec? Table { get; set; }
}

public sealed class PaperSpec
{
    /// <summary>Optical brightener content, 0 (UV-dull security paper) to 1 (typical office paper).</summary>
    public double Brightener { get; set; }
    /// <summary>Multiplier of the residual pulp fluorescence (1 = typical UV-dull paper).</summary>
    public double DullFluorescence { get; set; } = 1;
    /// <summary>Diffuse reflectance in the visible.</summary>
    public double Reflectance { get; set; } = 0.85;
    /// <summary>Schema 2: paper texture, relative standard deviation of the paper's own emission and
    /// reflectance (formation, fibre clumps), 0 = uniform.</summary>
    public double Texture { get; set; }
    /// <summary>Correlation length of the texture, mm.</summary>
    public double TextureMm { get; set; } = 1.0;
}

public sealed class FibreSpec
{
    public double DensityPerCm2 { get; set; }
    /// <summary>Shares of the colours (normalised): blue, green, red.</summary>
    public double Blue { get; set; }
    public double Green { get; set; }
    public double Red { get; set; }
    /// <summary>~3 mm [FIB].</summary>
    public double LengthMm { get; set; } = 3.0;
    public double LengthSdMm { get; set; } = 0.5;
    /// <summary>ASSUMPTION (diameter unconfirmed in sensor-facts): 40 µm.</summary>
    public double WidthUm { get; set; } = 40;
    public double WidthSdUm { get; set; } = 8;
    /// <summary>Multiplier of the fibre emission yield.</summary>
    public double Brightness { get; set; } = 1;
    /// <summary>Wear 0–1: fraction of fibres rubbed off, and the remaining ones dimmed by half this fraction.</summary>
    public double Wear { get; set; }
}

public sealed class HighlighterSpec
{
    public double StrokesPerCm2 { get; set; }
    /// <summary>"green" (yellow highlighter) or "blue".</summary>
    public string Colour { get; set; } = "green";
    public double LengthMm { get; set; } = 4;
    public double WidthMm { get; set; } = 0.3;
    public double Brightness { get; set; } = 1;
}

public sealed class InkSpec
{
    /// <summary>Fraction of the sheet inside printed zones (text blocks).</summary>
    public double ZoneCoverage { get; set; } = 0.3;
    /// <summary>Ink area fraction inside a zone's text lines.</summary>
    public double LineCoverage { get; set; } = 0.35;
    /// <summary>Fraction of UV and emission the ink absorbs where it lies.</summary>
    public double Absorbance { get; set; } = 0.8;
}

public sealed class StainSpec
{
    public int Count { get; set; } = 3;
    public double RadiusMm { get; set; } = 6;
    public double Absorbance { get; set; } = 0.25;
    /// <summary>Multiplier of the stain's own weak bluish fluorescence (grease, skin oils).</summary>
    public double Fluorescence { get; set; } = 1;
}

public sealed class PatchSpec
{
    public double XMm { get; set; } = 150;
    public double YMm { get; set; } = 120;
    public double SizeMm { get; set; } = 30;
    public PaperSpec Paper { get; set; } = new();
    public FibreSpec? Fibres { get; set; }
}

/// <summary>How the inspector sweeps; the "sweep" object of a scenario file.</summary>
public sealed class SweepSpec
{
    public int DurationMs { get; set; } = 3000;
    public double SpeedMmPerS { get; set; } = 40;
    /// <summary>Run-to-run spread of the mean speed (standard deviation), mm/s.</summary>
    public double SpeedSdMmPerS { get; set; } = 8;
    public double TiltDeg { get; set; } = 3;
    public double TiltSdDeg { get; set; } = 3;
    /// <summary>Expected lift-off episodes per second (hand lifts the head briefly).</summary>
    public double LiftOffsPerS { get; set; } = 0.1;
    public double LiftOffMm { get; set; } = 1.0;
    /// <summary>The housing's edge guide rides along the sheet's bottom edge: the sweep follows the fingerprint
    /// track from a few mm before its start mark (heading within ±0.5°, lateral play ±0.3 mm).</summary>
    public bool Guided { get; set; }
    /// <summary>Which fingerprint track the guided sweep follows (FibreTrack, 0–3; layout 1 has track 0 only).</summary>
    public int Track { get; set; }
    /// <summary>Steady change of speed during the sweep, per second (0.5: the speed grows by half the mean speed
    /// each second, centred on the sweep's middle).</summary>
    public double SpeedRampPerS { get; set; }
    /// <summary>Schema 2: the hand reverses at the middle of the sweep and comes back over the same line.</summary>
    public bool BackAndForth { get; set; }
    /// <summary>Schema 2: start position along x, mm (negative = on the table left of the sheet); null = drawn.</summary>
    public double? StartXMm { get; set; }
}
