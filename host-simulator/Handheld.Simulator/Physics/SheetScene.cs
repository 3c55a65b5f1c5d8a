using Handheld.Simulator.Optics;

namespace Handheld.Simulator.Physics;

/// <summary>
/// The physical model behind the emulated sensor: sheet under the head, UV lamp (its duty comes from the
/// emulated lamp, averaged over the window), ambient light with flicker, sweep motion. Integrates by
/// sub-steps of at most <see cref="SubStepUs"/> so that motion, flicker and lamp switching inside a
/// sensor integration are averaged, as <see cref="ISpectralScene"/> requires.
/// </summary>
public sealed class SheetScene : ISpectralScene
{
    public const long SubStepUs = 2000;

    private readonly SheetModel _sheet;
    private readonly DeviceOptics _optics;
    private readonly AmbientLight _ambient;
    private readonly SweepTrajectory _path;
    private readonly Func<long, long, double> _lampDuty;
    private readonly double[] _amounts;
    private readonly double[] _ambientShape;
    private readonly double[]? _visible;     // spectral visible reflectance of the spot (coloured sheets only)

    /// <param name="lampDuty">Mean lamp duty (0–1) over a window [start, end) µs: the emulated lamp's answer.</param>
    public SheetScene(SheetModel sheet, DeviceOptics optics, AmbientLight ambient, SweepTrajectory path, Func<long, long, double> lampDuty)
    {
        _sheet = sheet; _optics = optics; _ambient = ambient; _path = path; _lampDuty = lampDuty;
        _ambientShape = ambient.Shape;
        _amounts = new double[sheet.EmitterSlots];
        _visible = sheet.HasColour ? new double[SpectralGrid.Count] : null;
    }

    /// <summary>Relative UV output of the lamp at a time in seconds (drift, ripple, 1/f noise); null = steady.</summary>
    public LampModulation? LampModulation { get; set; }

    /// <summary>Mean white-LED output (0–1) over a window [start, end) µs: the emulated daylight LED's answer;
    /// null = the head has none.</summary>
    public Func<long, long, double>? WhiteLed { get; set; }

    public SheetModel Sheet => _sheet;
    public SweepTrajectory Path => _path;
    public AmbientLight Ambient => _ambient;

    public void Integrate(long startUs, long endUs, double[] irradianceOut)
    {
        Array.Clear(irradianceOut);
        if (endUs <= startUs) endUs = startUs + 1;
        int steps = (int)Math.Max(1, (endUs - startUs + SubStepUs - 1) / SubStepUs);
        long len = endUs - startUs;
        for (int k = 0; k < steps; k++)
        {
            long a = startUs + len * k / steps, b = startUs + len * (k + 1) / steps;
            Sub(a, b, (double)(b - a) / len, irradianceOut);
        }
        double[] filter = _optics.EmissionFilter;
        for (int i = 0; i < irradianceOut.Length; i++) irradianceOut[i] *= filter[i];
    }

    /// <summary>Adds one sub-step's contribution, weighted by its share of the window.</summary>
    private void Sub(long a, long b, double weight, double[] outp)
    {
        long mid = (a + b) / 2;
        _path.At(mid, out double x, out double y, out double heading, out double tilt, out double lift);
        _optics.Geometry(tilt, lift, out double rAlong, out double rAcross, out double coupling, out double leak);
        Array.Clear(_amounts);
        double refl = _sheet.Sample(x, y, rAlong, rAcross, heading, _optics.SpotEdgeMm, _amounts, _visible);

        double duty = Math.Clamp(_lampDuty(a, b), 0, 1);
        double uv = _optics.UvIrradiance * duty * coupling * _optics.Collection * weight;
        if (LampModulation is { } mod && uv > 0) uv *= mod.Level(mid / 1e6);
        if (uv > 0)
        {
            for (int e = 0; e < _amounts.Length; e++)
            {
                double amt = _amounts[e] * uv;
                if (amt == 0) continue;
                double[] shape = _sheet.ShapeOf(e);
                for (int i = 0; i < outp.Length; i++) outp[i] += amt * shape[i];
            }
            double tail = uv * _optics.VioletTailFraction * refl;
            double uvRefl = uv * refl;          // diffusely reflected 365 nm light; the emission filter blocks it
            for (int i = 0; i < outp.Length; i++) outp[i] += tail * Spectra.VioletTail[i] + uvRefl * Spectra.UvLed[i];
        }
        if (WhiteLed is { } white)
        {
            // Diffusely reflected white light: the spot's visible reflectance (paper, ink, coats, marker strokes;
            // fibres do not darken it), collected like the fluorescence.
            // A coloured stroke or coat reflects by its colour's spectrum (_visible); grey sheets keep the scalar.
            double[] led = Spectra.WhiteLed4000K;
            if (_visible != null)
            {
                double w = Math.Clamp(white(a, b), 0, 1) * _optics.WhiteIrradiance * coupling * _optics.Collection * weight;
                if (w > 0) for (int i = 0; i < outp.Length; i++) outp[i] += w * _visible[i] * led[i];
            }
            else
            {
                double w = Math.Clamp(white(a, b), 0, 1) * _optics.WhiteIrradiance * coupling * _optics.Collection * weight * refl;
                if (w > 0) for (int i = 0; i < outp.Length; i++) outp[i] += w * led[i];
            }
        }
        if (_ambient.Lux > 0)
        {
            if (_visible != null)
            {
                double amb = _ambient.MicrowattsPerCm2 * _ambient.MeanLevel(a / 1e6, b / 1e6) * leak * weight;
                for (int i = 0; i < outp.Length; i++) outp[i] += amb * _visible[i] * _ambientShape[i];
            }
            else
            {
                double amb = _ambient.MicrowattsPerCm2 * _ambient.MeanLevel(a / 1e6, b / 1e6) * refl * leak * weight;
                for (int i = 0; i < outp.Length; i++) outp[i] += amb * _ambientShape[i];
            }
        }

    }
}
