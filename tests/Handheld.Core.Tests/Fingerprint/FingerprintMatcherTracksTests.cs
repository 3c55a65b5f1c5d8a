using Handheld.Core.Fingerprint;
using Handheld.Core.Fluorescence;

namespace Handheld.Core.Tests.Fingerprint;

/// <summary>Layout 2: the sweeps of several tracks of one sheet decided together (one matcher, one tail over all
/// their measured events, the chance multiplied by the layout's track count).</summary>
public class FingerprintMatcherTracksTests
{
    private const int Tracks = 4;

    /// <summary>Four tracks of 9 fibres each (the corpus' registrations carry ≈ 9 per track), each track its own seed.</summary>
    private static (double Mm, int Colour)[][] Sheet(int seed)
    {
        var tracks = new (double, int)[Tracks][];
        for (int t = 0; t < Tracks; t++) tracks[t] = TrackSheet.Fibres(seed * 10 + t, 9, 3);
        return tracks;
    }

    private static RegisteredFibres Register((double Mm, int Colour)[][] sheet)
    {
        var r = new RegisteredFibres { MarkPitchUnits = TrackSheet.Pitch, MarkCount = TrackSheet.Marks, TrackCount = sheet.Length };
        for (int t = 0; t < sheet.Length; t++)
            foreach (var f in sheet[t]) Assert.True(r.AddOnTrack(t, (int)Math.Round(f.Mm * 2), f.Colour, 1));
        return r;
    }

    private static TrackEvents Sweep((double Mm, int Colour)[] track, int seed) => FingerprintMatcherTrackTests.Events(track, 40, 3, seed);

    /// <summary>A matcher at the start of an inspection.</summary>
    private static FingerprintMatcher Fresh()
    {
        var matcher = new FingerprintMatcher(FingerprintSettings.Default(), 320);
        matcher.Reset();
        return matcher;
    }

