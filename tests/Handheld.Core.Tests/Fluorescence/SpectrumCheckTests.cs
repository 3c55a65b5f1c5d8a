using Handheld.Core.Fluorescence;

namespace Handheld.Core.Tests.Fluorescence;

public class SpectrumCheckTests
{
    private const int Both = FibreColours.Blue | FibreColours.Green;
    // The simulator's declared fibre spectra through F1–F7 (DeclaredFibreSpectra) and broad markers of the
    // same colours (peak 445/515 nm, FWHM 60 nm instead of 45 nm), permille.
    private static readonly int[] FibreBlue = { 131, 547, 298, 24, 0, 0, 0 };
    private static readonly int[] FibreGreen = { 0, 5, 208, 606, 173, 8, 0 };
    private static readonly int[] MarkerBlue = { 200, 481, 277, 41, 1, 0, 0 };
    private static readonly int[] MarkerGreen = { 1, 20, 238, 504, 211, 25, 1 };

    private static DeclaredSpectra Declared()
    {
        var d = new DeclaredSpectra();
        Assert.True(d.Set(FibreColours.Blue, FibreBlue));
        Assert.True(d.Set(FibreColours.Green, FibreGreen));
        return d;
    }

    /// <summary>A flat UV-dull paper (per-filter baseline) with Gaussian-like noise, samples alternating the
    /// two SMUX halves as SpectrumSampling schedules them, and events added on top of it.</summary>
    private sealed class Sweep
    {
        public readonly SweepTrace Trace = new SweepTrace(128);
        public readonly SpectralTrace Spectral = new SpectralTrace(128);
        public readonly PhysicalCheckResult Result = new PhysicalCheckResult();
        private readonly int _sigma;
        private uint _state;

        private readonly int _layout;

        public Sweep(int samples, int sigma, uint seed = 777, int layout = SpectrumSampling.LayoutAlternating)
        {
            _sigma = sigma;
            _state = seed;
            _layout = layout;
            for (int i = 0; i < samples; i++)
            {
                byte half = SpectrumSampling.HalfFor(i, layout);
                Trace.Add(i * 45, 400 + Noise(), 500 + Noise(), 300 + Noise(), 2000, 100, 0, sigma, sigma);
                Spectral.Add(half, 200 + Noise(), 450 + Noise(), sigma, sigma);
            }
            Result.Verdict = PhysicalVerdict.Consistent;
            Result.ExpectedColours = Both;
            Result.ConfidencePercent = 90;
        }

        private int Noise()
        {
            int s = 0;
            for (int k = 0; k < 3; k++)
            {
                _state = _state * 1103515245 + 12345;
                s += (int)((_state >> 16) % (uint)(2 * _sigma + 1)) - _sigma;
            }
            return s * 10 / 17;
        }

        /// <summary>An event over samples index and index + 1 (one of each half) with the given F1–F7 shares
        /// scaled to <paramref name="amplitude"/> cps16 in total, recorded as PhysicalCheck would.</summary>
        public Sweep Event(int index, int[] shares, int amplitude, int colour, int samples = 2)
        {
            for (int i = index; i < index + samples; i++)
            {
                int k = i == index ? 2 : 1; // the second sample sees the fibre leaving the spot
                Trace.Blue[i] += amplitude * shares[1] / 1000 * k / 2;
                Trace.Green[i] += amplitude * shares[3] / 1000 * k / 2;
                Trace.Red[i] += amplitude * shares[6] / 1000 * k / 2;
                byte h = Spectral.Half[i];
                // alternating: A = F1, F3; B = F5, F6. Joint: F1 (ADC0) and F5 (ADC5) on every sample.
                int first = h == SpectralTrace.HalfA ? 0 : h == SpectralTrace.HalfB ? 4 : 0;
                int second = h == SpectralTrace.HalfA ? 2 : h == SpectralTrace.HalfB ? 5 : 4;
                Spectral.First[i] += amplitude * shares[first] / 1000 * k / 2;
                Spectral.Second[i] += amplitude * shares[second] / 1000 * k / 2;
            }
            int e = Result.EventCount++;
            Result.EventStartMs[e] = Trace.TimeMs[index];
            Result.EventEndMs[e] = Trace.TimeMs[index + samples - 1];
            Result.EventColour[e] = colour;
            if (colour == FibreColours.Blue) Result.BlueEvents++; else Result.GreenEvents++;
            return this;
        }

