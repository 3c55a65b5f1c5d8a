using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Handheld.Core.Drivers;
using Handheld.Core.Fingerprint;
using Handheld.Core.Fluorescence;
using Handheld.Sdk.Licensing;
using Handheld.Simulator.Physics;
using Handheld.Simulator.Scenarios;
using ScottPlot;

namespace Handheld.Simulator.Cli;

/// <summary>
/// The fibre-fingerprint commands: <c>scan-track</c> (the issuer's UV scan of a sheet's track, as a PNG),
/// <c>track</c> (one guided sweep compared with the registered fingerprint, optionally plotted) and
/// <c>fingerprint</c> (the batch figures).
/// </summary>
public static class FingerprintCommands
{
    public static Command ScanTrack()
    {
        var file = new Argument<string>("SCENARIO") { Description = "Scenario *.json file (its sheet)" };
        var seed = new Option<int>("--sheet-seed") { Description = "Seed of the sheet (the same seed is the same sheet)", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "PNG file to write", Required = true };
        var track = new Option<int>("--track") { Description = "Track to scan: 0 bottom (layout 1's), 1 top, 2 left, 3 right edge", DefaultValueFactory = _ => 0 };
        var cmd = new Command("scan-track", "Write the UV scan of a sheet's fingerprint track (PNG, 20 px/mm) for 'handheld license register-fibres'.")
        {
            file, seed, output, track
        };
        cmd.SetAction(p =>
        {
            if (!TryLoad(p.GetValue(file)!, out var s)) return 2;
            string path = p.GetValue(output)!;
            if (!path.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) return Fail("--out", "must end in .png");
            int t = p.GetValue(track);
            if (t < 0 || t >= FibreTrack.MaxTracks) return Fail("--track", "must be 0 (bottom), 1 (top), 2 (left) or 3 (right)");
            try { TrackScanImage.WritePng(FingerprintRunner.Sheet(s, p.GetValue(seed)), path, t); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return Fail("--out", "cannot write " + path + " (" + e.Message + ")", 3); }
            Console.WriteLine("scan: " + path + " (track " + t + ", " + FibreTrack.LengthMm + " mm, " + TrackScanImage.PixelsPerMm + " px/mm)");
            return 0;
        });
        return cmd;
    }

