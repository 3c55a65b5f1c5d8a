using Handheld.Core.Licensing;
using Handheld.Sdk.Licensing;
using SkiaSharp;
using Xunit.Abstractions;

namespace Handheld.Sdk.Tests.Licensing;

public class FibreScanTests(ITestOutputHelper output)
{
    private const float PxPerMm = 20, MarginMm = 8;

    /// <summary>A UV scan of the track as hardware/fibre-track.md describes it: 7 red marks 16 mm apart, fibres
    /// crossing the centre line at the given mm (blue or green), dark UV-dull paper.</summary>
    private static byte[] Scan(params (double Mm, bool Green)[] fibres) => ScanWithGain(fibres.Select(f => (f.Mm, f.Green, 1f)).ToArray());

    /// <summary>As <see cref="Scan"/>, each fibre's emission scaled by its gain.</summary>
    private static byte[] ScanWithGain(params (double Mm, bool Green, float Gain)[] fibres)
    {
        int w = (int)((96 + 2 * MarginMm) * PxPerMm), h = (int)(12 * PxPerMm);
        using var bitmap = new SKBitmap(w, h);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(10, 10, 12));
            using var red = new SKPaint { Color = new SKColor(230, 15, 10), Style = SKPaintStyle.Fill };
            for (int k = 0; k < 7; k++)
                canvas.DrawRect((MarginMm + 16 * k - 0.5f) * PxPerMm, 2 * PxPerMm, PxPerMm, 8 * PxPerMm, red);
            using var line = new SKPaint { IsAntialias = true, StrokeWidth = 0.8f, Style = SKPaintStyle.Stroke, BlendMode = SKBlendMode.Plus };
            foreach (var (mm, green, gain) in fibres)
            {
                line.Color = green ? new SKColor(Gained(20, gain), Gained(230, gain), Gained(50, gain)) : new SKColor(Gained(10, gain), Gained(60, gain), Gained(230, gain));
                float x = (float)((MarginMm + mm) * PxPerMm);
                canvas.DrawLine(x - 0.5f * PxPerMm, 4.5f * PxPerMm, x + 0.5f * PxPerMm, 7.5f * PxPerMm, line);
            }
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static byte Gained(int v, float gain) => (byte)Math.Clamp((int)Math.Round(v * gain), 0, 255);

