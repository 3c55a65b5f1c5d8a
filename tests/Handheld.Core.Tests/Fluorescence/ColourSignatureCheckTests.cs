using Handheld.Core.Fluorescence;

namespace Handheld.Core.Tests.Fluorescence;

public class ColourSignatureCheckTests
{
    private const int Both = FibreColours.Blue | FibreColours.Green;
    // R, G, B permille: the simulator's declared fibres (DeclaredFibreColourShares, peaks 450/515 nm, FWHM 45 nm)
    // and the attack corpus's colourless printing inks (455/520 nm, FWHM 70 nm) through the TCS34725's filters.
    private static readonly int[] FibreBlue = { 0, 194, 806 };
    private static readonly int[] FibreGreen = { 27, 637, 336 };
    private static readonly int[] InkBlue = { 2, 275, 723 };
    private static readonly int[] InkGreen = { 77, 608, 315 };

    private static DeclaredColourShares Declared()
    {
        var d = new DeclaredColourShares();
        Assert.True(d.Set(FibreColours.Blue, FibreBlue[0], FibreBlue[1], FibreBlue[2]));
        Assert.True(d.Set(FibreColours.Green, FibreGreen[0], FibreGreen[1], FibreGreen[2]));
        return d;
    }

    /// <summary>A flat UV-dull paper with small noise and events on top of it, recorded as PhysicalCheck would.</summary>
    private sealed class Sweep
    {
        public readonly SweepTrace Trace = new SweepTrace(128);
        public readonly PhysicalCheckResult Result = new PhysicalCheckResult();
        private uint _state;

        public Sweep(int samples, uint seed = 99)
        {
            _state = seed;
            for (int i = 0; i < samples; i++)
                Trace.Add(i * 45, 400 + Noise(), 500 + Noise(), 100 + Noise(), 2000, 100, 0, 12, 12);
            Result.Verdict = PhysicalVerdict.Consistent;
            Result.ConfidencePercent = 90;
            Result.ExpectedColours = Both;
        }

        private int Noise()
        {
            _state = _state * 1103515245 + 12345;
            return (int)((_state >> 16) % 25) - 12;
        }

        /// <summary>An event over samples index, index + 1 with R/G/B shares of <paramref name="amplitude"/> cps16.</summary>
        public Sweep Event(int index, int[] shares, int amplitude, int colour)
        {
            for (int i = index; i <= index + 1; i++)
            {
                int k = i == index ? 2 : 1;
                Trace.Red[i] += amplitude * shares[0] / 1000 * k / 2;
                Trace.Green[i] += amplitude * shares[1] / 1000 * k / 2;
                Trace.Blue[i] += amplitude * shares[2] / 1000 * k / 2;
            }
            int e = Result.EventCount++;
            Result.EventStartMs[e] = Trace.TimeMs[index];
            Result.EventEndMs[e] = Trace.TimeMs[index + 1];
            Result.EventColour[e] = colour;
            return this;
        }

        public Sweep Events(int[] blue, int[] green, int count = 4)
        {
            for (int k = 0; k < count; k++)
            {
                Event(4 + 10 * k, blue, 3000, FibreColours.Blue);
                Event(9 + 10 * k, green, 3000, FibreColours.Green);
            }
            return this;
        }
    }

    private static int[] Mix(int[] a, int[] b, int eighthsOfB)
    {
        var m = new int[3];
        for (int c = 0; c < 3; c++) m[c] = (a[c] * (8 - eighthsOfB) + b[c] * eighthsOfB) / 8;
        return m;
    }

    [Fact]
    public void GenuineFibres_StayConsistent()
    {
        var s = new Sweep(60).Events(FibreBlue, FibreGreen);
        var cr = new ColourSignatureResult();
        new ColourSignatureCheck(new ColourSignatureSettings(), 128).Apply(s.Trace, Declared(), s.Result, cr);
        Assert.Equal(ColourSignatureResult.StatusChecked, cr.Status);
        Assert.Equal(4, cr.ColourEvents[1]);
        Assert.Equal(0, cr.MismatchColours + cr.DoubtColours);
        Assert.Equal(PhysicalVerdict.Consistent, s.Result.Verdict);
        Assert.Equal(0, s.Result.Reasons & PhysicalReason.ColourSignatureMismatch);
    }

    [Fact]
    public void GreenFibresWithBlueFibreLight_AreAMixtureNotAMismatch()
    {
        // A blue fibre beside each green one in the spot: the shares move along the blue–green line only.
        var s = new Sweep(60).Events(Mix(FibreBlue, FibreGreen, 2), Mix(FibreGreen, FibreBlue, 3));
        var cr = new ColourSignatureResult();
        new ColourSignatureCheck(new ColourSignatureSettings(), 128).Apply(s.Trace, Declared(), s.Result, cr);
        Assert.InRange(cr.PooledBroadening[1], -15, 15);
        Assert.Equal(PhysicalVerdict.Consistent, s.Result.Verdict);
    }

