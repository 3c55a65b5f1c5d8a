using Handheld.Core.Fingerprint;
using Handheld.Core.Fluorescence;

namespace Handheld.Core.Tests.Fingerprint;

public class FingerprintMatcherTests
{
    private const int Pitch = TrackSheet.Pitch;
    private const int Marks = TrackSheet.Marks;
    private const int SampleMs = 45;

    private static (double Mm, int Colour)[] Sheet(int seed, int count = 14) => TrackSheet.Fibres(seed, count, 1.2);

    private static RegisteredFibres Register((double Mm, int Colour)[] fibres) => TrackSheet.Register(fibres);

    /// <summary>A sweep over the track: head position x(t) mm (0 = start mark), marks as red bumps 4 mm wide,
    /// each fibre an event at the sample nearest to its crossing.</summary>
    private static (SweepTrace, PhysicalCheckResult) Sweep((double Mm, int Colour)[] fibres, Func<double, double> xAt, int durationMs = 2940)
    {
        var t = new SweepTrace(128);
        var d = new PhysicalCheckResult();
        for (int ms = 0; ms <= durationMs && t.Count < 128; ms += SampleMs)
        {
            double x = xAt(ms / 1000.0);
            int red = 300;
            for (int k = 0; k < Marks; k++)
                if (Math.Abs(x - 16 * k) < 2) red += 6000;
            t.Add(ms, 800, 600, red, 2000, 1000, 0);
        }
        foreach (var f in fibres)
        {
            int best = -1; double bestD = 1.6;
            for (int i = 0; i < t.Count; i++)
            {
                double dx = Math.Abs(xAt(t.TimeMs[i] / 1000.0) - f.Mm);
                if (dx < bestD) { bestD = dx; best = i; }
            }
            if (best < 0 || d.EventCount >= PhysicalCheckResult.MaxEvents) continue;
            int e = d.EventCount++;
            d.EventStartMs[e] = d.EventEndMs[e] = t.TimeMs[best];
            d.EventColour[e] = f.Colour;
            d.EventPeakBlue[e] = d.EventPeakGreen[e] = 3000;
        }
        return (t, d);
    }

    private static FingerprintResult Match((double, int)[] registered, (double, int)[] onSheet, Func<double, double> xAt, FingerprintSettings? settings = null)
    {
        var (trace, detail) = Sweep(onSheet, xAt);
        var r = new FingerprintResult();
        new FingerprintMatcher(settings ?? FingerprintSettings.Default(), 256).Run(trace, detail, Register(registered), r);
        return r;
    }

    /// <summary>The synthetic sweeps place each event at the sample nearest its crossing (±0.9 mm at 40 mm/s): even
    /// all paired, 14–20 events stay near 10⁻⁵ by chance, above the default 10⁻⁶. The match branch is tested with
    /// a bound of 10⁻⁴.</summary>
    private static FingerprintSettings Lenient()
    {
        var s = FingerprintSettings.Default();
        s.MatchChancePerBillion = 100000;
        return s;
    }

    private static double Steady(double t) => -6 + 40 * t;

    [Fact]
    public void Run_SameSheetSteadySweep_Match()
    {
        var sheet = Sheet(1);
        var r = Match(sheet, sheet, Steady, Lenient());
        Assert.True(FingerprintVerdict.Match == r.Verdict, r.Summary());
        // At the default 10⁻⁶ the same perfect sweep is no proof, and never a mismatch.
        var strict = Match(sheet, sheet, Steady);
        Assert.True(FingerprintVerdict.Inconclusive == strict.Verdict && strict.ChancePpb > FingerprintSettings.Default().MatchChancePerBillion, strict.Summary());
        Assert.Equal(7, r.MarkCount);
        Assert.True(r.ScorePermille >= 800, r.Summary());
    }

    [Fact]
    public void Run_SameSheetSpeedDoublingMidSweep_Match()
    {
        // 25 mm/s for 1.6 s, then 55 mm/s: a time-linear mapping would be off by up to 10 mm mid-track.
        // The alignment survives it (at most the event at the change is lost); the evidence of 14 pairs at the
        // wider tolerance of the fast half is then about 0.2 % by chance: not yet the 0.1 % a match needs.
        var sheet = Sheet(2, 16);
        var r = Match(sheet, sheet, t => t < 1.6 ? -4 + 25 * t : 36 + 55 * (t - 1.6));
        Assert.True(r.Matched >= r.MeasuredCount - 1 && r.MeasuredCount >= 14, r.Summary());
        Assert.True(r.Verdict is FingerprintVerdict.Match or FingerprintVerdict.Inconclusive, r.Summary());
        Assert.True(r.GenuinePpm > 100000, r.Summary());
        // With 24 fibres (denser, so closer neighbours) the alignment still loses at most two.
        var dense = Sheet(2, 24);
        var d = Match(dense, dense, t => t < 1.6 ? -4 + 25 * t : 36 + 55 * (t - 1.6));
        Assert.True(d.Matched >= d.MeasuredCount - 2, d.Summary());
    }

