namespace Handheld.Simulator.Physics;

/// <summary>Emitting components of a sheet, each with its spectrum (<see cref="SheetModel.Shapes"/>).</summary>
public enum Emitter { Dull, Brightener, FibreBlue, FibreGreen, FibreRed, HighlighterBlue, HighlighterGreen, Stain }

/// <summary>
/// One concrete sheet drawn from a <see cref="SheetSpec"/> and a seed: paper, fibre map, highlighter strokes,
/// print zones, stains, pasted patch. <see cref="Sample"/> returns the yield-weighted emitter amounts seen by
/// a spot, which <see cref="SheetScene"/> turns into spectral irradiance.
/// </summary>
public sealed class SheetModel
{
    public const double WidthMm = 210, HeightMm = 297;   // A4
    public const int EmitterCount = 8;

    // ASSUMPTIONS (quantum yields × Lambertian share, per unit UV irradiance and unit area); see README.
    public const double DullYield = 0.002;
    public const double BrightenerYield = 0.05;
    public const double FibreYield = 0.25;
    public const double HighlighterYield = 0.15;
    public const double StainYield = 0.003;

    public static readonly double[][] Shapes =
    {
        Spectra.DullPaper, Spectra.Brightener, Spectra.FibreBlue, Spectra.FibreGreen, Spectra.FibreRed,
        Spectra.HighlighterBlue, Spectra.HighlighterGreen, Spectra.Stain
    };

    private readonly struct Strand
    {
        public Strand(double x, double y, double dx, double dy, double len, double width, double yield, Emitter e)
        { X = x; Y = y; Dx = dx; Dy = dy; Len = len; Width = width; Yield = yield; Kind = e; }
        public readonly double X, Y, Dx, Dy, Len, Width, Yield;   // centre, unit direction, mm, mm, yield
        public readonly Emitter Kind;
    }

    private readonly record struct Rect(double X0, double Y0, double X1, double Y1)
    {
        public bool Contains(double x, double y) => x >= X0 && x < X1 && y >= Y0 && y < Y1;
    }

    private readonly record struct Disc(double X, double Y, double R);

    private const double Cell = 5;
    private readonly List<Strand>[,] _grid;
    private readonly SheetSpec _spec;
    private readonly List<Rect> _inkZones = new();
    private readonly List<Disc> _stains = new();
    private readonly Rect? _patch;

    public int FibreCount { get; }
    public int StrokeCount { get; }

    public SheetModel(SheetSpec spec, Random rng)
    {
        _spec = spec;
        int gx = (int)(WidthMm / Cell) + 1, gy = (int)(HeightMm / Cell) + 1;
        _grid = new List<Strand>[gx, gy];
        if (spec.Patch is { } p) _patch = new Rect(p.XMm, p.YMm, p.XMm + p.SizeMm, p.YMm + p.SizeMm);

        if (spec.Fibres is { } f) FibreCount = AddFibres(f, rng, new Rect(0, 0, WidthMm, HeightMm));
        if (spec.Patch?.Fibres is { } pf && _patch is { } pr) FibreCount += AddFibres(pf, rng, pr);
        if (spec.Highlighter is { } h)
        {
            int n = Poisson(rng, h.StrokesPerCm2 * WidthMm * HeightMm / 100);
            Emitter e = string.Equals(h.Colour, "blue", StringComparison.OrdinalIgnoreCase) ? Emitter.HighlighterBlue : Emitter.HighlighterGreen;
            for (int i = 0; i < n; i++)
                AddStrand(rng, rng.NextDouble() * WidthMm, rng.NextDouble() * HeightMm, h.LengthMm * (0.8 + 0.4 * rng.NextDouble()),
                    h.WidthMm * (0.8 + 0.4 * rng.NextDouble()), HighlighterYield * h.Brightness, e);
            StrokeCount = n;
        }
        if (spec.Ink is { } ink && ink.ZoneCoverage > 0)
        {
            // Text blocks 40–100 mm wide, 15–40 mm tall until the requested share of the sheet is printed.
            double area = 0, target = ink.ZoneCoverage * WidthMm * HeightMm;
            while (area < target)
            {
                double w = 40 + 60 * rng.NextDouble(), hh = 15 + 25 * rng.NextDouble();
                double x = rng.NextDouble() * (WidthMm - w), y = rng.NextDouble() * (HeightMm - hh);
                _inkZones.Add(new Rect(x, y, x + w, y + hh));
                area += w * hh;
            }
        }
        if (spec.Stains is { } st)
            for (int i = 0; i < st.Count; i++)
                _stains.Add(new Disc(rng.NextDouble() * WidthMm, rng.NextDouble() * HeightMm, st.RadiusMm * (0.5 + rng.NextDouble())));
        if (spec.Track is { } track && track.MarkBrightness > 0) AddTrackMarks(track);   // no random draw: other sheets replay unchanged
    }