    [Fact]
    public void PrintedInk_IsInconsistent()
    {
        var s = new Sweep(60).Events(InkBlue, InkGreen);
        var cr = new ColourSignatureResult();
        new ColourSignatureCheck(new ColourSignatureSettings(), 128).Apply(s.Trace, Declared(), s.Result, cr);
        Assert.Equal(1, cr.MismatchColours);
        Assert.True(cr.PooledBroadening[1] > 40, "green ink spills into the red filter: " + cr.PooledBroadening[1]);
        Assert.Equal(PhysicalVerdict.Inconsistent, s.Result.Verdict);
        Assert.NotEqual(0, s.Result.Reasons & PhysicalReason.ColourSignatureMismatch);
        Assert.Contains("ColourSignatureMismatch", PhysicalReason.Describe(s.Result.Reasons));
    }

    [Fact]
    public void OneWildEvent_DoesNotDecideAlone()
    {
        // Genuine fibres and one "green" event with half its light in the red filter (an ambient change under
        // window light): far off alone, but clipped to 1.5 of its sigma it cannot carry the pool.
        var s = new Sweep(60).Events(FibreBlue, FibreGreen).Event(48, new[] { 500, 300, 200 }, 3000, FibreColours.Green);
        var cr = new ColourSignatureResult();
        new ColourSignatureCheck(new ColourSignatureSettings(), 128).Apply(s.Trace, Declared(), s.Result, cr);
        Assert.True(cr.PooledBroadening[1] > cr.ClippedBroadening[1], "the wild event moves the plain mean more");
        Assert.Equal(0, cr.MismatchColours);
        Assert.Equal(PhysicalVerdict.Consistent, s.Result.Verdict);
    }

    [Fact]
    public void PrintedInk_FewerEventsThanTheMinimum_IsNotJudged()
    {
        var s = new Sweep(60).Events(InkBlue, InkGreen, 2);
        var cr = new ColourSignatureResult();
        new ColourSignatureCheck(new ColourSignatureSettings(), 128).Apply(s.Trace, Declared(), s.Result, cr);
        Assert.Equal(0, cr.JudgedColours);
        Assert.Equal(PhysicalVerdict.Consistent, s.Result.Verdict);
    }

    [Fact]
    public void PrintedInk_UnderAGate_StaysInconclusive()
    {
        var s = new Sweep(60).Events(InkBlue, InkGreen);
        s.Result.Verdict = PhysicalVerdict.Inconclusive;
        s.Result.Reasons = PhysicalReason.AmbientTooHigh;
        new ColourSignatureCheck(new ColourSignatureSettings(), 128).Apply(s.Trace, Declared(), s.Result, new ColourSignatureResult());
        Assert.Equal(PhysicalVerdict.Inconclusive, s.Result.Verdict);
        Assert.NotEqual(0, s.Result.Reasons & PhysicalReason.ColourSignatureMismatch);
    }

    [Fact]
    public void MissingDeclaration_IsNeverConsistent()
    {
        var s = new Sweep(60).Events(FibreBlue, FibreGreen);
        var onlyBlue = new DeclaredColourShares();
        Assert.True(onlyBlue.Set(FibreColours.Blue, 0, 194, 806));
        var cr = new ColourSignatureResult();
        new ColourSignatureCheck(new ColourSignatureSettings(), 128).Apply(s.Trace, onlyBlue, s.Result, cr);
        Assert.Equal(ColourSignatureResult.StatusNotDeclared, cr.Status);
        Assert.Equal(PhysicalVerdict.Inconclusive, s.Result.Verdict);
        Assert.NotEqual(0, s.Result.Reasons & PhysicalReason.ColourSharesNotDeclared);

        var t = new Sweep(60).Events(FibreBlue, FibreGreen);
        new ColourSignatureCheck(new ColourSignatureSettings(), 128).Apply(t.Trace, null!, t.Result, new ColourSignatureResult());
        Assert.Equal(PhysicalVerdict.Inconclusive, t.Result.Verdict);
    }

    [Fact]
    public void MissingDeclaration_KeepsEvidenceAgainstTheProfile()
    {
        var s = new Sweep(60);
        s.Result.Verdict = PhysicalVerdict.Inconsistent;
        s.Result.Reasons = PhysicalReason.FalseLuminescence;
        new ColourSignatureCheck(new ColourSignatureSettings(), 128).Apply(s.Trace, new DeclaredColourShares(), s.Result, new ColourSignatureResult());
        Assert.Equal(PhysicalVerdict.Inconsistent, s.Result.Verdict);
    }

    [Fact]
    public void NoFibresExpected_IsNotApplicable()
    {
        var s = new Sweep(60).Events(InkBlue, InkGreen);
        s.Result.ExpectedColours = 0;
        var cr = new ColourSignatureResult();
        new ColourSignatureCheck(new ColourSignatureSettings(), 128).Apply(s.Trace, Declared(), s.Result, cr);
        Assert.Equal(ColourSignatureResult.StatusNotApplicable, cr.Status);
        Assert.Equal(PhysicalVerdict.Consistent, s.Result.Verdict);
    }
}
