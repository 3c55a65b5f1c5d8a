using Handheld.Simulator.Emulators;
using Handheld.Simulator.Optics;

namespace Handheld.Simulator.Tests.Linux;

/// <summary>
/// A simple sheet under the sensor window: office ambient light, the paper's own
/// fluorescence under UV (UV-dull security paper or brightened office paper) and fibres passing the window
/// while the inspector sweeps (blue and green, alternating, one every <see cref="FibrePeriodUs"/>), all
/// lamp-induced light scaled by the simulated lamp's output. Deterministic. A test fixture for the bench; the
/// physics sheet model (Physics/SheetScene) is the detailed one used by handheld-sim.
/// </summary>
internal sealed class SimpleSheetScene : ISpectralScene
{
    private readonly SimulatedUvLamp _lamp;
    private readonly double[] _ambient;
    private readonly double[] _paper;
    private readonly double[] _blueFibre;
    private readonly double[] _greenFibre;

    public const long FibrePeriodUs = 1_000_000;
    public const long FibreVisibleUs = 160_000;

    public SimpleSheetScene(SimulatedUvLamp lamp, bool securityPaper, bool fibres, double ambientLevel = 0.02)
    {
        _lamp = lamp;
        _ambient = ConstantScene.Flat(400, 700, ambientLevel);
        // UV-dull pulp emits broad and greenish-white (the physics model's 480 nm, 130 nm wide); a blue-peaked
        // background is brightener, which the analysis refuses as UV-dull since issue 17.
        _paper = securityPaper ? ConstantScene.Band(480, 130, 0.02) : ConstantScene.Band(440, 50, 8.0);
        _blueFibre = fibres ? ConstantScene.Band(430, 25, 0.6) : new double[SpectralGrid.Count];
        _greenFibre = fibres ? ConstantScene.Band(530, 25, 0.3) : new double[SpectralGrid.Count];
    }

    public void Integrate(long startUs, long endUs, double[] irradianceOut)
    {
        double uv = _lamp.AverageOutput(startUs, endUs);
        double blue = FibreFraction(startUs, endUs, 0), green = FibreFraction(startUs, endUs, FibrePeriodUs / 2);
        for (int b = 0; b < irradianceOut.Length; b++)
            irradianceOut[b] = _ambient[b] + uv * (_paper[b] + blue * _blueFibre[b] + green * _greenFibre[b]);
    }

    /// <summary>Share of [start, end) during which a fibre of the series with the given offset is under the window.</summary>
    private static double FibreFraction(long startUs, long endUs, long offsetUs)
    {
        if (endUs <= startUs) return 0;
        long overlap = 0;
        long first = (startUs - offsetUs) / FibrePeriodUs - 1;
        for (long k = first; k * FibrePeriodUs + offsetUs < endUs; k++)
        {
            long s = k * FibrePeriodUs + offsetUs, e = s + FibreVisibleUs;
            long a = Math.Max(s, startUs), z = Math.Min(e, endUs);
            if (z > a) overlap += z - a;
        }
        return (double)overlap / (endUs - startUs);
    }
}
