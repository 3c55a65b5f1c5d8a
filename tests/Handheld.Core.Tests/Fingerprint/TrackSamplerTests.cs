using Handheld.Core.Drivers;
using Handheld.Core.Fingerprint;
using Handheld.Core.Fluorescence;
using Handheld.Core.Tests.Fluorescence;

namespace Handheld.Core.Tests.Fingerprint;

public class TrackSamplerTests
{
    /// <summary>A 10 ms sensor that counts its readings and can stop answering after some.</summary>
    private sealed class TrackSensor : IFluorescenceSensor
    {
        private readonly FakeClock _clock;
        private readonly FakeLamp _lamp;
        public TrackSensor(FakeClock clock, FakeLamp lamp) { _clock = clock; _lamp = lamp; }
        public int Readings, ReadingsWithLampOff;
        public int? FailAfter;
        public SensorStatus Failure = SensorStatus.BusError;
        public SensorKind Kind => SensorKind.Tcs34725;
        public SensorStatus Initialise(int integrationTimeUs) { IntegrationTimeUs = integrationTimeUs / 2400 * 2400; return SensorStatus.Ok; }
        public int IntegrationTimeUs { get; private set; }
        public int FullScale => 4096;
        public int GainLevelCount => 4;
        public int GainLevel { get; private set; } = 3;
        private static readonly int[] Gains = { 1000, 4000, 16000, 60000 };
        public int GainMilliAt(int level) => Gains[level];
        public SensorStatus SetIntegrationTime(int integrationTimeUs) => SensorStatus.Ok;
        public SensorStatus SetGainLevel(int level) { GainLevel = level; return SensorStatus.Ok; }
        public SensorStatus StartIntegration() => SensorStatus.Ok;
        public SensorStatus ReadWhenReady(out BandReading reading)
        {
            reading = default;
            _clock.WaitMs(12);
            if (FailAfter is int n && Readings >= n) return Failure;
            Readings++;
            if (_lamp.Duty == 0) ReadingsWithLampOff++;
            int v = 300 + Readings % 7;   // shot noise: never stuck
            reading = new BandReading { Blue = v, Green = v + 3, Red = v / 2, Clear = 3 * v, FullScale = FullScale,
                GainMilli = GainMilliAt(GainLevel), IntegrationTimeUs = IntegrationTimeUs };
            return SensorStatus.Ok;
        }
        public void PowerDown() { }
    }

    private static (TrackSampler, TrackSensor, FakeLamp, FakeClock) Make()
    {
        var clock = new FakeClock();
        var lamp = new FakeLamp();
        var sensor = new TrackSensor(clock, lamp);
        var guard = new UvLampGuard(lamp, clock, new LampLimits());
        return (new TrackSampler(sensor, guard, clock, null!, new TrackSamplerSettings()), sensor, lamp, clock);
    }

    [Fact]
    public void Sweep_LampOnThroughout_BackToBackReadingsNoLampOffReadings()
    {
        var (sampler, sensor, lamp, _) = Make();
        Assert.Equal(SamplerFault.None, sampler.Prepare());
        int switchesBefore = lamp.Switches;
        sensor.ReadingsWithLampOff = 0;
        var trace = new SweepTrace(320);
        Assert.Equal(SamplerFault.None, sampler.Sweep(trace, TrackSamplerSettings.SweepMs));
        Assert.Equal(0, sensor.ReadingsWithLampOff);
        Assert.Equal(0, lamp.Duty);                                       // off afterwards
        Assert.True(lamp.Switches - switchesBefore <= 3, "lamp switched " + (lamp.Switches - switchesBefore) + " times");
        Assert.InRange(trace.Count, 240, 250);                             // 2,940 ms / 12 ms
        Assert.Equal(9600, sensor.IntegrationTimeUs);                      // 4 × 2.4 ms
        Assert.InRange(sampler.SweepDurationMs, 2940, 2960);
    }

    [Theory]
    [InlineData(SensorStatus.BusError, SamplerFault.BusError)]
    [InlineData(SensorStatus.DataTimeout, SamplerFault.DataTimeout)]
    public void Sweep_SensorStopsAnsweringMidSweep_FaultLampOffSamplesKept(SensorStatus status, SamplerFault expected)
    {
        var (sampler, sensor, lamp, _) = Make();
        Assert.Equal(SamplerFault.None, sampler.Prepare());
        sensor.FailAfter = sensor.Readings + 100;
        sensor.Failure = status;
        var trace = new SweepTrace(320);
        Assert.Equal(expected, sampler.Sweep(trace, TrackSamplerSettings.SweepMs));
        Assert.Equal(0, lamp.Duty);
        Assert.Equal(100, trace.Count);
        var e = new TrackEvents();
        new TrackExtractor(null!, 320).Run(trace, sampler.LastFault, e);
        Assert.True(e.Unusable);
    }

    [Fact]
    public void Sweep_NotPrepared_FaultLampOff()
    {
        var (sampler, _, lamp, _) = Make();
        Assert.Equal(SamplerFault.NotPrepared, sampler.Sweep(new SweepTrace(16), 100));
        Assert.Equal(0, lamp.Duty);
    }
}
