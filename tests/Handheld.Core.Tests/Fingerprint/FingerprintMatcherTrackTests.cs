using Handheld.Core.Fingerprint;
using Handheld.Core.Fluorescence;

namespace Handheld.Core.Tests.Fingerprint;

/// <summary>The matcher in track mode (<see cref="TrackEvents"/> from a track sweep): same decision rules, the
/// positions of the dense trace.</summary>
public class FingerprintMatcherTrackTests
{
    private const int Pitch = TrackSheet.Pitch;
    private const int Marks = TrackSheet.Marks;

    private static (double Mm, int Colour)[] Sheet(int seed, int count) => TrackSheet.Fibres(seed, count, 1.5);

    private static RegisteredFibres Register((double Mm, int Colour)[] fibres) => TrackSheet.Register(fibres);

    /// <summary>A track sweep at <paramref name="mmPerS"/> from 6 mm before the start mark with a ±20 % speed
    /// wobble: mark and crossing times exact (the extraction's job is tested in TrackExtractorTests), each crossing
    /// time off by up to <paramref name="jitterMs"/>.</summary>
    internal static TrackEvents Events((double Mm, int Colour)[] fibres, double mmPerS, double jitterMs, int seed)
    {
        var rng = new Random(seed);
        double X(double ms) { double t = ms / 1000; return -6 + mmPerS * (t + 0.2 / 8 * (1 - Math.Cos(8 * t))); }
        double TimeAt(double mm) { double lo = 0, hi = 2940; for (int i = 0; i < 40; i++) { double m = (lo + hi) / 2; if (X(m) < mm) lo = m; else hi = m; } return lo; }
        var e = new TrackEvents { Samples = 240, SamplePeriodMs = 12, EndMs = 2934 };
        for (int k = 0; k < Marks && X(2934) > 16 * k; k++)
        {
            int tm = (int)TimeAt(16 * k);
            e.MarkTimeMs[e.MarkCount] = tm; e.MarkStartMs[e.MarkCount] = tm - 30; e.MarkEndMs[e.MarkCount] = tm + 30;
            e.MarkCount++;
        }
        foreach (var f in fibres)
        {
            if (X(2934) < f.Mm) continue;
            int i = e.EventCount++;
            e.EventTimeMs[i] = (int)(TimeAt(f.Mm) + jitterMs * (2 * rng.NextDouble() - 1));
            e.EventStartMs[i] = e.EventTimeMs[i] - 20; e.EventEndMs[i] = e.EventTimeMs[i] + 20;
            e.EventColour[i] = f.Colour;
            e.EventPeak[i] = 2000;
        }
        return e;
    }

    private static FingerprintResult Match((double, int)[] registered, TrackEvents e)
    {
        var r = new FingerprintResult();
        new FingerprintMatcher(FingerprintSettings.Default(), 320).Run(e, Register(registered), r);
        return r;
    }

    /// <summary>One track of 16 fibres swept with sub-sample positions: strong evidence, never a mismatch. Whether it
    /// reaches 10⁻⁶ alone depends on how close the pairs are (the closeness score; layout 2 combines tracks,
    /// FingerprintMatcherTracksTests).</summary>
    [Theory]
    [InlineData(40)]
    [InlineData(80)]
    [InlineData(120)]
    public void Run_SheetSweptWithSubSamplePositions_ChanceBelowTenPerMillion(double speed)
    {
        var sheet = Sheet(3, 16);
        var r = Match(sheet, Events(sheet, speed, 3, 1));
        Assert.True(r.Verdict == FingerprintVerdict.Match || r.Verdict == FingerprintVerdict.Inconclusive, r.Summary());
        Assert.True(r.ChancePpb <= 10000, r.Summary());
        Assert.True(r.Matched >= 15, r.Summary());
    }

    /// <summary>A sweep that saw four crossings where 16 are registered failed to see the fibres (a fluorescent table,
    /// faded fibres): no proof of another sheet, so not a mismatch — the same sweep is one when the guard is off.</summary>
    [Fact]
    public void Run_FarFewerMeasuredThanRegistered_NotMismatch()
    {
        var registered = Sheet(3, 16);
        // Four crossings, each farther than 2 mm (beyond any tolerance) from every registered event, away from the marks.
        var few = new List<(double Mm, int Colour)>();
        for (double mm = 4; mm < 92 && few.Count < 4; mm += 0.5)
        {
            double inPitch = mm % 16;
            if (inPitch < 4 || inPitch > 12 || registered.Any(f => Math.Abs(f.Mm - mm) < 2) || few.Any(f => Math.Abs(f.Mm - mm) < 4)) continue;
            few.Add((mm, FibreColours.Blue));
        }
        Assert.Equal(4, few.Count);
        var e = Events(few.ToArray(), 40, 3, 1);
        var r = Match(registered, e);
        Assert.True(r.Verdict != FingerprintVerdict.Mismatch && r.Verdict != FingerprintVerdict.Match, r.Summary());
        var off = FingerprintSettings.Default();
        off.MismatchMinMeasuredPermille = 0;
        var without = new FingerprintResult();
        new FingerprintMatcher(off, 320).Run(e, Register(registered), without);
        Assert.True(without.Verdict == FingerprintVerdict.Mismatch, without.Summary());
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    public void Run_BlankOfTheSamePaper_NeverMatch(int otherSeed)
    {
        var registered = Sheet(3, 16);
        var r = Match(registered, Events(Sheet(otherSeed, 16), 40, 3, 1));
        Assert.True(r.Verdict != FingerprintVerdict.Match, r.Summary());
    }

    [Fact]
    public void Run_UnusableTrackSweep_UnreadableSweepUnusable()
    {
        var e = new TrackEvents { Unusable = true };
        var r = Match(Sheet(3, 16), e);
        Assert.Equal(FingerprintVerdict.Unreadable, r.Verdict);
        Assert.Equal(FingerprintReason.SweepUnusable, r.Reasons);
    }

    [Fact]
    public void Run_SlowSweepCoversAThirdOfTheTrack_Unreadable()
    {
        var sheet = Sheet(3, 16);
        var r = Match(sheet, Events(sheet, 12, 3, 1));
        Assert.Equal(FingerprintVerdict.Unreadable, r.Verdict);
        Assert.NotEqual(0, r.Reasons & FingerprintReason.TooLittleTrackCovered);
    }
}
