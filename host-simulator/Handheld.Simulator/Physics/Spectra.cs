using Handheld.Simulator.Optics;

namespace Handheld.Simulator.Physics;

/// <summary>
/// Spectral shapes on <see cref="SpectralGrid"/>. Each shape is normalised to unit integral (sum × 5 nm = 1),
/// so a weight in µW/cm² times the shape gives µW/cm² per nm. Sourced facts cite sensor-facts.md section 4;
/// everything else is marked ASSUMPTION and listed in Physics/README.md.
/// </summary>
public static class Spectra
{
    /// <summary>365 nm LED: peak 360–370 nm, half-width 10 nm [NSHU] — we use 365 nm, FWHM 10 nm.</summary>
    public static readonly double[] UvLed = Gaussian(365, 10);

    /// <summary>ASSUMPTION: the LED's violet tail after a Wood's-glass filter, as a shape from 390 to 430 nm
    /// (sensor-facts: tail size unconfirmed). Its power fraction is <see cref="DeviceOptics.VioletTailFraction"/>.</summary>
    public static readonly double[] VioletTail = Band(390, 430, 400, 12);

    /// <summary>Optical brightener emission: 420–470 nm [OBA]; ASSUMPTION peak 440 nm, FWHM 60 nm.</summary>
    public static readonly double[] Brightener = Gaussian(440, 60);

    /// <summary>ASSUMPTION: residual fluorescence of unbrightened (UV-dull) pulp, broad and weak, peak 480 nm, FWHM 130 nm.</summary>
    public static readonly double[] DullPaper = Gaussian(480, 130);

    /// <summary>ASSUMPTION: blue security fibre emission, peak 450 nm, FWHM 45 nm (Euro fibres glow blue [ECB]).</summary>
    public static readonly double[] FibreBlue = Gaussian(450, 45);

    /// <summary>ASSUMPTION: green security fibre emission, peak 515 nm, FWHM 45 nm.</summary>
    public static readonly double[] FibreGreen = Gaussian(515, 45);

    /// <summary>ASSUMPTION: red security fibre emission (europium-like line), peak 615 nm, FWHM 20 nm.</summary>
    public static readonly double[] FibreRed = Gaussian(615, 20);

    /// <summary>ASSUMPTION: yellow highlighter (pyranine-like) emission, peak 515 nm, FWHM 60 nm.</summary>
    public static readonly double[] HighlighterGreen = Gaussian(515, 60);

    /// <summary>ASSUMPTION: blue fluorescent marker emission, peak 445 nm, FWHM 60 nm.</summary>
    public static readonly double[] HighlighterBlue = Gaussian(445, 60);

    /// <summary>ASSUMPTION: soil/grease stain emission, broad bluish-white, peak 460 nm, FWHM 120 nm.</summary>
    public static readonly double[] Stain = Gaussian(460, 120);

    /// <summary>Daylight by a window: ASSUMPTION 6500 K blackbody shape over 380–780 nm (smooth continuum).</summary>
    public static readonly double[] Daylight = Blackbody(6500, 380, 780);

    /// <summary>ASSUMPTION: white LED, blue pump 450 nm (FWHM 20) plus phosphor 560 nm (FWHM 110), 1:3 by power.</summary>
    public static readonly double[] WhiteLed = Mix(Gaussian(450, 20), 0.25, Gaussian(560, 110), 0.75);

    /// <summary>ASSUMPTION: tri-phosphor fluorescent tube: mercury lines 405/436/546 nm and phosphor bands 490/545/611 nm.</summary>
    /// <summary>ASSUMPTION: the head's 4000 K phosphor white LED (blue pump 450 nm, broad phosphor band peaking ~590 nm).</summary>
    public static readonly double[] WhiteLed4000K = Mix(Gaussian(450, 22), 0.18, Gaussian(590, 130), 0.82);

    public static readonly double[] Fluorescent = Normalise(Sum(
        Scale(Gaussian(405, 5), 0.03), Scale(Gaussian(436, 5), 0.08), Scale(Gaussian(546, 5), 0.10),
        Scale(Gaussian(450, 30), 0.12), Scale(Gaussian(545, 12), 0.30), Scale(Gaussian(611, 10), 0.30),
        Scale(Gaussian(490, 20), 0.07)));

    public static double[] Gaussian(double peakNm, double fwhmNm)
    {
        var s = new double[SpectralGrid.Count];
        double sigma = fwhmNm / 2.3548;
        for (int i = 0; i < s.Length; i++)
        {
            double d = (SpectralGrid.WavelengthNm(i) - peakNm) / sigma;
            s[i] = Math.Exp(-0.5 * d * d);
        }
        return Normalise(s);
    }

    /// <summary>A band from <paramref name="fromNm"/> to <paramref name="toNm"/> decaying exponentially from its start.</summary>
    public static double[] Band(int fromNm, int toNm, int startNm, double decayNm)
    {
        var s = new double[SpectralGrid.Count];
        for (int i = 0; i < s.Length; i++)
        {
            int w = SpectralGrid.WavelengthNm(i);
            if (w >= fromNm && w <= toNm) s[i] = Math.Exp(-Math.Max(0, w - startNm) / decayNm);
        }
        return Normalise(s);
    }

    public static double[] Blackbody(double kelvin, int fromNm, int toNm)
    {
        var s = new double[SpectralGrid.Count];
        for (int i = 0; i < s.Length; i++)
        {
            int w = SpectralGrid.WavelengthNm(i);
            if (w < fromNm || w > toNm) continue;
            double l = w * 1e-9;
            s[i] = 1.0 / (Math.Pow(l, 5) * (Math.Exp(1.4388e-2 / (l * kelvin)) - 1));
        }
        return Normalise(s);
    }

    public static double[] Normalise(double[] s)
    {
        double sum = 0;
        foreach (double v in s) sum += v;
        if (sum <= 0) return s;
        double k = 1.0 / (sum * SpectralGrid.StepNm);
        for (int i = 0; i < s.Length; i++) s[i] *= k;
        return s;
    }

    public static double[] Scale(double[] s, double k)
    {
        var r = new double[s.Length];
        for (int i = 0; i < s.Length; i++) r[i] = s[i] * k;
        return r;
    }

    public static double[] Sum(params double[][] parts)
    {
        var r = new double[SpectralGrid.Count];
        foreach (var p in parts) for (int i = 0; i < r.Length; i++) r[i] += p[i];
        return r;
    }

    public static double[] Mix(double[] a, double wa, double[] b, double wb) => Normalise(Sum(Scale(a, wa), Scale(b, wb)));

    /// <summary>CIE 1931 photopic V(λ), Gaussian approximation peak 555 nm FWHM ~100 nm, used only to turn lux into µW/cm².</summary>
    public static double PhotopicWeight(double nm)
    {
        double d = (nm - 559) / 42.0;
        return Math.Exp(-0.5 * d * d) * 1.0;
    }

    /// <summary>µW/cm² of a unit-integral spectrum that give 1 lx: 1 lx = 1 lm/m², 683 lm/W at V=1.</summary>
    public static double MicrowattsPerCm2PerLux(double[] shape)
    {
        double lmPerW = 0;
        for (int i = 0; i < shape.Length; i++) lmPerW += 683 * PhotopicWeight(SpectralGrid.WavelengthNm(i)) * shape[i] * SpectralGrid.StepNm;
        // 1 lx = 1 lm/m² → 1/lmPerW W/m² = 100/lmPerW µW/cm².
        return 100.0 / lmPerW;
    }
}