        /// <summary>Blue and green events alternating every 8 samples.</summary>
        public Sweep Events(int count, int[] blue, int[] green, int amplitude)
        {
            for (int k = 0; k < count; k++)
                Event(4 + 8 * k, k % 2 == 0 ? blue : green, amplitude, k % 2 == 0 ? FibreColours.Blue : FibreColours.Green);
            return this;
        }

        public SpectrumResult Check(DeclaredSpectra? declared = null, bool withSpectra = true, SpectrumSettings? settings = null)
        {
            var sr = new SpectrumResult();
            new SpectrumCheck(settings ?? new SpectrumSettings(), 128).Apply(Trace, withSpectra ? Spectral : null, declared ?? Declared(), Result, sr);
            return sr;
        }
    }

    [Fact]
    public void FibreSpectra_MatchTheDeclared_StayConsistent()
    {
        var s = new Sweep(120, 20).Events(12, FibreBlue, FibreGreen, 4000);
        var sr = s.Check();
        Assert.Equal(SpectrumResult.StatusChecked, sr.Status);
        Assert.Equal(PhysicalVerdict.Consistent, s.Result.Verdict);
        Assert.Equal(0, s.Result.Reasons & PhysicalReason.SpectrumMismatch);
        Assert.True(sr.UsableEvents >= 10, sr.Summary());
        Assert.InRange(sr.Broadening, -300, 300);
    }

    [Fact]
    public void BroadMarkerSpectra_WithFibreColours_AreInconsistent()
    {
        var s = new Sweep(120, 20).Events(12, MarkerBlue, MarkerGreen, 4000);
        var sr = s.Check();
        Assert.Equal(PhysicalVerdict.Inconsistent, s.Result.Verdict);
        Assert.NotEqual(0, s.Result.Reasons & PhysicalReason.SpectrumMismatch);
        Assert.True(sr.Broadening > new SpectrumSettings().BroadeningLimitCenti, sr.Summary());
    }

    [Fact]
    public void PooledMismatchAlone_BelowEvidenceStrength_IsInconclusiveNotInconsistent()
    {
        // The same broad markers, judged only by their pools (the per-event rule switched off): the pooled
        // indications reach strength 2–3 (one or two pools past their limits, no events), short of the 4 that
        // evidence needs, so the sweep is doubtful, never Consistent, and never an accusation.
        var settings = new SpectrumSettings { MinMismatchEvents = 1000, MinEvidenceStrength = 1000, JointEvidenceCenti = int.MaxValue };
        var s = new Sweep(120, 20).Events(12, MarkerBlue, MarkerGreen, 4000);
        var sr = s.Check(settings: settings);
        Assert.True(sr.MismatchPools > 0, sr.Summary());
        Assert.Equal(PhysicalVerdict.Inconclusive, s.Result.Verdict);
        Assert.NotEqual(0, s.Result.Reasons & PhysicalReason.SpectrumMismatch);

        var strong = new Sweep(120, 20).Events(12, MarkerBlue, MarkerGreen, 4000);
        strong.Check(settings: new SpectrumSettings { MinMismatchEvents = 1000, MinEvidenceStrength = 2, JointEvidenceCenti = int.MaxValue });
        Assert.Equal(PhysicalVerdict.Inconsistent, strong.Result.Verdict);
    }

    [Theory]
    [InlineData(SpectrumSampling.LayoutAlternating)]
    [InlineData(SpectrumSampling.LayoutJoint)]
    public void JointBroadeningPastItsLimit_IsEvidenceByItself(int layout)
    {
        // Neither the per-event rule nor the strength rule may convict: the combined broadening of all events
        // (the joint statistic) alone makes every-event-broadened markers Inconsistent, not Inconclusive.
        var settings = new SpectrumSettings { MinMismatchEvents = 1000, MinEvidenceStrength = 1000 };
        var s = new Sweep(120, 20, layout: layout).Events(12, MarkerBlue, MarkerGreen, 4000);
        var sr = s.Check(settings: settings);
        Assert.True(sr.Broadening > settings.JointEvidenceCenti, sr.Summary());
        Assert.Equal(PhysicalVerdict.Inconsistent, s.Result.Verdict);
        Assert.NotEqual(0, s.Result.Reasons & PhysicalReason.SpectrumMismatch);

        var fibres = new Sweep(120, 20, layout: layout).Events(12, FibreBlue, FibreGreen, 4000);
        var fr = fibres.Check(settings: settings);
        Assert.True(fr.Broadening <= settings.JointEvidenceCenti, fr.Summary());
        Assert.Equal(PhysicalVerdict.Consistent, fibres.Result.Verdict);
    }

