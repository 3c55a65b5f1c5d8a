namespace Handheld.Simulator.Physics;

/// <summary>
/// Geometry of the fingerprint tracks on the A4 sheet (hardware/fibre-track.md; licence field 0x0C). Every track is
/// the line 12 mm in from one sheet edge, where the housing's edge guide holds the sensor window, from its start mark
/// 30 mm from a corner to its seventh mark 96 mm further; marks are 1 mm × 8 mm bars across the track, printed in a
/// red-emitting (europium) UV ink every 16 mm. Layout 1 has track 0 only (the short bottom edge, x = 30 → 126 mm);
/// layout 2 has four: 0 bottom edge, 1 top edge (both swept towards +x), 2 left edge, 3 right edge (both towards +y).
/// </summary>
public static class FibreTrack
{
    public const double StartXMm = 30;
    public const double YMm = SheetModel.HeightMm - 12;
    public const double EdgeInsetMm = 12;
    public const double PitchMm = 16;
    public const int MarkCount = 7;
    public const double LengthMm = PitchMm * (MarkCount - 1);
    public const double MarkWidthMm = 1;
    public const double MarkLengthMm = 8;
    /// <summary>Tracks of layout 2 (layout 1: track 0 alone).</summary>
    public const int MaxTracks = 4;
    /// <summary>ASSUMPTION: emission yield of the mark ink per unit area (≈ 4× a fibre's peak through the 3 mm spot).</summary>
    public const double MarkYield = 0.04;

    public static double MarkXMm(int k) => StartXMm + PitchMm * k;

    /// <summary>Start mark of track <paramref name="track"/> (0–3) and the unit direction the guide sweeps it.</summary>
    public static void Origin(int track, out double x, out double y, out double dx, out double dy)
    {
        switch (track)
        {
            case 0: x = StartXMm; y = YMm; dx = 1; dy = 0; return;
            case 1: x = StartXMm; y = EdgeInsetMm; dx = 1; dy = 0; return;
            case 2: x = EdgeInsetMm; y = StartXMm; dx = 0; dy = 1; return;
            case 3: x = SheetModel.WidthMm - EdgeInsetMm; y = StartXMm; dx = 0; dy = 1; return;
            default: throw new ArgumentOutOfRangeException(nameof(track), track, "tracks are 0–3");
        }
    }

    /// <summary>Point at <paramref name="alongMm"/> from the start mark and <paramref name="acrossMm"/> across (+y on a
    /// track swept towards +x, +x on one swept towards +y).</summary>
    public static void Point(int track, double alongMm, double acrossMm, out double x, out double y)
    {
        Origin(track, out double x0, out double y0, out double dx, out double dy);
        x = x0 + alongMm * dx + acrossMm * dy;
        y = y0 + alongMm * dy + acrossMm * dx;
    }

    /// <summary>Distance along track <paramref name="track"/> from its start mark of the sheet point (x, y).</summary>
    public static double Along(int track, double x, double y)
    {
        Origin(track, out double x0, out double y0, out double dx, out double dy);
        return (x - x0) * dx + (y - y0) * dy;
    }
}

/// <summary>The "track" object of a sheet: the sheet carries the printed marks of its fingerprint tracks.</summary>
public sealed class TrackSpec
{
    /// <summary>Multiplier of the mark ink's yield (1 = as printed; 0 = no marks, e.g. a forger who left them out).</summary>
    public double MarkBrightness { get; set; } = 1;
    /// <summary>Tracks printed: 1 (layout 1) or 4 (layout 2; the default, a layout-1 reader uses track 0 alone).</summary>
    public int Tracks { get; set; } = FibreTrack.MaxTracks;
}
