using Handheld.Core.Drivers;
using Handheld.Core.Fingerprint;
using Handheld.Core.Fluorescence;

namespace Handheld.Core.Tests.Fingerprint;

/// <summary>Track-mode extraction on synthetic dense traces (12 ms samples) with known crossing and mark times.</summary>
public class TrackExtractorTests
{
    private const int PeriodMs = 12;

    /// <summary>A crossing under the 3 mm spot at 40 mm/s lasts ≈ 75 ms: a Gaussian pulse of σ = 25 ms.</summary>
    private static double Pulse(double t, double centre, double sigmaMs = 25) => Math.Exp(-0.5 * Math.Pow((t - centre) / sigmaMs, 2));

    /// <summary>Marks every 400 ms from 150 ms (red, with some green leak), a blue crossing 130 ms and a green one
    /// 270 ms after each mark, on a baseline of <paramref name="ambient"/>(t) in every band, with deterministic noise.</summary>
    private static SweepTrace Trace(Func<double, double> ambient, out double[] marks, out double[] blue, out double[] green)
    {
        var t = new SweepTrace(320);
        marks = Enumerable.Range(0, 7).Select(k => 150 + 400.0 * k + 3.3 * k).ToArray();   // centres between samples
        blue = marks.Take(6).Select(m => m + 131.7).ToArray();
        green = marks.Take(6).Select(m => m + 268.4).ToArray();
        var rng = new Random(5);
        for (int i = 0; i < 240; i++)
        {
            double ms = i * PeriodMs + 6;
            double r = marks.Sum(m => Pulse(ms, m)) * 9000;
            double b = blue.Sum(c => Pulse(ms, c)) * 1600 + green.Sum(c => Pulse(ms, c)) * 300;
            double g = green.Sum(c => Pulse(ms, c)) * 1600 + blue.Sum(c => Pulse(ms, c)) * 500 + marks.Sum(m => Pulse(ms, m)) * 900;
            double a = ambient(ms);
            t.Add((int)ms, (int)(a + b + 40 * (rng.NextDouble() - 0.5)), (int)(a + g + 40 * (rng.NextDouble() - 0.5)),
                (int)(a * 0.5 + r + 40 * (rng.NextDouble() - 0.5)), (int)(3 * a + r + b + g), 0, 0);
        }
        return t;
    }

    private static TrackEvents Extract(SweepTrace t)
    {
        var e = new TrackEvents();
        new TrackExtractor(TrackExtractorSettings.For(SensorKind.Tcs34725), 320).Run(t, SamplerFault.None, e);
        return e;
    }

    private static void AssertFound(TrackEvents e, double[] marks, double[] blue, double[] green, double toleranceMs)
    {
        Assert.False(e.Unusable);
        Assert.Equal(marks.Length, e.MarkCount);
        for (int k = 0; k < marks.Length; k++) Assert.InRange(e.MarkTimeMs[k], marks[k] - toleranceMs, marks[k] + toleranceMs);
        string found = string.Join(" ", Enumerable.Range(0, e.EventCount).Select(i => e.EventTimeMs[i] + (e.EventColour[i] == FibreColours.Green ? "g" : "b")));
        Assert.True(blue.Length + green.Length == e.EventCount, found);
        for (int k = 0; k < blue.Length; k++)
        {
            Assert.Equal(FibreColours.Blue, e.EventColour[2 * k]);
            Assert.True(Math.Abs(e.EventTimeMs[2 * k] - blue[k]) <= toleranceMs, found);
            Assert.Equal(FibreColours.Green, e.EventColour[2 * k + 1]);
            Assert.True(Math.Abs(e.EventTimeMs[2 * k + 1] - green[k]) <= toleranceMs, found);
        }
    }

    [Fact]
    public void Run_KnownCrossingsOnFlatAmbient_TimesWithinThreeMsOfTheTruth()
    {
        var t = Trace(_ => 600, out var marks, out var blue, out var green);
        // 3 ms at 40 mm/s is 0.12 mm: a quarter of one 12 ms sample.
        AssertFound(Extract(t), marks, blue, green, 3);
    }

    [Fact]
    public void Run_AmbientRampingTenfold_SameCrossingsNoExtraEvents()
    {
        // Window light creeping in under the shroud: the baseline rises from 500 to 5,000 cps16 over the sweep.
        var t = Trace(ms => 500 + 4500 * ms / 2900, out var marks, out var blue, out var green);
        AssertFound(Extract(t), marks, blue, green, 4);
    }

    [Fact]
    public void Run_SamplerFault_Unusable()
    {
        var t = Trace(_ => 600, out _, out _, out _);
        var e = new TrackEvents();
        new TrackExtractor(null!, 320).Run(t, SamplerFault.BusError, e);
        Assert.True(e.Unusable);
        Assert.Equal(0, e.EventCount);
    }
}
