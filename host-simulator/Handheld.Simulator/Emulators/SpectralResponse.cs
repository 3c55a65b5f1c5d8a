using Handheld.Simulator.Optics;

namespace Handheld.Simulator.Emulators;

/// <summary>
/// Channel spectral responses on the shared <see cref="SpectralGrid"/>, as responsivity in counts per
/// (µW/cm²) per millisecond at gain 1×, per wavelength bin. Where the datasheets give only graphs, the
/// curves are approximations (Gaussians); see Emulators/README.md for what each number rests on.
/// </summary>
public static class SpectralResponse
{
    /// <summary>A Gaussian response with peak responsivity <paramref name="peak"/>.</summary>
    public static double[] Gaussian(double centreNm, double fwhmNm, double peak)
    {
        var r = new double[SpectralGrid.Count];
        double sigma = fwhmNm / 2.3548;
        for (int b = 0; b < r.Length; b++)
        {
            double d = SpectralGrid.WavelengthNm(b) - centreNm;
            r[b] = peak * Math.Exp(-0.5 * d * d / (sigma * sigma));
        }
        return r;
    }

    /// <summary>Weighted sum Σ irradiance[b] × response[b] × bin width: effective µW/cm² × responsivity.</summary>
    public static double Apply(double[] irradiance, double[] response)
    {
        double s = 0;
        for (int b = 0; b < response.Length; b++) s += irradiance[b] * response[b];
        return s * SpectralGrid.StepNm;
    }

    // TCS34725 [TDS]: Clear 13.8 / 16.6 / 19.5 counts per µW/cm² at 465 / 525 / 615 nm, measured at 16× and
    // 24 ms, i.e. divided by 384 for counts per µW/cm² per ms at 1×. The IR-blocking filter "minimizes IR and UV":
    // modelled as a smooth roll-off below 400 nm and above 680 nm (approximation).
    private const double TcsScale = 1.0 / (16 * 24);

    /// <summary>TCS34725 Clear: piecewise-linear through the datasheet points, rolled off outside 400–700 nm.</summary>
    public static double[] TcsClear()
    {
        var r = new double[SpectralGrid.Count];
        for (int b = 0; b < r.Length; b++)
        {
            double nm = SpectralGrid.WavelengthNm(b);
            double v;
            if (nm <= 465) v = 13.8 * Ramp(nm, 380, 420);
            else if (nm <= 525) v = 13.8 + (16.6 - 13.8) * (nm - 465) / 60.0;
            else if (nm <= 615) v = 16.6 + (19.5 - 16.6) * (nm - 525) / 90.0;
            else v = 19.5 * (1 - Ramp(nm, 660, 720));
            r[b] = v * TcsScale;
        }
        return r;
    }

    /// <summary>TCS34725 R/G/B: Gaussians whose peak/clear ratios sit mid-range of the datasheet's
    /// channel/clear ratios (B 0.76 at 465, G 0.72 at 525, R 0.95 at 615); widths are approximations.</summary>
    public static double[] TcsBlue() => Gaussian(465, 100, 0.76 * 13.8 * TcsScale);
    public static double[] TcsGreen() => Gaussian(530, 95, 0.72 * 16.6 * TcsScale);
    public static double[] TcsRed() => Gaussian(620, 80, 0.95 * 19.5 * TcsScale);

    // AS7341 [ADS] centres/FWHM; the absolute responsivity is not taken from the datasheet here: an assumed
    // 0.02 counts per µW/cm² per ms at 1× for each filter channel (both pixels together), so 50 ms at 256× gives
    // ≈ 256 counts per µW/cm² of in-band light.
    public const double As7341FilterPeak = 0.02;

    public static readonly int[] As7341CentreNm = { 415, 445, 480, 515, 555, 590, 630, 680 };
    public static readonly int[] As7341FwhmNm = { 26, 30, 36, 39, 39, 40, 50, 52 };

    public static double[] As7341Filter(int index) =>
        Gaussian(As7341CentreNm[index], As7341FwhmNm[index], As7341FilterPeak);

    /// <summary>AS7341 Clear (unfiltered photodiode): broad silicon response, approximation.</summary>
    public static double[] As7341Clear() => Gaussian(620, 400, As7341FilterPeak * 1.5);

    /// <summary>AS7341 NIR: 910 nm as used by drivers (not checked against the datasheet), width assumed 50 nm.</summary>
    public static double[] As7341Nir() => Gaussian(910, 50, As7341FilterPeak);

    private static double Ramp(double x, double lo, double hi) => x <= lo ? 0 : x >= hi ? 1 : (x - lo) / (hi - lo);
}
