using Handheld.Core.Fingerprint;
using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;

namespace Handheld.Core.Tests.Inspection;

public class FluorescenceProfileAnalysisTests
{
    private const int Profile = FibreColours.Blue | FibreColours.Green | ProfileBits.UvDullPaper;

    private static SweepTrace Trace(int blue, int green, bool withFibres)
    {
        var t = new SweepTrace(80);
        for (int i = 0; i < 60; i++)
        {
            int b = blue + (i % 3) * 50, g = green + (i % 2) * 50;
            if (withFibres)
            {
                int phase = i % 15;
                if (phase is 5 or 6) { b += 6000; g += 1200; }      // blue fibre passing the window
                if (phase is 11 or 12) { g += 6000; b += 1200; }    // green fibre
            }
            t.Add(i * 50, b, g, 300, b + g, 2000, 0);
        }
        return t;
    }

    private static PhysicalResult Analyse(SweepTrace trace, int profile = Profile)
    {
        var a = new FluorescenceProfileAnalysis(new PhysicalCheck(PhysicalCheckSettings.ForTcs34725(), 128));
        var r = new PhysicalResult();
        a.Analyse(trace, profile, r);
        return r;
    }

    [Fact]
    public void Analyse_DullPaperWithBlueAndGreenFibres_Consistent()
    {
        // UV-dull paper at the TCS34725 levels of PhysicalCheckSettings (background blue ≤ DullMaxBlue 3000 cps16).
        var r = Analyse(Trace(600, 450, true));
        Assert.Equal(PhysicalFinding.Consistent, r.Finding);
        Assert.True(r.FibresBlue >= 2 && r.FibresGreen >= 2, $"fibres b/g {r.FibresBlue}/{r.FibresGreen}");
    }

    [Fact]
    public void Analyse_BrightenedOfficePaper_Inconsistent()
    {
        var r = Analyse(Trace(200000, 80000, false));
        Assert.Equal(PhysicalFinding.Inconsistent, r.Finding);
        Assert.NotEqual(0, r.DetailCode & PhysicalReason.FalseLuminescence);
    }

    [Fact]
    public void Analyse_EmptyTrace_NotConsistent()
    {
        var r = Analyse(new SweepTrace(4));
        Assert.Equal(PhysicalFinding.Inconclusive, r.Finding);
    }

    [Fact]
    public void Analyse_SpectrumWithoutDeclaredSpectra_FailsClosed()
    {
        // The same consistent sweep, on a device that reads spectra but whose trust data declares none.
        var a = new FluorescenceProfileAnalysis(new PhysicalCheck(PhysicalCheckSettings.ForTcs34725(), 128));
        var spectral = new SpectralTrace(80);
        for (int i = 0; i < 60; i++) spectral.Add(SpectrumSampling.HalfFor(i), 100, 100, 10, 10);
        a.UseSpectrum(new SpectrumCheck(new SpectrumSettings(), 128), spectral, new DeclaredSpectra());
        var r = new PhysicalResult();
        a.Analyse(Trace(600, 450, true), Profile, r);
        Assert.Equal(PhysicalFinding.Inconclusive, r.Finding);
        Assert.NotEqual(0, r.DetailCode & PhysicalReason.SpectraNotDeclared);
        Assert.Equal(SpectrumResult.StatusNotDeclared, a.Spectrum.Status);
    }

    [Fact]
    public void Analyse_WithoutSpectrum_CheckNotAvailable()
    {
        var a = new FluorescenceProfileAnalysis(new PhysicalCheck(PhysicalCheckSettings.ForTcs34725(), 128));
        var r = new PhysicalResult();
        a.Analyse(Trace(600, 450, true), Profile, r);
        Assert.Equal(PhysicalFinding.Consistent, r.Finding);
        Assert.Equal(SpectrumResult.StatusNotAvailable, a.Spectrum.Status);
    }
}

public class FluorescenceProfileAnalysisFingerprintTests
{
    private const int Profile = FibreColours.Blue | FibreColours.Green | ProfileBits.UvDullPaper;

    /// <summary>UV-dull sheet swept at 40 mm/s (50 ms samples = 2 mm): a red track mark every 8 samples from
    /// sample 2, and in each 16 mm segment a blue fibre (samples +2, +3: 10 units) and a green one (+5, +6: 22 units).</summary>
    internal static SweepTrace TrackTrace()
    {
        var t = new SweepTrace(80);
        for (int i = 0; i < 60; i++)
        {
            int b = 600 + (i % 3) * 50, g = 450 + (i % 2) * 50, red = 300;
            int phase = (i - 2) % 8;
            if (i >= 2 && phase == 0 && i <= 50) red += 6000;
            if (i >= 2 && i < 50 && (phase is 2 or 3)) { b += 6000; g += 1200; }
            if (i >= 2 && i < 50 && (phase is 5 or 6)) { g += 6000; b += 1200; }
            t.Add(i * 50, b, g, red, b + g, 2000, 0);
        }
        return t;
    }

