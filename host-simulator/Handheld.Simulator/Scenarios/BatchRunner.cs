using Handheld.Core.Fingerprint;
using Handheld.Core.Inspection;
using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Simulator.Physics;

namespace Handheld.Simulator.Scenarios;

/// <summary>Verdict counts of one group of runs.</summary>
public sealed class VerdictCounts
{
    public int Consistent, Inconsistent, Inconclusive, MatchedExpected;
    public long SweepMsSum;
    public int SweepMsMax;
    public int Total => Consistent + Inconsistent + Inconclusive;

    public void Add(ScenarioRun r)
    {
        switch (r.Verdict)
        {
            case PhysicalVerdict.Consistent: Consistent++; break;
            case PhysicalVerdict.Inconsistent: Inconsistent++; break;
            default: Inconclusive++; break;
        }
        if (r.Verdict == r.Expected) MatchedExpected++;
        SweepMsSum += r.SweepMs;
        if (r.SweepMs > SweepMsMax) SweepMsMax = r.SweepMs;
    }

    public double MeanSweepMs => Total == 0 ? 0 : (double)SweepMsSum / Total;
}

/// <summary>Physical verdict and fingerprint verdict of a run combined by the device's rule
/// (FluorescenceProfileAnalysis.WithFingerprint).</summary>
public sealed class CombinedCounts
{
    public int Consistent, Inconsistent, Inconclusive;
    public int Total => Consistent + Inconsistent + Inconclusive;
    public double FalseAcceptRate => Total == 0 ? 0 : (double)Consistent / Total;
    public double FalseRejectRate => Total == 0 ? 0 : (double)Inconsistent / Total;

    public void Add(PhysicalVerdict physical, FingerprintVerdict fingerprint)
    {
        var paper = physical == PhysicalVerdict.Consistent ? PhysicalFinding.Consistent
            : physical == PhysicalVerdict.Inconsistent ? PhysicalFinding.Inconsistent : PhysicalFinding.Inconclusive;
        switch (FluorescenceProfileAnalysis.WithFingerprint(paper, fingerprint))
        {
            case PhysicalFinding.Consistent: Consistent++; break;
            case PhysicalFinding.Inconsistent: Inconsistent++; break;
            default: Inconclusive++; break;
        }
    }
}

/// <summary>Verdict counts of one group (attack class or harsh condition), in all and per lighting.</summary>
public sealed class GroupCounts
{
    /// <summary>The group holds genuine sheets (its wrong verdict is Inconsistent) — else forgeries (wrong: Consistent).</summary>
    public required bool Genuine { get; init; }
    public VerdictCounts All { get; } = new();
    /// <summary>Fingerprint verdicts of the group's guided sweeps along the track, when its sheets carry the track
    /// marks (a registered fingerprint); null otherwise.</summary>
    public FingerprintCounts? Fingerprint { get; set; }
    /// <summary>The verdict with the fingerprint, when there is one: Consistent only when the physical check is
    /// consistent and the fingerprint matches; Inconsistent when either says so; else Inconclusive (as the device's
    /// FluorescenceProfileAnalysis combines them).</summary>
    public CombinedCounts? Combined { get; set; }
    public SortedDictionary<string, VerdictCounts> ByLighting { get; } = new(StringComparer.Ordinal);

    /// <summary>Share of wrong verdicts: false accepts of a forgery group, false rejects of a genuine one.</summary>
    public double WrongRate => Wrong(All);
    public double InconclusiveRate => All.Total == 0 ? 0 : (double)All.Inconclusive / All.Total;

    public double Wrong(VerdictCounts c) => c.Total == 0 ? 0 : (double)(Genuine ? c.Inconsistent : c.Consistent) / c.Total;

    /// <summary>The lighting with the highest wrong rate and that rate.</summary>
    public (string Lighting, double Rate) WorstLighting()
    {
        string best = ""; double rate = -1;
        foreach (var (k, c) in ByLighting) if (Wrong(c) > rate) { rate = Wrong(c); best = k; }
        return (best, Math.Max(0, rate));
    }
}