    /// <summary>The fingerprint track's marks: each 1 mm bar is three parallel strands across the track.</summary>
    private void AddTrackMarks(TrackSpec track)
    {
        for (int k = 0; k < FibreTrack.MarkCount; k++)
            for (int s = -1; s <= 1; s++)
            {
                double x = FibreTrack.MarkXMm(k) + s * FibreTrack.MarkWidthMm / 3;
                var strand = new Strand(x, FibreTrack.YMm, 0, 1, FibreTrack.MarkLengthMm, FibreTrack.MarkWidthMm / 3,
                    FibreTrack.MarkYield * track.MarkBrightness, Emitter.FibreRed);
                int cx = Math.Clamp((int)(x / Cell), 0, _grid.GetLength(0) - 1), cy = Math.Clamp((int)(FibreTrack.YMm / Cell), 0, _grid.GetLength(1) - 1);
                (_grid[cx, cy] ??= new List<Strand>()).Add(strand);
            }
    }

    /// <summary>A straight emitting strand (fibre, stroke or mark) as the scan renderer sees it.</summary>
    public readonly record struct StrandView(double X, double Y, double Dx, double Dy, double LengthMm, double WidthMm, double Yield, Emitter Kind);

    /// <summary>Every strand whose centre lies in the rectangle [x0, x1) × [y0, y1) (grid cells overlapping it).</summary>
    public IEnumerable<StrandView> StrandsIn(double x0, double y0, double x1, double y1)
    {
        int cx0 = Math.Max(0, (int)(x0 / Cell)), cx1 = Math.Min(_grid.GetLength(0) - 1, (int)(x1 / Cell));
        int cy0 = Math.Max(0, (int)(y0 / Cell)), cy1 = Math.Min(_grid.GetLength(1) - 1, (int)(y1 / Cell));
        for (int gx = cx0; gx <= cx1; gx++)
        for (int gy = cy0; gy <= cy1; gy++)
        {
            if (_grid[gx, gy] is not { } list) continue;
            foreach (var s in list)
                if (s.X >= x0 && s.X < x1 && s.Y >= y0 && s.Y < y1)
                    yield return new StrandView(s.X, s.Y, s.Dx, s.Dy, s.Len, s.Width, s.Yield * TransmissionAt(s.X, s.Y), s.Kind);
        }
    }

    /// <summary>Paper emission at a point (dull pulp and brightener, after ink and stains), for the scan renderer.</summary>
    public void PaperAt(double x, double y, out double dull, out double brightener)
    {
        PaperSpec paper = _patch is { } p && p.Contains(x, y) ? _spec.Patch!.Paper : _spec.Paper;
        double t = Transmission(x, y);
        dull = t * DullYield * paper.DullFluorescence;
        brightener = t * BrightenerYield * paper.Brightener;
    }

    /// <summary>Share of UV and emission that ink and stains let through at a point.</summary>
    public double TransmissionAt(double x, double y) => Transmission(x, y);

    private int AddFibres(FibreSpec f, Random rng, Rect area)
    {
        double total = f.Blue + f.Green + f.Red;
        if (total <= 0 || f.DensityPerCm2 <= 0) return 0;
        double areaMm2 = (area.X1 - area.X0) * (area.Y1 - area.Y0);
        int n = Poisson(rng, f.DensityPerCm2 * areaMm2 / 100);
        int kept = 0;
        for (int i = 0; i < n; i++)
        {
            double c = rng.NextDouble() * total;
            Emitter e = c < f.Blue ? Emitter.FibreBlue : c < f.Blue + f.Green ? Emitter.FibreGreen : Emitter.FibreRed;
            double x = area.X0 + rng.NextDouble() * (area.X1 - area.X0), y = area.Y0 + rng.NextDouble() * (area.Y1 - area.Y0);
            double len = Math.Max(0.8, f.LengthMm + f.LengthSdMm * Normal(rng));
            double width = Math.Max(5, f.WidthUm + f.WidthSdUm * Normal(rng)) / 1000;
            double yield = FibreYield * f.Brightness * (0.7 + 0.6 * rng.NextDouble());
            bool rubbedOff = rng.NextDouble() < f.Wear;
            if (rubbedOff) continue;
            yield *= 1 - f.Wear / 2;
            AddStrand(rng, x, y, len, width, yield, e);
            kept++;
        }
        return kept;
    }

    private void AddStrand(Random rng, double x, double y, double len, double width, double yield, Emitter e)
    {
        double a = rng.NextDouble() * Math.PI;
        var s = new Strand(x, y, Math.Cos(a), Math.Sin(a), len, width, yield, e);
        int cx = Math.Clamp((int)(x / Cell), 0, _grid.GetLength(0) - 1), cy = Math.Clamp((int)(y / Cell), 0, _grid.GetLength(1) - 1);
        (_grid[cx, cy] ??= new List<Strand>()).Add(s);
    }

