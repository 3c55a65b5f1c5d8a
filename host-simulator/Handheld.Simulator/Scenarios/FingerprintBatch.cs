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
        Action<int, int>? progress = null, FingerprintSettings? settings = null)
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
                            var (scan, registered) = FingerprintRunner.Register(sheet);
                            var same = FingerprintRunner.Run(s, sheet, scan, registered, l, sensor, speed, ramp, sweepSeed, settings);
                            Add(report, "genuine", s, l, speed, ramp, sheetSeed, sheetSeed, sweepSeed, same, wrong: same.Verdict == FingerprintVerdict.Mismatch);
                            progress?.Invoke(++done, total);
                            int otherSeed = BatchRunner.RunSeed(seed, s.Name + "/blank", l, i);
                            var blank = FingerprintRunner.Run(s, FingerprintRunner.Sheet(s, otherSeed), scan, registered, l, sensor, speed, ramp, sweepSeed, settings);
                            Add(report, "blank-forged-print", s, l, speed, ramp, otherSeed, sheetSeed, sweepSeed, blank, wrong: blank.Verdict == FingerprintVerdict.Match);
                        }
                        else
                        {
                            int registeredSeed = BatchRunner.RunSeed(seed, reference.Name + "/sheet", l, i);
                            var (scan, registered) = FingerprintRunner.Register(FingerprintRunner.Sheet(reference, registeredSeed));
                            var forged = FingerprintRunner.Run(s, FingerprintRunner.Sheet(s, sheetSeed), scan, registered, l, sensor, speed, ramp, sweepSeed, settings);
                            Add(report, "forgery:" + s.Name, s, l, speed, ramp, sheetSeed, registeredSeed, sweepSeed, forged, wrong: forged.Verdict == FingerprintVerdict.Match);
                        }
                        progress?.Invoke(++done, total);
                    }
        return report;
    }

    private static void Add(FingerprintReport report, string cls, Scenario s, Lighting l, double speed, double ramp,
        int sheetSeed, int registeredSeed, int sweepSeed, FingerprintRun run, bool wrong)
    {
        Get(report.ByCase, cls + "/" + s.Name + "/" + speed + "mm/s").Add(run);
        Get(report.ByClass, cls.StartsWith("forgery:", StringComparison.Ordinal) ? cls : cls + "@" + speed.ToString("000") + "mm/s").Add(run);
        Get(report.ByClass, cls.StartsWith("forgery:", StringComparison.Ordinal) ? "forgery (all)" : cls + " (all)").Add(run);
        if (wrong && report.Misjudged.Count < FingerprintReport.MaxMisjudged)
            report.Misjudged.Add(new FingerprintMisjudged(cls, s.Name, AmbientLight.Name(l), speed, ramp, sheetSeed, registeredSeed, sweepSeed, run.Result.Summary()));
    }

    private static FingerprintCounts Get(SortedDictionary<string, FingerprintCounts> d, string key)
    {
        if (!d.TryGetValue(key, out var v)) d[key] = v = new FingerprintCounts();
        return v;
    }
}
