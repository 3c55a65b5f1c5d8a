using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;
using Handheld.Core.Ports;

namespace Handheld.Core.Tests.Inspection;

public class SweepPhysicalCheckTests
{
    private sealed class Lamp : IUvLamp
    {
        public int Duty;
        public void SetDutyPermille(int dutyPermille) => Duty = dutyPermille;
        public bool TryReadCurrentMa(out int milliamps) { milliamps = 0; return false; }
    }

    /// <summary>A sensor that integrates for its integration time on the shared fake clock; UV-on adds blue.</summary>
    private sealed class Sensor(FakeClock clock, Lamp lamp) : IFluorescenceSensor
    {
        public SensorStatus InitStatus = SensorStatus.Ok;
        public int FailAfterReads = int.MaxValue;
        public int Reads;
        private int _gain;
        public SensorKind Kind => SensorKind.Tcs34725;
        public SensorStatus Initialise(int integrationTimeUs) { IntegrationTimeUs = integrationTimeUs; return InitStatus; }
        public int IntegrationTimeUs { get; private set; } = 50000;
        public int FullScale => 65535;
        public int GainLevelCount => 4;
        public int GainLevel => _gain;
        public int GainMilliAt(int level) => new[] { 1000, 4000, 16000, 60000 }[level];
        public SensorStatus SetIntegrationTime(int integrationTimeUs) => SensorStatus.Ok;
        public SensorStatus SetGainLevel(int level) { _gain = level; return SensorStatus.Ok; }
        public SensorStatus StartIntegration() => SensorStatus.Ok;
        public SensorStatus ReadWhenReady(out BandReading reading)
        {
            clock.NowMs += IntegrationTimeUs / 1000;
            Reads++;
            reading = default;
            if (Reads > FailAfterReads) return SensorStatus.BusError;
            int uv = lamp.Duty > 0 ? 1 : 0;
            // 40 counts ambient, +300 blue / +100 clear under UV, plus a small per-read variation (not stuck).
            reading.Blue = 40 + uv * 300 + Reads % 3; reading.Green = 40 + Reads % 2; reading.Red = 40; reading.Clear = 120 + uv * 100 + Reads % 5;
            reading.FullScale = FullScale; reading.GainMilli = GainMilliAt(_gain); reading.IntegrationTimeUs = IntegrationTimeUs;
            return SensorStatus.Ok;
        }
        public void PowerDown() { }
    }

    private sealed class Analysis : IFluorescenceAnalysis
    {
        public int Calls, LastProfile, LastCount;
        public void Analyse(SweepTrace trace, int expectedProfile, PhysicalResult result)
        {
            Calls++; LastProfile = expectedProfile; LastCount = trace.Count;
            result.Finding = PhysicalFinding.Consistent;
        }
    }

    private static (SweepPhysicalCheck Check, Sensor Sensor, Lamp Lamp, Analysis Analysis) Make()
    {
        var clock = new FakeClock();
        var lamp = new Lamp();
        var sensor = new Sensor(clock, lamp);
        var guard = new UvLampGuard(lamp, clock, new LampLimits());
        var sampler = new FluorescenceSampler(sensor, guard, clock, null, null);
        var analysis = new Analysis();
        return (new SweepPhysicalCheck(sampler, analysis, 128, 3000), sensor, lamp, analysis);
    }

    [Fact]
    public void Step_GoodSweep_AnalysedWithDeclaredProfileLampOff()
    {
        var (check, _, lamp, analysis) = Make();
        var result = new PhysicalResult();
        check.Begin(0, 3, result);
        Assert.False(check.Step(0)); // prepare
        Assert.True(check.Step(0));  // sweep + analysis
        Assert.Equal(1, analysis.Calls);
        Assert.Equal(3, analysis.LastProfile);
        Assert.True(analysis.LastCount > 10);
        Assert.Equal(PhysicalFinding.Consistent, result.Finding);
        Assert.Equal(0, lamp.Duty);
    }

