namespace Handheld.Simulator.Physics;

/// <summary>Lighting conditions of the scenario corpus.</summary>
public enum Lighting
{
    Dark,
    OfficeLed,
    Fluorescent,
    Window,
    DirectSun
}

/// <summary>
/// Ambient light on the sheet: spectrum, illuminance and flicker. Illuminances from sensor-facts §4 [LUX];
/// 100 Hz flicker of mains lamps [FLK]; spectra and modulation depths are ASSUMPTIONS.
/// </summary>
public sealed class AmbientLight
{
    public Lighting Kind { get; }
    public double Lux { get; }
    public double[] Shape { get; }
    /// <summary>Peak-to-mean modulation at 100 Hz (0 = steady).</summary>
    public double FlickerDepth { get; }
    public double FlickerHz { get; } = 100;
    /// <summary>Phase of the flicker at t = 0 (from the run's seed), radians.</summary>
    public double PhaseRad { get; }

    public AmbientLight(Lighting kind, double phaseRad)
    {
        Kind = kind;
        PhaseRad = phaseRad;
        switch (kind)
        {
            case Lighting.Dark: Lux = 0; Shape = Spectra.Daylight; FlickerDepth = 0; break;
            case Lighting.OfficeLed: Lux = 500; Shape = Spectra.WhiteLed; FlickerDepth = 0.05; break;       // 500 lx typical office [LUX]; ripple ASSUMPTION
            case Lighting.Fluorescent: Lux = 500; Shape = Spectra.Fluorescent; FlickerDepth = 0.35; break;  // 100 Hz [FLK]; depth ASSUMPTION
            case Lighting.Window: Lux = 2000; Shape = Spectra.Daylight; FlickerDepth = 0; break;            // by a window 1,000–2,000 lx [LUX]
            case Lighting.DirectSun: Lux = 100000; Shape = Spectra.Daylight; FlickerDepth = 0; break;      // direct sun ~100,000 lx [LUX]
            default: throw new ArgumentOutOfRangeException(nameof(kind));
        }
        MicrowattsPerCm2 = Lux * Spectra.MicrowattsPerCm2PerLux(Shape);
    }

    /// <summary>Total irradiance on the sheet, µW/cm².</summary>
    public double MicrowattsPerCm2 { get; }

    /// <summary>Mean relative level (1 = mean) over [t0, t1) seconds: the integral of 1 + d·sin(2πft + φ).</summary>
    public double MeanLevel(double t0, double t1)
    {
        if (FlickerDepth == 0 || t1 <= t0) return 1;
        double w = 2 * Math.PI * FlickerHz;
        double integral = (t1 - t0) - FlickerDepth / w * (Math.Cos(w * t1 + PhaseRad) - Math.Cos(w * t0 + PhaseRad));
        return integral / (t1 - t0);
    }

    public static string Name(Lighting l) => l switch
    {
        Lighting.Dark => "dark",
        Lighting.OfficeLed => "officeLed",
        Lighting.Fluorescent => "fluorescent",
        Lighting.Window => "window",
        Lighting.DirectSun => "directSun",
        _ => l.ToString()
    };

    public static bool TryParse(string s, out Lighting l)
    {
        foreach (Lighting v in Enum.GetValues<Lighting>())
            if (string.Equals(Name(v), s, StringComparison.OrdinalIgnoreCase)) { l = v; return true; }
        l = Lighting.Dark;
        return false;
    }

    /// <summary>The lighting conditions every corpus scenario runs under (direct sun is opt-in: expected inconclusive).</summary>
    public static readonly Lighting[] Standard = { Lighting.Dark, Lighting.OfficeLed, Lighting.Fluorescent, Lighting.Window };
}
