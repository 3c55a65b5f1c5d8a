using Handheld.Core.Fluorescence;

namespace Handheld.Core.Tests.Fluorescence;

/// <summary>The daylight (white LED) test inside PhysicalCheck: coloured events are no fibres, grey darkening (tilt,
/// lift-off, print) is no colour, a broken LED fails closed.</summary>
public class DaylightReflectanceTests
{
    private const int Both = FibreColours.Blue | FibreColours.Green;
    private const int Paper = 2_400_000;      // TCS34725-like blank paper reflectance, cps16 at full duty
    private const int Sigma = 2_000;          // its predicted shot noise
    private const int PaperBlue = 2_000;      // the paper's blue and red shares of the white reading (1/10,000)
    private const int PaperRed = 5_000;
    private const int ShareNoise = 10;        // their shot noise (TCS34725 at 40 % of full scale: ≈ 10)

    /// <summary>Synthetic UV-dull sweep with fibres (as in PhysicalCheckTests) and a daylight channel.</summary>
    private sealed class Sweep
    {
        public readonly SweepTrace Trace = new SweepTrace(128);
        private uint _state = 4711;

        public Sweep(int samples = 66, int reflectance = Paper)
        {
            for (int i = 0; i < samples; i++)
            {
                Trace.Add(i * 45, 600 + Noise(60), 450 + Noise(60), 225 + Noise(60), 1050, 100, 0);
                Trace.SetReflectance(i, reflectance + Noise(Sigma), Sigma,
                    SweepTrace.PackChromaticity(PaperBlue + Noise(ShareNoise), PaperRed + Noise(ShareNoise)));
            }
            Trace.HasReflectance = true;
        }

        private int Noise(int amplitude)
        {
            int s = 0;
            for (int k = 0; k < 3; k++)
            {
                _state = _state * 1103515245 + 12345;
                s += (int)((_state >> 16) % (uint)(2 * amplitude + 1)) - amplitude;
            }
            return s * 10 / 17;
        }

        /// <summary>A fluorescent crossing over two samples; <paramref name="dipPermille"/> darkens the spot by daylight
        /// (0 = an invisible security fibre, ~30 = a fine marker line under a 3 mm spot) and <paramref name="bluer"/>
        /// moves its colour (blue share up and red share down by that many 1/10,000: a blue stroke; 0 = grey).</summary>
        public Sweep Event(int index, int blue, int green, int dipPermille, int bluer)
        {
            Trace.Blue[index] += blue; Trace.Green[index] += green;
            Trace.Blue[index + 1] += blue / 2; Trace.Green[index + 1] += green / 2;
            Trace.Reflectance[index] -= (int)((long)Paper * dipPermille / 1000);
            Trace.Reflectance[index + 1] -= (int)((long)Paper * dipPermille / 2000);
            Shift(index, bluer);
            Shift(index + 1, bluer / 2);
            return this;
        }

        private void Shift(int i, int bluer)
        {
            int c = Trace.WhiteChromaticity[i];
            Trace.WhiteChromaticity[i] = SweepTrace.PackChromaticity(SweepTrace.BlueShareOf(c) + bluer, SweepTrace.RedShareOf(c) - bluer);
        }

        public Sweep Blue(int index, int dip = 0, int bluer = 0) => Event(index, 1600, 600, dip, bluer);
        public Sweep Green(int index, int dip = 0, int bluer = 0) => Event(index, 1200, 2400, dip, bluer);
        /// <summary>A blue marker stroke: 3 % darker and clearly bluer (six times the share noise).</summary>
        public Sweep BlueMarker(int index) => Blue(index, 30, 6 * ShareNoise);
        /// <summary>A green marker stroke: 3 % darker and clearly less blue and less red.</summary>
        public Sweep GreenMarker(int index) => Green(index, 30, -6 * ShareNoise);

