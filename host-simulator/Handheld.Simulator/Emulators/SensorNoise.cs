namespace Handheld.Simulator.Emulators;

/// <summary>
/// Shot and read noise, quantisation and clipping for a photodiode ADC, from an explicit seed.
/// Shot noise: a mean of μ counts at gain G corresponds to μ·E/G photo-electrons (E electrons per count at 1×),
/// so σ = √(μ·G/E) counts. Read noise is Gaussian with a fixed σ in counts. Both are approximations: the
/// datasheets do not give them.
/// </summary>
public sealed class SensorNoise
{
    private readonly Random _random;

    public SensorNoise(int seed) => _random = new Random(seed);

    /// <summary>Electrons per count at gain 1× (assumed).</summary>
    public double ElectronsPerCountAt1x { get; set; } = 100;

    /// <summary>Read noise σ in counts (assumed).</summary>
    public double ReadNoiseCounts { get; set; } = 0.7;

    /// <summary>Set false for noise-free tests of scaling and timing.</summary>
    public bool Enabled { get; set; } = true;

    public int Sample(double meanCounts, double gain, int fullScale)
    {
        double v = meanCounts < 0 ? 0 : meanCounts;
        if (Enabled)
        {
            double shot = Math.Sqrt(v * gain / ElectronsPerCountAt1x);
            v += shot * NextGaussian() + ReadNoiseCounts * NextGaussian();
        }
        long q = (long)Math.Round(v);
        if (q < 0) q = 0;
        if (q > fullScale) q = fullScale;
        return (int)q;
    }

    private double NextGaussian()
    {
        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
