namespace Handheld.Simulator.Physics;

/// <summary>
/// Geometry of fingerprint track layout 1 on the A4 sheet (hardware/fibre-track.md; licence field 0x0C):
/// the line 12 mm in from the sheet's long bottom edge, where the housing's edge guide holds the sensor window,
/// from the start mark at x = 30 mm to the seventh mark at x = 126 mm; marks are 1 mm × 8 mm bars across the
/// track, printed in a red-emitting (europium) UV ink every 16 mm.
/// </summary>
public static class FibreTrack
{
    public const double StartXMm = 30;
    public const double YMm = SheetModel.HeightMm - 12;
    public const double PitchMm = 16;
    public const int MarkCount = 7;
    public const double LengthMm = PitchMm * (MarkCount - 1);
    public const double MarkWidthMm = 1;
    public const double MarkLengthMm = 8;
    /// <summary>ASSUMPTION: emission yield of the mark ink per unit area (≈ 4× a fibre's peak through the 3 mm spot).</summary>
    public const double MarkYield = 0.04;

    public static double MarkXMm(int k) => StartXMm + PitchMm * k;
}

/// <summary>The "track" object of a sheet: the sheet carries the printed marks of fingerprint layout 1.</summary>
public sealed class TrackSpec
{
    /// <summary>Multiplier of the mark ink's yield (1 = as printed; 0 = no marks, e.g. a forger who left them out).</summary>
    public double MarkBrightness { get; set; } = 1;
}