    [Fact]
    public void JointLayout_FibreSpectra_MatchTheDeclaredOverTheReadFilters()
    {
        var s = new Sweep(120, 20, layout: SpectrumSampling.LayoutJoint).Events(12, FibreBlue, FibreGreen, 4000);
        var sr = s.Check();
        Assert.Equal(PhysicalVerdict.Consistent, s.Result.Verdict);
        Assert.Equal(0, s.Result.Reasons & (PhysicalReason.SpectrumMismatch | PhysicalReason.SpectrumDoubtful));
        Assert.True(sr.UsableEvents >= 10, sr.Summary());
        Assert.InRange(sr.Broadening, -300, 300);
        var pool = new SpectrumCheck(new SpectrumSettings(), 128);
        var again = new SpectrumResult();
        pool.Apply(s.Trace, s.Spectral, Declared(), s.Result, again);
        Assert.Equal(EventSpectrum.JointChannels, pool.PoolSpectrum(0).Mask);
        Assert.Equal(0, pool.PoolSpectrum(0).Shares[2]); // F3 not read
        Assert.Equal(0, pool.PoolSpectrum(0).Shares[5]); // F6 not read
    }

    [Fact]
    public void JointLayout_BroadMarkers_AreInconsistent()
    {
        var s = new Sweep(120, 20, layout: SpectrumSampling.LayoutJoint).Events(12, MarkerBlue, MarkerGreen, 4000);
        var sr = s.Check();
        Assert.Equal(PhysicalVerdict.Inconsistent, s.Result.Verdict);
        Assert.True(sr.PoolBroadening[0] > 0 && sr.PoolBroadening[1] > 0, sr.Summary());
    }

    [Fact]
    public void JointLayout_OneSampleEvents_HaveASpectrum()
    {
        // Alternating: a one-sample event sees one SMUX half only, so its spectrum cannot be computed (the cause
        // of SpectrumUnreadable on short sweeps); joint: every sample reads both extra filters.
        var alt = new Sweep(120, 20);
        var joint = new Sweep(120, 20, layout: SpectrumSampling.LayoutJoint);
        for (int k = 0; k < 6; k++)
        {
            alt.Event(4 + 16 * k, FibreBlue, 4000, FibreColours.Blue, 1);
            joint.Event(4 + 16 * k, FibreBlue, 4000, FibreColours.Blue, 1);
        }
        var a = alt.Check();
        var j = joint.Check();
        Assert.Equal(0, a.UsableEvents);
        Assert.Equal(6, j.UsableEvents);
        Assert.True(j.PoolDistance[0] >= 0, j.Summary());
        Assert.Equal(PhysicalVerdict.Consistent, joint.Result.Verdict);
    }

    [Fact]
    public void EventAtTheSweepsEdge_StaysOutOfThePools()
    {
        // A broad bright blue stretch in the first samples (the desk beyond the sheet's edge, too short for the
        // off-sheet trim) would dominate the blue pool; it has paper on one side only and is left out.
        var s = new Sweep(120, 20, layout: SpectrumSampling.LayoutJoint);
        s.Event(0, MarkerBlue, 40000, FibreColours.Blue, 3);
        s.Events(12, FibreBlue, FibreGreen, 4000);
        var sr = s.Check();
        Assert.Equal(1, sr.EdgeEvents);
        Assert.Equal(PhysicalVerdict.Consistent, s.Result.Verdict);
        Assert.Equal(0, s.Result.Reasons & PhysicalReason.SpectrumMismatch);
    }

    [Fact]
    public void WeakNoisyBroadEvents_AreInconclusiveNotMismatch()
    {
        // Events barely above the noise: the spectrum cannot tell, so it must not accuse.
        var s = new Sweep(120, 60).Events(4, MarkerBlue, MarkerGreen, 250);
        var sr = s.Check();
        Assert.Equal(0, s.Result.Reasons & PhysicalReason.SpectrumMismatch);
        Assert.Equal(PhysicalVerdict.Inconclusive, s.Result.Verdict);
        Assert.NotEqual(0, s.Result.Reasons & PhysicalReason.SpectrumUnreadable);
        Assert.Equal(0, sr.MismatchEvents);
    }