    private static (SweepPhysicalCheck, Lamp, FluorescenceProfileAnalysis) MakeTrack()
    {
        var clock = new FakeClock();
        var lamp = new Lamp();
        var sensor = new Sensor(clock, lamp);
        var guard = new UvLampGuard(lamp, clock, new LampLimits());
        var analysis = new FluorescenceProfileAnalysis(new PhysicalCheck(PhysicalCheckSettings.ForTcs34725(), 128),
            new Handheld.Core.Fingerprint.FingerprintMatcher(Handheld.Core.Fingerprint.FingerprintSettings.Default(), 320));
        analysis.UseTrackSweep(new Handheld.Core.Fingerprint.TrackExtractor(null!, 320));
        var check = new SweepPhysicalCheck(new FluorescenceSampler(sensor, guard, clock, null, null), analysis, 128, 3000);
        check.UseTrackSweep(new Handheld.Core.Fingerprint.TrackSampler(sensor, guard, clock, null!, null!), analysis, 320);
        return (check, lamp, analysis);
    }

    [Fact]
    public void Step_TrackModeWithFingerprint_PhysicalSweepThenTrackSweepLampOff()
    {
        var (check, lamp, analysis) = MakeTrack();
        var registered = new Handheld.Core.Fingerprint.RegisteredFibres { MarkPitchUnits = 32, MarkCount = 7 };
        registered.Add(20, FibreColours.Blue, 1);
        var result = new PhysicalResult { Registered = registered };
        check.Begin(0, FibreColours.Blue | FibreColours.Green, result);
        Assert.False(check.Step(0));                     // prepare
        Assert.False(check.Step(0));                     // physical sweep
        Assert.True(check.AwaitingTrackSweep);
        Assert.Equal(0, lamp.Duty);
        Assert.True(check.Step(0));                      // track sweep + analysis
        Assert.InRange(check.TrackTrace.Count, 200, 320); // 10 ms readings, lamp on throughout
        Assert.Equal(0, lamp.Duty);
        // This sheet has no track marks: the comparison is made on the track sweep and cannot be Match.
        Assert.Equal(Handheld.Core.Fingerprint.FingerprintVerdict.Unreadable, result.Fingerprint);
        Assert.NotEqual(PhysicalFinding.Consistent, result.Finding);
        Assert.True(analysis.TrackEvents.Samples > 200);
    }

    /// <summary>A layout-2 licence (one event on each of four tracks) on a sheet without marks; prepared and swept
    /// physically, so the next Step is the first track's.</summary>
    private static PhysicalResult BeginLayout2(SweepPhysicalCheck check)
    {
        var registered = new Handheld.Core.Fingerprint.RegisteredFibres { MarkPitchUnits = 32, MarkCount = 7, TrackCount = 4 };
        for (int t = 0; t < 4; t++) registered.AddOnTrack(t, 20, FibreColours.Blue, 1);
        var result = new PhysicalResult { Registered = registered };
        check.Begin(0, FibreColours.Blue | FibreColours.Green, result);
        Assert.False(check.Step(0));                     // prepare
        Assert.False(check.Step(0));                     // physical sweep
        return result;
    }

    [Fact]
    public void Step_Layout2Undecided_SweepsEveryTrackInOrder_ThenFinishes()
    {
        var (check, lamp, analysis) = MakeTrack();
        var result = BeginLayout2(check);
        // This sheet has no marks: no track sweep can be compared, each is repeated up to the attempt limit.
        var order = new List<int>();
        bool done = false;
        while (!done && order.Count < 20)
        {
            order.Add(check.NextTrack);
            done = check.Step(0);
            Assert.Equal(0, lamp.Duty);
        }
        int attempts = Handheld.Core.Fingerprint.FingerprintSettings.Default().MaxAttemptsPerTrack;
        Assert.Equal(Enumerable.Range(0, 4).SelectMany(t => Enumerable.Repeat(t, attempts)), order);
        Assert.Equal(-1, check.NextTrack);
        Assert.Equal(3, analysis.Fingerprint.Track);
        Assert.Equal(Handheld.Core.Fingerprint.FingerprintVerdict.Unreadable, result.Fingerprint);
        Assert.NotEqual(PhysicalFinding.Consistent, result.Finding);
    }

