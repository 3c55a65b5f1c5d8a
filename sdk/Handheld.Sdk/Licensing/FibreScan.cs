using Handheld.Core.Licensing;
using SkiaSharp;

namespace Handheld.Sdk.Licensing;

/// <summary>One fibre event registered from a UV scan of a track (<see cref="Track"/>: 0 in layout 1, 0–3 in layout 2).</summary>
public sealed record FibreScanEvent(double PositionMm, int Colour, int IntensityClass, double Peak)
{
    public int Track { get; init; }
    public string ColourName => Colour == FibreFingerprint.ColourGreen ? "green" : "blue";
    public string ClassName => IntensityClass switch { FibreFingerprint.ClassWeak => "weak", FibreFingerprint.ClassStrong => "strong", _ => "medium" };
}

/// <summary>What the scans gave: the fingerprint field and how it was found.</summary>
public sealed class FibreScanResult
{
    public required FibreFingerprint Fingerprint { get; init; }
    /// <summary>The registered events, track by track in track order, positions increasing within a track.</summary>
    public required IReadOnlyList<FibreScanEvent> Events { get; init; }
    /// <summary>Registered events per track (one entry per track of the layout; a layout-2 track may have none).</summary>
    public required IReadOnlyList<int> EventsPerTrack { get; init; }
    /// <summary>Scale of each track's scan, from its marks.</summary>
    public required IReadOnlyList<double> PixelsPerMmPerTrack { get; init; }
    /// <summary>Scale of track 0's scan.</summary>
    public double PixelsPerMm => PixelsPerMmPerTrack[0];
    /// <summary>Mark centres in track 0's scan, pixel columns.</summary>
    public required IReadOnlyList<double> MarkColumns { get; init; }
    /// <summary>The field value of payload tag 0x0C.</summary>
    public byte[] FieldValue => Fingerprint.Encode();
}

/// <summary>A scan that cannot be registered; the message is one line naming what is wrong.</summary>
public sealed class FibreScanException(string message) : Exception(message);

/// <summary>
/// Registers the fibre fingerprint (licence field 0x0C, docs/licence-format.md §2.4) from a UV scan of the sheet's
/// track (hardware/fibre-track.md): the image is decoded with SkiaSharp; the track marks (red bars) give the
/// scale and the positions; blue and green emission is integrated over the device's 3 mm spot along the track's
/// centre line, so the registered events are those the device's sensor will meet; events are the runs above a
/// threshold (30 % of the median fibre peak over the local floor), their position the emission-weighted centre, their colour the band
/// with more summed excess, their class the peak against the median peak of that colour; weak events and all but the
/// brightest of events closer than the spot are not registered (<see cref="Reliable"/>). One scan gives layout 1
/// (track 0); four scans, of tracks 0–3 in order (bottom, top, left, right edge; each with its start mark on the left),
/// give layout 2, every scan registered on its own by that rule.
/// </summary>
public static class FibreScan
{
    public const double SpotDiameterMm = 3.0;
    /// <summary>Events within this distance of a mark are not registered (the device leaves that zone out).</summary>
    public const double MarkGuardMm = 2.5;
    public const double MinPixelsPerMm = 8;

    /// <summary>Layout 1 from one scan (track 0) or layout 2 from four (tracks 0–3 in order), read from image files.</summary>
    public static FibreScanResult Read(IReadOnlyList<string> paths)
    {
        CheckScanCount(paths.Count);
        var bitmaps = new List<SKBitmap>(paths.Count);
        try
        {
            foreach (string path in paths) bitmaps.Add(Decode(path));
            return Read(bitmaps, paths);
        }
        finally
        {
            foreach (var b in bitmaps) b.Dispose();
        }
    }

    /// <summary>Layout 1 from one scan (track 0) or layout 2 from four (tracks 0–3 in order).</summary>
    public static FibreScanResult Read(IReadOnlyList<SKBitmap> scans)
    {
        CheckScanCount(scans.Count);
        return Read(scans, scans.Select((_, i) => "scan " + (i + 1)).ToList());
    }

