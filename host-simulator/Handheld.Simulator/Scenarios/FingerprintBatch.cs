using Handheld.Core.Drivers;
using Handheld.Core.Fingerprint;
using Handheld.Simulator.Physics;

namespace Handheld.Simulator.Scenarios;

/// <summary>Fingerprint verdict counts of one group of runs.</summary>
public sealed class FingerprintCounts
{
    public int Match, Mismatch, Unreadable, Inconclusive;
    public long ScoreSum;
    public int Total => Match + Mismatch + Unreadable + Inconclusive;
    public double MeanScore => Total == 0 ? 0 : (double)ScoreSum / Total;
    /// <summary>Scores of the runs that were scored (Match or Mismatch), for the threshold's margins.</summary>
    public List<int> Scores { get; } = new();
    /// <summary>The score at <paramref name="q"/> (0–1) among the scored runs; 0 when none.</summary>
    public int ScoreQuantile(double q)
    {
        if (Scores.Count == 0) return 0;
        var sorted = Scores.OrderBy(v => v).ToList();
        return sorted[Math.Clamp((int)Math.Floor(q * (sorted.Count - 1)), 0, sorted.Count - 1)];
    }

    /// <summary>Track sweeps the inspections needed (layout 2: up to four each).</summary>
    public int SweepSum;
    public double MeanSweeps => Total == 0 ? 0 : (double)SweepSum / Total;

    public void Add(FingerprintInspection inspection)
    {
        Add(inspection.Last);
        SweepSum += inspection.Sweeps.Count;
    }

    public void Add(FingerprintRun r)
    {
        switch (r.Verdict)
        {
            case FingerprintVerdict.Match: Match++; break;
            case FingerprintVerdict.Mismatch: Mismatch++; break;
            case FingerprintVerdict.Inconclusive: Inconclusive++; break;
            default: Unreadable++; break;
        }
        ScoreSum += r.Result.ScorePermille;
        if (r.Verdict != FingerprintVerdict.Unreadable) Scores.Add(r.Result.ScorePermille);
    }
}

/// <summary>
/// How well a genuine track sweep's positions agree with the truth: measured position − the simulator's true head
/// position at the event's time (the marks' time → position error), true head position − the paired registered
/// position (the crossing's time error and the scan's), marks' true position − their printed one; and for the
/// covered registered events of class ≥ 1 whether a measured event of the same colour lies within ±1.5 mm of them
/// by true position (seen), of another colour (colour wrong), or none (missed).
/// </summary>
public sealed class PositionAudit
{
    public List<double> MeasuredVsTrue { get; } = new();
    public List<double> TrueVsRegistered { get; } = new();
    public List<double> MarkVsTrue { get; } = new();
    public int[] Seen { get; } = new int[3];
    public int[] WrongColour { get; } = new int[3];
    public int[] Missed { get; } = new int[3];
    public int Extra;

    public static double Quantile(List<double> v, double q)
    {
        if (v.Count == 0) return double.NaN;
        var a = v.Select(Math.Abs).OrderBy(x => x).ToList();
        return a[Math.Clamp((int)Math.Floor(q * (a.Count - 1)), 0, a.Count - 1)];
    }

    public void Add(FingerprintRun run)
    {
        var r = run.Result;
        var reg = run.Registered;
        if (r.MarkCount < 2) return;
        for (int k = 0; k < Math.Min(r.MarkCount, FingerprintResult.MaxMarks); k++)
            MarkVsTrue.Add(run.TruePositionMm(r.MarkTimeMs[k]) - r.MarkIndex[k] * reg.MarkPitchUnits / 2.0);
        var truth = new double[r.MeasuredCount];
        for (int i = 0; i < r.MeasuredCount; i++)
        {
            truth[i] = run.TruePositionMm(r.MeasuredTimeMs[i]);
            MeasuredVsTrue.Add(r.MeasuredPosition[i] / 2.0 - truth[i]);
            if (r.MatchOf[i] >= 0) TrueVsRegistered.Add(truth[i] - reg.Positions[r.MatchOf[i]] / 2.0);
        }
        double from = r.MarkIndex[0] * reg.MarkPitchUnits / 2.0, to = r.PlacedUntilUnits / 2.0;
        var used = new bool[r.MeasuredCount];
        for (int j = 0; j < reg.Count; j++)
        {
            if (reg.Tracks[j] != r.Track) continue;
            double p = reg.Positions[j] / 2.0;
            int cls = Math.Clamp(reg.Classes[j], 0, 2);
            if (p < from || p > to || cls < 1) continue;
            int best = -1;
            for (int i = 0; i < r.MeasuredCount; i++)
                if (Math.Abs(truth[i] - p) <= 1.5 && (best < 0 || (r.MeasuredColour[i] == reg.Colours[j] && r.MeasuredColour[best] != reg.Colours[j]))) best = i;
            if (best < 0) Missed[cls]++;
            else
            {
                used[best] = true;
                if (r.MeasuredColour[best] == reg.Colours[j]) Seen[cls]++; else WrongColour[cls]++;
            }
        }
        Extra += used.Count(u => !u);
    }
}

/// <summary>A run judged wrongly, to replay with <c>handheld-sim track …</c>.</summary>
public sealed record FingerprintMisjudged(string Class, string Scenario, string Lighting, double Speed, double Ramp, int SheetSeed, int RegisteredSeed, int SweepSeed, string Summary);