    [Fact]
    public void Step_ConfirmEachTrack_NoTrackSweepBeforeConfirm_SkipFinishes()
    {
        var (check, lamp, analysis) = MakeTrack();
        check.ConfirmEachTrack = true;
        var result = BeginLayout2(check);
        Assert.Equal(1, check.SweepsMade);
        Assert.Equal(0, check.AwaitingTrack);
        Assert.Equal(4, check.TrackCount);
        Assert.False(check.Step(0));                     // waits: nothing swept
        Assert.Equal(1, check.SweepsMade);
        Assert.Equal(0, check.TrackTrace.Count);
        check.Confirm();
        Assert.Equal(-1, check.AwaitingTrack);
        Assert.False(check.Step(0));                     // track 0 swept
        Assert.Equal(2, check.SweepsMade);
        Assert.InRange(check.TrackTrace.Count, 200, 320);
        Assert.Equal(0, lamp.Duty);
        Assert.Equal(0, check.AwaitingTrack);           // no marks on this sheet: nothing compared, track 0 again
        check.SkipRemainingTracks();
        Assert.Equal(-1, check.AwaitingTrack);
        Assert.True(check.Step(0));                      // the analysis of what was swept
        Assert.Equal(2, check.SweepsMade);
        Assert.Equal(1, result.FingerprintTrackSweeps);  // into the record (RecordLogSink.FigureFingerprintTrackSweeps)
        Assert.Equal(0, analysis.Fingerprint.Track);
        Assert.NotEqual(Handheld.Core.Fingerprint.FingerprintVerdict.Match, result.Fingerprint);
        Assert.NotEqual(PhysicalFinding.Consistent, result.Finding);
    }

    [Fact]
    public void Step_TrackModeWithoutFingerprint_NoTrackSweep()
    {
        var (check, _, _) = MakeTrack();
        var result = new PhysicalResult();
        check.Begin(0, FibreColours.Blue, result);
        Assert.False(check.Step(0));
        Assert.True(check.Step(0));
        Assert.Equal(0, check.TrackTrace.Count);
    }

    [Fact]
    public void Step_SensorAbsent_SensorFaultWithoutAnalysis()
    {
        var (check, sensor, _, analysis) = Make();
        sensor.InitStatus = SensorStatus.Absent;
        var result = new PhysicalResult();
        check.Begin(0, 3, result);
        while (!check.Step(0)) { }
        Assert.Equal(PhysicalFinding.SensorFault, result.Finding);
        Assert.Equal((int)SamplerFault.SensorAbsent, result.DetailCode);
        Assert.Equal(0, analysis.Calls);
    }

    [Fact]
    public void Step_NackMidSweep_SensorFaultAndLampOff()
    {
        var (check, sensor, lamp, analysis) = Make();
        sensor.FailAfterReads = 20;
        var result = new PhysicalResult();
        check.Begin(0, 3, result);
        while (!check.Step(0)) { }
        Assert.Equal(PhysicalFinding.SensorFault, result.Finding);
        Assert.Equal((int)SamplerFault.BusError, result.DetailCode);
        Assert.Equal(0, lamp.Duty);
        Assert.Equal(0, analysis.Calls);
    }

    [Theory]
    [InlineData(SamplerFault.AmbientTooHigh, PhysicalFinding.Inconclusive)]
    [InlineData(SamplerFault.Saturated, PhysicalFinding.Inconclusive)]
    [InlineData(SamplerFault.LampLimit, PhysicalFinding.Inconclusive)]
    [InlineData(SamplerFault.LampFault, PhysicalFinding.SensorFault)]
    [InlineData(SamplerFault.StuckReadings, PhysicalFinding.SensorFault)]
    [InlineData(SamplerFault.None, PhysicalFinding.NotMeasured)]
    public void Classify_Fault_NeverConsistent(SamplerFault fault, PhysicalFinding expected)
    {
        Assert.Equal(expected, SweepPhysicalCheck.Classify(fault));
    }
}