    [Fact]
    public void BlueAndGreenFibreSharingTheSpot_MatchesAMixture()
    {
        int[] mix = new int[7];
        for (int c = 0; c < 7; c++) mix[c] = (FibreBlue[c] * 5 + FibreGreen[c] * 3) / 8;
        var s = new Sweep(120, 20).Events(12, mix, mix, 4000);
        s.Check();
        Assert.Equal(PhysicalVerdict.Consistent, s.Result.Verdict);
    }

    [Fact]
    public void NoDeclaredSpectra_FailsClosed()
    {
        var s = new Sweep(120, 20).Events(12, FibreBlue, FibreGreen, 4000);
        var sr = s.Check(new DeclaredSpectra());
        Assert.Equal(SpectrumResult.StatusNotDeclared, sr.Status);
        Assert.Equal(PhysicalVerdict.Inconclusive, s.Result.Verdict);
        Assert.NotEqual(0, s.Result.Reasons & PhysicalReason.SpectraNotDeclared);
    }

    [Fact]
    public void OneExpectedColourUndeclared_FailsClosed()
    {
        var d = new DeclaredSpectra();
        Assert.True(d.Set(FibreColours.Blue, FibreBlue));
        var s = new Sweep(120, 20).Events(12, FibreBlue, FibreGreen, 4000);
        s.Check(d);
        Assert.Equal(PhysicalVerdict.Inconclusive, s.Result.Verdict);
        Assert.NotEqual(0, s.Result.Reasons & PhysicalReason.SpectraNotDeclared);
    }

    [Fact]
    public void DamagedCatalogue_DeclaresNothingAndFailsClosed()
    {
        var bytes = new byte[64];
        int n = Declared().Write(bytes, 0);
        bytes[4 + 3] ^= 0x40; // a share of the blue entry: the sum is no longer 1000
        var d = new DeclaredSpectra();
        Assert.False(d.TryRead(bytes, 0, n));
        Assert.Equal(0, d.Declared);
        var s = new Sweep(120, 20).Events(12, FibreBlue, FibreGreen, 4000);
        s.Check(d);
        Assert.Equal(PhysicalVerdict.Inconclusive, s.Result.Verdict);
        Assert.NotEqual(0, s.Result.Reasons & PhysicalReason.SpectraNotDeclared);
    }

    [Fact]
    public void WithoutSpectralTrace_Tcs34725_CheckNotAvailableAndVerdictUnchanged()
    {
        var s = new Sweep(120, 20).Events(12, MarkerBlue, MarkerGreen, 4000);
        var sr = s.Check(withSpectra: false);
        Assert.Equal(SpectrumResult.StatusNotAvailable, sr.Status);
        Assert.Equal(PhysicalVerdict.Consistent, s.Result.Verdict);
        Assert.Equal(0, s.Result.Reasons);
    }

    [Fact]
    public void NoFibresExpected_NotApplicable()
    {
        var s = new Sweep(120, 20);
        s.Result.ExpectedColours = 0;
        Assert.Equal(SpectrumResult.StatusNotApplicable, s.Check().Status);
    }

    // Mismatch limits out of reach: only the joint doubt rule can act.
    private static SpectrumSettings DoubtOnly()
    {
        var settings = new SpectrumSettings();
        settings.MismatchChiSquareCenti = int.MaxValue;
        settings.BroadeningLimitCenti = int.MaxValue;
        return settings;
    }

    [Fact]
    public void PooledSpectraBroadenedAndFar_BelowTheirMismatchLimits_AreDoubtfulInconclusive()
    {
        var s = new Sweep(120, 20).Events(12, MarkerBlue, MarkerGreen, 4000);
        var sr = s.Check(settings: DoubtOnly());
        Assert.Equal(0, s.Result.Reasons & PhysicalReason.SpectrumMismatch);
        Assert.NotEqual(0, s.Result.Reasons & PhysicalReason.SpectrumDoubtful);
        Assert.Equal(PhysicalVerdict.Inconclusive, s.Result.Verdict);
        Assert.True(sr.Broadening > new SpectrumSettings().DoubtBroadeningCenti, sr.Summary());
        Assert.Contains("SpectrumDoubtful", PhysicalReason.Describe(s.Result.Reasons));
    }

    [Fact]
    public void FibreSpectra_UnderTheDoubtRule_StayConsistent()
    {
        var s = new Sweep(120, 20).Events(12, FibreBlue, FibreGreen, 4000);
        s.Check(settings: DoubtOnly());
        Assert.Equal(PhysicalVerdict.Consistent, s.Result.Verdict);
        Assert.Equal(0, s.Result.Reasons & PhysicalReason.SpectrumDoubtful);
    }

