using Handheld.Core.Fluorescence;

namespace Handheld.Core.Tests.Fluorescence;

/// <summary>The daylight (white LED) test inside PhysicalCheck: coloured events are no fibres, a broken LED fails closed.</summary>
public class DaylightReflectanceTests
{
    private const int Both = FibreColours.Blue | FibreColours.Green;
    private const int Paper = 2_400_000;      // TCS34725-like blank paper reflectance, cps16 at full duty
    private const int Sigma = 2_000;          // its predicted shot noise

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
                Trace.SetReflectance(i, reflectance + Noise(Sigma), Sigma);
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
        /// (0 = an invisible security fibre, ~30 = a fine marker line under a 3 mm spot).</summary>
        public Sweep Event(int index, int blue, int green, int dipPermille)
        {
            Trace.Blue[index] += blue; Trace.Green[index] += green;
            Trace.Blue[index + 1] += blue / 2; Trace.Green[index + 1] += green / 2;
            Trace.Reflectance[index] -= (int)((long)Paper * dipPermille / 1000);
            Trace.Reflectance[index + 1] -= (int)((long)Paper * dipPermille / 2000);
            return this;
        }

        public Sweep Blue(int index, int dip = 0) => Event(index, 1600, 600, dip);
        public Sweep Green(int index, int dip = 0) => Event(index, 1200, 2400, dip);
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
    }

    [Fact]
    public void MarkerStrokesInBothColours_ColouredByDaylight_InconsistentAndNotCountedAsFibres()
    {
        var t = new Sweep().Blue(8, 30).Green(17, 30).Blue(30, 25).Green(41, 30).Blue(52, 35).Green(60, 30).Trace;

        var r = Run(t);

        Assert.Equal(PhysicalVerdict.Inconsistent, r.Verdict);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.FibresVisibleByDaylight);
        Assert.Equal(6, r.ColouredEvents);
        Assert.Equal(0, r.BlueEvents + r.GreenEvents);
        Assert.True(r.EventColouredByDaylight(0));
        Assert.InRange(r.EventDipPermille[0], 20, 40);
    }

    [Fact]
    public void OneColouredEventAmongFibres_NotCountedButNoEvidence()
    {
        var t = new Sweep().Blue(8).Green(17).Blue(30, 30).Green(41).Blue(52).Green(60).Blue(24).Trace;

        var r = Run(t);

        Assert.Equal(1, r.ColouredEvents);
        Assert.Equal(0, r.Reasons & PhysicalReason.FibresVisibleByDaylight);
        Assert.Equal(3, r.BlueEvents);
        Assert.Equal(PhysicalVerdict.Consistent, r.Verdict);
    }

    [Fact]
    public void OnlyEventOfAColourReadColoured_AbsenceIsDoubtNotEvidence()
    {
        // Five green fibres and one blue event that reads coloured: blue is missing only because of the daylight
        // test, so the sweep is Inconclusive, never a proven absence (Inconsistent).
        var t = new Sweep().Green(8).Green(17).Blue(30, 30).Green(41).Green(52).Green(60).Trace;

        var r = Run(t);

        Assert.Equal(1, r.ColouredEvents);
        Assert.Equal(FibreColours.Blue, r.ColouredColours);
        Assert.Equal(PhysicalVerdict.Inconclusive, r.Verdict);
        Assert.NotEqual(0, r.Reasons & PhysicalReason.BlueFibresMissing);
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
