namespace Handheld.Simulator.Physics;

/// <summary>
/// The UV lamp's relative output over time (schema 2 "lamp"): linear drift, driver ripple and 1/f noise.
/// The 1/f part is a sum of sinusoids one per octave from 0.25 to 64 Hz, amplitudes ∝ 1/√f (equal power per
/// octave), random phases from the run's seed; scaled so that its standard deviation is <see cref="LampSpec.PinkNoise"/>.
/// </summary>
public sealed class LampModulation
{
    private readonly LampSpec _spec;
    private readonly double[] _freq, _amp, _phase;
    private readonly double _ripplePhase;

    public LampModulation(LampSpec spec, Random rng)
    {
        _spec = spec;
        const int octaves = 9;   // 0.25 … 64 Hz
        _freq = new double[octaves]; _amp = new double[octaves]; _phase = new double[octaves];
        double power = 0;
        for (int k = 0; k < octaves; k++)
        {
            _freq[k] = 0.25 * Math.Pow(2, k) * (0.9 + 0.2 * rng.NextDouble());
            _amp[k] = 1 / Math.Sqrt(_freq[k]);
            _phase[k] = rng.NextDouble() * 2 * Math.PI;
            power += _amp[k] * _amp[k] / 2;
        }
        double scale = spec.PinkNoise / Math.Sqrt(power);
        for (int k = 0; k < octaves; k++) _amp[k] *= scale;
        _ripplePhase = rng.NextDouble() * 2 * Math.PI;
    }

    /// <summary>Output relative to nominal at <paramref name="seconds"/> (never below 0).</summary>
    public double Level(double seconds)
    {
        double v = 1 + _spec.DriftPerS * seconds + _spec.Ripple * Math.Sin(2 * Math.PI * _spec.RippleHz * seconds + _ripplePhase);
        for (int k = 0; k < _freq.Length; k++) v += _amp[k] * Math.Sin(2 * Math.PI * _freq[k] * seconds + _phase[k]);
        return Math.Max(0, v);
    }
}
