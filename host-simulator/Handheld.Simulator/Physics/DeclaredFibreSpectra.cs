using Handheld.Core.Fluorescence;
using Handheld.Simulator.Emulators;

namespace Handheld.Simulator.Physics;

/// <summary>
/// The paper catalogue entry the simulated security paper would carry in the trust data: the sheet model's own
/// fibre emission spectra (<see cref="Spectra.FibreBlue"/>, <see cref="Spectra.FibreGreen"/>,
/// <see cref="Spectra.FibreRed"/>) through the device's emission filter and the AS7341's F1–F7, as permille
/// shares (<see cref="DeclaredSpectra"/>). This is what an authority would publish after measuring its fibre
/// stock on a calibrated reference device.
/// </summary>
public static class DeclaredFibreSpectra
{
    public static DeclaredSpectra For(DeviceOptics optics)
    {
        var d = new DeclaredSpectra();
        Declare(d, FibreColours.Blue, Spectra.FibreBlue, optics);
        Declare(d, FibreColours.Green, Spectra.FibreGreen, optics);
        Declare(d, FibreColours.Red, Spectra.FibreRed, optics);
        return d;
    }

    /// <summary>Permille shares of <paramref name="emission"/> in F1–F7 behind the emission filter (largest-remainder
    /// rounding, so they sum to exactly 1000).</summary>
    public static int[] Shares(double[] emission, DeviceOptics optics)
    {
        var filters = new double[DeclaredSpectra.Channels][];
        for (int c = 0; c < filters.Length; c++) filters[c] = SpectralResponse.As7341Filter(c);
        return FilterShares.Permille(emission, optics, filters);
    }

    private static void Declare(DeclaredSpectra d, int colour, double[] emission, DeviceOptics optics)
    {
        if (!d.Set(colour, Shares(emission, optics))) throw new InvalidOperationException("declared spectrum out of range");
    }
}
