using Handheld.Core.Fluorescence;

namespace Handheld.Core.Tests.Fluorescence;

/// <summary>Paper class from the local level and the background's spectrum (issue 17, cause 2).</summary>
public class PaperClassTests
{
    private const int Both = FibreColours.Blue | FibreColours.Green;

    private static SweepTrace Trace(int samples, Func<int, (int Blue, int Green)> level)
    {
        var t = new SweepTrace(128);
        uint state = 99;
        for (int i = 0; i < samples; i++)
        {
            state = state * 1103515245 + 12345;
            int n = (int)((state >> 16) % 41) - 20;
            var (b, g) = level(i);
            t.Add(i * 45, b + n, g - n, g / 2, b + g, 100, 0, 30, 30);
        }
        return t;
    }

    private static void Fibres(SweepTrace t)
    {
        foreach (int i in new[] { 8, 30, 52 }) { t.Blue[i] += 1600; t.Green[i] += 600; t.Blue[i + 1] += 800; t.Green[i + 1] += 300; }
        foreach (int i in new[] { 17, 41, 60 }) { t.Blue[i] += 1200; t.Green[i] += 2400; t.Blue[i + 1] += 600; t.Green[i + 1] += 1200; }
    }

    private static PhysicalCheckResult Run(SweepTrace t)
    {
        var r = new PhysicalCheckResult();
        new PhysicalCheck(PhysicalCheckSettings.ForTcs34725(), 128).Run(t, Both, true, r);
        return r;
    }

    [Fact]
    public void Run_BrightenerUnderFullCoat_BlueDominatedBackgroundIsBrightened()
    {
        // Level as dull paper would allow (blue 2,000 ≤ 3,000) but blue/green 3.6: brightener through a coat.
        var t = Trace(66, _ => (2000, 550));
        Fibres(t);
        var r = Run(t);
        Assert.Equal(PaperClass.Brightened, r.Paper);
        Assert.Equal(PhysicalVerdict.Inconsistent, r.Verdict);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.BrightenerUnderCover);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.UvDullPaperExpected);
    }

    [Fact]
    public void Run_BareBrightenerBetweenCoatedPatches_Brightened()
    {
        // 60 % of the sweep under an absorbing coat (dull level), a 12-sample bare stretch in the middle.
        var t = Trace(66, i => i >= 30 && i < 42 ? (12000, 3000) : (600, 450));
        Fibres(t);
        var r = Run(t);
        Assert.Equal(PaperClass.Brightened, r.Paper);
        Assert.Equal(PhysicalVerdict.Inconsistent, r.Verdict);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.BrightenerUnderCover);
    }

    [Fact]
    public void Run_WhiteDeskBeforeTheSheet_TrimmedAsOffSheet()
    {
        var t = Trace(66, i => i < 10 ? (9000, 2500) : (600, 450));
        Fibres(t);
        var r = Run(t);
        Assert.Equal(PaperClass.UvDull, r.Paper);
        Assert.Equal(PhysicalVerdict.Consistent, r.Verdict);
        Assert.InRange(r.OffSheetSamples, 10, 12);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.OffSheetTrimmed);
    }

    [Fact]
    public void Run_BrightenedSheetThroughout_NotTrimmedAway()
    {
        var t = Trace(66, _ => (12000, 3000));
        var r = Run(t);
        Assert.Equal(0, r.OffSheetSamples);
        Assert.Equal(PaperClass.Brightened, r.Paper);
        Assert.Equal(PhysicalVerdict.Inconsistent, r.Verdict);
    }

    [Fact]
    public void Run_LevelVariesMoreThanPrintExplains_NotUvDull()
    {
        // Dull-level patches 10× apart (an absorbing coat over part of a dull-but-bright paper): not proven UV-dull.
        var t = Trace(66, i => i >= 20 && i < 36 ? (2900, 2400) : (250, 210));
        Fibres(t);
        var r = Run(t);
        Assert.Equal(PaperClass.Unknown, r.Paper);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.PaperVaries);
        Assert.NotEqual(PhysicalVerdict.Consistent, r.Verdict);
    }
}

