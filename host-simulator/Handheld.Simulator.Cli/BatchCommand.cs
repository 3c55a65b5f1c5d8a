using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Handheld.Core.Drivers;
using Handheld.Simulator.Physics;
using Handheld.Simulator.Scenarios;
using Spectre.Console;

namespace Handheld.Simulator.Cli;

/// <summary><c>handheld-sim batch DIR --runs N --seed S [--sensor tcs34725|as7341] [--json]</c>.</summary>
public static class BatchCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "Directory of scenario *.json files (or one file)" };
        var runs = new Option<int>("--runs") { Description = "Runs per scenario and lighting condition", DefaultValueFactory = _ => 20 }.AtLeast(1);
        var seed = new Option<int>("--seed") { Description = "Batch seed (every run's seed derives from it)", DefaultValueFactory = _ => 1 };
        var sensor = SensorOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var runsOut = new Option<string?>("--runs-out") { Description = "Also write every run (scenario, group, lighting, seed, verdict, figures) to FILE as JSON Lines" };
        var fingerprint = new Option<bool>("--fingerprint") { Description = "Every sheet carries the fingerprint tracks and a layout-2 fingerprint (genuine: its own; forgeries: a genuine sheet's): each run also sweeps the tracks, and the per-class table adds the verdict with the fingerprint (consistent only when the fingerprint matches)" };
        var cmd = new Command("batch", "Run every scenario under each lighting N times; print confusion matrices, false-accept/false-reject/inconclusive rates and sweep time.")
        {
            dir, runs, seed, sensor, json, runsOut, fingerprint
        };
        cmd.SetAction(p => Execute(p.GetValue(dir)!, p.GetValue(runs), p.GetValue(seed), SensorOption.Parse(p.GetValue(sensor)), p.GetValue(json), p.GetValue(runsOut), p.GetValue(fingerprint)));
        return cmd;
    }

    public static int Execute(string dir, int runs, int seed, SensorKind sensor, bool json, string? runsOut = null, bool fingerprint = false)
    {
        IReadOnlyList<Scenario> scenarios;
        try { scenarios = ScenarioFile.LoadDirectory(dir); }
        catch (ScenarioFormatException e) { Console.Error.WriteLine("error: DIR: " + e.Message); return 2; }
        if (fingerprint)
        {
            if (!scenarios.Any(x => x.IsGenuine)) { Console.Error.WriteLine("error: --fingerprint: DIR holds no genuine scenario to register forgeries against"); return 2; }
            foreach (var s in scenarios) s.Sheet.Track ??= new TrackSpec();
        }
        if (runs < 1) { Console.Error.WriteLine("error: --runs: must be at least 1."); return 2; }

        StreamWriter? lines = null;
        if (runsOut != null)
        {
            try { lines = new StreamWriter(runsOut); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            { Console.Error.WriteLine("error: --runs-out: cannot write " + runsOut + " (" + e.Message + ")"); return 3; }
        }
        Action<ScenarioRun>? each = lines == null ? null : r => lines.WriteLine(RunLine(r));

        BatchReport report;
        bool bar = !json && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (bar)
        {
            report = null!;
            AnsiConsole.Progress().Start(ctx =>
            {
                var task = ctx.AddTask("sweeps (" + SensorOption.Name(sensor) + ")");
                report = BatchRunner.Run(scenarios, runs, seed, sensor, (d, t) => { task.MaxValue = t; task.Value = d; }, each);
            });
        }
        else
        {
            // No terminal to draw a bar on (redirected, CI): a line per 10 % on stderr, so long runs still show life.
            var progress = new Handheld.Cli.Conventions.Progress(Console.Error, "batch", "sweeps");
            report = BatchRunner.Run(scenarios, runs, seed, sensor, (d, t) => progress.Report(d, t), each);
        }
        if (lines != null)
        {
            try { lines.Dispose(); }
            catch (IOException e) { Console.Error.WriteLine("error: --runs-out: cannot write " + runsOut + " (" + e.Message + ")"); return 3; }
        }

        if (json) Console.WriteLine(ToJson(report));
        else Print(report);
        return 0;
    }

    private static string Pct(double v) => (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    private static void Print(BatchReport r)
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 160;   // files and pipes: no wrapped cells
        var t = new Table().Title("Physical verdicts — " + SensorOption.Name(r.Sensor) + ", seed " + r.Seed + ", " + r.RunsPerCase + " runs per case");
        t.AddColumns("class / lighting", "runs", "Consistent", "Inconsistent", "Inconclusive", "as expected");
        foreach (var (k, c) in r.ByClassAndLighting)
            t.AddRow(k, c.Total.ToString(), c.Consistent.ToString(), c.Inconsistent.ToString(), c.Inconclusive.ToString(), c.MatchedExpected.ToString());
        AnsiConsole.Write(t);
        var s = new Table().Title("Per scenario");
        s.AddColumns("scenario / lighting", "runs", "Consistent", "Inconsistent", "Inconclusive", "as expected");
        foreach (var (k, c) in r.ByScenario)
            s.AddRow(Markup.Escape(k), c.Total.ToString(), c.Consistent.ToString(), c.Inconsistent.ToString(), c.Inconclusive.ToString(), c.MatchedExpected.ToString());
        AnsiConsole.Write(s);
        var g = new Table().Title("Per class (FA = forgery judged consistent, FR = genuine judged inconsistent)");
        g.AddColumns("class", "kind", "runs", "Consistent", "Inconsistent", "Inconclusive", "FA / FR", "inconclusive", "worst lighting", "fingerprint match/mismatch/inconcl./unreadable", "with fingerprint: FA / FR, inconclusive");
        foreach (var (k, c) in r.ByGroup)
        {
            var (wl, wr) = c.WorstLighting();
            g.AddRow(Markup.Escape(k), c.Genuine ? "genuine" : "forgery", c.All.Total.ToString(), c.All.Consistent.ToString(), c.All.Inconsistent.ToString(),
                c.All.Inconclusive.ToString(), (c.Genuine ? "FR " : "FA ") + Pct(c.WrongRate), Pct(c.InconclusiveRate), wl + " " + Pct(wr),
                c.Fingerprint is { } f ? f.Match + "/" + f.Mismatch + "/" + f.Inconclusive + "/" + f.Unreadable : "-",
                c.Combined is { } w ? (c.Genuine ? "FR " : "FA ") + Pct(c.Genuine ? w.FalseRejectRate : w.FalseAcceptRate) + ", " + Pct(w.Total == 0 ? 0 : (double)w.Inconclusive / w.Total) : "-");
        }
        AnsiConsole.Write(g);
        AnsiConsole.MarkupLine("False accept (forgery judged consistent): [bold]" + Pct(r.FalseAcceptRate) + "[/] of " + r.Forgery.Total);
        AnsiConsole.MarkupLine("False reject (genuine judged inconsistent): [bold]" + Pct(r.FalseRejectRate) + "[/] of " + r.Genuine.Total);
        AnsiConsole.MarkupLine("Inconclusive: genuine " + Pct(r.InconclusiveRateGenuine) + ", forgery " + Pct(r.InconclusiveRateForgery));
        AnsiConsole.MarkupLine("Sweep time used: mean " + r.MeanSweepMs.ToString("0", CultureInfo.InvariantCulture) + " ms, max " + r.SweepMsMax + " ms");
        var reasons = new Table().Title("Reasons (class:verdict:reason → runs)");
        reasons.AddColumns("key", "runs");
        foreach (var (k, n) in r.Reasons) reasons.AddRow(k, n.ToString());
        AnsiConsole.Write(reasons);
        if (r.Misjudged.Count == 0) return;
        var m = new Table().Title("False accepts and rejects (replay: handheld-sim sweep FILE --lighting L --sensor " + SensorOption.Name(r.Sensor) + " --seed N)");
        m.AddColumns("scenario", "lighting", "seed", "verdict", "figures");
        foreach (var x in r.Misjudged) m.AddRow(Markup.Escape(x.Scenario), x.Lighting, x.Seed.ToString(CultureInfo.InvariantCulture), x.Verdict, Markup.Escape(x.Summary));
        AnsiConsole.Write(m);
    }

    /// <summary>One run as a JSON line: enough to replay it (<c>sweep FILE --lighting L --seed N</c>) and to tune on.</summary>
    public static string RunLine(ScenarioRun r)
    {
        var x = r.Result;
        return JsonSerializer.Serialize(new
        {
            scenario = r.Scenario.Name, group = r.Scenario.GroupName, genuine = r.Scenario.IsGenuine, lighting = Physics.AmbientLight.Name(r.Lighting),
            seed = r.Seed, verdict = Core.Fluorescence.PhysicalNames.Verdict(x.Verdict), reasons = Core.Fluorescence.PhysicalReason.Describe(x.Reasons),
            paper = Core.Fluorescence.PhysicalNames.Paper(x.Paper), backgroundBlue = x.BackgroundBlue, backgroundGreen = x.BackgroundGreen,
            balancePermille = x.BalancePermille, thresholdBlue = x.ThresholdBlue, thresholdGreen = x.ThresholdGreen,
            blueEvents = x.BlueEvents, greenEvents = x.GreenEvents, broadEvents = x.BroadEvents, sweepMs = r.SweepMs,
            chromaticityNoiseBlue = x.ChromaticityNoiseBlue, chromaticityNoiseRed = x.ChromaticityNoiseRed, daylightEventsAssessed = x.DaylightEventsAssessed, colouredEvents = x.ColouredEvents, daylightChiSquareCenti = x.DaylightChiSquareCenti, daylightPools = x.DaylightPools, daylightDipZCenti = x.DaylightDipZCenti, chromaticityPredictedBlue = x.ChromaticityPredictedBlue, chromaticityPredictedRed = x.ChromaticityPredictedRed, daylightPoolShiftBlue = x.DaylightPoolShiftBlue.ToArray(), daylightPoolShiftRed = x.DaylightPoolShiftRed.ToArray(),
            eventColourShiftTenths = x.EventColourShiftTenths.Take(x.EventCount).ToArray(), eventDipPermille = x.EventDipPermille.Take(x.EventCount).ToArray(), reflectanceLevel = x.ReflectanceLevel, reflectanceNoise = x.ReflectanceNoise, summary = x.Summary(),
            spectrum = r.Spectrum.Status == Core.Fluorescence.SpectrumResult.StatusNotAvailable ? null : r.Spectrum.Summary(),
            colourSignature = r.ColourSignature.Status == Core.Fluorescence.ColourSignatureResult.StatusNotAvailable ? null : new
            {
                events = r.ColourSignature.ColourEvents.ToArray(), pooledPermille = r.ColourSignature.PooledBroadening.ToArray(),
                clippedPermille = r.ColourSignature.ClippedBroadening.ToArray(), sigmaPermille = r.ColourSignature.PooledSigma.ToArray(),
            },
            eventColour = x.EventColour.Take(x.EventCount).ToArray(),
            eventWidthMs = Enumerable.Range(0, x.EventCount).Select(e => x.EventEndMs[e] - x.EventStartMs[e]).ToArray(),
        });
    }

    public static string ToJson(BatchReport r)
    {
        object Counts(VerdictCounts c) => new
        {
            runs = c.Total, consistent = c.Consistent, inconsistent = c.Inconsistent, inconclusive = c.Inconclusive,
            asExpected = c.MatchedExpected, meanSweepMs = Math.Round(c.MeanSweepMs, 1), maxSweepMs = c.SweepMsMax
        };
        var o = new
        {
            sensor = SensorOption.Name(r.Sensor), seed = r.Seed, runsPerCase = r.RunsPerCase,
            falseAcceptRate = r.FalseAcceptRate, falseRejectRate = r.FalseRejectRate,
            inconclusiveRateGenuine = r.InconclusiveRateGenuine, inconclusiveRateForgery = r.InconclusiveRateForgery,
            meanSweepMs = Math.Round(r.MeanSweepMs, 1), maxSweepMs = r.SweepMsMax,
            genuine = Counts(r.Genuine), forgery = Counts(r.Forgery),
            byClassAndLighting = r.ByClassAndLighting.ToDictionary(kv => kv.Key, kv => Counts(kv.Value)),
            byScenario = r.ByScenario.ToDictionary(kv => kv.Key, kv => Counts(kv.Value)),
            byGroup = r.ByGroup.ToDictionary(kv => kv.Key, kv => new
            {
                kind = kv.Value.Genuine ? "genuine" : "forgery", wrongRate = kv.Value.WrongRate, inconclusiveRate = kv.Value.InconclusiveRate,
                all = Counts(kv.Value.All), byLighting = kv.Value.ByLighting.ToDictionary(x => x.Key, x => Counts(x.Value)),
                fingerprint = kv.Value.Fingerprint is { } f ? new { match = f.Match, mismatch = f.Mismatch, inconclusive = f.Inconclusive, unreadable = f.Unreadable, total = f.Total } : null,
                withFingerprint = kv.Value.Combined is { } w ? new { consistent = w.Consistent, inconsistent = w.Inconsistent, inconclusive = w.Inconclusive, total = w.Total } : null
            }),
            reasons = r.Reasons,
            misjudged = r.Misjudged.Select(x => new { scenario = x.Scenario, lighting = x.Lighting, seed = x.Seed, verdict = x.Verdict, summary = x.Summary })
        };
        return JsonSerializer.Serialize(o, new JsonSerializerOptions { WriteIndented = true });
    }
}