    /// <summary>
    /// Adds to <paramref name="amounts"/> (length <see cref="EmitterCount"/>) the yield × area share of each
    /// emitter inside an elliptic spot (soft edge) centred at (x, y), the ellipse's long axis along
    /// <paramref name="headingRad"/>; returns the spot-mean reflectance.
    /// </summary>
    public double Sample(double x, double y, double rAlong, double rAcross, double headingRad, double edge, double[] amounts)
    {
        double ch = Math.Cos(headingRad), sh = Math.Sin(headingRad);
        double spotArea = Math.PI * rAlong * rAcross;

        // Background: 13 points (centre, two rings) over the spot, equal area weights.
        double refl = 0;
        for (int k = 0; k < 13; k++)
        {
            double px = x, py = y;
            if (k > 0)
            {
                double ring = k <= 6 ? 0.45 : 0.85, ang = (k % 6) * Math.PI / 3 + (k > 6 ? Math.PI / 6 : 0);
                double u = ring * rAlong * Math.Cos(ang), v = ring * rAcross * Math.Sin(ang);
                px = x + u * ch - v * sh; py = y + u * sh + v * ch;
            }
            refl += Background(px, py, amounts, 1.0 / 13);
        }

        // Strands: 12 points along each strand near the spot, weighted by the soft spot edge.
        double reach = Math.Max(rAlong, rAcross) + 5;
        int cx0 = Math.Max(0, (int)((x - reach) / Cell)), cx1 = Math.Min(_grid.GetLength(0) - 1, (int)((x + reach) / Cell));
        int cy0 = Math.Max(0, (int)((y - reach) / Cell)), cy1 = Math.Min(_grid.GetLength(1) - 1, (int)((y + reach) / Cell));
        for (int gx = cx0; gx <= cx1; gx++)
        for (int gy = cy0; gy <= cy1; gy++)
        {
            var list = _grid[gx, gy];
            if (list == null) continue;
            foreach (var s in list)
            {
                double dcx = s.X - x, dcy = s.Y - y;
                double lim = Math.Max(rAlong, rAcross) + s.Len / 2 + 3 * edge;
                if (dcx * dcx + dcy * dcy > lim * lim) continue;
                const int pts = 12;
                double segArea = s.Len / pts * s.Width, sum = 0;
                for (int j = 0; j < pts; j++)
                {
                    double t = ((j + 0.5) / pts - 0.5) * s.Len;
                    double px = s.X + s.Dx * t, py = s.Y + s.Dy * t;
                    double dx = px - x, dy = py - y;
                    double u = (dx * ch + dy * sh) / rAlong, v = (-dx * sh + dy * ch) / rAcross;
                    double rn = Math.Sqrt(u * u + v * v);                          // 1 at the spot edge
                    double w = 1 / (1 + Math.Exp((rn - 1) * Math.Min(rAlong, rAcross) / edge));
                    if (w < 1e-4) continue;
                    sum += w * segArea * Transmission(px, py);
                }
                amounts[(int)s.Kind] += s.Yield * sum / spotArea;
            }
        }
        return refl;
    }

    /// <summary>Ink and stain attenuation of UV in and emission out at a point (one factor covers both paths).</summary>
    private double Transmission(double x, double y)
    {
        double t = 1;
        if (_spec.Ink is { } ink)
            foreach (var z in _inkZones)
                if (z.Contains(x, y) && ((int)Math.Floor((y - z.Y0) / 3)) % 2 == 0) { t *= 1 - ink.LineCoverage * ink.Absorbance; break; }
        if (_spec.Stains is { } st)
            foreach (var d in _stains)
                if ((x - d.X) * (x - d.X) + (y - d.Y) * (y - d.Y) < d.R * d.R) t *= 1 - st.Absorbance;
        return t;
    }

    private double Background(double x, double y, double[] amounts, double weight)
    {
        PaperSpec paper = _patch is { } p && p.Contains(x, y) ? _spec.Patch!.Paper : _spec.Paper;
        double t = Transmission(x, y);
        amounts[(int)Emitter.Dull] += weight * t * DullYield * paper.DullFluorescence;
        amounts[(int)Emitter.Brightener] += weight * t * BrightenerYield * paper.Brightener;
        if (_spec.Stains is { } st)
            foreach (var d in _stains)
                if ((x - d.X) * (x - d.X) + (y - d.Y) * (y - d.Y) < d.R * d.R) amounts[(int)Emitter.Stain] += weight * StainYield * st.Fluorescence;
        return weight * paper.Reflectance * t;
    }

    public static double Normal(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public static int Poisson(Random rng, double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 50) return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * Normal(rng)));
        double l = Math.Exp(-mean), p = 1;
        int k = 0;
        do { k++; p *= rng.NextDouble(); } while (p > l);
        return k - 1;
    }
}