        /// <summary>Scales the white reading of samples [from, to) by <paramref name="permille"/>: tilt and lift-off
        /// couple less light, alike in every channel (the shares stay).</summary>
        public Sweep Brightness(int from, int to, int permille)
        {
            for (int i = from; i < to; i++) Trace.Reflectance[i] = (int)((long)Trace.Reflectance[i] * permille / 1000);
            return this;
        }
    }

    private static PhysicalCheckResult Run(SweepTrace t, bool required = true)
    {
        var settings = PhysicalCheckSettings.ForTcs34725();
        settings.Daylight.Required = required;
        var check = new PhysicalCheck(settings, 128);
        var r = new PhysicalCheckResult();
        check.Run(t, Both, true, r);
        return r;
    }

    private static Sweep Genuine() => new Sweep().Blue(8).Green(17).Blue(30).Green(41).Blue(52).Green(60);

    [Fact]
    public void GenuineFibres_InvisibleByDaylight_ConsistentWithoutDaylightReason()
    {
        var r = Run(Genuine().Trace);

        Assert.Equal(PhysicalVerdict.Consistent, r.Verdict);
        Assert.Equal(PhysicalReason.None, r.Reasons);
        Assert.Equal(6, r.DaylightEventsAssessed);
        Assert.Equal(0, r.ColouredEvents);
        Assert.Equal(3, r.BlueEvents);
        Assert.Equal(3, r.GreenEvents);
        Assert.InRange(r.ReflectanceLevel, Paper - 5 * Sigma, Paper + 5 * Sigma);
        Assert.InRange(r.ChromaticityNoiseBlue, ShareNoise / 2, ShareNoise * 2);
    }