    [Fact]
    public void Run_SameSheetWithMissedAndExtraEvents_Match()
    {
        var sheet = Sheet(3, 20);
        var seen = sheet.Where((f, i) => i % 4 != 0).Concat(Sheet(99, 3)).OrderBy(f => f.Mm).ToArray();
        var r = Match(sheet, seen, Steady, Lenient());
        Assert.True(FingerprintVerdict.Match == r.Verdict, r.Summary());
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Run_OtherSheet_NeverMatch(int otherSeed)
    {
        var r = Match(Sheet(4), Sheet(otherSeed), Steady);
        Assert.True(r.Verdict is FingerprintVerdict.Mismatch or FingerprintVerdict.Inconclusive, r.Summary());
        Assert.NotEqual(0, r.Reasons & (FingerprintReason.FingerprintMismatch | FingerprintReason.ScoreInconclusive));
    }

    [Fact]
    public void Run_FibresBetweenTheRegisteredOnes_Mismatch()
    {
        // Registered 4 mm and 12 mm into each segment; the swept sheet has its fibres at 8 mm: 4 mm from both.
        var registered = Enumerable.Range(0, 6).SelectMany(k => new[] { (16.0 * k + 4, FibreColours.Blue), (16.0 * k + 12, FibreColours.Green) }).ToArray();
        var between = Enumerable.Range(0, 6).Select(k => (16.0 * k + 8, FibreColours.Blue)).ToArray();
        var r = Match(registered, between, Steady);
        Assert.True(FingerprintVerdict.Mismatch == r.Verdict, r.Summary());
        var same = Match(registered, registered, Steady, Lenient());
        Assert.True(FingerprintVerdict.Match == same.Verdict, same.Summary());
    }

    [Fact]
    public void Run_NoMarks_Unreadable()
    {
        var sheet = Sheet(5);
        var (trace, detail) = Sweep(sheet, Steady);
        for (int i = 0; i < trace.Count; i++) trace.Red[i] = 300 + i % 3;
        var r = new FingerprintResult();
        new FingerprintMatcher(FingerprintSettings.Default(), 256).Run(trace, detail, Register(sheet), r);
        Assert.Equal(FingerprintVerdict.Unreadable, r.Verdict);
        Assert.Equal(FingerprintReason.MarksNotFound, r.Reasons);
    }

    [Fact]
    public void Run_SweepCoveringOneSegment_TooLittleTrackCovered()
    {
        var sheet = Sheet(6, 12);
        var r = Match(sheet, sheet, t => -4 + 7 * t);      // 7 mm/s: marks 0 and 16 only
        Assert.True(FingerprintVerdict.Unreadable == r.Verdict, r.Summary());
        Assert.NotEqual(0, r.Reasons & FingerprintReason.TooLittleTrackCovered);
    }

    [Fact]
    public void Run_FastSweepMissingMarks_InfersWhichMarkEachIs()
    {
        // 120 mm/s: 5.4 mm between samples; mark 3 (48 mm) falls between two samples (its red removed here).
        var sheet = Sheet(8);
        Func<double, double> fast = t => -6 + 120 * t;
        var (trace, detail) = Sweep(sheet, fast);
        for (int i = 0; i < trace.Count; i++)
            if (Math.Abs(fast(trace.TimeMs[i] / 1000.0) - 48) < 3) trace.Red[i] = 300;
        var r = new FingerprintResult();
        new FingerprintMatcher(FingerprintSettings.Default(), 256).Run(trace, detail, Register(sheet), r);
        Assert.True(r.MarkCount >= 3 && r.MarkCount < Marks, r.Summary());
        for (int k = 0; k < r.MarkCount; k++)
            Assert.True(Math.Abs(16 * r.MarkIndex[k] - fast(r.MarkTimeMs[k] / 1000.0)) < 4, "mark " + k + " at " + r.MarkTimeMs[k] + " ms read as " + r.MarkIndex[k]);
        Assert.NotEqual(FingerprintVerdict.Mismatch, r.Verdict);
    }

    [Theory]
    [InlineData(35, 60)]    // the hand speeds up from 35 to ≈ 160 mm/s over the track: the first gap is 2–3× the last
    [InlineData(130, -20)]  // …or slows from 130 to ≈ 95 mm/s
    public void Run_FastSweepWithRamp_GapsOfTheRampNotReadAsMissedMarks(double startSpeed, double acceleration)
    {
        // Every mark the sampler meets is seen except mark 4 (its red removed): the ramp changes the gaps by far more
        // than 1.6×, yet only the gap over mark 4 is read as two pitches.
        var sheet = Sheet(12);
        Func<double, double> x = t => -6 + startSpeed * t + acceleration * t * t;
        var (trace, detail) = Sweep(sheet, x);
        for (int i = 0; i < trace.Count; i++)
            if (Math.Abs(x(trace.TimeMs[i] / 1000.0) - 64) < 3) trace.Red[i] = 300;
        var r = new FingerprintResult();
        new FingerprintMatcher(FingerprintSettings.Default(), 256).Run(trace, detail, Register(sheet), r);
        Assert.True(r.MarkCount >= 3, r.Summary());
        for (int k = 0; k < r.MarkCount; k++)
            Assert.True(Math.Abs(16 * r.MarkIndex[k] - x(r.MarkTimeMs[k] / 1000.0)) < 4, "mark " + k + " at " + r.MarkTimeMs[k] + " ms read as " + r.MarkIndex[k] + ": " + r.Summary());
        Assert.NotEqual(FingerprintVerdict.Mismatch, r.Verdict);
    }

    [Fact]
    public void Run_SlowSweepStartMarkUnseen_FirstMarkFoundIsMarkOne()
    {
        // 40 mm/s; the start mark's red is lost (daylight, noise): the lead of 22 mm before the first mark found
        // says it is mark 1, not the start mark.
        var sheet = Sheet(14);
        var (trace, detail) = Sweep(sheet, Steady);
        for (int i = 0; i < trace.Count; i++)
            if (Math.Abs(Steady(trace.TimeMs[i] / 1000.0)) < 3) trace.Red[i] = 300;
        var r = new FingerprintResult();
        new FingerprintMatcher(FingerprintSettings.Default(), 256).Run(trace, detail, Register(sheet), r);
        Assert.Equal(Marks - 1, r.MarkCount);
        for (int k = 0; k < r.MarkCount; k++) Assert.Equal(k + 1, r.MarkIndex[k]);
        Assert.NotEqual(FingerprintVerdict.Mismatch, r.Verdict);
    }

    [Fact]
    public void Run_FastSweepSlowerWhereAMarkWasMissed_GapNotReadAsMorePitchesThanTheTrackHas()
    {
        // 75 mm/s over the first 32 mm (mark 1 unseen), then 120 mm/s: the 0→2 gap is 3.2 one-pitch gaps of the
        // fast part, rounds to 3 and would put the last mark at 7; the over-read gap must give one back.
        var sheet = Sheet(10);
        Func<double, double> x = t => t < 38 / 75.0 ? -6 + 75 * t : 32 + 120 * (t - 38 / 75.0);
        var (trace, detail) = Sweep(sheet, x);
        for (int i = 0; i < trace.Count; i++)
            if (Math.Abs(x(trace.TimeMs[i] / 1000.0) - 16) < 3) trace.Red[i] = 300;
        var r = new FingerprintResult();
        new FingerprintMatcher(FingerprintSettings.Default(), 256).Run(trace, detail, Register(sheet), r);
        Assert.True(r.MarkCount >= 4, r.Summary());
        Assert.Equal(0, r.Reasons & FingerprintReason.TooManyMarks);
        Assert.Equal(2, r.MarkIndex[1]);
        for (int k = 0; k < r.MarkCount; k++)
            Assert.True(Math.Abs(16 * r.MarkIndex[k] - x(r.MarkTimeMs[k] / 1000.0)) < 4, "mark " + k + " at " + r.MarkTimeMs[k] + " ms read as " + r.MarkIndex[k]);
    }

    [Fact]
    public void Run_SlowSweepEndingInsideASegment_PlacesEventsPastTheLastMark()
    {
        // 12 mm/s for 2.94 s: marks 0 and 16 mm, then 13 mm more, placed at the last segment's speed.
        var sheet = Sheet(9, 20);
        var r = Match(sheet, sheet, t => -6 + 12 * t);
        Assert.Equal(2, r.MarkCount);
        Assert.True(r.PlacedUntilUnits >= 32 + 20, r.Summary());
        Assert.Contains(Enumerable.Range(0, r.MeasuredCount), i => r.MeasuredPosition[i] > 32 + 5 && r.MatchOf[i] >= 0);
        Assert.NotEqual(FingerprintVerdict.Mismatch, r.Verdict);
    }

    [Fact]
    public void Run_OtherSheetWellCovered_MismatchOrInconclusiveNeverMatchAcrossSeeds()
    {
        // Twenty unrelated sheets: the chance tail is an upper bound, so none may reach the 0.1 % of a match.
        for (int seed = 20; seed < 40; seed++)
        {
            var r = Match(Sheet(4), Sheet(seed), Steady);
            Assert.True(r.Verdict != FingerprintVerdict.Match, r.Summary());
            Assert.True(r.ChancePpb > FingerprintSettings.Default().MatchChancePerBillion, r.Summary());
        }
    }

    [Fact]
    public void Run_NothingRegistered_NotChecked()
    {
        var (trace, detail) = Sweep(Sheet(7), Steady);
        var r = new FingerprintResult();
        new FingerprintMatcher(FingerprintSettings.Default(), 256).Run(trace, detail, new RegisteredFibres(), r);
        Assert.Equal(FingerprintVerdict.NotChecked, r.Verdict);
    }
}