public sealed class FingerprintReport
{
    public required SensorKind Sensor { get; init; }
    public required int Seed { get; init; }
    public required int Runs { get; init; }
    /// <summary>Key: "class/scenario/speed".</summary>
    public SortedDictionary<string, FingerprintCounts> ByCase { get; } = new(StringComparer.Ordinal);
    /// <summary>Key: "genuine", "genuine@12mm/s", "blank-forged-print", "forgery:NAME".</summary>
    public SortedDictionary<string, FingerprintCounts> ByClass { get; } = new(StringComparer.Ordinal);
    public List<FingerprintMisjudged> Misjudged { get; } = new();
    /// <summary>Genuine runs, key "012mm/s": position errors against the simulator's true head position (mm).</summary>
    public SortedDictionary<string, PositionAudit> Audit { get; } = new(StringComparer.Ordinal);
    public const int MaxMisjudged = 50;
}

/// <summary>
/// The fingerprint figures: genuine sheets (the registered sheet itself) at each speed with steady, rising and
/// falling speed, genuine blanks of the same paper under forged print (another sheet, its own fibres), and every
/// forgery scenario of the corpus with the marks copied, all against a fingerprint registered from a genuine sheet.
/// A genuine run is wrong when Mismatch (false reject), a forgery when Match (false accept).
/// </summary>
public static class FingerprintBatch
{
    public static readonly double[] Ramps = { 0, 0.4, -0.4 };

    public static FingerprintReport Run(IReadOnlyList<Scenario> scenarios, int runs, int seed, SensorKind sensor, double[] speeds,
        Action<int, int>? progress = null, FingerprintSettings? settings = null, int tracks = 1)
    {
        var report = new FingerprintReport { Sensor = sensor, Seed = seed, Runs = runs };
        var genuine = scenarios.Where(s => s.IsGenuine).ToList();
        if (genuine.Count == 0) throw new ScenarioFormatException("the fingerprint batch needs at least one genuine scenario (the registered sheets).");
        var reference = genuine[0];
        int perCase = runs;
        int total = 0;
        foreach (var s in scenarios) total += s.Lightings().Length * speeds.Length * perCase * (s.IsGenuine ? 2 : 1);
        int done = 0;
        foreach (var s in scenarios)
            foreach (var l in s.Lightings())
                foreach (double speed in speeds)
                    for (int i = 0; i < perCase; i++)
                    {
                        int sheetSeed = BatchRunner.RunSeed(seed, s.Name + "/sheet", l, i);
                        int sweepSeed = BatchRunner.RunSeed(seed, s.Name + "/sweep/" + speed, l, i);
                        double ramp = Ramps[i % Ramps.Length];
                        if (s.IsGenuine)
                        {
                            var sheet = FingerprintRunner.Sheet(s, sheetSeed);
                            var (scan, registered) = FingerprintRegistration.Register(sheet, tracks);
                            var same = FingerprintRunner.Inspect(s, sheet, scan, registered, l, sensor, speed, ramp, sweepSeed, settings);
                            Add(report, "genuine", s, l, speed, ramp, sheetSeed, sheetSeed, sweepSeed, same, wrong: same.Verdict == FingerprintVerdict.Mismatch);
                            string key = speed.ToString("000") + "mm/s";
                            if (!report.Audit.TryGetValue(key, out var audit)) report.Audit[key] = audit = new PositionAudit();
                            foreach (var sweep in same.Sweeps) audit.Add(sweep);
                            progress?.Invoke(++done, total);
                            int otherSeed = BatchRunner.RunSeed(seed, s.Name + "/blank", l, i);
                            var blank = FingerprintRunner.Inspect(s, FingerprintRunner.Sheet(s, otherSeed), scan, registered, l, sensor, speed, ramp, sweepSeed, settings);
                            Add(report, "blank-forged-print", s, l, speed, ramp, otherSeed, sheetSeed, sweepSeed, blank, wrong: blank.Verdict == FingerprintVerdict.Match);
                        }
                        else
                        {
                            int registeredSeed = BatchRunner.RunSeed(seed, reference.Name + "/sheet", l, i);
                            var (scan, registered) = FingerprintRegistration.Register(FingerprintRunner.Sheet(reference, registeredSeed), tracks);
                            var forged = FingerprintRunner.Inspect(s, FingerprintRunner.Sheet(s, sheetSeed), scan, registered, l, sensor, speed, ramp, sweepSeed, settings);
                            Add(report, "forgery:" + s.Name, s, l, speed, ramp, sheetSeed, registeredSeed, sweepSeed, forged, wrong: forged.Verdict == FingerprintVerdict.Match);
                        }
                        progress?.Invoke(++done, total);
                    }
        return report;
    }

    private static void Add(FingerprintReport report, string cls, Scenario s, Lighting l, double speed, double ramp,
        int sheetSeed, int registeredSeed, int sweepSeed, FingerprintInspection run, bool wrong)
    {
        Get(report.ByCase, cls + "/" + s.Name + "/" + speed + "mm/s").Add(run);
        Get(report.ByClass, cls.StartsWith("forgery:", StringComparison.Ordinal) ? cls : cls + "@" + speed.ToString("000") + "mm/s").Add(run);
        Get(report.ByClass, cls.StartsWith("forgery:", StringComparison.Ordinal) ? "forgery (all)" : cls + " (all)").Add(run);
        if (wrong && report.Misjudged.Count < FingerprintReport.MaxMisjudged)
            report.Misjudged.Add(new FingerprintMisjudged(cls, s.Name, AmbientLight.Name(l), speed, ramp, sheetSeed, registeredSeed, sweepSeed, run.Last.Result.Summary()));
    }

    private static FingerprintCounts Get(SortedDictionary<string, FingerprintCounts> d, string key)
    {
        if (!d.TryGetValue(key, out var v)) d[key] = v = new FingerprintCounts();
        return v;
    }
}