    private static FibreScanResult Read(byte[] png)
    {
        string path = System.IO.Path.GetTempFileName();
        try { File.WriteAllBytes(path, png); return FibreScan.Read(path); }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Read_FibresAtKnownPlaces_RegistersPositionAndColour()
    {
        var r = Read(Scan((6, false), (10.5, true), (25, false), (41, true), (58, false), (75.5, true), (90, false)));
        Assert.Equal(20.0, r.PixelsPerMm, 1);
        Assert.Equal(new[] { 6.0, 10.5, 25, 41, 58, 75.5, 90 }, r.Events.Select(e => Math.Round(e.PositionMm * 2) / 2));
        Assert.Equal(new[] { "blue", "green", "blue", "green", "blue", "green", "blue" }, r.Events.Select(e => e.ColourName));
        Assert.Equal(LicenceStatus.Valid, FibreFingerprint.TryDecode(r.FieldValue, 0, r.FieldValue.Length, out var f));
        Assert.Equal(12, f.PositionAt(0));
    }

    [Fact]
    public void Read_WeakFibre_NotRegistered()
    {
        // A third of the others' emission: class weak (below 0.6× the median peak), which the device rarely pairs.
        var r = Read(ScanWithGain((6, false, 1f), (25, false, 1f), (41, false, 1f), (58, false, 0.3f), (75.5, false, 1f), (90, false, 1f)));
        Assert.Equal(new[] { 6.0, 25, 41, 75.5, 90 }, r.Events.Select(e => Math.Round(e.PositionMm * 2) / 2));
        Assert.All(r.Events, e => Assert.NotEqual(FibreFingerprint.ClassWeak, e.IntensityClass));
    }

    [Fact]
    public void Read_FibresCloserThanTheSpot_OnlyTheBrighterRegistered()
    {
        // 2.9 mm apart: two maxima in the scan, one crossing for the device's 3 mm spot.
        var r = Read(ScanWithGain((6, false, 1f), (25, false, 0.8f), (27.9, true, 1f), (41, false, 1f), (58, true, 1f), (90, false, 1f)));
        var near = r.Events.Where(e => e.PositionMm > 23 && e.PositionMm < 30).ToList();
        Assert.Single(near);
        Assert.True(r.Events.Zip(r.Events.Skip(1), (a, b) => b.PositionMm - a.PositionMm).All(d => d >= FibreScan.MinSeparationMm));
    }

    [Fact]
    public void Read_FibreInsideAMarkZone_NotRegistered()
    {
        var r = Read(Scan((6, false), (17, true), (25, false)));   // 17 mm: 1 mm from the mark at 16 mm
        Assert.Equal(new[] { 6.0, 25 }, r.Events.Select(e => Math.Round(e.PositionMm)));
    }

    [Fact]
    public void RegisterFibres_Cli_WritesFieldIntoLicenceJson()
    {
        using var cli = new CliHarness();
        File.WriteAllBytes(cli.Path("track.png"), Scan((6, false), (10.5, true), (25, false), (41, true), (58, false)));
        File.Copy(Path.Combine(CliHarness.RepoRoot, "docs", "examples", "licence.json"), cli.Path("licence.json"));
        var run = cli.Run("license", "register-fibres", "--scan", cli.Path("track.png"), "--into", cli.Path("licence.json"));
        Assert.Equal(0, run.Exit);
        var licence = LicenceJson.Parse(File.ReadAllText(cli.Path("licence.json")));
        Assert.Equal(5, licence.Fibres!.Count);
        Assert.Equal(21, licence.Fibres.PositionAt(1));
    }

    [Theory]
    [InlineData("not an image")]
    [InlineData("no marks")]
    public void RegisterFibres_BadScan_OneLineExitTwo(string what)
    {
        using var cli = new CliHarness();
        if (what == "not an image") File.WriteAllText(cli.Path("track.png"), "hello");
        else
        {
            using var b = new SKBitmap(400, 100);
            using (var c = new SKCanvas(b)) c.Clear(SKColors.Black);
            using var d = b.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(cli.Path("track.png"), d.ToArray());
        }
        var run = cli.Run("license", "register-fibres", "--scan", cli.Path("track.png"));
        Assert.Equal(2, run.Exit);
        Assert.StartsWith("error: --scan: ", run.Err);
        Assert.Single(run.Err.TrimEnd().Split('\n'));
    }

    private static SKBitmap Bitmap(byte[] png) => SKBitmap.Decode(png);

    /// <summary>Four track scans with different fibres (independent tracks), track 1 carrying a single fibre.</summary>
    private static byte[][] FourScans() =>
    [
        Scan((6, false), (10.5, true), (25, false), (41, true), (58, false)),
        Scan((70, true)),
        Scan((3, true), (27, false), (42, false), (85, true)),
        Scan((12, false), (36.5, true), (52, true), (69, false), (90, false)),
    ];

    [Fact]
    public void Read_FourScans_Layout2WithEachScansEventsOnItsTrack()
    {
        var pngs = FourScans();
        var bitmaps = pngs.Select(Bitmap).ToList();
        try
        {
            var r = FibreScan.Read(bitmaps);
            Assert.Equal(FibreFingerprint.Layout2, r.Fingerprint.Layout);
            Assert.Equal(new[] { 5, 1, 4, 5 }, r.EventsPerTrack);
            Assert.Equal(new[] { 0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3 }, r.Events.Select(e => e.Track));
            Assert.Equal(new[] { 3.0, 27, 42, 85 }, r.Events.Where(e => e.Track == 2).Select(e => Math.Round(e.PositionMm * 2) / 2));
            Assert.All(r.PixelsPerMmPerTrack, v => Assert.Equal(20.0, v, 1));
            Assert.Equal(LicenceStatus.Valid, FibreFingerprint.TryDecode(r.FieldValue, 0, r.FieldValue.Length, out var f));
            Assert.Equal(r.Events.Select(e => e.Track), Enumerable.Range(0, f.Count).Select(f.TrackAt));
            Assert.Equal(new byte[] { 0x12, 5, 1, 4, 5 }, r.FieldValue.Take(5).ToArray());
            // Track 0 of the four is registered exactly as the same scan alone (layout 1).
            var alone = FibreScan.Read(bitmaps[0]);
            Assert.Equal(alone.Events, r.Events.Where(e => e.Track == 0));
        }
        finally { bitmaps.ForEach(b => b.Dispose()); }
    }

    [Fact]
    public void Read_OneScanAsList_SameAsLayout1()
    {
        byte[] png = Scan((6, false), (10.5, true), (25, false), (41, true), (58, false));
        using var bitmap = Bitmap(png);
        var list = FibreScan.Read(new[] { bitmap });
        var alone = FibreScan.Read(bitmap);
        Assert.Equal(FibreFingerprint.Layout1, list.Fingerprint.Layout);
        Assert.Equal(alone.FieldValue, list.FieldValue);
        Assert.Equal(new[] { 5 }, list.EventsPerTrack);
    }

    [Fact]
    public void Read_FourScansOneDimmer_ClassesFromEachScansOwnMedians()
    {
        // The left-edge scan exposed at half the others' gain: its events are classed against its own median peak,
        // so it keeps its medium events (against the others' medians all would be weak and left out).
        var pngs = FourScans();
        pngs[2] = ScanWithGain((3, true, 0.5f), (27, false, 0.5f), (42, false, 0.5f), (85, true, 0.5f));
        var bitmaps = pngs.Select(Bitmap).ToList();
        try
        {
            var r = FibreScan.Read(bitmaps);
            Assert.Equal(4, r.EventsPerTrack[2]);
            Assert.All(r.Events.Where(e => e.Track == 2), e => Assert.Equal(FibreFingerprint.ClassMedium, e.IntensityClass));
        }
        finally { bitmaps.ForEach(b => b.Dispose()); }
    }

    [Fact]
    public void Read_FourScansOneWithoutFibres_TrackLeftEmpty()
    {
        var pngs = FourScans();
        pngs[1] = Scan();
        var bitmaps = pngs.Select(Bitmap).ToList();
        try
        {
            var r = FibreScan.Read(bitmaps);
            Assert.Equal(new[] { 5, 0, 4, 5 }, r.EventsPerTrack);
            Assert.Equal(new byte[] { 0x12, 5, 0, 4, 5 }, r.FieldValue.Take(5).ToArray());
        }
        finally { bitmaps.ForEach(b => b.Dispose()); }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Read_NeitherOneNorFourScans_OneLineError(int count)
    {
        var bitmaps = Enumerable.Range(0, count).Select(i => Bitmap(FourScans()[i % 4])).ToList();
        try
        {
            var e = Assert.Throws<FibreScanException>(() => FibreScan.Read(bitmaps));
            Assert.StartsWith(count + " scans: give 1 (layout 1, track 0) or 4", e.Message);
            Assert.DoesNotContain('\n', e.Message);
        }
        finally { bitmaps.ForEach(b => b.Dispose()); }
    }

    [Fact]
    public void Read_SameScanTwiceInFour_Refused()
    {
        var pngs = FourScans();
        pngs[3] = pngs[0];
        var bitmaps = pngs.Select(Bitmap).ToList();
        try
        {
            var e = Assert.Throws<FibreScanException>(() => FibreScan.Read(bitmaps));
            Assert.Equal("scan 1 and scan 4 give the same events (tracks 0 and 3): the same track scanned twice?", e.Message);
        }
        finally { bitmaps.ForEach(b => b.Dispose()); }
    }

    [Fact]
    public void Read_FourScansOneWithoutMarks_NamesTheScanAndTrack()
    {
        var bitmaps = FourScans().Select(Bitmap).ToList();
        bitmaps[2].Erase(new SKColor(10, 10, 12));
        try
        {
            var e = Assert.Throws<FibreScanException>(() => FibreScan.Read(bitmaps));
            Assert.StartsWith("scan 3 (track 2): found 0 track marks", e.Message);
        }
        finally { bitmaps.ForEach(b => b.Dispose()); }
    }

    [Fact]
    public void RegisterFibres_Cli_FourScansRepeated_WritesLayout2Field()
    {
        using var cli = new CliHarness();
        var pngs = FourScans();
        var args = new List<string> { "license", "register-fibres" };
        for (int t = 0; t < 4; t++)
        {
            File.WriteAllBytes(cli.Path("track" + t + ".png"), pngs[t]);
            args.AddRange(["--scan", cli.Path("track" + t + ".png")]);
        }
        File.Copy(Path.Combine(CliHarness.RepoRoot, "docs", "examples", "licence.json"), cli.Path("licence.json"));
        args.AddRange(["--into", cli.Path("licence.json")]);
        var run = cli.Run([.. args]);
        Assert.Equal(0, run.Exit);
        Assert.StartsWith("15 fibre events on 4 tracks (5 + 1 + 4 + 5, tracks 0–3), field 0x0C", run.Out);
        var licence = LicenceJson.Parse(File.ReadAllText(cli.Path("licence.json")));
        Assert.Equal(FibreFingerprint.Layout2, licence.Fibres!.Layout);
        Assert.Equal(15, licence.Fibres.Count);
        Assert.Equal(3, licence.Fibres.TrackAt(14));
    }

    [Fact]
    public void RegisterFibres_Cli_FourScansPositional_SameFieldAsRepeatedOption()
    {
        using var cli = new CliHarness();
        var pngs = FourScans();
        var paths = Enumerable.Range(0, 4).Select(t => cli.Path("track" + t + ".png")).ToArray();
        for (int t = 0; t < 4; t++) File.WriteAllBytes(paths[t], pngs[t]);
        var positional = cli.Run(["license", "register-fibres", .. paths, "--json"]);
        var repeated = cli.Run(["license", "register-fibres", .. paths.SelectMany(p => new[] { "--scan", p }), "--json"]);
        Assert.Equal(0, positional.Exit);
        Assert.Equal(positional.Out, repeated.Out);
        Assert.Contains("\"eventsPerTrack\": [", positional.Out);
    }

    [Theory]
    [InlineData("two scans")]
    [InlineData("one missing file of four")]
    [InlineData("a tiny image among four")]
    public void RegisterFibres_BadScanSet_OneLineExitTwo(string what)
    {
        using var cli = new CliHarness();
        var pngs = FourScans();
        var paths = Enumerable.Range(0, 4).Select(t => cli.Path("track" + t + ".png")).ToList();
        for (int t = 0; t < 4; t++) File.WriteAllBytes(paths[t], pngs[t]);
        string expected;
        if (what == "two scans") { paths.RemoveRange(2, 2); expected = "error: --scan: 2 scans: give 1"; }
        else if (what == "one missing file of four") { File.Delete(paths[1]); expected = "error: --scan: cannot read " + paths[1]; }
        else
        {
            using var b = new SKBitmap(10, 5);
            using var d = b.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(paths[3], d.ToArray());
            expected = "error: --scan: " + paths[3] + " (track 3): image of 10×5 px is too small";
        }
        var run = cli.Run(["license", "register-fibres", .. paths.SelectMany(p => new[] { "--scan", p })]);
        Assert.Equal(2, run.Exit);
        Assert.StartsWith(expected, run.Err);
        Assert.Single(run.Err.TrimEnd().Split('\n'));
    }

    /// <summary>QR cost of the field (QRCoder, level H) on docs/examples/licence.json: the figures of
    /// docs/licence-format.md §2.4.</summary>
    [Theory]
    [InlineData(0, 20, 26)]
    [InlineData(10, 20, 26)]
    [InlineData(20, 20, 26)]
    [InlineData(30, 21, 26)]
    [InlineData(40, 21, 27)]
    [InlineData(60, 22, 27)]
    public void Issue_WithFingerprintOfNEvents_QrVersion(int events, int p256Version, int rsaVersion)
    {
        var licence = LicenceJson.Parse(File.ReadAllText(Path.Combine(CliHarness.RepoRoot, "docs", "examples", "licence.json")));
        if (events > 0)
        {
            licence.Fibres = new FibreFingerprint(FibreFingerprint.Layout1);
            for (int i = 0; i < events; i++) Assert.True(licence.Fibres.Add(1 + i * 191 / Math.Max(1, events - 1), i % 2, 1));
        }
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        using var ec = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        string p256 = LicenceIssuer.Issue(licence, ec), rsaText = LicenceIssuer.Issue(licence, rsa);
        int field = events == 0 ? 0 : licence.Fibres!.Encode()!.Length + 2;
        output.WriteLine($"{events} events: field {field} B; P-256 {p256.Length} chars v{QrRenderer.Version(p256)}; RSA-2048 {rsaText.Length} chars v{QrRenderer.Version(rsaText)}");
        Assert.Equal(p256Version, QrRenderer.Version(p256));
        Assert.Equal(rsaVersion, QrRenderer.Version(rsaText));
    }

    /// <summary>As <see cref="Issue_WithFingerprintOfNEvents_QrVersion"/> for layout 2: the events spread evenly over the
    /// four tracks (the figures of docs/licence-format.md §2.4, revision 1.3).</summary>
    [Theory]
    [InlineData(4, 20, 26)]
    [InlineData(12, 20, 26)]
    [InlineData(19, 20, 26)]
    [InlineData(20, 21, 26)]
    [InlineData(31, 21, 26)]
    [InlineData(32, 21, 27)]
    [InlineData(36, 21, 27)]
    [InlineData(40, 22, 27)]
    [InlineData(60, 22, 27)]
    public void Issue_WithLayout2FingerprintOfNEvents_QrVersion(int events, int p256Version, int rsaVersion)
    {
        var licence = LicenceJson.Parse(File.ReadAllText(Path.Combine(CliHarness.RepoRoot, "docs", "examples", "licence.json")));
        licence.Fibres = new FibreFingerprint(FibreFingerprint.Layout2);
        for (int t = 0; t < 4; t++)
        {
            int m = events / 4 + (t < events % 4 ? 1 : 0);
            // At most 30 units (15 mm) apart, so no delta needs the escape: 8 bits per event, the usual case.
            int step = Math.Min(30, 191 / Math.Max(1, m - 1));
            for (int k = 0; k < m; k++) Assert.True(licence.Fibres.AddOnTrack(t, 1 + k * step, k % 2, 1));
        }
        Assert.Equal(events, licence.Fibres.Count);
        AssertQrVersions(licence, p256Version, rsaVersion, events + " events on 4 tracks");
    }

    /// <summary>QR cost of the layout-2 field of the corpus sheets (registered from their four simulated track scans)
    /// on docs/examples/licence.json: the sheet figures of docs/licence-format.md §2.4, revision 1.3.</summary>
    [Theory]
    [InlineData("genuine-sparse.json", 1, 22, 27)]
    [InlineData("genuine-sparse.json", 2, 21, 27)]
    [InlineData("genuine-sparse.json", 3, 21, 27)]
    [InlineData("genuine-dense.json", 1, 21, 27)]
    [InlineData("genuine-dense.json", 2, 22, 27)]
    [InlineData("genuine-dense.json", 3, 22, 27)]
    public void Issue_WithLayout2FieldOfCorpusSheet_QrVersion(string scenario, int seed, int p256Version, int rsaVersion)
    {
        var s = Handheld.Simulator.Scenarios.ScenarioFile.Load(Path.Combine(CliHarness.RepoRoot, "tests", "TestData", "scenarios", scenario));
        var (scan, _) = Handheld.Simulator.Scenarios.FingerprintRegistration.Register(Handheld.Simulator.Scenarios.FingerprintRunner.Sheet(s, seed), 4);
        var licence = LicenceJson.Parse(File.ReadAllText(Path.Combine(CliHarness.RepoRoot, "docs", "examples", "licence.json")));
        licence.Fibres = scan.Fingerprint;
        AssertQrVersions(licence, p256Version, rsaVersion, scenario + " seed " + seed + ": " + scan.Events.Count + " events (" + string.Join(" + ", scan.EventsPerTrack) + ")");
    }

    private void AssertQrVersions(Licence licence, int p256Version, int rsaVersion, string what)
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        using var ec = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        string p256 = LicenceIssuer.Issue(licence, ec), rsaText = LicenceIssuer.Issue(licence, rsa);
        output.WriteLine($"{what}: field {licence.Fibres!.Encode()!.Length + 2} B; P-256 {p256.Length} chars v{QrRenderer.Version(p256)}; RSA-2048 {rsaText.Length} chars v{QrRenderer.Version(rsaText)}");
        Assert.Equal(p256Version, QrRenderer.Version(p256));
        Assert.Equal(rsaVersion, QrRenderer.Version(rsaText));
    }
}
