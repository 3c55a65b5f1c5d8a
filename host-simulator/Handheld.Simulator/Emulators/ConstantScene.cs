using Handheld.Simulator.Optics;

namespace Handheld.Simulator.Emulators;

/// <summary>
/// A test scene with constant spectra: ambient light (optionally with sinusoidal mains flicker) plus a
/// lamp-induced spectrum (fluorescence and reflected lamp light) scaled by the lamp's emitted output over the
/// window. Enough to test drivers and the sampler; the physical sheet/sweep model lives in Optics (physics).
/// </summary>
public sealed class ConstantScene : ISpectralScene
{
    private readonly SimulatedUvLamp? _lamp;

    public ConstantScene(double[] ambient, double[] underUv, SimulatedUvLamp? lamp)
    {
        Ambient = ambient;
        UnderUv = underUv;
        _lamp = lamp;
    }

    /// <summary>Ambient irradiance at the sensor, µW/cm² per nm per bin.</summary>
    public double[] Ambient { get; set; }

    /// <summary>Irradiance caused by the lamp at full output, µW/cm² per nm per bin.</summary>
    public double[] UnderUv { get; set; }

    /// <summary>Flicker modulation depth 0–1 (ambient × (1 + depth·sin 2πft)).</summary>
    public double FlickerDepth { get; set; }

    public double FlickerHz { get; set; } = 100;

    /// <summary>Phase of the flicker at t = 0, radians.</summary>
    public double FlickerPhase { get; set; }

    public void Integrate(long startUs, long endUs, double[] irradianceOut)
    {
        double flicker = MeanFlicker(startUs, endUs);
        double uv = _lamp?.AverageOutput(startUs, endUs) ?? 0;
        for (int b = 0; b < irradianceOut.Length; b++)
            irradianceOut[b] = Ambient[b] * flicker + UnderUv[b] * uv;
    }

    /// <summary>Exact mean of 1 + m·sin(ωt + φ) over the window.</summary>
    public double MeanFlicker(long startUs, long endUs)
    {
        if (FlickerDepth == 0 || endUs <= startUs) return 1;
        double w = 2 * Math.PI * FlickerHz;
        double t0 = startUs / 1e6, t1 = endUs / 1e6;
        double integral = -(Math.Cos(w * t1 + FlickerPhase) - Math.Cos(w * t0 + FlickerPhase)) / w;
        return 1 + FlickerDepth * integral / (t1 - t0);
    }

    /// <summary>A spectrum that is zero except a Gaussian band, µW/cm² per nm at the peak.</summary>
    public static double[] Band(double centreNm, double fwhmNm, double peak) =>
        SpectralResponse.Gaussian(centreNm, fwhmNm, peak);

    /// <summary>Flat spectrum between two wavelengths (inclusive).</summary>
    public static double[] Flat(int fromNm, int toNm, double level)
    {
        var r = new double[SpectralGrid.Count];
        for (int b = 0; b < r.Length; b++)
        {
            int nm = SpectralGrid.WavelengthNm(b);
            if (nm >= fromNm && nm <= toNm) r[b] = level;
        }
        return r;
    }

    public static double[] Sum(double[] a, double[] b)
    {
        var r = new double[a.Length];
        for (int i = 0; i < r.Length; i++) r[i] = a[i] + b[i];
        return r;
    }
}
