namespace Handheld.Simulator.Physics;

/// <summary>
/// The measuring head: UV LED, window and colour sensor looking at a spot on the sheet.
/// Every constant is an ASSUMPTION unless it cites sensor-facts.md (see Physics/README.md for the list).
/// </summary>
public sealed class DeviceOptics
{
    /// <summary>ASSUMPTION: diameter of the sensed spot with the window flat on the sheet, mm.</summary>
    public double SpotDiameterMm { get; init; } = 3.0;
    /// <summary>ASSUMPTION: soft edge of the spot (logistic width), mm.</summary>
    public double SpotEdgeMm { get; init; } = 0.15;
    /// <summary>ASSUMPTION: UV irradiance on the sheet at full duty, µW/cm² (10 mW/cm²: a 100 mA 365 nm LED a few mm from a 3 mm spot).</summary>
    public double UvIrradiance { get; init; } = 10000;
    /// <summary>ASSUMPTION: share of the LED output in the violet tail after the Wood's-glass filter (unconfirmed in sensor-facts).</summary>
    public double VioletTailFraction { get; init; } = 2e-4;
    /// <summary>ASSUMPTION: irradiance of the white (4000 K) daylight LED on the spot at full duty, µW/cm² (a
    /// 0.5 W mid-power LED at ~60 mA beside the UV LED, a few mm from the spot, pulsed only for its 20 ms readings). The sampler reads it at its own low gain and dims it by PWM only if that saturates.
    /// Its reflected light passes the 400 nm long-pass emission filter (it is visible light), so the sensor's
    /// clear channel sees the spot's daylight reflectance.</summary>
    public double WhiteIrradiance { get; init; } = 60000;
    /// <summary>ASSUMPTION: fraction of the light leaving the spot (Lambertian) that reaches the sensor (geometry and window).</summary>
    public double Collection { get; init; } = 0.10;
    /// <summary>ASSUMPTION: fraction of ambient illuminance on the sheet that leaks under the shroud to the sensor when flat.</summary>
    public double AmbientLeak { get; init; } = 0.002;
    /// <summary>ASSUMPTION: half-angle of the illumination/view cone; lift-off widens the spot by 2·h·tan(angle).</summary>
    public double ConeHalfAngleDeg { get; init; } = 20;
    /// <summary>ASSUMPTION: lift-off at which the collected signal halves... signal ∝ 1/(1+h/h0)², mm.</summary>
    public double LiftOffScaleMm { get; init; } = 2.0;
    /// <summary>ASSUMPTION: lift-off at which the ambient leak has grown ×4 (leak ∝ (1+h/h1)²), mm.</summary>
    public double AmbientLiftOffScaleMm { get; init; } = 0.5;

    /// <summary>ASSUMPTION (a design choice for the hardware): a 400 nm long-pass filter in front of the sensor,
    /// OD 3 below 395 nm, rising linearly to full transmission at 420 nm. Without it reflected 365 nm light and
    /// the LED's violet tail would dominate the blue channels.</summary>
    public double[] EmissionFilter { get; init; } = LongPass(395, 420, 1e-3);

    public static double[] LongPass(int blockedToNm, int openFromNm, double leak)
    {
        var f = new double[Optics.SpectralGrid.Count];
        for (int i = 0; i < f.Length; i++)
        {
            int w = Optics.SpectralGrid.WavelengthNm(i);
            f[i] = w <= blockedToNm ? leak : w >= openFromNm ? 1 : leak + (1 - leak) * (w - blockedToNm) / (double)(openFromNm - blockedToNm);
        }
        return f;
    }

    /// <summary>Spot radius and relative coupling for a tilt and lift-off.</summary>
    public void Geometry(double tiltDeg, double liftOffMm, out double radiusAlongMm, out double radiusAcrossMm, out double coupling, out double ambientLeak)
    {
        double r = SpotDiameterMm / 2 + liftOffMm * Math.Tan(ConeHalfAngleDeg * Math.PI / 180);
        double c = Math.Cos(tiltDeg * Math.PI / 180);
        radiusAcrossMm = r;
        radiusAlongMm = r / Math.Max(0.2, c);
        double k = 1 + liftOffMm / LiftOffScaleMm;
        coupling = c / (k * k);
        double a = 1 + (liftOffMm + 3 * Math.Sin(tiltDeg * Math.PI / 180)) / AmbientLiftOffScaleMm;
        ambientLeak = AmbientLeak * a * a;
    }
}
