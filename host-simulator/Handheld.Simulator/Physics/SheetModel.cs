using Handheld.Simulator.Optics;

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
    /// <summary>Built-in emitter kinds; a sheet may add more (<see cref="EmitterSlots"/>).</summary>
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
        public Strand(double x, double y, double dx, double dy, double len, double width, double yield, Emitter e, double absorb = 0, bool underCoats = true, double[]? colour = null)
        { X = x; Y = y; Dx = dx; Dy = dy; Len = len; Width = width; Yield = yield; Kind = e; Absorb = absorb; UnderCoats = underCoats; Colour = colour; }
        public readonly double X, Y, Dx, Dy, Len, Width, Yield;   // centre, unit direction, mm, mm, yield
        public readonly Emitter Kind;
        /// <summary>Visible absorbance of the strand (1 − its daylight reflectance relative to the paper).</summary>
        public readonly double Absorb;
        /// <summary>Coats lie over it (fibres inside the paper, strokes drawn before the coat).</summary>
        public readonly bool UnderCoats;
        /// <summary>Absorption shape of its visible colour (<see cref="VisibleColours"/>); null = grey.</summary>
        public readonly double[]? Colour;
    }

    private sealed class Coat
    {
        public required CoatSpec Spec;
        public readonly List<Disc> Patches = new();
        public int Emitter = -1;
        /// <summary>Absorption shape of its visible colour; null = grey.</summary>
        public double[]? Colour;
        public bool Covers(double x, double y)
        {
            if (Spec.Coverage >= 1) return true;
            foreach (var d in Patches)
                if ((x - d.X) * (x - d.X) + (y - d.Y) * (y - d.Y) < d.R * d.R) return true;
            return false;
        }
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

    private readonly List<double[]> _shapes = new(Shapes);
    private readonly List<Coat> _coats = new();
    private readonly int _textureSeed;
    private readonly double[] _coatFactor = new double[SpectralGrid.Count];

    public int FibreCount { get; }
    /// <summary>Some stroke or coat has a visible colour other than grey: the spot's daylight reflectance then
    /// depends on the wavelength (<see cref="Sample(double,double,double,double,double,double,double[],double[])"/>).</summary>
    public bool HasColour { get; }
    public int StrokeCount { get; }
    /// <summary>Emitters of this sheet: the built-in <see cref="Emitter"/> kinds, then one per marker set and fluorescent coat.</summary>
    public int EmitterSlots => _shapes.Count;
    /// <summary>Unit-integral emission spectrum of emitter slot <paramref name="e"/>.</summary>
    public double[] ShapeOf(int e) => _shapes[e];

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
        // Schema 2 parts draw after everything above, so schema 1 sheets of the same seed are unchanged.
        if (spec.Markers != null)
            foreach (var m in spec.Markers)
            {
                var e = (Emitter)_shapes.Count;
                _shapes.Add(SpectrumOf(m.Emission, Spectra.HighlighterBlue));
                int n = Poisson(rng, m.StrokesPerCm2 * WidthMm * HeightMm / 100);
                bool under = string.Equals(m.Layer, "under", StringComparison.OrdinalIgnoreCase);
                double[]? colour = VisibleColours.Absorption(m.VisibleColour, m.VisibleReflectance);
                if (colour != null && m.VisibleReflectance < 1) HasColour = true;
                for (int i = 0; i < n; i++)
                    AddStrand(rng, rng.NextDouble() * WidthMm, rng.NextDouble() * HeightMm, m.LengthMm * (0.8 + 0.4 * rng.NextDouble()),
                        m.WidthMm * (0.8 + 0.4 * rng.NextDouble()), HighlighterYield * m.Brightness, e, 1 - m.VisibleReflectance, under, colour);
                StrokeCount += n;
            }
        if (spec.Coats != null)
            foreach (var c in spec.Coats)
            {
                var coat = new Coat { Spec = c, Colour = VisibleColours.Absorption(c.VisibleColour, c.VisibleReflectance) };
                if (coat.Colour != null && c.VisibleReflectance < 1 && c.Coverage > 0) HasColour = true;
                if (c.Fluorescence > 0) { coat.Emitter = _shapes.Count; _shapes.Add(SpectrumOf(c.Emission, Spectra.Stain)); }
                if (c.Coverage < 1 && c.Coverage > 0)
                {
                    // Random discs overlap: n discs of area a cover 1 − exp(−n·a/A) of the sheet.
                    double a = Math.PI * c.PatchRadiusMm * c.PatchRadiusMm;
                    int n = (int)Math.Ceiling(-Math.Log(1 - c.Coverage) * WidthMm * HeightMm / a);
                    for (int i = 0; i < n; i++)
                        coat.Patches.Add(new Disc(rng.NextDouble() * WidthMm, rng.NextDouble() * HeightMm, c.PatchRadiusMm * (0.6 + 0.8 * rng.NextDouble())));
                }
                if (c.Coverage > 0) _coats.Add(coat);
            }
        _textureSeed = rng.Next();
    }

    private static double[] SpectrumOf(EmissionBand[]? bands, double[] fallback)
    {
        if (bands == null || bands.Length == 0) return fallback;
        var parts = new double[bands.Length][];
        for (int i = 0; i < bands.Length; i++) parts[i] = Spectra.Scale(Spectra.Gaussian(bands[i].PeakNm, bands[i].FwhmNm), bands[i].Weight);
        return Spectra.Normalise(Spectra.Sum(parts));
    }

    /// <summary>Share of light the coats let through at a point (UV in and emission out, one factor).</summary>
    private double CoatTransmission(double x, double y)
    {
        double t = 1;
        foreach (var c in _coats) if (c.Covers(x, y)) t *= c.Spec.Transmission;
        return t;
    }

    /// <summary>Paper texture factor at a point: bilinear value noise on a lattice of TextureMm, unit mean.</summary>
    private double Texture(PaperSpec paper, double x, double y)
    {
        if (paper.Texture <= 0) return 1;
        double g = Math.Max(0.1, paper.TextureMm);
        double u = x / g, v = y / g;
        int i = (int)Math.Floor(u), j = (int)Math.Floor(v);
        double fu = u - i, fv = v - j;
        double a = Lattice(i, j), b = Lattice(i + 1, j), c = Lattice(i, j + 1), d = Lattice(i + 1, j + 1);
        double n = (a * (1 - fu) + b * fu) * (1 - fv) + (c * (1 - fu) + d * fu) * fv;
        // Bilinear mixing of independent lattice values keeps about 0.6 of their spread: scale back to unit sd.
        return Math.Max(0, 1 + paper.Texture * n / 0.6);
    }

    /// <summary>Uniform value with unit standard deviation at a lattice point (hash of the sheet's seed and the point).</summary>
    private double Lattice(int i, int j)
    {
        uint h = (uint)_textureSeed * 2654435761u ^ (uint)i * 2246822519u ^ (uint)j * 3266489917u;
        h ^= h >> 15; h *= 2246822519u; h ^= h >> 13; h *= 3266489917u; h ^= h >> 16;
        return (h / 4294967295.0 * 2 - 1) * 1.7320508;
    }

    private bool OnTable(double x, double y) => _spec.Table != null && (x < 0 || x > WidthMm || y < 0 || y > HeightMm);

    /// <summary>The fingerprint tracks' marks: each 1 mm bar is three parallel strands across the track.</summary>
    private void AddTrackMarks(TrackSpec track)
    {
        int tracks = Math.Clamp(track.Tracks, 1, FibreTrack.MaxTracks);
        for (int t = 0; t < tracks; t++)
        {
            FibreTrack.Origin(t, out _, out _, out double dx, out double dy);
            for (int k = 0; k < FibreTrack.MarkCount; k++)
                for (int s = -1; s <= 1; s++)
                {
                    FibreTrack.Point(t, FibreTrack.PitchMm * k + s * FibreTrack.MarkWidthMm / 3, 0, out double x, out double y);
                    var strand = new Strand(x, y, dy, dx, FibreTrack.MarkLengthMm, FibreTrack.MarkWidthMm / 3,
                        FibreTrack.MarkYield * track.MarkBrightness, Emitter.FibreRed);
                    int cx = Math.Clamp((int)(x / Cell), 0, _grid.GetLength(0) - 1), cy = Math.Clamp((int)(y / Cell), 0, _grid.GetLength(1) - 1);
                    (_grid[cx, cy] ??= new List<Strand>()).Add(strand);
                }
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

    private void AddStrand(Random rng, double x, double y, double len, double width, double yield, Emitter e, double absorb = 0, bool underCoats = true, double[]? colour = null)
    {
        double a = rng.NextDouble() * Math.PI;
        var s = new Strand(x, y, Math.Cos(a), Math.Sin(a), len, width, yield, e, absorb, underCoats, colour);
        int cx = Math.Clamp((int)(x / Cell), 0, _grid.GetLength(0) - 1), cy = Math.Clamp((int)(y / Cell), 0, _grid.GetLength(1) - 1);
        (_grid[cx, cy] ??= new List<Strand>()).Add(s);
    }

    /// <summary>
    /// Adds to <paramref name="amounts"/> (length <see cref="EmitterCount"/>) the yield × area share of each
    /// emitter inside an elliptic spot (soft edge) centred at (x, y), the ellipse's long axis along
    /// <paramref name="headingRad"/>; returns the spot-mean reflectance.
    /// </summary>
    public double Sample(double x, double y, double rAlong, double rAcross, double headingRad, double edge, double[] amounts)
        => Sample(x, y, rAlong, rAcross, headingRad, edge, amounts, null);

    /// <summary>
    /// As <see cref="Sample(double,double,double,double,double,double,double[])"/>; when <paramref name="visible"/>
    /// is given (length <see cref="SpectralGrid.Count"/>) it receives the spot-mean visible reflectance at each
    /// wavelength (coloured strokes and coats absorb by their colour's shape; grey ones as the scalar).
    /// </summary>
    public double Sample(double x, double y, double rAlong, double rAcross, double headingRad, double edge, double[] amounts, double[]? visible)
    {
        if (visible != null) Array.Clear(visible);
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
            refl += Background(px, py, amounts, 1.0 / 13, visible);
        }

        // Strands: 12 points along each strand near the spot, weighted by the soft spot edge.
        double reach = Math.Max(rAlong, rAcross) + 5, reflLoss = 0;
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
                double segArea = s.Len / pts * s.Width, sum = 0, cover = 0;
                for (int j = 0; j < pts; j++)
                {
                    double t = ((j + 0.5) / pts - 0.5) * s.Len;
                    double px = s.X + s.Dx * t, py = s.Y + s.Dy * t;
                    double dx = px - x, dy = py - y;
                    double u = (dx * ch + dy * sh) / rAlong, v = (-dx * sh + dy * ch) / rAcross;
                    double rn = Math.Sqrt(u * u + v * v);                          // 1 at the spot edge
                    double w = 1 / (1 + Math.Exp((rn - 1) * Math.Min(rAlong, rAcross) / edge));
                    if (w < 1e-4) continue;
                    double tr = Transmission(px, py);
                    if (s.UnderCoats && _coats.Count > 0) tr *= CoatTransmission(px, py);
                    sum += w * segArea * tr;
                    cover += w * segArea;
                }
                amounts[(int)s.Kind] += s.Yield * sum / spotArea;
                if (s.Absorb > 0)
                {
                    double loss = s.Absorb * cover / spotArea * _spec.Paper.Reflectance;
                    reflLoss += loss;
                    if (visible != null)
                        for (int i = 0; i < visible.Length; i++) visible[i] -= loss * (s.Colour != null ? s.Colour[i] : 1);
                }
            }
        }
        if (visible != null)
            for (int i = 0; i < visible.Length; i++) visible[i] = Math.Max(0, visible[i]);
        return Math.Max(0, refl - reflLoss);
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

    private double Background(double x, double y, double[] amounts, double weight, double[]? spectrum)
    {
        if (OnTable(x, y))
        {
            var table = _spec.Table!;
            amounts[(int)Emitter.Dull] += weight * DullYield * table.DullFluorescence;
            amounts[(int)Emitter.Brightener] += weight * BrightenerYield * table.Brightener;
            if (spectrum != null) for (int i = 0; i < spectrum.Length; i++) spectrum[i] += weight * table.Reflectance;
            return weight * table.Reflectance;
        }
        PaperSpec paper = _patch is { } p && p.Contains(x, y) ? _spec.Patch!.Paper : _spec.Paper;
        double t = Transmission(x, y);
        double tex = Texture(paper, x, y);
        double visible = 1, visibleGrey = 1;
        if (_coats.Count > 0)
        {
            // Coats from the paper up: each one dims what lies below it and adds its own emission.
            for (int i = 0; i < _coats.Count; i++)
            {
                var c = _coats[i];
                if (!c.Covers(x, y)) continue;
                t *= c.Spec.Transmission;
                visible *= c.Spec.VisibleReflectance;
                if (c.Colour == null) visibleGrey *= c.Spec.VisibleReflectance;
                if (c.Emitter >= 0)
                {
                    double above = 1;
                    for (int k = i + 1; k < _coats.Count; k++) if (_coats[k].Covers(x, y)) above *= _coats[k].Spec.Transmission;
                    amounts[c.Emitter] += weight * above * DullYield * c.Spec.Fluorescence;
                }
            }
        }
        amounts[(int)Emitter.Dull] += weight * t * tex * DullYield * paper.DullFluorescence;
        amounts[(int)Emitter.Brightener] += weight * t * tex * BrightenerYield * paper.Brightener;
        if (_spec.Stains is { } st)
            foreach (var d in _stains)
                if ((x - d.X) * (x - d.X) + (y - d.Y) * (y - d.Y) < d.R * d.R) amounts[(int)Emitter.Stain] += weight * StainYield * st.Fluorescence;
        double r = weight * paper.Reflectance * Transmission(x, y) * visible * (paper.Texture > 0 ? 1 + (tex - 1) * 0.3 : 1);
        if (spectrum != null)
        {
            // Grey coats are in r already; a coloured coat's factor varies with the wavelength.
            double grey = weight * paper.Reflectance * Transmission(x, y) * visibleGrey * (paper.Texture > 0 ? 1 + (tex - 1) * 0.3 : 1);
            Array.Fill(_coatFactor, 1.0);
            foreach (var c in _coats)
            {
                if (c.Colour == null || !c.Covers(x, y)) continue;
                for (int i = 0; i < _coatFactor.Length; i++) _coatFactor[i] *= 1 - (1 - c.Spec.VisibleReflectance) * c.Colour[i];
            }
            for (int i = 0; i < spectrum.Length; i++) spectrum[i] += grey * _coatFactor[i];
        }
        return r;
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