    [Fact]
    public void MarkerStrokesInBothColours_ColouredByDaylight_InconsistentAndNotCountedAsFibres()
    {
        var t = new Sweep().BlueMarker(8).GreenMarker(17).BlueMarker(30).GreenMarker(41).BlueMarker(52).GreenMarker(60).Trace;

        var r = Run(t);

        Assert.Equal(PhysicalVerdict.Inconsistent, r.Verdict);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.FibresVisibleByDaylight);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.EventColouredByDaylight);
        Assert.Equal(6, r.ColouredEvents);
        Assert.Equal(0, r.BlueEvents + r.GreenEvents);
        Assert.True(r.EventColouredByDaylight(0));
        Assert.InRange(r.EventDipPermille[0], 20, 40);
        Assert.True(r.EventColourShiftTenths[0] > 50, "shift " + r.EventColourShiftTenths[0]);
    }

    [Fact]
    public void ColouredEvent_NamedInTheDescription()
    {
        var r = Run(new Sweep().Blue(8).Green(17).BlueMarker(30).Green(41).Blue(52).Green(60).Blue(24).Trace);

        Assert.Contains("EventColouredByDaylight", PhysicalReason.Describe(r.Reasons));
        Assert.Equal("EventColouredByDaylight", PhysicalReason.Describe(PhysicalReason.EventColouredByDaylight));
    }

    [Fact]
    public void OneColouredEventAmongFibres_NotCountedButNoEvidence()
    {
        var t = new Sweep().Blue(8).Green(17).BlueMarker(30).Green(41).Blue(52).Green(60).Blue(24).Trace;

        var r = Run(t);

        Assert.Equal(1, r.ColouredEvents);
        Assert.Equal(0, r.Reasons & PhysicalReason.FibresVisibleByDaylight);
        Assert.Equal(PhysicalReason.EventColouredByDaylight, r.Reasons);
        Assert.Equal(3, r.BlueEvents);
        Assert.Equal(PhysicalVerdict.Consistent, r.Verdict);
    }

    [Fact]
    public void OnlyEventOfAColourReadColoured_AbsenceIsDoubtNotEvidence()
    {
        // Five green fibres and one blue event that reads coloured: blue is missing only because of the daylight
        // test, so the sweep is Inconclusive, never a proven absence (Inconsistent).
        var t = new Sweep().Green(8).Green(17).BlueMarker(30).Green(41).Green(52).Green(60).Trace;

        var r = Run(t);

        Assert.Equal(1, r.ColouredEvents);
        Assert.Equal(FibreColours.Blue, r.ColouredColours);
        Assert.Equal(PhysicalVerdict.Inconclusive, r.Verdict);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.BlueFibresMissing);
    }

    [Fact]
    public void GreyDipsAtEveryFibre_AreNoColourButTheJointDarkeningIsDoubt()
    {
        // Print lines or a stain darken the spot by 3 % at each fibre (the brightness-only test called these
        // coloured: genuine-worn, seed 14887815): grey darkening moves no chromaticity, so no event is coloured and
        // nothing is evidence. But fibres lie under the surface and never darken it: every event of the sweep 3 %
        // darker is what ink strokes do, so the joint statistic asks for another sweep.
        var t = new Sweep().Blue(8, 30).Green(17, 30).Blue(30, 30).Green(41, 30).Blue(52, 30).Green(60, 30).Trace;

        var r = Run(t);

        Assert.Equal(0, r.ColouredEvents);
        Assert.Equal(0, r.Reasons & PhysicalReason.FibresVisibleByDaylight);
        Assert.True(r.DaylightDipZCenti > 400, "dip z " + r.DaylightDipZCenti);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.DaylightColourDoubtful);
        Assert.Equal(PhysicalVerdict.Inconclusive, r.Verdict);
    }

    [Fact]
    public void GenuineFibres_JointStatisticWithinNoise()
    {
        var r = Run(Genuine().Trace);

        Assert.Equal(2, r.DaylightPools);
        Assert.InRange(r.DaylightChiSquareCenti, 0, 1382);     // below the doubt limit of 4 + 1 degrees of freedom
        Assert.Equal(0, r.Reasons & PhysicalReason.DaylightColourDoubtful);
    }

    /// <summary>Fine marker lines: each stroke moves the colour by 2.5 share σ without a dip beyond the per-event
    /// threshold, so no single event reads coloured; all six move it the same way.</summary>
    private static Sweep FaintMarkers() => new Sweep().Blue(8, 0, 25).Green(17, 0, -25).Blue(30, 0, 25).Green(41, 0, -25)
        .Blue(52, 0, 25).Green(60, 0, -25);

    [Fact]
    public void FaintMarkerStrokes_NoEventColouredAlone_JointColourShiftIsEvidence()
    {
        var r = Run(FaintMarkers().Trace);

        Assert.Equal(0, r.ColouredEvents);
        Assert.Equal(2, r.DaylightPools);
        Assert.True(r.DaylightChiSquareCenti >= 3338, "chi2 " + r.DaylightChiSquareCenti);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.FibresVisibleByDaylight);
        Assert.Equal(PhysicalVerdict.Inconsistent, r.Verdict);
        Assert.True(r.DaylightPoolShiftBlue[0] > 0 && r.DaylightPoolShiftRed[0] < 0, "blue pool bluer");
        Assert.True(r.DaylightPoolShiftBlue[1] < 0 && r.DaylightPoolShiftRed[1] > 0, "green pool less blue");
    }

    [Fact]
    public void FaintMarkerStrokes_WithFlaggedSamples_JointEvidenceIsOnlyDoubt()
    {
        // An ambient-high reading means the white reading's ambient is not what the OFF readings say.
        var t = FaintMarkers().Trace;
        t.Flags[3] = SweepTrace.FlagAmbientHigh;

        var r = Run(t);

        Assert.Equal(0, r.Reasons & PhysicalReason.FibresVisibleByDaylight);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.DaylightColourDoubtful);
        Assert.Equal(PhysicalVerdict.Inconclusive, r.Verdict);
    }

    [Fact]
    public void OneStrongGreyDipAtOneFibre_DoesNotDecideTheJointStatistic()
    {
        // A lift-off at one fibre darkens it by 8 %: clipped to 3 of its standard errors, it cannot outvote the others.
        var r = Run(new Sweep().Blue(8).Green(17).Blue(30, 80).Green(41).Blue(52).Green(60).Trace);

        Assert.Equal(0, r.Reasons & PhysicalReason.DaylightColourDoubtful);
        Assert.Equal(PhysicalVerdict.Consistent, r.Verdict);
    }

    [Fact]
    public void ShareSigma_AtLeastThePredictedShotNoise()
    {
        // Readings whose predicted clear noise is 10× the test's default: the shares' shot noise is
        // √(p(1 − p))·σ/clear (p = 0.2: 0.4 · 20,000 / 2.4·10⁶ ≈ 33/10,000), above their scatter (≈ 10).
        var t = Genuine().Trace;
        for (int i = 0; i < t.Count; i++) t.SigmaReflectance[i] = 20_000;

        var r = Run(t);

        Assert.InRange(r.ChromaticityPredictedBlue, 30, 36);
        Assert.True(r.ChromaticityNoiseBlue >= r.ChromaticityPredictedBlue, "sigma " + r.ChromaticityNoiseBlue);
        Assert.True(r.ChromaticityNoiseRed >= r.ChromaticityPredictedRed, "sigma " + r.ChromaticityNoiseRed);
    }

    [Fact]
    public void LiftOffOverTheFibres_IsNoColour()
    {
        // The head lifts off twice, over fibres: 40 % less white light coupled, in every channel alike.
        var t = Genuine().Brightness(7, 11, 600).Brightness(40, 44, 600).Trace;

        var r = Run(t);

        Assert.Equal(0, r.ColouredEvents);
        Assert.Equal(PhysicalVerdict.Consistent, r.Verdict);
    }

    [Fact]
    public void TiltRampAlongTheSweep_IsNoColour()
    {
        // A tilted head: the white light coupled falls steadily to 70 % along the sweep.
        var s = Genuine();
        for (int i = 0; i < 66; i++) s.Brightness(i, i + 1, 1000 - 300 * i / 65);

        var r = Run(s.Trace);

        Assert.Equal(0, r.ColouredEvents);
        Assert.Equal(PhysicalVerdict.Consistent, r.Verdict);
    }

    [Fact]
    public void StrongColourWithoutDip_Coloured()
    {
        // A pale but saturated ink: hardly darker, its colour far from the paper's (ten times the share noise).
        var t = new Sweep().Blue(8).Green(17).Blue(30, 0, 10 * ShareNoise).Green(41).Blue(52).Green(60).Blue(24).Trace;

        var r = Run(t);

        Assert.True(r.EventColouredByDaylight(3), "shift " + r.EventColourShiftTenths[3]);   // events in time order: 8, 17, 24, 30, …
        Assert.Equal(1, r.ColouredEvents);
    }

    [Fact]
    public void WhiteReadingsWithoutColour_DaylightLedFault()
    {
        // A producer that stores no chromaticity cannot pass the daylight test (fail closed).
        var s = Genuine();
        for (int i = 0; i < s.Trace.Count; i++) s.Trace.SetReflectance(i, s.Trace.Reflectance[i], Sigma);

        var r = Run(s.Trace);

        Assert.NotEqual(0, r.Reasons & PhysicalReason.DaylightLedFault);
        Assert.Equal(PhysicalVerdict.Inconclusive, r.Verdict);
    }

    [Theory]
    [InlineData(100, 100, 100, 3333, 3333)]
    [InlineData(100, 300, 600, 6000, 1000)]
    [InlineData(0, 300, 600, -1, -1)]       // no light in a channel: no colour
    public void ChromaticityOf_SharesOfTheSum(long red, long green, long blue, int blueShare, int redShare)
    {
        int c = SweepTrace.ChromaticityOf(red, green, blue);

        if (blueShare < 0) { Assert.Equal(SweepTrace.ChromaticityMissing, c); return; }
        Assert.Equal(blueShare, SweepTrace.BlueShareOf(c));
        Assert.Equal(redShare, SweepTrace.RedShareOf(c));
    }

    [Fact]
    public void EventOnAStepIntoPrint_IsNoDip()
    {
        // A printed zone starts right at the fibre: the lower side is the reference, so the step is not a dip.
        var s = Genuine();
        for (int i = 30; i < 66; i++) s.Trace.Reflectance[i] -= Paper * 25 / 100;

        var r = Run(s.Trace);

        Assert.Equal(0, r.ColouredEvents);
        Assert.Equal(PhysicalVerdict.Consistent, r.Verdict);
    }

    [Fact]
    public void DipsWithinPaperTexture_AreNotColour()
    {
        // Textured paper: sample-to-sample scatter of 1 % raises the sigma, so 0.8 % dips are not coloured.
        var s = Genuine();
        for (int i = 0; i < 66; i++) s.Trace.Reflectance[i] += (i % 2 == 0 ? 1 : -1) * Paper / 200;
        foreach (int i in new[] { 8, 17, 30, 41, 52, 60 }) s.Trace.Reflectance[i] -= Paper * 8 / 1000;

        var r = Run(s.Trace);

        Assert.Equal(0, r.ColouredEvents);
        Assert.Equal(PhysicalVerdict.Consistent, r.Verdict);
    }

    [Theory]
    [InlineData(0)]          // LED open or never driven
    [InlineData(3_000)]      // stuck on: the ambient readings hold its light, the difference is ~0
    public void DeadOrStuckWhiteLed_InconclusiveWithDaylightLedFault(int level)
    {
        var r = Run(new Sweep(reflectance: level).Blue(8).Green(17).Blue(30).Green(41).Blue(52).Green(60).Trace);

        Assert.Equal(PhysicalVerdict.Inconclusive, r.Verdict);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.DaylightLedFault);
    }

    [Fact]
    public void DeadWhiteLed_DoesNotHideEvidenceAgainstTheProfile()
    {
        // Brightened paper stays Inconsistent: a doubt never outvotes evidence.
        var s = new Sweep(reflectance: 0);
        for (int i = 0; i < s.Trace.Count; i++) { s.Trace.Blue[i] += 9000; s.Trace.Green[i] += 2000; }

        var r = Run(s.Trace);

        Assert.Equal(PhysicalVerdict.Inconsistent, r.Verdict);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.DaylightLedFault);
    }

    [Fact]
    public void MostWhiteReadingsSaturated_DaylightLedFault()
    {
        var s = Genuine();
        for (int i = 0; i < 40; i++) s.Trace.Reflectance[i] = SweepTrace.ReflectanceMissing;

        Assert.NotEqual(0, Run(s.Trace).Reasons & PhysicalReason.DaylightLedFault);
    }

    [Fact]
    public void TraceWithoutDaylight_FaultWhenRequired_IgnoredOtherwise()
    {
        var s = Genuine();
        s.Trace.HasReflectance = false;

        Assert.Equal(PhysicalVerdict.Inconclusive, Run(s.Trace, required: true).Verdict);
        Assert.NotEqual(0, Run(s.Trace, required: true).Reasons & PhysicalReason.DaylightLedFault);
        Assert.Equal(PhysicalVerdict.Consistent, Run(s.Trace, required: false).Verdict);
    }

    [Fact]
    public void ResetClearsTheDaylightChannel()
    {
        var t = Genuine().Trace;
        t.Reset();
        t.Add(0, 1, 1, 1, 1, 1, 0);

        Assert.False(t.HasReflectance);
        Assert.Equal(SweepTrace.ReflectanceMissing, t.Reflectance[0]);
    }
}