    public static Command Track()
    {
        var file = new Argument<string>("SCENARIO") { Description = "Scenario *.json file (the swept sheet)" };
        var sheetSeed = new Option<int>("--sheet-seed") { Description = "Seed of the swept sheet", DefaultValueFactory = _ => 1 };
        var registered = new Option<string?>("--registered") { Description = "Scenario file of the registered sheet (default: the swept scenario)" };
        var registeredSeed = new Option<int?>("--registered-seed") { Description = "Seed of the registered sheet (default: the swept sheet's: a genuine sheet)" };
        var speed = new Option<double>("--speed") { Description = "Mean sweep speed, mm/s", DefaultValueFactory = _ => 40 }.Above(0.0);
        var ramp = new Option<double>("--ramp") { Description = "Speed change per second as a share of the mean speed (0.4: +40 %/s)", DefaultValueFactory = _ => 0 };
        var lighting = new Option<string>("--lighting") { Description = "dark, officeLed, fluorescent, window or directSun", DefaultValueFactory = _ => "officeLed" };
        var sensor = SensorOption.Create();
        var seed = new Option<int>("--seed") { Description = "Seed of the sweep (path, flicker phase, sensor noise)", DefaultValueFactory = _ => 1 };
        var plot = new Option<string?>("--plot") { Description = "Write the registered and measured events aligned to FILE.png or FILE.svg" };
        var traceOut = new Option<string?>("--trace-out") { Description = "Write the last track sweep's samples (time, bands, true head position) to FILE.csv" };
        var matchChance = MatchChanceOption();
        var trackCount = new Option<int>("--tracks") { Description = "Tracks registered: 4 (layout 2, swept in order until decided) or 1 (layout 1)", DefaultValueFactory = _ => 4 };
        var cmd = new Command("track", "Sweep a sheet along its fingerprint tracks and align the events with the fingerprint registered from the sheet's scans; print each sweep's comparison and the verdict.")
        {
            file, sheetSeed, registered, registeredSeed, speed, ramp, lighting, sensor, seed, plot, traceOut, matchChance, trackCount
        };
        cmd.SetAction(p =>
        {
            string? csvPath = p.GetValue(traceOut);
            if (csvPath != null && !csvPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) return Fail("--trace-out", "must end in .csv");
            if (!TryLoad(p.GetValue(file)!, out var s)) return 2;
            var r = s;
            if (p.GetValue(registered) is { } rf && !TryLoad(rf, out r)) return 2;
            if (!AmbientLight.TryParse(p.GetValue(lighting)!, out var l)) return Fail("--lighting", "must be dark, officeLed, fluorescent, window or directSun");
            double v = p.GetValue(speed);
            if (!(v >= 5 && v <= 300)) return Fail("--speed", "must be between 5 and 300 mm/s");
            string? plotPath = p.GetValue(plot);
            if (plotPath != null && !(plotPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || plotPath.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)))
                return Fail("--plot", "must end in .png or .svg");
            int ss = p.GetValue(sheetSeed);
            int tracks = p.GetValue(trackCount);
            if (tracks != 1 && tracks != FibreTrack.MaxTracks) return Fail("--tracks", "must be 1 (layout 1) or " + FibreTrack.MaxTracks + " (layout 2)");
            var (scan, reg) = FingerprintRegistration.Register(FingerprintRunner.Sheet(r, p.GetValue(registeredSeed) ?? ss), tracks);
            if (!TrySettings(p.GetValue(matchChance), out var settings)) return 2;
            var inspection = FingerprintRunner.Inspect(s, FingerprintRunner.Sheet(s, ss), scan, reg, l, SensorOption.Parse(p.GetValue(sensor)), v, p.GetValue(ramp), p.GetValue(seed), settings);
            var run = inspection.Last;
            Console.WriteLine(s.Name + " sheet " + ss + " against the fingerprint of " + r.Name + " sheet " + (p.GetValue(registeredSeed) ?? ss)
                + ", " + v + " mm/s, ramp " + p.GetValue(ramp) + "/s, " + AmbientLight.Name(l));
            Console.WriteLine("registered: " + scan.Events.Count + " events, field " + scan.FieldValue.Length + " bytes");
            foreach (var sweep in inspection.Sweeps)
            {
                var ev = sweep.Events;
                var fr = sweep.Result;
                Console.WriteLine("track " + fr.Track + " sweep: " + sweep.Sweep.Trace.Count + " samples every " + ev.SamplePeriodMs + " ms, " + sweep.Sweep.SweepMs + " ms, fault "
                    + SamplerFaultNames.Name(sweep.Sweep.SamplerFault) + ", " + ev.MarkCount + " marks, " + ev.EventCount + " crossings");
                Console.WriteLine("  fingerprint: " + fr.Summary());
                Console.WriteLine("  registered (mm colour class): " + string.Join(" ", scan.Events.Where(e => e.Track == fr.Track).Select(e => e.PositionMm.ToString("0.0", CultureInfo.InvariantCulture) + e.ColourName[0] + e.IntensityClass)));
                Console.WriteLine("  marks      (ms→mark): " + string.Join(" ", Enumerable.Range(0, Math.Min(fr.MarkCount, FingerprintResult.MaxMarks)).Select(k =>
                    fr.MarkTimeMs[k].ToString(CultureInfo.InvariantCulture) + "→" + fr.MarkIndex[k].ToString(CultureInfo.InvariantCulture))));
                Console.WriteLine("  measured   (mm colour class): " + string.Join(" ", Enumerable.Range(0, fr.MeasuredCount).Select(i =>
                    (fr.MeasuredPosition[i] / 2.0).ToString("0.0", CultureInfo.InvariantCulture) + (fr.MeasuredColour[i] == FibreColours.Green ? "g" : "b") + fr.MeasuredClass[i]
                    + (fr.MatchOf[i] >= 0 ? "*" : ""))));
            }
            Console.WriteLine("fingerprint: " + FingerprintReason.Verdict(run.Verdict) + " after " + inspection.Sweeps.Count + " track sweep" + (inspection.Sweeps.Count == 1 ? "" : "s"));
            if (csvPath != null)
            {
                WriteTrace(run, csvPath);
                Console.WriteLine("trace: " + csvPath);
            }
            if (plotPath != null)
            {
                WritePlot(inspection.Sweeps, plotPath);
                Console.WriteLine("plot: " + plotPath);
            }
            return 0;
        });
        return cmd;
    }

    public static Command Batch()
    {
        var dir = new Argument<string>("DIR") { Description = "Directory of scenario *.json files: genuine ones are registered and swept, forgeries swept against a genuine registration" };
        var runs = new Option<int>("--runs") { Description = "Runs per scenario, lighting and speed", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var seed = new Option<int>("--seed") { Description = "Batch seed", DefaultValueFactory = _ => 1 };
        var speeds = new Option<string>("--speeds") { Description = "Comma-separated mean speeds, mm/s", DefaultValueFactory = _ => "12,20,40,80,120" };
        var sensor = SensorOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var matchChance = MatchChanceOption();
        var tracks = new Option<int>("--tracks") { Description = "Tracks registered: 4 (layout 2, swept one after the other until decided) or 1 (layout 1)", DefaultValueFactory = _ => 4 };
        var cmd = new Command("fingerprint", "Fibre-fingerprint figures: genuine sheets at each speed (steady, rising, falling), genuine blanks with forged print and every forgery scenario against a registered fingerprint.")
        {
            dir, runs, seed, speeds, sensor, json, matchChance, tracks
        };
        cmd.SetAction(p =>
        {
            IReadOnlyList<Scenario> scenarios;
            try { scenarios = ScenarioFile.LoadDirectory(p.GetValue(dir)!); }
            catch (ScenarioFormatException e) { Console.Error.WriteLine("error: " + e.Message); return 2; }
            if (p.GetValue(runs) < 1) return Fail("--runs", "must be at least 1");
            var list = new List<double>();
            foreach (var part in p.GetValue(speeds)!.Split(','))
            {
                if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || v < 5 || v > 300)
                    return Fail("--speeds", "'" + part + "' is not a speed between 5 and 300 mm/s");
                list.Add(v);
            }
            FingerprintReport report;
            if (!TrySettings(p.GetValue(matchChance), out var settings)) return 2;
            int trackCount = p.GetValue(tracks);
            if (trackCount != 1 && trackCount != FibreTrack.MaxTracks) return Fail("--tracks", "must be 1 (layout 1) or " + FibreTrack.MaxTracks + " (layout 2)");
            try { report = FingerprintBatch.Run(scenarios, p.GetValue(runs), p.GetValue(seed), SensorOption.Parse(p.GetValue(sensor)), list.ToArray(), settings: settings, tracks: trackCount); }
            catch (ScenarioFormatException e) { Console.Error.WriteLine("error: " + e.Message); return 2; }
            if (p.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(new
            {
                sensor = SensorOption.Name(report.Sensor), seed = report.Seed, runs = report.Runs,
                byClass = report.ByClass.ToDictionary(kv => kv.Key, kv => Counts(kv.Value)),
                byCase = report.ByCase.ToDictionary(kv => kv.Key, kv => Counts(kv.Value)),
                misjudged = report.Misjudged,
            }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
            else Print(report);
            return 0;
        });
        return cmd;
    }

    /// <summary>What-if: the match bound (the device's is FingerprintSettings.MatchChancePerBillion, 10⁻⁶).</summary>
    private static Option<long?> MatchChanceOption() => new("--match-chance-ppb")
    {
        Description = "Match bound for this run, parts per billion (default " + FingerprintSettings.Default().MatchChancePerBillion + " = 10⁻⁶, the device's): to see what a weaker bound would decide"
    };

    private static bool TrySettings(long? ppb, out FingerprintSettings settings)
    {
        settings = FingerprintSettings.Default();
        if (ppb is not { } v) return true;
        if (v < 1 || v > 1000000000) { Fail("--match-chance-ppb", "must be between 1 and 1000000000"); return false; }
        settings.MatchChancePerBillion = (int)v;
        return true;
    }

    private static object Counts(FingerprintCounts c) => new { sweeps = Math.Round(c.MeanSweeps, 2), match = c.Match, mismatch = c.Mismatch, inconclusive = c.Inconclusive, unreadable = c.Unreadable, total = c.Total, meanScore = Math.Round(c.MeanScore, 1), scoreP1 = c.ScoreQuantile(0.01), scoreP50 = c.ScoreQuantile(0.5), scoreP99 = c.ScoreQuantile(0.99) };

    private static void Print(FingerprintReport r)
    {
        Console.WriteLine("fibre fingerprint, " + SensorOption.Name(r.Sensor) + ", seed " + r.Seed + ", " + r.Runs + " runs per scenario × lighting × speed");
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-40} {1,6} {2,8} {3,8} {4,10} {5,6} {6,6} {7,6} {8,6} {9,6} {10,6}", "class", "match", "mismatch", "inconcl.", "unreadable", "total", "score", "p1", "p50", "p99", "sweeps"));
        foreach (var (k, c) in r.ByClass)
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-40} {1,5:0.0}% {2,7:0.0}% {3,7:0.0}% {4,9:0.0}% {5,6} {6,6:0} {7,6} {8,6} {9,6} {10,6:0.00}", k,
                100.0 * c.Match / c.Total, 100.0 * c.Mismatch / c.Total, 100.0 * c.Inconclusive / c.Total, 100.0 * c.Unreadable / c.Total, c.Total, c.MeanScore,
                c.ScoreQuantile(0.01), c.ScoreQuantile(0.5), c.ScoreQuantile(0.99), c.MeanSweeps));
        Console.WriteLine("genuine positions against the true head position (|error| median / 90 %, mm) and registered class-1/2 events seen / colour wrong / missed:");
        foreach (var (k, a) in r.Audit)
            Console.WriteLine("  " + k + ": measured−true " + F(PositionAudit.Quantile(a.MeasuredVsTrue, 0.5)) + "/" + F(PositionAudit.Quantile(a.MeasuredVsTrue, 0.9))
                + ", true−registered " + F(PositionAudit.Quantile(a.TrueVsRegistered, 0.5)) + "/" + F(PositionAudit.Quantile(a.TrueVsRegistered, 0.9))
                + ", marks " + F(PositionAudit.Quantile(a.MarkVsTrue, 0.5)) + "/" + F(PositionAudit.Quantile(a.MarkVsTrue, 0.9))
                + "; medium " + a.Seen[1] + "/" + a.WrongColour[1] + "/" + a.Missed[1] + ", strong " + a.Seen[2] + "/" + a.WrongColour[2] + "/" + a.Missed[2]
                + ", extra measured " + a.Extra);
        foreach (var m in r.Misjudged)
            Console.WriteLine("  wrong: " + m.Class + " " + m.Scenario + " " + m.Lighting + " " + m.Speed + " mm/s ramp " + m.Ramp
                + " --sheet-seed " + m.SheetSeed + " --registered-seed " + m.RegisteredSeed + " --seed " + m.SweepSeed + ": " + m.Summary);
    }

    /// <summary>The track sweep's samples as CSV: time (ms), blue, green, red, clear (cps16, ambient included), flags
    /// and the simulator's true head position along the track (mm from the start mark).</summary>
    public static void WriteTrace(FingerprintRun run, string path)
    {
        var t = run.Sweep.Trace;
        using var w = new StreamWriter(path);
        w.WriteLine("time_ms,blue,green,red,clear,flags,true_mm");
        for (int i = 0; i < t.Count; i++)
            w.WriteLine(string.Join(",", t.TimeMs[i], t.Blue[i], t.Green[i], t.Red[i], t.Clear[i], t.Flags[i],
                run.TruePositionMm(t.TimeMs[i]).ToString("0.000", CultureInfo.InvariantCulture)));
    }

    /// <summary>Registered events (top row) and measured ones (bottom row) on the track, lines joining the pairs
    /// the alignment made; marks as grey lines; the measured trace's blue and green above, on the track axis.</summary>
    public static void WritePlot(FingerprintRun run, string path) => WritePlot(new[] { run }, path);

    /// <summary>Each track sweep of an inspection in its own band, the first at the bottom: registered events of that
    /// track (row 1), measured ones (row 0), lines joining the pairs, marks as grey lines, the trace above; the title
    /// is the inspection's decision (the last sweep's).</summary>
    public static void WritePlot(IReadOnlyList<FingerprintRun> runs, string path)
    {
        var plt = new Plot();
        const double Band = 2.6;
        for (int r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            double y0 = Band * r;
            var reg = run.Registered;
            var fr = run.Result;
            if (r == 0)
                for (int k = 0; k < reg.MarkCount; k++)
                {
                    var v = plt.Add.VerticalLine(k * reg.MarkPitchUnits / 2.0); v.Color = Colors.Gray.WithAlpha(0.5); v.LinePattern = LinePattern.Dashed;
                }
            var label = plt.Add.Text("track " + fr.Track + ": " + FingerprintReason.Verdict(fr.Verdict) + ", " + fr.Matched + "/" + fr.MeasuredCount + " paired", -4, y0 + 2.2);
            label.LabelFontSize = 11;
            for (int i = 0; i < fr.MeasuredCount; i++)
            {
                int j = fr.MatchOf[i];
                if (j < 0) continue;
                var line = plt.Add.Line(reg.Positions[j] / 2.0, y0 + 1, fr.MeasuredPosition[i] / 2.0, y0);
                line.Color = Colors.Black.WithAlpha(0.5);
            }
            for (int j = 0; j < reg.Count; j++)
            {
                if (reg.Tracks[j] != fr.Track) continue;
                var m = plt.Add.Marker(reg.Positions[j] / 2.0, y0 + 1);
                m.Color = reg.Colours[j] == FibreColours.Green ? Colors.Green : Colors.Blue; m.Size = 6 + 3 * reg.Classes[j]; m.Shape = MarkerShape.FilledCircle;
            }
            for (int i = 0; i < fr.MeasuredCount; i++)
            {
                var m = plt.Add.Marker(fr.MeasuredPosition[i] / 2.0, y0);
                m.Color = fr.MeasuredColour[i] == FibreColours.Green ? Colors.Green : Colors.Blue; m.Size = 6 + 3 * fr.MeasuredClass[i];
                m.Shape = fr.MatchOf[i] >= 0 ? MarkerShape.FilledSquare : MarkerShape.OpenSquare;
            }
            // The trace on the track axis (through the mark times), scaled into the band above the registered row.
            var t = run.Sweep.Trace;
            if (fr.MarkCount >= 2 && t.Count > 0)
            {
                var xs = new List<double>(); var bs = new List<double>(); var gs = new List<double>(); var rs = new List<double>();
                double max = 1;
                for (int i = 0; i < t.Count; i++) max = Math.Max(max, Math.Max(t.Blue[i], Math.Max(t.Green[i], t.Red[i])));
                for (int i = 0; i < t.Count; i++)
                {
                    int units = fr.PositionAt(t.TimeMs[i], reg.MarkPitchUnits);
                    if (units < 0) continue;
                    xs.Add(units / 2.0);
                    bs.Add(y0 + 1.3 + 0.7 * t.Blue[i] / max); gs.Add(y0 + 1.3 + 0.7 * t.Green[i] / max); rs.Add(y0 + 1.3 + 0.7 * t.Red[i] / max);
                }
                var sb = plt.Add.Scatter(xs.ToArray(), bs.ToArray()); sb.Color = Colors.Blue.WithAlpha(0.7); sb.MarkerSize = 2;
                var sg = plt.Add.Scatter(xs.ToArray(), gs.ToArray()); sg.Color = Colors.Green.WithAlpha(0.7); sg.MarkerSize = 2;
                var sr = plt.Add.Scatter(xs.ToArray(), rs.ToArray()); sr.Color = Colors.Red.WithAlpha(0.5); sr.MarkerSize = 2;
                if (r == 0) { sb.LegendText = "blue band"; sg.LegendText = "green band"; sr.LegendText = "red band (marks)"; }
            }
        }
        var last = runs[^1];
        var lr = last.Result;
        plt.Title("fingerprint " + FingerprintReason.Verdict(lr.Verdict) + " after " + runs.Count + " track sweep" + (runs.Count == 1 ? "" : "s")
                  + ", chance " + lr.ChancePpb + " ppb (match ≤ " + FingerprintSettings.Default().MatchChancePerBillion + "), genuine " + lr.GenuinePpm
                  + " ppm, " + last.SpeedMmPerS + " mm/s, " + SensorOption.Name(last.Sweep.Sensor));
        plt.XLabel("position along the track from its start mark (mm)");
        plt.YLabel("per track: measured (0) · registered (1) · trace");
        plt.Axes.SetLimitsY(-0.3, Band * runs.Count - 0.3);
        plt.ShowLegend(Alignment.UpperRight);
        int height = 300 + 220 * runs.Count;
        if (path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)) plt.SaveSvg(path, 1400, height);
        else plt.SavePng(path, 1400, height);
    }

    private static string F(double v) => double.IsNaN(v) ? "-" : v.ToString("0.00", CultureInfo.InvariantCulture);

    private static bool TryLoad(string file, out Scenario s)
    {
        try { s = ScenarioFile.Load(file); return true; }
        catch (ScenarioFormatException e) { Console.Error.WriteLine("error: " + e.Message); s = null!; return false; }
    }

    private static int Fail(string option, string what, int code = 2)
    {
        Console.Error.WriteLine("error: " + option + ": " + what);
        return code;
    }
}
