using SkiaSharp;

namespace Handheld.Simulator.Physics;

/// <summary>
/// The UV scan of a sheet's fingerprint track, as the issuing authority's scanner would take it (365 nm flood,
/// colour camera): the band 6 mm either side of the track line from 8 mm before the start mark to 8 mm after the
/// last, at <see cref="PixelsPerMm"/>. Fibres and strokes are drawn as antialiased lines of their width in their
/// emission colour, brightness ∝ yield (additive, so crossings add up as light does); marks are red; the paper is
/// its own faint (UV-dull) or blue (brightened) glow. `handheld license register-fibres` reads it back.
/// </summary>
public static class TrackScanImage
{
    public const double PixelsPerMm = 20;
    public const double MarginMm = 8;
    public const double HalfHeightMm = 6;

    public static SKBitmap Render(SheetModel sheet, double pxPerMm = PixelsPerMm)
    {
        double x0 = FibreTrack.StartXMm - MarginMm, x1 = FibreTrack.MarkXMm(FibreTrack.MarkCount - 1) + MarginMm;
        double y0 = FibreTrack.YMm - HalfHeightMm, y1 = FibreTrack.YMm + HalfHeightMm;
        int w = (int)Math.Round((x1 - x0) * pxPerMm), h = (int)Math.Round((y1 - y0) * pxPerMm);
        var bitmap = new SKBitmap(w, h, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(bitmap);
        sheet.PaperAt(FibreTrack.StartXMm + FibreTrack.LengthMm / 2, FibreTrack.YMm, out double dull, out double brightener);
        double d = dull / SheetModel.DullYield, b = brightener / SheetModel.BrightenerYield;
        canvas.Clear(new SKColor(Byte(10 * d + 10 * b), Byte(10 * d + 25 * b), Byte(12 * d + 140 * b)));
        using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Butt, BlendMode = SKBlendMode.Plus };
        // Strands reach up to half their length beyond their centre: look a fibre length further out.
        foreach (var s in sheet.StrandsIn(x0 - 10, y0 - 10, x1 + 10, y1 + 10))
        {
            double v = s.Kind == Emitter.FibreRed && s.Yield >= FibreTrack.MarkYield * 0.2 ? s.Yield / FibreTrack.MarkYield : s.Yield / SheetModel.FibreYield;
            paint.Color = s.Kind switch
            {
                Emitter.FibreBlue or Emitter.HighlighterBlue => new SKColor(Byte(10 * v), Byte(60 * v), Byte(230 * v)),
                Emitter.FibreGreen or Emitter.HighlighterGreen => new SKColor(Byte(20 * v), Byte(230 * v), Byte(50 * v)),
                _ => new SKColor(Byte(230 * v), Byte(15 * v), Byte(10 * v)),
            };
            paint.StrokeWidth = (float)Math.Max(0.5, s.WidthMm * pxPerMm);
            float ax = (float)((s.X - s.Dx * s.LengthMm / 2 - x0) * pxPerMm), ay = (float)((s.Y - s.Dy * s.LengthMm / 2 - y0) * pxPerMm);
            float bx = (float)((s.X + s.Dx * s.LengthMm / 2 - x0) * pxPerMm), by = (float)((s.Y + s.Dy * s.LengthMm / 2 - y0) * pxPerMm);
            canvas.DrawLine(ax, ay, bx, by, paint);
        }
        canvas.Flush();
        return bitmap;
    }

    public static void WritePng(SheetModel sheet, string path)
    {
        using var bitmap = Render(sheet);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    private static byte Byte(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);
}
