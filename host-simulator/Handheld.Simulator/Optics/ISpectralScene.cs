namespace Handheld.Simulator.Optics;

/// <summary>
/// What the colour sensor's window sees: the physical model of sheet, lamp, ambient light and sweep,
/// reduced to spectral irradiance on the sensor. Chip emulators integrate it with their channel responses.
/// </summary>
public interface ISpectralScene
{
    /// <summary>
    /// Mean spectral irradiance on the sensor over the window [<paramref name="startUs"/>, <paramref name="endUs"/>),
    /// in µW/cm² per nm, at the wavelengths of <see cref="SpectralGrid"/> (one value per bin).
    /// Flicker and motion within the window must be averaged, not sampled at one instant.
    /// </summary>
    void Integrate(long startUs, long endUs, double[] irradianceOut);
}

/// <summary>The wavelength grid shared by scenes and sensor models: 300–1100 nm in 5 nm bins.</summary>
public static class SpectralGrid
{
    public const int FirstNm = 300;
    public const int StepNm = 5;
    public const int Count = 161;

    public static int WavelengthNm(int bin) => FirstNm + bin * StepNm;

    public static int BinOf(int wavelengthNm) => (wavelengthNm - FirstNm) / StepNm;
}
