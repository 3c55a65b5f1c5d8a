using Handheld.Core.Fluorescence;

namespace Handheld.Core.Tests.Fluorescence;

public class PhysicalCheckTests
{
    private const int Both = FibreColours.Blue | FibreColours.Green;

    /// <summary>Synthetic sweep: TCS34725-like levels, deterministic pseudo-noise, 45 ms per sample.</summary>
    private sealed class TraceBuilder
    {
        public readonly SweepTrace Trace = new SweepTrace(128);
        private uint _state = 12345;

        public TraceBuilder(int samples, int blue, int green, int noise, int stepMs = 45)
        {
            for (int i = 0; i < samples; i++)
                Trace.Add(i * stepMs, blue + Noise(noise), green + Noise(noise), green / 2 + Noise(noise), blue + green, 100, 0);
        }

        private int Noise(int amplitude)
        {
            // Sum of three uniform draws: roughly Gaussian with sigma ≈ amplitude.
            int s = 0;
            for (int k = 0; k < 3; k++)
            {
                _state = _state * 1103515245 + 12345;
                s += (int)((_state >> 16) % (uint)(2 * amplitude + 1)) - amplitude;
            }
            return s * 10 / 17;
        }

        /// <summary>A fibre crossing: excess over two samples with the given blue and green peaks.</summary>
        public TraceBuilder Fibre(int index, int blue, int green)
        {
            Trace.Blue[index] += blue; Trace.Green[index] += green;
            Trace.Blue[index + 1] += blue / 2; Trace.Green[index + 1] += green / 2;
            return this;
        }

        public TraceBuilder BlueFibre(int index) => Fibre(index, 1600, 600);
        public TraceBuilder GreenFibre(int index) => Fibre(index, 1200, 2400);

        public TraceBuilder Flag(int index, byte flag) { Trace.Flags[index] = flag; return this; }

        /// <summary>Sets the sampler's predicted noise sigma on every sample.</summary>
        public TraceBuilder Predicted(int sigma)
        {
            for (int i = 0; i < Trace.Count; i++) { Trace.SigmaBlue[i] = sigma; Trace.SigmaGreen[i] = sigma; }
            return this;
        }
    }

    private static PhysicalCheckResult Run(SweepTrace t, int expected = Both, bool dull = true)
    {
        var check = new PhysicalCheck(PhysicalCheckSettings.ForTcs34725(), 128);
        var r = new PhysicalCheckResult();
        check.Run(t, expected, dull, r);
        return r;
    }

    private static TraceBuilder GenuineTrace() =>
        new TraceBuilder(66, 600, 450, 60).BlueFibre(8).GreenFibre(17).BlueFibre(30).GreenFibre(41).BlueFibre(52).GreenFibre(60);

    [Fact]
    public void Run_DullPaperWithBlueAndGreenFibres_ConsistentWithEventsAtTheirPositions()
    {
        var r = Run(GenuineTrace().Trace);

        Assert.Equal(PhysicalVerdict.Consistent, r.Verdict);
        Assert.Equal(PhysicalReason.None, r.Reasons);
        Assert.Equal(PaperClass.UvDull, r.Paper);
        Assert.Equal(3, r.BlueEvents);
        Assert.Equal(3, r.GreenEvents);
        Assert.Equal(6, r.EventCount);
        Assert.Equal(8 * 45, r.EventStartMs[0]);
        Assert.Equal(FibreColours.Blue, r.EventColour[0]);
        Assert.Equal(17 * 45, r.EventStartMs[1]);
        Assert.Equal(FibreColours.Green, r.EventColour[1]);
        Assert.InRange(r.ConfidencePercent, 70, 99);
    }

    [Fact]
    public void Run_BlueThenGreenFibreBackToBack_CountedAsTwoEvents()
    {
        var b = new TraceBuilder(66, 600, 450, 60).BlueFibre(10).GreenFibre(12).BlueFibre(30).GreenFibre(50);
        var r = Run(b.Trace);
        Assert.Equal(2, r.BlueEvents);
        Assert.Equal(2, r.GreenEvents);
    }

