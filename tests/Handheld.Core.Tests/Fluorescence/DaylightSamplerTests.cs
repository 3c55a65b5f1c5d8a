using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;

namespace Handheld.Core.Tests.Fluorescence;

/// <summary>The sampler's daylight reading: interleaved after each UV-on reading, ambient-cancelled, LED left off.</summary>
public class DaylightSamplerTests
{
    private static (FluorescenceSampler, ScriptedSensor, FakeLamp, FakeWhiteLed) Make()
    {
        var clock = new FakeClock();
        var lamp = new FakeLamp();
        var white = new FakeWhiteLed();
        var sensor = new ScriptedSensor(clock) { Lamp = lamp };
        var guard = new UvLampGuard(lamp, clock, new LampLimits());
        // Paper reflects 6000 clear counts at full white duty and gain 1×, fewer at higher gain so the test
        // reading does not depend on the gain the sampler picks: counts scale with gain like a real sensor.
        int n = 0;   // shot noise, so identical readings do not look stuck
        sensor.Reading = on =>
        {
            int gain = sensor.GainMilliAt(sensor.GainLevel);
            if (white.Duty > 0)
            {
                white.OnReadings++;
                Assert.False(on, "white and UV on together");
                return new BandReading { Blue = 100, Green = 100, Red = 100, Clear = (int)(6000L * white.Duty / 1000 * gain / 1000) + 40 };
            }
            return on ? new BandReading { Blue = 500 + (n++ % 3), Green = 300, Red = 50, Clear = 900 } : new BandReading { Blue = 10, Green = 10, Red = 10, Clear = 40 };
        };
        return (new FluorescenceSampler(sensor, guard, clock, null!, SamplerSettings.ForMains50Hz(), white), sensor, lamp, white);
    }

    [Fact]
    public void Sweep_WithWhiteLed_OneDaylightReadingPerSample_AmbientCancelledAndScaledToFullDuty()
    {
        var (sampler, sensor, lamp, white) = Make();
        Assert.Equal(SamplerFault.None, sampler.Prepare());
        int before = white.OnReadings;
        var trace = new SweepTrace(32);

        Assert.Equal(SamplerFault.None, sampler.Sweep(trace, 1000));

        Assert.True(trace.HasReflectance);
        Assert.Equal(trace.Count, white.OnReadings - before);
        // 6000 counts at 1× in 50 ms (the scripted sensor's time) = 6000 × 16e9 / (50 000 × 1000) = 1 920 000 cps16,
        // whatever gain and duty the sampler chose (the ambient 40 counts are subtracted).
        for (int i = 0; i < trace.Count; i++) Assert.InRange(trace.Reflectance[i], 1_900_000, 1_940_000);
        Assert.Equal(0, white.Duty);
        Assert.Equal(0, lamp.Duty);
    }

    [Fact]
    public void Sweep_WithoutWhiteLed_TraceHasNoReflectance()
    {
        var clock = new FakeClock();
        var lamp = new FakeLamp();
        int n = 0;
        var sensor = new ScriptedSensor(clock) { Lamp = lamp, Reading = on => new BandReading { Blue = on ? 500 + (n++ % 3) : 10, Green = 300, Red = 50, Clear = 900 } };
        var sampler = new FluorescenceSampler(sensor, new UvLampGuard(lamp, clock, new LampLimits()), clock, null!, null!);
        Assert.Equal(SamplerFault.None, sampler.Prepare());
        var trace = new SweepTrace(16);

        Assert.Equal(SamplerFault.None, sampler.Sweep(trace, 500));

        Assert.False(trace.HasReflectance);
        Assert.Equal(SweepTrace.ReflectanceMissing, trace.Reflectance[0]);
    }

    [Fact]
    public void Sweep_DriverThrowsDuringDaylightReading_WhiteLedLeftOff()
    {
        var (sampler, sensor, _, white) = Make();
        Assert.Equal(SamplerFault.None, sampler.Prepare());
        var inner = sensor.Reading!;
        sensor.Reading = on => { if (white.Duty > 0) throw new InvalidOperationException("driver bug"); return inner(on); };

        Assert.Throws<InvalidOperationException>(() => sampler.Sweep(new SweepTrace(8), 1000));
        Assert.Equal(0, white.Duty);
    }
}