    public static FibreScanResult Read(string path)
    {
        using var bitmap = Decode(path);
        return Read(bitmap);
    }

    /// <summary>Layout 1 from one scan of track 0.</summary>
    public static FibreScanResult Read(SKBitmap bitmap)
    {
        var events = ReadTrack(bitmap, out double pxPerMm, out var marks);
        if (events.Count == 0) throw new FibreScanException("no fibre events on the track: not a scan of security paper under UV, or the track lies outside the image");
        if (events.Count > FibreFingerprint.MaxEvents)
            throw new FibreScanException(events.Count + " fibre events on the track; the field holds at most " + FibreFingerprint.MaxEvents);
        var fingerprint = new FibreFingerprint(FibreFingerprint.Layout1);
        var kept = Register(fingerprint, 0, events);
        return new FibreScanResult
        {
            Fingerprint = fingerprint, Events = kept, EventsPerTrack = new[] { kept.Count }, PixelsPerMmPerTrack = new[] { pxPerMm }, MarkColumns = marks,
        };
    }

    private static void CheckScanCount(int count)
    {
        if (count != 1 && count != FibreFingerprint.Layout2Tracks)
            throw new FibreScanException(count + " scans: give 1 (layout 1, track 0) or " + FibreFingerprint.Layout2Tracks
                + " (layout 2: tracks 0 bottom, 1 top, 2 left, 3 right, in that order)");
    }

    private static FibreScanResult Read(IReadOnlyList<SKBitmap> scans, IReadOnlyList<string> labels)
    {
        if (scans.Count == 1) return Read(scans[0]);
        // Layout 2: every scan is registered on its own by the one-track rule (its medians are its own: the four
        // scans may differ in exposure), then its events go on its track.
        int tracks = FibreFingerprint.Layout2Tracks;
        var perTrack = new List<List<FibreScanEvent>>(tracks);
        var scales = new double[tracks];
        IReadOnlyList<double> marks0 = Array.Empty<double>();
        for (int t = 0; t < tracks; t++)
        {
            try
            {
                perTrack.Add(ReadTrack(scans[t], out scales[t], out var marks));
                if (t == 0) marks0 = marks;
            }
            catch (FibreScanException e) { throw new FibreScanException(labels[t] + " (track " + t + "): " + e.Message); }
        }
        int total = perTrack.Sum(e => e.Count);
        if (total == 0) throw new FibreScanException("no fibre events on any of the four tracks: not scans of security paper under UV, or the tracks lie outside the images");
        if (total > FibreFingerprint.MaxEvents)
            throw new FibreScanException(total + " fibre events on the four tracks; the field holds at most " + FibreFingerprint.MaxEvents);
        // Independent tracks never give the same events: the same track scanned twice (or one file given twice).
        for (int a = 0; a < tracks; a++)
            for (int b = a + 1; b < tracks; b++)
                if (perTrack[a].Count > 0 && perTrack[a].Select(e => Math.Round(e.PositionMm * 2)).SequenceEqual(perTrack[b].Select(e => Math.Round(e.PositionMm * 2))))
                    throw new FibreScanException(labels[a] + " and " + labels[b] + " give the same events (tracks " + a + " and " + b + "): the same track scanned twice?");
        var fingerprint = new FibreFingerprint(FibreFingerprint.Layout2);
        var kept = new List<FibreScanEvent>();
        var counts = new int[tracks];
        for (int t = 0; t < tracks; t++)
        {
            var onTrack = Register(fingerprint, t, perTrack[t]);
            counts[t] = onTrack.Count;
            kept.AddRange(onTrack);
        }
        return new FibreScanResult { Fingerprint = fingerprint, Events = kept, EventsPerTrack = counts, PixelsPerMmPerTrack = scales, MarkColumns = marks0 };
    }