    /// <param name="otherSheet">Fibres midway between the sheet's (16 units: 3 mm from both, beyond the tolerance).</param>
    private static RegisteredFibres Registered(bool otherSheet)
    {
        var r = new RegisteredFibres { MarkPitchUnits = 32, MarkCount = 7 };
        for (int s = 0; s < 6; s++)
        {
            // Strong events (each seen by a genuine sweep with 60 %): none of six seen is ≤ 0.5 % for the registered sheet.
            if (otherSheet) { r.Add(s * 32 + 16, FibreColours.Blue, 2); continue; }
            r.Add(s * 32 + 10, FibreColours.Blue, 1);
            r.Add(s * 32 + 22, FibreColours.Green, 1);
        }
        return r;
    }

    /// <summary>Twelve registered events, all paired, stay above the default 10⁻⁶ by chance: the Match
    /// path is tested with a 10⁻⁴ bound (FingerprintMatcherTests covers the bound itself).</summary>
    private static FingerprintSettings Lenient()
    {
        var s = FingerprintSettings.Default();
        s.MatchChancePerBillion = 100000;
        return s;
    }

    private static (PhysicalResult, FluorescenceProfileAnalysis) Analyse(RegisteredFibres registered, bool withMatcher = true)
    {
        var check = new PhysicalCheck(PhysicalCheckSettings.ForTcs34725(), 128);
        var a = withMatcher ? new FluorescenceProfileAnalysis(check, new FingerprintMatcher(Lenient(), 128))
            : new FluorescenceProfileAnalysis(check);
        var r = new PhysicalResult { Registered = registered };
        a.Analyse(TrackTrace(), Profile, r);
        return (r, a);
    }

    [Fact]
    public void Analyse_RegisteredFibresOnTheSheet_ConsistentAndMatch()
    {
        var (r, a) = Analyse(Registered(false));
        Assert.True(FingerprintVerdict.Match == r.Fingerprint, a.Fingerprint.Summary() + " / " + a.Detail.Summary());
        Assert.Equal(PhysicalFinding.Consistent, r.Finding);
        Assert.Equal(0, r.Reasons & (VerdictReason.FingerprintMismatch | VerdictReason.FingerprintUnreadable));
    }

    [Fact]
    public void Analyse_FibresLookRightButDoNotMatch_InconsistentWithFingerprintMismatch()
    {
        var (r, a) = Analyse(Registered(true));
        Assert.True(FingerprintVerdict.Mismatch == r.Fingerprint, a.Fingerprint.Summary());
        Assert.Equal(PhysicalFinding.Inconsistent, r.Finding);
        Assert.NotEqual(0, r.Reasons & VerdictReason.FingerprintMismatch);
        Assert.NotEqual(Outcome.Genuine, Verdict.Decide(VerdictReason.PaperInconsistent | r.Reasons, true));
    }

    [Fact]
    public void Analyse_FingerprintWithoutMatcher_NeverConsistent()
    {
        var (r, _) = Analyse(Registered(false), withMatcher: false);
        Assert.Equal(PhysicalFinding.Inconclusive, r.Finding);
        Assert.NotEqual(0, r.Reasons & VerdictReason.FingerprintUnreadable);
    }

    [Fact]
    public void Analyse_NoFingerprint_ProfileCheckAlone()
    {
        var (r, _) = Analyse(new RegisteredFibres());
        Assert.Equal(PhysicalFinding.Consistent, r.Finding);
        Assert.Equal(FingerprintVerdict.NotChecked, r.Fingerprint);
    }
}

/// <summary>Track mode: with a fingerprint the inspection needs the physical sweep and the track sweep.</summary>
public class FluorescenceProfileAnalysisTrackTests
{
    private const int Profile = FibreColours.Blue | FibreColours.Green | ProfileBits.UvDullPaper;

    /// <summary>The physical sweep of FluorescenceProfileAnalysisFingerprintTests (consistent paper and fibres).</summary>
    private static SweepTrace PhysicalTrace() => FluorescenceProfileAnalysisFingerprintTests.TrackTrace();