    [Fact]
    public void BroadenedButNear_NotDoubtful()
    {
        // Below DoubtAloneCenti both conditions are needed: a pool near its declared spectrum is no doubt however
        // broadened; past it the broadening alone is.
        var settings = DoubtOnly();
        settings.DoubtChiSquareCenti = int.MaxValue;
        settings.DoubtAloneCenti = int.MaxValue;
        var s = new Sweep(120, 20).Events(12, MarkerBlue, MarkerGreen, 4000);
        s.Check(settings: settings);
        Assert.Equal(PhysicalVerdict.Consistent, s.Result.Verdict);

        settings.DoubtAloneCenti = 250;
        var alone = new Sweep(120, 20).Events(12, MarkerBlue, MarkerGreen, 4000);
        var sr = alone.Check(settings: settings);
        Assert.True(sr.Broadening > 250, sr.Summary());
        Assert.Equal(PhysicalVerdict.Inconclusive, alone.Result.Verdict);
        Assert.NotEqual(0, alone.Result.Reasons & PhysicalReason.SpectrumDoubtful);
    }

    [Fact]
    public void Mismatch_UnderAGate_NeverLeavesTheSweepConsistent()
    {
        // Isolated ambient-high samples (a lift-off, AS7341) gate the spectrum's conviction but allow Consistent:
        // a mismatch seen there must still take Consistent away.
        var s = new Sweep(120, 20).Events(12, MarkerBlue, MarkerGreen, 4000);
        s.Result.Verdict = PhysicalVerdict.Consistent;
        s.Result.Reasons = PhysicalReason.AmbientTooHigh;
        s.Check();
        Assert.Equal(PhysicalVerdict.Inconclusive, s.Result.Verdict);
        Assert.NotEqual(0, s.Result.Reasons & PhysicalReason.SpectrumMismatch);
    }

    [Fact]
    public void Mismatch_DoesNotOverrideAGatedInconclusive()
    {
        var s = new Sweep(120, 20).Events(12, MarkerBlue, MarkerGreen, 4000);
        s.Result.Verdict = PhysicalVerdict.Inconclusive;
        s.Result.Reasons = PhysicalReason.AmbientTooHigh;
        s.Check();
        Assert.Equal(PhysicalVerdict.Inconclusive, s.Result.Verdict);
        Assert.NotEqual(0, s.Result.Reasons & PhysicalReason.SpectrumMismatch);
    }

    [Fact]
    public void CompactForm_RoundTrips()
    {
        var d = Declared();
        var bytes = new byte[d.EncodedLength];
        Assert.Equal(4 + 2 * DeclaredSpectra.EntryBytes, d.Write(bytes, 0));
        var back = new DeclaredSpectra();
        Assert.True(back.TryRead(bytes, 0, bytes.Length));
        Assert.Equal(Both, back.Declared);
        for (int c = 0; c < 7; c++) { Assert.Equal(FibreBlue[c], back.At(FibreColours.Blue, c)); Assert.Equal(FibreGreen[c], back.At(FibreColours.Green, c)); }
    }

    [Theory]
    [InlineData(0, (byte)'X')]   // magic
    [InlineData(2, (byte)2)]     // version
    [InlineData(3, (byte)0)]     // count 0
    [InlineData(4, (byte)3)]     // colour not a single fibre colour
    [InlineData(19, (byte)1)]    // second entry's colour not ascending (green 2 → blue 1)
    public void CompactForm_Malformed_Refused(int offset, byte value)
    {
        var bytes = new byte[Declared().EncodedLength];
        Declared().Write(bytes, 0);
        bytes[offset] = value;
        var d = new DeclaredSpectra();
        Assert.False(d.TryRead(bytes, 0, bytes.Length));
        Assert.Equal(0, d.Declared);
    }

    [Fact]
    public void Set_SharesNotSummingTo1000_Refused()
    {
        var d = new DeclaredSpectra();
        Assert.False(d.Set(FibreColours.Blue, new[] { 100, 100, 100, 100, 100, 100, 100 }));
        Assert.False(d.Set(FibreColours.Blue | FibreColours.Green, FibreBlue));
        Assert.False(d.Set(FibreColours.Blue, new[] { 1000, 0, 0 }));
        Assert.Equal(0, d.Declared);
    }