/// <summary>A forgery judged consistent or a genuine sheet judged inconsistent: what to replay.</summary>
public sealed record MisjudgedRun(string Scenario, string Lighting, int Seed, string Verdict, string Summary);

/// <summary>Everything a batch measured: counts per class × lighting and per scenario, and the headline rates.</summary>
public sealed class BatchReport
{
    public required SensorKind Sensor { get; init; }
    public required int Seed { get; init; }
    public required int RunsPerCase { get; init; }
    /// <summary>Key: "genuine/dark", "forgery/window", …</summary>
    public SortedDictionary<string, VerdictCounts> ByClassAndLighting { get; } = new(StringComparer.Ordinal);
    /// <summary>Key: "scenario/lighting".</summary>
    public SortedDictionary<string, VerdictCounts> ByScenario { get; } = new(StringComparer.Ordinal);
    /// <summary>Key: the scenario's group (attack class or condition, <see cref="Scenario.GroupName"/>).</summary>
    public SortedDictionary<string, GroupCounts> ByGroup { get; } = new(StringComparer.Ordinal);
    public VerdictCounts Genuine { get; } = new();
    public VerdictCounts Forgery { get; } = new();
    /// <summary>Most runs kept in <see cref="Misjudged"/>.</summary>
    public const int MaxMisjudged = 100;
    /// <summary>False accepts and false rejects (up to <see cref="MaxMisjudged"/>), each replayable with
    /// <c>handheld-sim sweep FILE --lighting L --sensor S --seed N</c>.</summary>
    public List<MisjudgedRun> Misjudged { get; } = new();
    /// <summary>Reason flags seen, with how often, per class.</summary>
    public SortedDictionary<string, int> Reasons { get; } = new(StringComparer.Ordinal);

    /// <summary>Forgeries judged consistent.</summary>
    public double FalseAcceptRate => Forgery.Total == 0 ? 0 : (double)Forgery.Consistent / Forgery.Total;
    /// <summary>Genuine sheets judged inconsistent.</summary>
    public double FalseRejectRate => Genuine.Total == 0 ? 0 : (double)Genuine.Inconsistent / Genuine.Total;
    public double InconclusiveRateGenuine => Genuine.Total == 0 ? 0 : (double)Genuine.Inconclusive / Genuine.Total;
    public double InconclusiveRateForgery => Forgery.Total == 0 ? 0 : (double)Forgery.Inconclusive / Forgery.Total;
    public int SweepMsMax => Math.Max(Genuine.SweepMsMax, Forgery.SweepMsMax);
    public double MeanSweepMs => (Genuine.SweepMsSum + Forgery.SweepMsSum) / (double)Math.Max(1, Genuine.Total + Forgery.Total);
}

/// <summary>Runs every scenario under each of its lighting conditions N times with derived seeds.</summary>
public static class BatchRunner
{
    /// <summary>Seed of one run: a stable mix of the batch seed, scenario name, lighting and run index
    /// (string.GetHashCode is randomised per process, so FNV-1a is used).</summary>
    public static int RunSeed(int batchSeed, string scenario, Lighting lighting, int run)
    {
        uint h = 2166136261;
        void Mix(int v) { for (int i = 0; i < 4; i++) { h ^= (byte)(v >> (8 * i)); h *= 16777619; } }
        Mix(batchSeed);
        foreach (char c in scenario) Mix(c);
        Mix((int)lighting);
        Mix(run);
        return (int)(h & 0x7FFFFFFF);
    }

