namespace Handheld.Simulator.Physics;

/// <summary>
/// One emission band of a dye, ink or fibre (a Gaussian on the spectral grid). Several bands make a custom
/// spectrum: a broad organic dye is one wide band, a rare-earth fibre a few narrow lines.
/// </summary>
public sealed class EmissionBand
{
    public double PeakNm { get; set; } = 450;
    public double FwhmNm { get; set; } = 60;
    /// <summary>Relative weight of this band in the spectrum (the spectrum is normalised to unit integral).</summary>
    public double Weight { get; set; } = 1;
}

/// <summary>
/// Fluorescent strokes drawn or printed on the sheet (schema 2 "markers"): fine markers, highlighters,
/// fluorescent "fibres" printed with ink. Each set has its own emission spectrum and visible colour.
/// </summary>
public sealed class MarkerSpec
{
    public double StrokesPerCm2 { get; set; } = 3;
    public double LengthMm { get; set; } = 3;
    public double WidthMm { get; set; } = 0.15;
    /// <summary>Emission yield relative to a highlighter stroke (<see cref="SheetModel.HighlighterYield"/>).</summary>
    public double Brightness { get; set; } = 1;
    /// <summary>Emission spectrum; one band or several.</summary>
    public EmissionBand[] Emission { get; set; } = { new() };
    /// <summary>Visible (daylight) reflectance of the stroke relative to the paper under it: 1 = invisible
    /// (colourless UV ink), 0.5 = a clearly coloured marker line.</summary>
    public double VisibleReflectance { get; set; } = 0.6;
    /// <summary>Visible colour of the stroke (<see cref="VisibleColours.Names"/>): the stroke absorbs
    /// 1 − visibleReflectance of the paper's light where its colour absorbs fully. Default (null) "grey":
    /// every wavelength alike, the meaning the scalar had before colours existed.</summary>
    public string? VisibleColour { get; set; }
    /// <summary>"top" (drawn over any coat) or "under" (a coat lies over it).</summary>
    public string Layer { get; set; } = "top";
}

/// <summary>
/// A coat over the paper (schema 2 "coats"): a UV absorber (varnish, dense ink flood) that hides the
/// brightener, a fluorescent flood coat, or a laminate. Coverage below 1 lays it in random round patches.
/// </summary>
public sealed class CoatSpec
{
    /// <summary>Share of the sheet covered (1 = everywhere).</summary>
    public double Coverage { get; set; } = 1;
    /// <summary>Radius of the patches when coverage is below 1, mm.</summary>
    public double PatchRadiusMm { get; set; } = 6;
    /// <summary>Share of UV in and emission out the coat lets through (one factor for both paths).</summary>
    public double Transmission { get; set; } = 0.2;
    /// <summary>Own fluorescence of the coat, as a multiple of the UV-dull pulp's (0 = none).</summary>
    public double Fluorescence { get; set; }
    /// <summary>Spectrum of that fluorescence; default a broad bluish-white band.</summary>
    public EmissionBand[]? Emission { get; set; }
    /// <summary>Visible reflectance factor of the coat (a dense ink flood is dark: 0.3; a clear varnish 0.97).</summary>
    public double VisibleReflectance { get; set; } = 0.95;
    /// <summary>Visible colour of the coat, as <see cref="MarkerSpec.VisibleColour"/> (default grey).</summary>
    public string? VisibleColour { get; set; }
}

/// <summary>What lies beyond the sheet's edge (schema 2 "table"): the sweep may run off the sheet onto it.</summary>
public sealed class TableSpec
{
    public double Brightener { get; set; }
    public double DullFluorescence { get; set; } = 0.5;
    public double Reflectance { get; set; } = 0.3;
}

/// <summary>UV lamp output variations (schema 2 "lamp"): slow drift, ripple of the driver, 1/f (flicker) noise.</summary>
public sealed class LampSpec
{
    /// <summary>Linear change of the output per second (−0.05 = the LED dims by 5 % per second as it warms).</summary>
    public double DriftPerS { get; set; }
    /// <summary>Peak amplitude of the driver ripple, share of the output.</summary>
    public double Ripple { get; set; }
    public double RippleHz { get; set; } = 100;
    /// <summary>Standard deviation of the 1/f output noise (octaves 0.25–64 Hz), share of the output.</summary>
    public double PinkNoise { get; set; }
}