    [Fact]
    public void Broadening_MarkerPositive_FibreNearZero()
    {
        var sig = new[] { 10, 10, 10, 10, 10, 10, 10 };
        Assert.InRange(SpectrumMatch.BroadeningCenti(FibreBlue, sig, 10, FibreBlue), -1, 1);
        Assert.True(SpectrumMatch.BroadeningCenti(MarkerBlue, sig, 10, FibreBlue) > 300);
        Assert.True(SpectrumMatch.BroadeningCenti(MarkerGreen, sig, 10, FibreGreen) > 300);
        // Noise ten times larger: the same deviation is no longer significant.
        var loud = new[] { 100, 100, 100, 100, 100, 100, 100 };
        Assert.True(SpectrumMatch.BroadeningCenti(MarkerBlue, loud, 10, FibreBlue) < 300);
    }
    [Fact]
    public void Deviation_OverTheJointMask_RescalesTheTemplates()
    {
        // The blue fibre's shares over F1, F2, F4, F5, F7 only (sum 702 → 1000): no deviation over that mask,
        // a large one when the unread F3 and F6 are counted as zero.
        int[] shares = { 187, 779, 0, 34, 0, 0, 0 };
        int[] sigmas = { 20, 20, 20, 20, 20, 20, 20 };
        int colour;
        int[] template = new int[DeclaredSpectra.Channels];
        int masked = SpectrumMatch.Deviation(shares, sigmas, 10, Declared(), EventSpectrum.JointChannels, out colour, template);
        Assert.Equal(FibreColours.Blue, colour);
        Assert.InRange(masked, 0, 100);
        Assert.InRange(template[1], 775, 782);
        int all = SpectrumMatch.Deviation(shares, sigmas, 10, Declared(), out colour);
        Assert.True(all > 10000, all.ToString());
        Assert.InRange(SpectrumMatch.BroadeningCenti(shares, sigmas, 10, template, EventSpectrum.JointChannels), -50, 50);
    }
    [Fact]
    public void EventOfAColourNotExpected_StaysOutOfThePools()
    {
        // A red event on a blue/green sheet (red-rich window light changing between the UV-off readings) is no
        // fibre of the profile: its spectrum would be far from any declared one and must not weigh in.
        var d = Declared();
        Assert.True(d.Set(FibreColours.Red, new[] { 0, 0, 0, 0, 4, 333, 663 }));
        var s = new Sweep(120, 20, layout: SpectrumSampling.LayoutJoint).Events(12, FibreBlue, FibreGreen, 4000);
        s.Event(100, new[] { 0, 0, 0, 100, 450, 0, 450 }, 20000, FibreColours.Red);
        var sr = s.Check(d);
        Assert.Equal(0, sr.PoolEvents[2]);
        Assert.Equal(-1, sr.PoolDistance[2]);
        Assert.Equal(PhysicalVerdict.Consistent, s.Result.Verdict);
    }
    [Theory]
    [InlineData(EventSpectrum.AllChannels)]
    [InlineData(EventSpectrum.JointChannels)]
    public void Deviation_AgainstPreparedTemplates_EqualsTheDirectForm(int mask)
    {
        var d = Declared();
        Assert.True(d.Set(FibreColours.Red, new[] { 0, 0, 0, 0, 4, 333, 663 }));
        var templates = new int[SpectrumMatch.MaxTemplates * DeclaredSpectra.Channels];
        var colourOf = new int[SpectrumMatch.MaxTemplates];
        int count = SpectrumMatch.Templates(d, mask, templates, colourOf);
        Assert.Equal(SpectrumMatch.MaxTemplates, count);
        uint state = 99;
        for (int trial = 0; trial < 200; trial++)
        {
            int[] shares = new int[DeclaredSpectra.Channels], sigmas = new int[DeclaredSpectra.Channels];
            for (int c = 0; c < DeclaredSpectra.Channels; c++)
            {
                state = state * 1103515245 + 12345; shares[c] = (mask & (1 << c)) == 0 ? 0 : (int)((state >> 16) % 600);
                state = state * 1103515245 + 12345; sigmas[c] = (int)((state >> 16) % 80);
            }
            int[] t1 = new int[DeclaredSpectra.Channels], t2 = new int[DeclaredSpectra.Channels];
            int direct = SpectrumMatch.Deviation(shares, sigmas, 10, d, mask, out int c1, t1);
            int prepared = SpectrumMatch.Deviation(shares, sigmas, 10, templates, colourOf, count, mask, out int c2, t2);
            Assert.Equal(direct, prepared);
            Assert.Equal(c1, c2);
            Assert.Equal(t1, t2);
        }
    }
}
