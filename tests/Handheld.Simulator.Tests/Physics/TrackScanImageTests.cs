using Handheld.Sdk.Licensing;
using Handheld.Simulator.Physics;
using Handheld.Simulator.Scenarios;

namespace Handheld.Simulator.Tests.Physics;

/// <summary>The issuer's UV scan of each fingerprint track, in the track's own frame.</summary>
public class TrackScanImageTests
{
    private static Scenario Load(string file) => ScenarioFile.Load(Path.Combine(RepoPaths.Root, "tests", "TestData", "scenarios", file));

    /// <summary>Along-track positions (mm from the start mark) where a blue or green fibre lies within the device's
    /// spot radius of track <paramref name="track"/>'s centre line, sampled every 0.1 mm of every strand (computed
    /// from the sheet's strands, independently of the renderer's transform).</summary>
    private static List<double> Crossings(SheetModel sheet, int track)
    {
        FibreTrack.Origin(track, out double x0, out double y0, out double dx, out double dy);
        FibreTrack.Point(track, -20, -10, out double ax, out double ay);
        FibreTrack.Point(track, FibreTrack.LengthMm + 20, 10, out double bx, out double by);
        var along = new List<double>();
        foreach (var s in sheet.StrandsIn(Math.Min(ax, bx), Math.Min(ay, by), Math.Max(ax, bx), Math.Max(ay, by)))
        {
            if (s.Kind is not (Emitter.FibreBlue or Emitter.FibreGreen)) continue;
            for (double u = -s.LengthMm / 2; u <= s.LengthMm / 2; u += 0.1)
            {
                double x = s.X + u * s.Dx, y = s.Y + u * s.Dy;
                double across = (x - x0) * dy + (y - y0) * dx;
                if (Math.Abs(across) <= FibreScan.SpotDiameterMm / 2) along.Add(FibreTrack.Along(track, x, y));
            }
        }
        return along;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Render_EachTrack_ReadBackEventsLieOnThatTracksFibres(int track)
    {
        // A sparse sheet: few enough fibres near the line that an image with the track reversed (events at 96 mm − p)
        // would put some event more than 0.5 mm from every fibre.
        var sheet = FingerprintRunner.Sheet(Load("genuine-sparse.json"), 3);
        using var image = TrackScanImage.Render(sheet, track);
        Assert.Equal((int)Math.Round((FibreTrack.LengthMm + 2 * TrackScanImage.MarginMm) * TrackScanImage.PixelsPerMm), image.Width);
        Assert.Equal((int)Math.Round(2 * TrackScanImage.HalfHeightMm * TrackScanImage.PixelsPerMm), image.Height);

        var scan = FibreScan.Read(image);
        Assert.Equal(TrackScanImage.PixelsPerMm, scan.PixelsPerMm, 1);
        // Start mark 8 mm in from the image's left edge: the track runs left to right in its sweep direction.
        double start = TrackScanImage.MarginMm * TrackScanImage.PixelsPerMm;
        Assert.InRange(scan.MarkColumns[0], start - 0.5 * TrackScanImage.PixelsPerMm, start + 0.5 * TrackScanImage.PixelsPerMm);
        var crossings = Crossings(sheet, track);
        Assert.NotEmpty(scan.Events);
        foreach (var e in scan.Events)
            Assert.True(crossings.Any(c => Math.Abs(c - e.PositionMm) <= 0.5),
                "track " + track + ": event at " + e.PositionMm.ToString("0.0") + " mm has no fibre of the sheet near it");
    }

    [Fact]
    public void Render_DifferentTracks_DifferentEvents()
    {
        var sheet = FingerprintRunner.Sheet(Load("genuine-dense.json"), 3);
        var positions = Enumerable.Range(0, FibreTrack.MaxTracks).Select(t =>
        {
            using var image = TrackScanImage.Render(sheet, t);
            return string.Join(" ", FibreScan.Read(image).Events.Select(e => Math.Round(e.PositionMm)));
        }).ToList();
        Assert.Equal(FibreTrack.MaxTracks, positions.Distinct().Count());
    }

    [Fact]
    public void Render_NoTrackArgument_IsTrack0()
    {
        var sheet = FingerprintRunner.Sheet(Load("genuine-sparse.json"), 1);
        using var plain = TrackScanImage.Render(sheet);
        using var track0 = TrackScanImage.Render(sheet, 0);
        using var track1 = TrackScanImage.Render(sheet, 1);
        Assert.Equal(track0.Bytes, plain.Bytes);
        Assert.NotEqual(track1.Bytes, plain.Bytes);
    }
}