    /// <summary>Adds a track's events to the fingerprint in 0.5 mm units; returns those it kept.</summary>
    private static List<FibreScanEvent> Register(FibreFingerprint fingerprint, int track, List<FibreScanEvent> events)
    {
        var kept = new List<FibreScanEvent>();
        foreach (var e in events)
        {
            int units = (int)Math.Round(e.PositionMm * 2);
            int n = fingerprint.Count;
            if (n > 0 && fingerprint.TrackAt(n - 1) == track && units <= fingerprint.PositionAt(n - 1)) continue;   // two within 0.5 mm: one event
            if (fingerprint.AddOnTrack(track, units, e.Colour, e.IntensityClass)) kept.Add(e with { Track = track });
        }
        return kept;
    }

    private static SKBitmap Decode(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new FibreScanException("cannot read " + path + " (" + e.Message + ")"); }
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new FibreScanException(path + " is not an image SkiaSharp can decode (PNG, JPEG, WebP, BMP)");
        return SKBitmap.Decode(codec) ?? throw new FibreScanException(path + " could not be decoded");
    }

    /// <summary>One scan's reliable events by the registration rule (scale and positions from its own marks).</summary>
    private static List<FibreScanEvent> ReadTrack(SKBitmap bitmap, out double pxPerMm, out List<double> marks)
    {
        int w = bitmap.Width, h = bitmap.Height;
        if (w < 16 || h < 8) throw new FibreScanException("image of " + w + "×" + h + " px is too small for a track scan");
        var px = bitmap.Pixels;
        var red = new double[w];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                var c = px[y * w + x];
                red[x] += Math.Max(0, c.Red - Math.Max(c.Green, c.Blue));
            }
        marks = FindRuns(red, out _);
        int expected = FibreFingerprint.Layout1MarkCount;
        if (marks.Count != expected)
            throw new FibreScanException("found " + marks.Count + " track marks (red bars) in the scan; a track has " + expected);
        pxPerMm = (marks[^1] - marks[0]) / (FibreFingerprint.Layout1LengthUnits / 2.0);
        if (pxPerMm < MinPixelsPerMm)
            throw new FibreScanException("scan resolution " + pxPerMm.ToString("0.0") + " px/mm is below " + MinPixelsPerMm + " px/mm");

        // Track centre line: middle of the marks' vertical extent.
        double centreSum = 0;
        foreach (double mc in marks)
        {
            int x = (int)Math.Round(mc);
            int top = -1, bottom = -1, max = 0;
            for (int y = 0; y < h; y++) max = Math.Max(max, px[y * w + x].Red);
            for (int y = 0; y < h; y++)
                if (px[y * w + x].Red * 2 > max) { if (top < 0) top = y; bottom = y; }
            centreSum += (top + bottom) / 2.0;
        }
        double yc = centreSum / marks.Count;
        double r = SpotDiameterMm / 2 * pxPerMm;
        int y0 = Math.Max(0, (int)Math.Floor(yc - r)), y1 = Math.Min(h - 1, (int)Math.Ceiling(yc + r));

        // Paper background per channel (median over the spot band), then row prefix sums of the excess.
        var bs = new List<int>(); var gs = new List<int>();
        for (int y = y0; y <= y1; y++)
            for (int x = 0; x < w; x += 3) { bs.Add(px[y * w + x].Blue); gs.Add(px[y * w + x].Green); }
        bs.Sort(); gs.Sort();
        double bgB = bs[bs.Count / 2], bgG = gs[gs.Count / 2];
        var blue = new double[w];
        var green = new double[w];
        var preB = new double[w + 1];
        var preG = new double[w + 1];
        for (int y = y0; y <= y1; y++)
        {
            double dy = y - yc;
            if (Math.Abs(dy) > r) continue;
            double half = Math.Sqrt(r * r - dy * dy);
            for (int x = 0; x < w; x++)
            {
                var c = px[y * w + x];
                preB[x + 1] = preB[x] + Math.Max(0, c.Blue - bgB);
                preG[x + 1] = preG[x] + Math.Max(0, c.Green - bgG);
            }
            for (int x = 0; x < w; x++)
            {
                int a = Math.Max(0, (int)Math.Round(x - half)), b = Math.Min(w, (int)Math.Round(x + half) + 1);
                blue[x] += preB[b] - preB[a];
                green[x] += preG[b] - preG[a];
            }
        }
        // Local floor: the lowest level within ±4 mm (fibre flanks on dense sheets lift the paper level, as
        // the device's tracked baseline follows them). Events: maxima of the excess over the floor within ±1.5 mm
        // (one spot radius: closer fibres are one event for the device too) above 30 % of the median such peak.
        var excess = new double[w];
        var exB = new double[w];
        var exG = new double[w];
        int reach = (int)Math.Round(4 * pxPerMm);
        var floorB = RunningMin(blue, reach);
        var floorG = RunningMin(green, reach);
        for (int x = 0; x < w; x++)
        {
            exB[x] = blue[x] - floorB[x];
            exG[x] = green[x] - floorG[x];
            excess[x] = exB[x] + exG[x];
        }
        int nms = (int)Math.Round(1.0 * pxPerMm);
        int first = (int)Math.Ceiling(marks[0]), last = (int)Math.Floor(marks[^1]);
        double globalMax = 0;
        for (int x = first; x <= last; x++) if (!NearMark(x, marks, pxPerMm)) globalMax = Math.Max(globalMax, excess[x]);
        var maxima = new List<int>();
        for (int x = first; x <= last; x++)
        {
            if (excess[x] <= 0.05 * globalMax || NearMark(x, marks, pxPerMm)) continue;
            bool isMax = true;
            for (int u = Math.Max(0, x - nms); u <= Math.Min(w - 1, x + nms) && isMax; u++)
                if (excess[u] > excess[x] || (excess[u] == excess[x] && u < x)) isMax = false;
            if (isMax) maxima.Add(x);
        }
        var peaks = maxima.Select(x => excess[x]).OrderBy(v => v).ToList();
        var events = new List<FibreScanEvent>();
        if (peaks.Count > 0)
        {
            double threshold = 0.3 * peaks[peaks.Count / 2];
            foreach (int x in maxima)
            {
                double peak = excess[x];
                if (peak < threshold) continue;
                // Centre and colour from the part of the peak above half its height.
                double sum = 0, sumX = 0, sumB = 0, sumG = 0;
                for (int u = x; u >= 0 && excess[u] >= peak / 2 && x - u <= nms; u--) { sum += excess[u]; sumX += excess[u] * u; sumB += exB[u]; sumG += exG[u]; }
                for (int u = x + 1; u < w && excess[u] >= peak / 2 && u - x <= nms; u++) { sum += excess[u]; sumX += excess[u] * u; sumB += exB[u]; sumG += exG[u]; }
                double centre = sumX / sum;
                if (NearMark(centre, marks, pxPerMm)) continue;
                events.Add(new FibreScanEvent(MillimetresAt(centre, marks), sumG >= sumB ? FibreFingerprint.ColourGreen : FibreFingerprint.ColourBlue, 0, peak));
            }
        }
        return Reliable(Classify(events));
    }

    /// <summary>Lowest value within ±<paramref name="reach"/> columns.</summary>
    private static double[] RunningMin(double[] v, int reach)
    {
        var r = new double[v.Length];
        for (int x = 0; x < v.Length; x++)
        {
            double m = double.MaxValue;
            for (int u = Math.Max(0, x - reach); u <= Math.Min(v.Length - 1, x + reach); u++) m = Math.Min(m, v[u]);
            r[x] = m;
        }
        return r;
    }

    private static List<FibreScanEvent> Classify(List<FibreScanEvent> events)
    {
        var result = new List<FibreScanEvent>(events.Count);
        var medians = new double[2];
        for (int c = 0; c < 2; c++)
        {
            var p = events.Where(e => e.Colour == c).Select(e => e.Peak).OrderBy(v => v).ToList();
            medians[c] = p.Count == 0 ? 0 : p[p.Count / 2];
        }
        foreach (var e in events)
        {
            double m = medians[e.Colour];
            int cls = e.Peak < 0.6 * m ? FibreFingerprint.ClassWeak : e.Peak > 1.6 * m ? FibreFingerprint.ClassStrong : FibreFingerprint.ClassMedium;
            result.Add(e with { IntensityClass = cls });
        }
        return result;
    }

    /// <summary>
    /// Only events the device reliably sees are registered (docs/licence-format.md §2.4): weak ones are left out
    /// (the device pairs about a quarter of them, so they would add chance pairs more than evidence), and of events
    /// closer than the spot (<see cref="MinSeparationMm"/>) only the brightest is kept (the 3 mm spot sees them as one
    /// crossing, of that one's colour).
    /// </summary>
    private static List<FibreScanEvent> Reliable(List<FibreScanEvent> events)
    {
        var kept = new List<FibreScanEvent>(events.Count);
        foreach (var e in events.Where(e => e.IntensityClass >= MinClass).OrderBy(e => e.PositionMm))
        {
            if (kept.Count > 0 && e.PositionMm - kept[^1].PositionMm < MinSeparationMm)
            {
                if (e.Peak > kept[^1].Peak) kept[^1] = e;
                continue;
            }
            kept.Add(e);
        }
        return kept;
    }

    /// <summary>Lowest intensity class registered (medium).</summary>
    public const int MinClass = FibreFingerprint.ClassMedium;
    /// <summary>Registered events lie at least this far apart (the device's spot diameter).</summary>
    public const double MinSeparationMm = SpotDiameterMm;

    /// <summary>Runs above half the range of a profile, as centroids (pixel columns).</summary>
    private static List<double> FindRuns(double[] profile, out double threshold)
    {
        var sorted = (double[])profile.Clone();
        Array.Sort(sorted);
        double bg = sorted[sorted.Length / 4], peak = sorted[^1];
        threshold = bg + (peak - bg) / 2;
        var runs = new List<double>();
        var mass = new List<double>();
        if (peak - bg <= 0) return runs;
        int x = 0;
        while (x < profile.Length)
        {
            if (profile[x] <= threshold) { x++; continue; }
            double s = 0, sx = 0;
            while (x < profile.Length && profile[x] > threshold) { s += profile[x] - bg; sx += (profile[x] - bg) * x; x++; }
            runs.Add(sx / s);
            mass.Add(s);
        }
        // A fibre crossing a mark takes the red excess out of a few columns (blue or green light where the red is) and
        // can split one bar into two runs: runs closer than a quarter of the median spacing are one mark.
        if (runs.Count >= 3)
        {
            var gaps = new List<double>();
            for (int i = 1; i < runs.Count; i++) gaps.Add(runs[i] - runs[i - 1]);
            gaps.Sort();
            double close = gaps[gaps.Count / 2] / 4;
            for (int i = runs.Count - 1; i >= 1; i--)
            {
                if (runs[i] - runs[i - 1] >= close) continue;
                double m = mass[i - 1] + mass[i];
                runs[i - 1] = (runs[i - 1] * mass[i - 1] + runs[i] * mass[i]) / m;
                mass[i - 1] = m;
                runs.RemoveAt(i);
                mass.RemoveAt(i);
            }
        }
        return runs;
    }

    private static bool NearMark(double column, List<double> marks, double pxPerMm)
    {
        foreach (double m in marks) if (Math.Abs(column - m) < MarkGuardMm * pxPerMm) return true;
        return false;
    }

    /// <summary>Column → mm along the track, linear between consecutive marks (16 mm apart).</summary>
    private static double MillimetresAt(double column, List<double> marks)
    {
        double pitch = FibreFingerprint.Layout1MarkPitchUnits / 2.0;
        int k = 0;
        while (k < marks.Count - 2 && column > marks[k + 1]) k++;
        return k * pitch + (column - marks[k]) * pitch / (marks[k + 1] - marks[k]);
    }
}
