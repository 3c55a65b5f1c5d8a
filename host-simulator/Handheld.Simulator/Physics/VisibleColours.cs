using Handheld.Simulator.Optics;

namespace Handheld.Simulator.Physics;

/// <summary>
/// Named visible (daylight) colours of marker strokes and coats: each is an absorption shape a(λ) in [0, 1] on
/// <see cref="SpectralGrid"/>. visibleReflectance keeps its meaning: the layer's reflectance relative to the paper
/// as the head's white LED sees it (LED-weighted mean over wavelengths, what the clear channel reads); the colour
/// says how that loss spreads over the wavelengths. So a layer reflects 1 − d·a(λ) with d = (1 − visibleReflectance)
/// / ā (ā the LED-weighted mean of a; never below 0 at any λ). "grey" (the default) absorbs all wavelengths alike
/// (a(λ) = 1), exactly what the scalar meant before colours existed. ASSUMPTION: smooth shapes after typical dye
/// absorption bands (listed in Physics/README.md), not measured spectra.
/// </summary>
public static class VisibleColours
{
    /// <summary>The names a scenario may use (sheet.markers[i].visibleColour, sheet.coats[i].visibleColour).</summary>
    public static readonly string[] Names = { "grey", "blue", "green", "yellow", "pink", "red" };

    /// <summary>Absorption shape of a named colour; null for grey (flat) and for null/empty.</summary>
    public static double[]? Absorption(string? name)
    {
        switch (name?.ToLowerInvariant())
        {
            case null or "" or "grey": return null;
            // Blue fine-liner / blue fluorescent marker (triarylmethane, phthalocyanine): passes 400–500 nm,
            // absorbs from ~530 nm on.
            case "blue": return Shape(l => 0.08 + 0.92 * Logistic(l, 530, 18));
            // Green highlighter / fine-liner: passes 500–560 nm, absorbs the blue and the red.
            case "green": return Shape(l => 1 - 0.9 * Math.Exp(-Math.Pow((l - 530) / 40, 2)));
            // Yellow highlighter (pyranine): absorbs below ~500 nm.
            case "yellow": return Shape(l => 0.05 + 0.95 * (1 - Logistic(l, 495, 12)));
            // Pink highlighter (rhodamine): absorbs 500–580 nm.
            case "pink": return Shape(l => 0.05 + 0.95 * Math.Exp(-Math.Pow((l - 545) / 35, 2)));
            // Red ink: absorbs below ~590 nm.
            case "red": return Shape(l => 0.05 + 0.95 * (1 - Logistic(l, 590, 15)));
            default: return null;
        }
    }

    /// <summary>
    /// Absorption of a layer of <paramref name="visibleReflectance"/> in the named colour, per unit of its scalar
    /// absorbance 1 − visibleReflectance: a(λ)/ā, capped so that the layer never absorbs more than all light at λ;
    /// null for grey.
    /// </summary>
    public static double[]? Absorption(string? name, double visibleReflectance)
    {
        double[]? a = Absorption(name);
        if (a == null) return null;
        double[] led = Spectra.WhiteLed4000K;
        double num = 0, den = 0;
        for (int i = 0; i < a.Length; i++) { num += led[i] * a[i]; den += led[i]; }
        double mean = den > 0 ? num / den : 1;
        double absorbance = 1 - visibleReflectance;
        var s = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            double v = mean > 0 ? a[i] / mean : 1;
            s[i] = absorbance > 0 ? Math.Min(v, 1 / absorbance) : v;
        }
        return s;
    }

    public static bool IsKnown(string? name) =>
        name == null || Array.IndexOf(Names, name.ToLowerInvariant()) >= 0;

    private static double Logistic(double x, double mid, double width) => 1 / (1 + Math.Exp(-(x - mid) / width));

    private static double[] Shape(Func<double, double> f)
    {
        var s = new double[SpectralGrid.Count];
        for (int i = 0; i < s.Length; i++) s[i] = Math.Clamp(f(SpectralGrid.WavelengthNm(i)), 0, 1);
        return s;
    }
}
