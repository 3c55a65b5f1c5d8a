using SkiaSharp;

namespace Handheld.Simulator.Physics;

/// <summary>
/// The UV scan of one of a sheet's fingerprint tracks, as the issuing authority's scanner would take it (365 nm flood,
/// colour camera): the band 6 mm either side of the track line from 8 mm before the start mark to 8 mm after the
/// last, at <see cref="PixelsPerMm"/>, in the track's own frame (FibreTrack.Point: image x along the sweep direction,
/// image y across), so every track's image looks like track 0's and the start mark is on the left. Fibres and
/// strokes are drawn as antialiased lines of their width in their emission colour, brightness ∝ yield (additive, so
/// crossings add up as light does); marks are red; the paper is its own faint (UV-dull) or blue (brightened) glow.
/// `handheld license register-fibres` reads it back.
/// </summary>
public static class TrackScanImage
{
    public const double PixelsPerMm = 20;
    public const double MarginMm = 8;
    public const double HalfHeightMm = 6;

    /// <summary>Track 0's scan (layout 1's track).</summary>
    public static SKBitmap Render(SheetModel sheet) => Render(sheet, 0);

    /// <summary>The scan of track <paramref name="track"/> (0–3, FibreTrack.Origin).</summary>
    public static SKBitmap Render(SheetModel sheet, int track, double pxPerMm = PixelsPerMm)
    {
        FibreTrack.Origin(track, out _, out _, out double dx, out double dy);
        // The band's corners on the sheet; (cx, cy) is the image's top-left. For track 0 every value here is the
        // same double as the sheet-frame arithmetic before tracks existed, so its image is byte-identical.
        FibreTrack.Point(track, -MarginMm, -HalfHeightMm, out double cx, out double cy);
        FibreTrack.Point(track, FibreTrack.LengthMm + MarginMm, HalfHeightMm, out double fx, out double fy);
        double sx0 = Math.Min(cx, fx), sx1 = Math.Max(cx, fx), sy0 = Math.Min(cy, fy), sy1 = Math.Max(cy, fy);
        int w = (int)Math.Round((FibreTrack.LengthMm + 2 * MarginMm) * pxPerMm), h = (int)Math.Round(2 * HalfHeightMm * pxPerMm);
        var bitmap = new SKBitmap(w, h, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(bitmap);
        FibreTrack.Point(track, FibreTrack.LengthMm / 2, 0, out double mx, out double my);
        sheet.PaperAt(mx, my, out double dull, out double brightener);
        double d = dull / SheetModel.DullYield, b = brightener / SheetModel.BrightenerYield;
        canvas.Clear(new SKColor(Byte(10 * d + 10 * b), Byte(10 * d + 25 * b), Byte(12 * d + 140 * b)));
        using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Butt, BlendMode = SKBlendMode.Plus };
        // Strands reach up to half their length beyond their centre: look a fibre length further out.
        foreach (var s in sheet.StrandsIn(sx0 - 10, sy0 - 10, sx1 + 10, sy1 + 10))
        {
            double v = s.Kind == Emitter.FibreRed && s.Yield >= FibreTrack.MarkYield * 0.2 ? s.Yield / FibreTrack.MarkYield : s.Yield / SheetModel.FibreYield;
            paint.Color = s.Kind switch
            {
                Emitter.FibreBlue or Emitter.HighlighterBlue => new SKColor(Byte(10 * v), Byte(60 * v), Byte(230 * v)),
                Emitter.FibreGreen or Emitter.HighlighterGreen => new SKColor(Byte(20 * v), Byte(230 * v), Byte(50 * v)),
                _ => new SKColor(Byte(230 * v), Byte(15 * v), Byte(10 * v)),
            };
            paint.StrokeWidth = (float)Math.Max(0.5, s.WidthMm * pxPerMm);
            double ex = s.X - s.Dx * s.LengthMm / 2, ey = s.Y - s.Dy * s.LengthMm / 2;
            double gx = s.X + s.Dx * s.LengthMm / 2, gy = s.Y + s.Dy * s.LengthMm / 2;
            // Sheet → track frame (the inverse of FibreTrack.Point): along = (p − c)·(dx, dy), across = (p − c)·(dy, dx).
            float ax = (float)(((ex - cx) * dx + (ey - cy) * dy) * pxPerMm), ay = (float)(((ex - cx) * dy + (ey - cy) * dx) * pxPerMm);
            float bx = (float)(((gx - cx) * dx + (gy - cy) * dy) * pxPerMm), by = (float)(((gx - cx) * dy + (gy - cy) * dx) * pxPerMm);
            canvas.DrawLine(ax, ay, bx, by, paint);
        }
        canvas.Flush();
        return bitmap;
    }

    /// <summary>Writes the scan of track <paramref name="track"/> as a PNG.</summary>
    public static void WritePng(SheetModel sheet, string path, int track = 0)
    {
        using var bitmap = Render(sheet, track);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    private static byte Byte(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);
}