    public static BatchReport Run(IReadOnlyList<Scenario> scenarios, int runs, int seed, SensorKind sensor, Action<int, int>? progress = null, Action<ScenarioRun>? eachRun = null)
    {
        var report = new BatchReport { Sensor = sensor, Seed = seed, RunsPerCase = runs };
        var cases = new List<(Scenario S, Lighting L)>();
        foreach (var s in scenarios) foreach (var l in s.Lightings()) cases.Add((s, l));
        int total = cases.Count * runs, done = 0;
        var runner = new ScenarioRunner();
        // Forgeries with track marks are compared with the fingerprint of a genuine sheet (the first genuine scenario).
        var reference = scenarios.FirstOrDefault(x => x.IsGenuine && x.Sheet.Track != null) ?? scenarios.FirstOrDefault(x => x.IsGenuine);
        foreach (var (s, l) in cases)
        {
            for (int i = 0; i < runs; i++)
            {
                var r = runner.Run(s, l, sensor, RunSeed(seed, s.Name, l, i));
                string cls = s.IsGenuine ? "genuine" : "forgery";
                Get(report.ByClassAndLighting, cls + "/" + AmbientLight.Name(l)).Add(r);
                Get(report.ByScenario, s.Name + "/" + AmbientLight.Name(l)).Add(r);
                (s.IsGenuine ? report.Genuine : report.Forgery).Add(r);
                if (!report.ByGroup.TryGetValue(s.GroupName, out var grp)) report.ByGroup[s.GroupName] = grp = new GroupCounts { Genuine = s.IsGenuine };
                grp.All.Add(r);
                if (s.Sheet.Track != null && reference != null)
                {
                    var inspection = FingerprintOf(s, reference, l, sensor, seed, i);
                    (grp.Fingerprint ??= new FingerprintCounts()).Add(inspection);
                    (grp.Combined ??= new CombinedCounts()).Add(r.Verdict, inspection.Verdict);
                }
                Get(grp.ByLighting, AmbientLight.Name(l)).Add(r);
                bool misjudged = s.IsGenuine ? r.Verdict == PhysicalVerdict.Inconsistent : r.Verdict == PhysicalVerdict.Consistent;
                if (misjudged && report.Misjudged.Count < BatchReport.MaxMisjudged)
                    report.Misjudged.Add(new MisjudgedRun(s.Name, AmbientLight.Name(l), r.Seed, PhysicalNames.Verdict(r.Verdict), r.Result.Summary()));
                foreach (var name in PhysicalReason.Describe(r.Result.Reasons).Split(','))
                {
                    string key = cls + ":" + PhysicalNames.Verdict(r.Verdict) + ":" + name;
                    report.Reasons[key] = report.Reasons.GetValueOrDefault(key) + 1;
                }
                eachRun?.Invoke(r);
                progress?.Invoke(++done, total);
            }
        }
        return report;
    }

    /// <summary>The run's sheet swept along its fingerprint tracks (layout 2, in order until decided) at the scenario's
    /// speed, against the fingerprint of the same sheet (genuine) or of a genuine reference sheet (forgery).</summary>
    private static FingerprintInspection FingerprintOf(Scenario s, Scenario reference, Lighting l, SensorKind sensor, int seed, int i)
    {
        int sheetSeed = RunSeed(seed, s.Name + "/sheet", l, i);
        var sheet = FingerprintRunner.Sheet(s, sheetSeed);
        var registeredSheet = s.IsGenuine ? sheet : FingerprintRunner.Sheet(reference, RunSeed(seed, reference.Name + "/sheet", l, i));
        var (scan, registered) = FingerprintRegistration.Register(registeredSheet, FibreTrack.MaxTracks);
        return FingerprintRunner.Inspect(s, sheet, scan, registered, l, sensor, s.Sweep.SpeedMmPerS, 0, RunSeed(seed, s.Name + "/track-sweep", l, i));
    }

    private static VerdictCounts Get(SortedDictionary<string, VerdictCounts> d, string key)
    {
        if (!d.TryGetValue(key, out var v)) d[key] = v = new VerdictCounts();
        return v;
    }
}