    [Fact]
    public void Run_GenuineSheet_UndecidedAfterOneTrack_MatchOnceTracksCombine()
    {
        var sheet = Sheet(1);
        var registered = Register(sheet);
        var matcher = Fresh();
        var r = new FingerprintResult();
        matcher.Run(Sweep(sheet[0], 1), registered, 0, r);
        Assert.True(r.Verdict == FingerprintVerdict.Inconclusive, r.Summary());
        Assert.Equal(1, r.NextTrack);
        Assert.Equal(1, matcher.TracksCombined);
        long firstChance = r.ChancePpb;
        int track = 1;
        while (r.Verdict != FingerprintVerdict.Match && r.NextTrack >= 0)
        {
            matcher.Run(Sweep(sheet[track], track + 1), registered, track, r);
            Assert.Equal(track, r.TracksCombined);
            Assert.True(r.ChancePpb < firstChance, r.Summary());
            track++;
        }
        Assert.True(r.Verdict == FingerprintVerdict.Match, r.Summary());
        Assert.True(track >= 2, "one track alone must not have decided: " + r.Summary());
        Assert.Equal(-1, r.NextTrack);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Run_BlankOfTheSamePaper_AllTracks_NeverMatch(int otherSeed)
    {
        var registered = Register(Sheet(1));
        var blank = Sheet(otherSeed);
        var matcher = Fresh();
        var r = new FingerprintResult();
        int track = 0;
        do
        {
            matcher.Run(Sweep(blank[track], track + 1), registered, track, r);
            Assert.True(r.Verdict != FingerprintVerdict.Match, "track " + track + ": " + r.Summary());
            track = r.NextTrack;
        } while (track >= 0);
    }

    [Fact]
    public void Run_ChanceCarriesTheTrackCount()
    {
        var sheet = Sheet(1);
        var layout2 = Register(sheet);
        var layout1 = TrackSheet.Register(sheet[0]);
        var r2 = new FingerprintResult();
        var r1 = new FingerprintResult();
        new FingerprintMatcher(FingerprintSettings.Default(), 320).Run(Sweep(sheet[0], 1), layout2, r2);
        new FingerprintMatcher(FingerprintSettings.Default(), 320).Run(Sweep(sheet[0], 1), layout1, r1);
        Assert.Equal(r1.Matched, r2.Matched);
        Assert.InRange(r2.ChancePpb, 4L * r1.ChancePpb - 4, 4L * r1.ChancePpb + 4);
    }

    [Fact]
    public void Run_UnusableSweep_AddsNoEvidence_SameTrackAgainThenTheNext()
    {
        var sheet = Sheet(1);
        var registered = Register(sheet);
        var matcher = Fresh();
        var r = new FingerprintResult();
        matcher.Run(Sweep(sheet[0], 1), registered, 0, r);
        for (int attempt = 1; attempt <= FingerprintSettings.Default().MaxAttemptsPerTrack; attempt++)
        {
            matcher.Run(new TrackEvents { Unusable = true }, registered, 1, r);
            Assert.Equal(FingerprintVerdict.Unreadable, r.Verdict);
            Assert.Equal(FingerprintReason.SweepUnusable, r.Reasons);
            Assert.Equal(attempt < FingerprintSettings.Default().MaxAttemptsPerTrack ? 1 : 2, r.NextTrack);
            Assert.Equal(1, matcher.TracksCombined);
        }
    }

    /// <summary>A sweep that stops short of the track's last mark (too slow) is not compared, whatever it holds: the
    /// same track is swept again, so each track is tested once, on a sweep of the whole track.</summary>
    [Fact]
    public void Run_SweepShortOfTheTrack_NotCompared_SameTrackAgain()
    {
        var sheet = Sheet(1);
        var registered = Register(sheet);
        var matcher = Fresh();
        var r = new FingerprintResult();
        matcher.Run(FingerprintMatcherTrackTests.Events(sheet[0], 20, 3, 1), registered, 0, r);   // 20 mm/s: 52 mm of 96
        Assert.Equal(FingerprintVerdict.Unreadable, r.Verdict);
        Assert.True((r.Reasons & FingerprintReason.SweepTooShort) != 0, r.Summary());
        Assert.Equal(0, r.NextTrack);
        Assert.Equal(0, matcher.TracksCombined);
        matcher.Run(Sweep(sheet[0], 2), registered, 0, r);                                       // 40 mm/s: the whole track
        Assert.True((r.Reasons & FingerprintReason.SweepTooShort) == 0, r.Summary());
        Assert.Equal(1, r.NextTrack);
        Assert.Equal(1, matcher.TracksCombined);
    }

    [Fact]
    public void Run_TrackOutsideTheLayout_UnreadableAndNothingNext()
    {
        var sheet = Sheet(1);
        var r = new FingerprintResult();
        new FingerprintMatcher(FingerprintSettings.Default(), 320).Run(Sweep(sheet[0], 1), Register(sheet), Tracks, r);
        Assert.Equal(FingerprintVerdict.Unreadable, r.Verdict);
        Assert.Equal(FingerprintReason.SweepUnusable, r.Reasons);
        Assert.Equal(-1, r.NextTrack);
    }

    [Fact]
    public void Reset_ForgetsEarlierTracks()
    {
        var sheet = Sheet(1);
        var registered = Register(sheet);
        var carried = Fresh();
        var r = new FingerprintResult();
        carried.Run(Sweep(sheet[0], 1), registered, 0, r);
        carried.Reset();
        carried.Run(Sweep(sheet[1], 2), registered, 1, r);
        var fresh = new FingerprintResult();
        var alone = Fresh();
        alone.Run(Sweep(sheet[1], 2), registered, 1, fresh);
        Assert.Equal(0, r.TracksCombined);
        Assert.Equal(fresh.ChancePpb, r.ChancePpb);
        Assert.Equal(fresh.Verdict, r.Verdict);
    }
}