/// <summary>A missing colour is evidence only after enough events of the others (issue 17, cause 4).</summary>
public class MissingColourBoundTests
{
    private static SweepTrace BlueOnly(int events)
    {
        var t = new SweepTrace(128);
        uint state = 7;
        for (int i = 0; i < 66; i++)
        {
            state = state * 1103515245 + 12345;
            int n = (int)((state >> 16) % 41) - 20;
            t.Add(i * 45, 600 + n, 450 - n, 225, 1050, 100, 0, 30, 30);
        }
        for (int e = 0; e < events; e++) { int i = 4 + e * 10; t.Blue[i] += 1600; t.Green[i] += 600; t.Blue[i + 1] += 800; t.Green[i + 1] += 300; }
        return t;
    }

    [Theory]
    [InlineData(3, PhysicalVerdict.Inconclusive)]
    [InlineData(4, PhysicalVerdict.Inconclusive)]
    [InlineData(5, PhysicalVerdict.Inconsistent)]
    [InlineData(6, PhysicalVerdict.Inconsistent)]
    public void Run_OnlyBlueEvents_GreenMissingIsEvidenceFromTheBound(int events, PhysicalVerdict expected)
    {
        var r = new PhysicalCheckResult();
        new PhysicalCheck(PhysicalCheckSettings.ForTcs34725(), 128).Run(BlueOnly(events), FibreColours.Blue | FibreColours.Green, true, r);
        Assert.Equal(events, r.BlueEvents);
        Assert.Equal(expected, r.Verdict);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.GreenFibresMissing);
        Assert.Equal(events < PhysicalCheckSettings.ForTcs34725().MinEventsForAbsence, (r.Reasons & PhysicalReason.TooFewForAbsence) != 0);
    }
}

/// <summary>Isolated flagged samples are dropped like transients (issue 17, cause 5).</summary>
public class IsolatedFlagTests
{
    private static SweepTrace Genuine()
    {
        var t = new SweepTrace(128);
        uint state = 5;
        for (int i = 0; i < 66; i++)
        {
            state = state * 1103515245 + 12345;
            int n = (int)((state >> 16) % 41) - 20;
            t.Add(i * 45, 600 + n, 450 - n, 225, 1050, 100, 0, 30, 30);
        }
        foreach (int i in new[] { 8, 30, 52 }) { t.Blue[i] += 1600; t.Green[i] += 600; t.Blue[i + 1] += 800; t.Green[i + 1] += 300; }
        foreach (int i in new[] { 17, 41, 60 }) { t.Blue[i] += 1200; t.Green[i] += 2400; t.Blue[i + 1] += 600; t.Green[i + 1] += 1200; }
        return t;
    }

    private static PhysicalCheckResult Run(SweepTrace t, bool isolatedAmbientHighIsLocal = false)
    {
        var r = new PhysicalCheckResult();
        var settings = PhysicalCheckSettings.ForTcs34725();
        settings.IsolatedAmbientHighIsLocal = isolatedAmbientHighIsLocal;
        new PhysicalCheck(settings, 128).Run(t, FibreColours.Blue | FibreColours.Green, true, r);
        return r;
    }

    // A lift-off under window light: the UV-off reading hits full scale (saturated and ambient-high).
    private const byte LiftOff = SweepTrace.FlagSaturated | SweepTrace.FlagAmbientHigh;