    /// <summary>Two fibres per segment at 5.5 mm and 11 mm, twelve in all (0.5 mm units).</summary>
    private static RegisteredFibres Registered(int shiftUnits = 0)
    {
        var r = new RegisteredFibres { MarkPitchUnits = 32, MarkCount = 7 };
        for (int s = 0; s < 6; s++)
        {
            r.Add(s * 32 + 11 + shiftUnits, FibreColours.Blue, 1);
            r.Add(s * 32 + 22 + shiftUnits, FibreColours.Green, 1);
        }
        return r;
    }

    /// <summary>A track sweep at 40 mm/s from 6 mm before the start mark, 12 ms samples, crossings at the registered positions.</summary>
    private static SweepTrace TrackTrace()
    {
        var t = new SweepTrace(320);
        for (int i = 0; i < 240; i++)
        {
            int ms = i * 12 + 6;
            double x = 0.04 * ms - 6;
            double mark = 0, blue = 0, green = 0;
            for (int k = 0; k < 7; k++) mark += Math.Exp(-0.5 * Math.Pow((x - 16 * k) / 1.0, 2));
            for (int s = 0; s < 6; s++)
            {
                blue += Math.Exp(-0.5 * Math.Pow((x - (s * 16 + 5.5)) / 0.8, 2));
                green += Math.Exp(-0.5 * Math.Pow((x - (s * 16 + 11)) / 0.8, 2));
            }
            t.Add(ms, (int)(600 + 2000 * blue + 400 * green) + i % 3 * 20, (int)(600 + 2000 * green + 500 * blue + 800 * mark) + i % 2 * 20,
                (int)(300 + 8000 * mark) + i % 3 * 15, 2000, 0, 0);
        }
        return t;
    }

    private static (PhysicalResult, FluorescenceProfileAnalysis) Analyse(RegisteredFibres registered, bool trackSweep)
    {
        var a = new FluorescenceProfileAnalysis(new PhysicalCheck(PhysicalCheckSettings.ForTcs34725(), 128),
            new FingerprintMatcher(FingerprintSettings.Default(), 320));
        a.UseTrackSweep(new TrackExtractor(TrackExtractorSettings.For(Handheld.Core.Drivers.SensorKind.Tcs34725), 320));
        if (trackSweep) a.CompareTrackSweep(TrackTrace(), SamplerFault.None, registered, 0, firstOfInspection: true);
        var r = new PhysicalResult { Registered = registered };
        a.Analyse(PhysicalTrace(), Profile, r);
        return (r, a);
    }

    [Fact]
    public void Analyse_TrackSweepOfTheRegisteredSheet_ConsistentAndMatchAtTheDefaultBound()
    {
        var (r, a) = Analyse(Registered(), trackSweep: true);
        Assert.True(FingerprintVerdict.Match == r.Fingerprint, a.Fingerprint.Summary());
        Assert.Equal(PhysicalFinding.Consistent, r.Finding);
    }

    [Fact]
    public void Analyse_FingerprintWithoutTrackSweep_UnreadableNeverConsistent()
    {
        var (r, a) = Analyse(Registered(), trackSweep: false);
        Assert.Equal(FingerprintVerdict.Unreadable, r.Fingerprint);
        Assert.Equal(FingerprintReason.SweepUnusable, a.Fingerprint.Reasons);
        Assert.Equal(PhysicalFinding.Inconclusive, r.Finding);
        Assert.NotEqual(0, r.Reasons & VerdictReason.FingerprintUnreadable);
    }

    [Fact]
    public void Analyse_TrackSweepOfAnotherSheet_NotConsistent()
    {
        var (r, a) = Analyse(Registered(shiftUnits: 6), trackSweep: true);   // every fibre 3 mm away
        Assert.NotEqual(FingerprintVerdict.Match, r.Fingerprint);
        Assert.NotEqual(PhysicalFinding.Consistent, r.Finding);
    }

    [Fact]
    public void Analyse_TrackSweepFaulted_Unreadable()
    {
        var a = new FluorescenceProfileAnalysis(new PhysicalCheck(PhysicalCheckSettings.ForTcs34725(), 128),
            new FingerprintMatcher(FingerprintSettings.Default(), 320));
        a.UseTrackSweep(new TrackExtractor(null!, 320));
        var registered = Registered();
        a.CompareTrackSweep(TrackTrace(), SamplerFault.BusError, registered, 0, firstOfInspection: true);
        var r = new PhysicalResult { Registered = registered };
        a.Analyse(PhysicalTrace(), Profile, r);
        Assert.Equal(FingerprintVerdict.Unreadable, r.Fingerprint);
        Assert.NotEqual(PhysicalFinding.Consistent, r.Finding);
    }
}
