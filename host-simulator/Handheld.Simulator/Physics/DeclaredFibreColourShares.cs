using Handheld.Core.Fluorescence;
using Handheld.Simulator.Emulators;

namespace Handheld.Simulator.Physics;

/// <summary>
/// The paper catalogue's colour signatures ("FT", <see cref="DeclaredColourShares"/>) of the simulated security
/// paper: the sheet model's own fibre emission spectra (<see cref="Spectra.FibreBlue"/>, <see cref="Spectra.FibreGreen"/>,
/// <see cref="Spectra.FibreRed"/>) through the device's emission filter and the TCS34725's R, G and B filters, as
/// permille shares. What an authority would publish after measuring its fibre stock on a calibrated reference device.
/// </summary>
public static class DeclaredFibreColourShares
{
    public static DeclaredColourShares For(DeviceOptics optics)
    {
        var d = new DeclaredColourShares();
        Declare(d, FibreColours.Blue, Spectra.FibreBlue, optics);
        Declare(d, FibreColours.Green, Spectra.FibreGreen, optics);
        Declare(d, FibreColours.Red, Spectra.FibreRed, optics);
        return d;
    }

    /// <summary>R, G, B permille shares of <paramref name="emission"/> behind the emission filter (largest-remainder
    /// rounding, so they sum to exactly 1000).</summary>
    public static int[] Shares(double[] emission, DeviceOptics optics) =>
        FilterShares.Permille(emission, optics, [SpectralResponse.TcsRed(), SpectralResponse.TcsGreen(), SpectralResponse.TcsBlue()]);

    private static void Declare(DeclaredColourShares d, int colour, double[] emission, DeviceOptics optics)
    {
        int[] s = Shares(emission, optics);
        if (!d.Set(colour, s[0], s[1], s[2])) throw new InvalidOperationException("declared colour shares out of range");
    }
}