    [Theory]
    [InlineData(40, true)]    // coat over brightener: residue level far beyond the noise → Brightened
    [InlineData(320, false)]  // direct sun: the noise equals the residue level → not proven
    public void Run_As7341ResidueBalance_NeedsTheBackgroundBeyondTheNoise(int predictedSigma, bool brightened)
    {
        // AS7341 levels: blue 420 ≥ ResidueMinBlue 350, green 140 (balance 3.0 > 2.5), flat, no fibres.
        var b = new TraceBuilder(66, 420, 140, 5).Predicted(predictedSigma);
        var check = new PhysicalCheck(PhysicalCheckSettings.ForAs7341(), 128);
        var r = new PhysicalCheckResult();
        check.Run(b.Trace, Both, true, r);
        Assert.Equal(brightened, r.Paper == PaperClass.Brightened);
        Assert.Equal(brightened, (r.Reasons & PhysicalReason.BrightenerUnderCover) != 0);
    }

    [Fact]
    public void Run_BrightenedOfficePaper_FalseLuminescenceInconsistent()
    {
        var r = Run(new TraceBuilder(66, 16000, 4000, 300).Trace);

        Assert.Equal(PhysicalVerdict.Inconsistent, r.Verdict);
        Assert.Equal(PaperClass.Brightened, r.Paper);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.FalseLuminescence);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.UvDullPaperExpected);
        Assert.Equal(4000, r.BalancePermille, 200.0);
    }

    [Fact]
    public void Run_BrightenedPaperWhenProfileDoesNotRequireDullPaper_NotInconsistentForPaper()
    {
        var b = new TraceBuilder(66, 16000, 4000, 100);
        var r = Run(b.Trace, expected: FibreColours.None, dull: false);
        Assert.Equal(PhysicalVerdict.Consistent, r.Verdict);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.FalseLuminescence);
    }

    [Fact]
    public void Run_DullPaperWithoutFibres_FibresNotFound()
    {
        var r = Run(new TraceBuilder(66, 600, 450, 60).Trace);
        Assert.Equal(PhysicalVerdict.Inconsistent, r.Verdict);
        Assert.Equal(PhysicalReason.FibresNotFound, r.Reasons);
        Assert.Equal(0, r.EventCount);
    }

    [Fact]
    public void Run_GreenHighlighterStrokesOnly_SingleColourFibresInconsistent()
    {
        // Five strokes: the fewest events for which a missing colour is evidence (MinEventsForAbsence).
        var b = new TraceBuilder(66, 600, 450, 60).GreenFibre(5).GreenFibre(18).GreenFibre(31).GreenFibre(44).GreenFibre(57);
        var r = Run(b.Trace);
        Assert.Equal(PhysicalVerdict.Inconsistent, r.Verdict);
        Assert.Equal(PhysicalReason.BlueFibresMissing | PhysicalReason.SingleColourFibres, r.Reasons);
        Assert.Equal(5, r.GreenEvents);
    }

    [Fact]
    public void Run_OneWeakBlueEventAmongGreen_InconclusiveNotConsistent()
    {
        int threshold = Run(new TraceBuilder(66, 600, 450, 60).GreenFibre(10).GreenFibre(25).GreenFibre(40).Trace).ThresholdBlue;
        // One blue event above the entry threshold but below twice it: seen, not proven.
        var b = new TraceBuilder(66, 600, 450, 60).GreenFibre(10).GreenFibre(25).GreenFibre(40).Fibre(55, threshold * 3 / 2, threshold / 3);
        var r = Run(b.Trace);
        Assert.Equal(1, r.BlueEvents);
        Assert.Equal(PhysicalVerdict.Inconclusive, r.Verdict);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.FibresWeak);
    }

    // Since issue 17 (cause 5) one isolated saturated sample is dropped with its neighbours and no
    // longer forbids Consistent (IsolatedFlagTests); a sensor fault or ambient too high still does.
    [Theory]
    [InlineData(SweepTrace.FlagSaturated, PhysicalReason.Saturated, PhysicalVerdict.Consistent)]
    [InlineData(SweepTrace.FlagAmbientHigh, PhysicalReason.AmbientTooHigh, PhysicalVerdict.Inconclusive)]
    [InlineData(SweepTrace.FlagSensorFault, PhysicalReason.SensorFault, PhysicalVerdict.Inconclusive)]
    public void Run_OneFlaggedSampleInGenuineTrace_VerdictWithReason(byte flag, int reason, PhysicalVerdict expected)
    {
        var r = Run(GenuineTrace().Flag(33, flag).Trace);
        Assert.Equal(expected, r.Verdict);
        Assert.NotEqual(0, r.Reasons & reason);
    }

    [Fact]
    public void Run_ManyAmbientHighSamples_InconclusiveEvenWhenEvidenceIsAgainst()
    {
        var b = new TraceBuilder(66, 600, 450, 60);
        for (int i = 0; i < 20; i++) b.Flag(i, SweepTrace.FlagAmbientHigh);
        var r = Run(b.Trace);
        Assert.Equal(PhysicalVerdict.Inconclusive, r.Verdict);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.AmbientTooHigh);
    }

    [Fact]
    public void Run_SweepShorterThanOneSecond_SweepTooShortInconclusive()
    {
        var b = new TraceBuilder(20, 600, 450, 60).BlueFibre(3).GreenFibre(8).BlueFibre(12).GreenFibre(16);
        var r = Run(b.Trace);
        Assert.Equal(PhysicalVerdict.Inconclusive, r.Verdict);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.SweepTooShort);
    }

    [Fact]
    public void Run_EmptyTrace_InconclusiveWithoutThrowing()
    {
        var r = Run(new SweepTrace(8));
        Assert.Equal(PhysicalVerdict.Inconclusive, r.Verdict);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.TooFewValidSamples);
    }

    [Fact]
    public void Run_NullTrace_InconclusiveWithoutThrowing()
    {
        var r = Run(null!);
        Assert.Equal(PhysicalVerdict.Inconclusive, r.Verdict);
    }

    [Fact]
    public void Run_NoiseFarAboveFibreLevel_NoiseTooHighInconclusiveRatherThanFibresNotFound()
    {
        var r = Run(new TraceBuilder(66, 600, 450, 900).Trace);
        Assert.Equal(PhysicalVerdict.Inconclusive, r.Verdict);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.NoiseTooHigh);
        Assert.Equal(0, r.Reasons & PhysicalReason.FibresNotFound);
    }

    [Theory]
    [InlineData(SamplerFault.SensorAbsent, PhysicalReason.SensorFault)]
    [InlineData(SamplerFault.LampFault, PhysicalReason.SensorFault)]
    [InlineData(SamplerFault.AmbientTooHigh, PhysicalReason.AmbientTooHigh)]
    [InlineData(SamplerFault.Saturated, PhysicalReason.Saturated)]
    public void Run_SamplerFaultWithGoodLookingTrace_Inconclusive(SamplerFault fault, int reason)
    {
        var check = new PhysicalCheck(PhysicalCheckSettings.ForTcs34725(), 128);
        var r = new PhysicalCheckResult();
        check.Run(GenuineTrace().Trace, fault, Both, true, r);
        Assert.Equal(PhysicalVerdict.Inconclusive, r.Verdict);
        Assert.NotEqual(0, r.Reasons & reason);
        Assert.Equal(0, r.ConfidencePercent);
    }

    [Fact]
    public void Run_SameTraceTwice_SameResult()
    {
        var check = new PhysicalCheck(PhysicalCheckSettings.ForTcs34725(), 128);
        var a = new PhysicalCheckResult();
        var b = new PhysicalCheckResult();
        var t = GenuineTrace().Trace;
        check.Run(t, Both, true, a);
        check.Run(t, Both, true, b);
        Assert.Equal(a.Summary(), b.Summary());
    }

    /// <summary>Fibres in almost every sample, as on dense security paper under a 3 mm spot: a fibre every
    /// second or third sample, alternating colours, on sensor noise of 60.</summary>
    private static TraceBuilder DenseTrace()
    {
        var b = new TraceBuilder(66, 600, 450, 60);
        for (int i = 1; i + 2 < 66; i += 3) b.Fibre(i, i % 2 == 0 ? 1600 : 900, i % 2 == 0 ? 600 : 1800);
        return b;
    }

    [Fact]
    public void Run_DenseFibresWithPredictedNoise_ConsistentWithBothColours()
    {
        var r = Run(DenseTrace().Predicted(60).Trace);
        Assert.Equal(PhysicalVerdict.Consistent, r.Verdict);
        Assert.Equal(60, r.PredictedNoiseBlue);
        Assert.InRange(r.NoiseBlue, 60, 72);           // held within 1.0–1.2 × the prediction
        Assert.True(r.BlueEvents >= 5 && r.GreenEvents >= 5, r.Summary());
    }

    [Fact]
    public void Run_DenseFibresWithoutPrediction_NoiseEstimateInflatedByTheFibres()
    {
        // The same sheet without the sampler's prediction: the neighbour differences measure the fibres.
        var r = Run(DenseTrace().Trace);
        Assert.Equal(0, r.PredictedNoiseBlue);
        Assert.True(r.NoiseBlue > 2 * 72, r.Summary());
    }

    [Fact]
    public void Run_StatisticalNoiseBelowPrediction_RaisedToPredictionSoNoiseIsNoFibre()
    {
        // A quiet stretch (noise 10) from a sensor whose shot noise is 60: bumps of 150 (15σ of the stretch,
        // 2.5σ of the sensor) are noise, not fibres.
        var b = new TraceBuilder(66, 600, 450, 10).Predicted(60);
        for (int i = 5; i < 60; i += 9) b.Fibre(i, 150, 0);
        var r = Run(b.Trace);
        Assert.Equal(60, r.NoiseBlue);
        Assert.Equal(0, r.BlueEvents);
        Assert.Equal(PhysicalVerdict.Inconsistent, r.Verdict);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.FibresNotFound);
    }

    [Fact]
    public void Run_RefinedNoiseOnAs7341_NeverBelowThePredictedNoise()
    {
        // The AS7341 settings re-estimate σ away from events; a quiet stretch must not take it under the
        // sensor's shot noise either.
        var b = new TraceBuilder(66, 150, 200, 10).Fibre(10, 900, 200).Fibre(30, 200, 1200).Fibre(50, 900, 200).Predicted(60);
        var check = new PhysicalCheck(PhysicalCheckSettings.ForAs7341(), 128);
        var r = new PhysicalCheckResult();
        check.Run(b.Trace, Both, true, r);
        Assert.Equal(60, r.NoiseBlue);
        Assert.Equal(60, r.NoiseGreen);
    }

    [Fact]
    public void Run_AmbientTransientSwingBelowZero_LeftOutSoItMakesNoGreenFibre()
    {
        // Blue marker strokes only, and one lift-off under window light: the ambient subtraction fails and
        // swings below zero, above, and below again. The swing must not count as a green fibre.
        var b = new TraceBuilder(66, 600, 450, 60).BlueFibre(8).BlueFibre(20).BlueFibre(38).BlueFibre(45).BlueFibre(56).Predicted(60);
        b.Trace.Blue[29] = -500; b.Trace.Green[29] = -700;
        b.Fibre(30, 1200, 2400);
        b.Trace.Blue[32] = -300; b.Trace.Green[32] = -400;
        var r = Run(b.Trace);
        Assert.Equal(6, r.TransientSamples);             // 29 and 32 with their neighbours 28, 30, 31, 33
        Assert.Equal(0, r.GreenEvents);
        Assert.Equal(PhysicalVerdict.Inconsistent, r.Verdict);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.SingleColourFibres);
    }

    [Fact]
    public void Run_ManyAmbientTransients_InconclusiveRatherThanDecidingOnTheRest()
    {
        var b = GenuineTrace().Predicted(60);
        for (int i = 2; i < 66; i += 6) { b.Trace.Blue[i] = -600; b.Trace.Green[i] = -600; }
        var r = Run(b.Trace);
        Assert.True(r.TransientSamples * 1000 > 150 * 66, r.Summary());
        Assert.Equal(PhysicalVerdict.Inconclusive, r.Verdict);
    }

    [Fact]
    public void Describe_SeveralReasons_NamesThemInOrder()
    {
        Assert.Equal("FibresNotFound,FalseLuminescence", PhysicalReason.Describe(PhysicalReason.FibresNotFound | PhysicalReason.FalseLuminescence));
        Assert.Equal("None", PhysicalReason.Describe(0));
    }
}