    [Theory]
    [InlineData(true, PhysicalVerdict.Consistent)]
    [InlineData(false, PhysicalVerdict.Inconclusive)]
    public void Run_OneAmbientHighSample_IsolatedOnlyWhereTheSettingsSaySo(bool local, PhysicalVerdict expected)
    {
        var t = Genuine();
        t.Flags[25] = LiftOff;
        var r = Run(t, local);
        Assert.Equal(expected, r.Verdict);
        Assert.Equal(local ? 1 : 0, r.IsolatedFlaggedSamples);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.AmbientTooHigh);
    }

    [Fact]
    public void Run_RunOfThreeAmbientHighSamples_StillForbidsConsistentWhereIsolatedOnesAreLocal()
    {
        var t = Genuine();
        t.Flags[24] = t.Flags[25] = t.Flags[26] = LiftOff;
        var r = Run(t, true);
        Assert.Equal(0, r.IsolatedFlaggedSamples);
        Assert.Equal(PhysicalVerdict.Inconclusive, r.Verdict);
    }

    [Fact]
    public void Run_SeveralIsolatedLiftOffs_TheirDroppedNeighboursDoNotCountAsFlagged()
    {
        // Five isolated lift-offs (AS7341 under window light): 5 flagged samples (7.6 %) and 10 neighbours dropped
        // as a precaution. The 15 % limit is about flagged readings; counting the neighbours too (22.7 %) made
        // genuine harsh-unsteady sweeps Inconclusive with 47 clean samples left.
        var t = Genuine();
        foreach (int i in new[] { 3, 13, 24, 36, 47 }) t.Flags[i] = LiftOff;
        var r = Run(t, true);
        Assert.Equal(5, r.IsolatedFlaggedSamples);
        Assert.Equal(51, r.ValidSamples);
        Assert.Equal(PhysicalVerdict.Consistent, r.Verdict);

        // Eleven flagged samples (16.7 %) are too many, isolated or not.
        var many = Genuine();
        foreach (int i in new[] { 1, 3, 5, 11, 13, 15, 22, 24, 26, 34, 36 }) many.Flags[i] = LiftOff;
        Assert.Equal(PhysicalVerdict.Inconclusive, Run(many, true).Verdict);
    }

    [Fact]
    public void Run_OneSensorFaultSample_NeverIsolatedEvenWhereAmbientHighIs()
    {
        var t = Genuine();
        t.Flags[25] = SweepTrace.FlagSensorFault;
        Assert.Equal(PhysicalVerdict.Inconclusive, Run(t, true).Verdict);
    }

    [Fact]
    public void Run_OneSaturatedSampleAmongCleanEvents_DroppedWithNeighboursStillConsistent()
    {
        var t = Genuine();
        t.Flags[25] = SweepTrace.FlagSaturated;
        var r = Run(t);
        Assert.Equal(1, r.IsolatedFlaggedSamples);
        Assert.Equal(63, r.ValidSamples);                 // 66 − the flagged one − its two neighbours
        Assert.Equal(PhysicalVerdict.Consistent, r.Verdict);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.Saturated);
    }

    [Fact]
    public void Run_RunOfThreeFlaggedSamples_StillForbidsConsistent()
    {
        var t = Genuine();
        t.Flags[24] = t.Flags[25] = t.Flags[26] = SweepTrace.FlagSaturated;
        var r = Run(t);
        Assert.Equal(0, r.IsolatedFlaggedSamples);
        Assert.Equal(PhysicalVerdict.Inconclusive, r.Verdict);
    }

    [Fact]
    public void Run_IsolatedSensorFault_NeverDropped()
    {
        var t = Genuine();
        t.Flags[25] = SweepTrace.FlagSensorFault;
        var r = Run(t);
        Assert.Equal(PhysicalVerdict.Inconclusive, r.Verdict);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.SensorFault);
    }
}

/// <summary>Per-event colour from summed excess; grey samples do not split events (issue 17, causes 1 and 3).</summary>
public class EventColourTests
{
    [Fact]
    public void Run_GreyishPlateauWithRatioNearTheSplit_OneEventNotAlternatingColours()
    {
        var t = new SweepTrace(128);
        uint state = 3;
        for (int i = 0; i < 66; i++)
        {
            state = state * 1103515245 + 12345;
            int n = (int)((state >> 16) % 41) - 20;
            t.Add(i * 45, 600 + n, 480 - n, 240, 1080, 100, 0, 30, 30);
        }
        // A 6-sample patch whose excess has the paper's own green/blue (0.8), wobbling ±10 % around the 0.8 split.
        for (int i = 30; i < 36; i++) { t.Blue[i] += 1000; t.Green[i] += i % 2 == 0 ? 880 : 720; }
        var r = new PhysicalCheckResult();
        new PhysicalCheck(PhysicalCheckSettings.ForTcs34725(), 128).Run(t, FibreColours.Blue | FibreColours.Green, true, r);
        Assert.Equal(1, r.BlueEvents + r.GreenEvents);
        Assert.Equal(1, r.GreyEvents);
        Assert.NotEqual(PhysicalVerdict.Consistent, r.Verdict);
    }
}
