using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;

namespace Handheld.Core.Tests.Fluorescence;

public class FluorescenceSamplerTests
{
    private static (FluorescenceSampler, ScriptedSensor, FakeLamp, FakeClock) Make()
    {
        var clock = new FakeClock();
        var lamp = new FakeLamp();
        var sensor = new ScriptedSensor(clock) { Lamp = lamp };
        var guard = new UvLampGuard(lamp, clock, new LampLimits());
        return (new FluorescenceSampler(sensor, guard, clock, null!, null!), sensor, lamp, clock);
    }

    [Fact]
    public void Sweep_DriverThrows_LampLeftOff()
    {
        var (sampler, sensor, lamp, clock) = Make();
        int n = 0;
        sensor.Reading = on => new BandReading { Blue = on ? 500 + n++ : 100, Green = 300, Red = 50, Clear = 1000 };
        Assert.Equal(SamplerFault.None, sampler.Prepare());
        sensor.ThrowOnRead = true;
        Assert.Throws<InvalidOperationException>(() => sampler.Sweep(new SweepTrace(8), 1000));
        Assert.Equal(0, lamp.Duty);
    }

    [Fact]
    public void Sweep_KnownReadings_SubtractsMeanOfNeighbouringOffReadings()
    {
        var (sampler, sensor, _, _) = Make();
        int off = 0, onCount = 0;
        // UV-off blue rises 100 counts per reading (ambient drift); UV-on adds 400 counts of fluorescence.
        sensor.Reading = on => on
            ? new BandReading { Blue = 1000 + 100 * off - 50 + 400 + (onCount++ % 2), Green = 10, Red = 10, Clear = 10 }
            : new BandReading { Blue = 1000 + 100 * off++, Green = 10, Red = 10, Clear = 10 };
        Assert.Equal(SamplerFault.None, sampler.Prepare());
        off = 0;
        var trace = new SweepTrace(16);
        Assert.Equal(SamplerFault.None, sampler.Sweep(trace, 500));
        // Auto gain settles at 60× for these small counts: 400 counts in 50 ms = 400 × 16e9 / (50 000 × 60 000)
        // = 2133 cps16; the scripted ±1 count of jitter is 5 cps16.
        Assert.Equal(3, sensor.GainLevel);
        Assert.True(trace.Count >= 4);
        for (int i = 0; i < trace.Count; i++) Assert.InRange(trace.Blue[i], 2133 - 6, 2133 + 6);
    }

    [Fact]
    public void Sweep_KnownCounts_PredictsShotAndReadNoiseOfEachSample()
    {
        var (sampler, sensor, _, _) = Make();
        int n = 0;
        sensor.Reading = on => on
            ? new BandReading { Blue = 1400 + (n++ % 3), Green = 700 + (n % 2), Red = 10, Clear = 2000 }
            : new BandReading { Blue = 1000, Green = 500, Red = 10, Clear = 1500 };
        Assert.Equal(SamplerFault.None, sampler.Prepare());
        var trace = new SweepTrace(16);
        Assert.Equal(SamplerFault.None, sampler.Sweep(trace, 500));
        int gain = sensor.GainMilliAt(sensor.GainLevel) / 1000;
        // σ² in counts: on·G/E + read² for the UV-on reading plus a quarter of each UV-off reading's.
        static double Sigma(double on, double off, int g)
        {
            double e = 100, read = 0.7, cps16PerCount = 16e9 / (50_000.0 * g * 1000);
            double v = on * g / e + read * read + 2 * (off * g / e + read * read) / 4;
            return Math.Sqrt(v) * cps16PerCount;
        }
        for (int i = 0; i < trace.Count; i++)
        {
            Assert.InRange(trace.SigmaBlue[i], Sigma(1400, 1000, gain) * 0.98, Sigma(1402, 1000, gain) * 1.02);
            Assert.InRange(trace.SigmaGreen[i], Sigma(700, 500, gain) * 0.98, Sigma(701, 500, gain) * 1.02);
        }
    }

    [Fact]
    public void Sweep_IdenticalRawReadings_StuckReadings()
    {
        var (sampler, sensor, lamp, _) = Make();
        sensor.Reading = on => new BandReading { Blue = on ? 700 : 100, Green = 300, Red = 50, Clear = 1000 };
        Assert.Equal(SamplerFault.None, sampler.Prepare());
        Assert.Equal(SamplerFault.StuckReadings, sampler.Sweep(new SweepTrace(32), 3000));
        Assert.Equal(0, lamp.Duty);
    }

    [Fact]
    public void Sweep_HotLoop_AllocatesNothing()
    {
        var (sampler, sensor, _, _) = Make();
        int n = 0;
        sensor.Reading = on => new BandReading { Blue = on ? 900 + (n++ % 7) : 100, Green = 300, Red = 50, Clear = 1000 };
        Assert.Equal(SamplerFault.None, sampler.Prepare());
        var trace = new SweepTrace(64);
        for (int i = 0; i < 5; i++) sampler.Sweep(trace, 3000); // warm up (JIT tiers)
        long before = GC.GetAllocatedBytesForCurrentThread();
        SamplerFault fault = sampler.Sweep(trace, 3000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(SamplerFault.None, fault);
        Assert.True(trace.Count >= 20);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Sweep_IdenticalNearZeroReadings_NotStuck()
    {
        var (sampler, sensor, _, _) = Make();
        sensor.Reading = on => new BandReading { Blue = on ? 3 : 0, Green = 1, Red = 0, Clear = 9 };
        Assert.Equal(SamplerFault.None, sampler.Prepare());
        Assert.Equal(SamplerFault.None, sampler.Sweep(new SweepTrace(32), 3000));
    }

    [Fact]
    public void Sweep_BeforePrepare_NotPrepared()
    {
        var (sampler, _, _, _) = Make();
        Assert.Equal(SamplerFault.NotPrepared, sampler.Sweep(new SweepTrace(8), 1000));
    }

    [Theory]
    [InlineData(SamplerFault.None, "none")]
    [InlineData(SamplerFault.AmbientTooHigh, "ambient-too-high")]
    [InlineData(SamplerFault.LampFault, "lamp-fault")]
    public void Name_Fault_StableText(SamplerFault fault, string name)
    {
        Assert.Equal(name, SamplerFaultNames.Name(fault));
    }
}
