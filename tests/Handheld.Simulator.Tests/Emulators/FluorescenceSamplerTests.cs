using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Simulator.Emulators;

namespace Handheld.Simulator.Tests.Emulators;

/// <summary>The unchanged Core sampler driving the emulated chips and lamp end to end.</summary>
public class FluorescenceSamplerTests
{
    private static double MeanBlue(SweepTrace t)
    {
        double s = 0;
        for (int i = 0; i < t.Count; i++) s += t.Blue[i];
        return s / t.Count;
    }

    private static double MeanGreen(SweepTrace t)
    {
        double s = 0;
        for (int i = 0; i < t.Count; i++) s += t.Green[i];
        return s / t.Count;
    }

    [Theory]
    [InlineData(SensorKind.Tcs34725)]
    [InlineData(SensorKind.As7341)]
    public void Sweep_ThreeSeconds_FillsTraceWithTimedSamples(SensorKind kind)
    {
        var rig = new SensorRig(kind);
        Assert.Equal(SamplerFault.None, rig.Sampler.Prepare());
        var trace = new SweepTrace(64);
        Assert.Equal(SamplerFault.None, rig.Sampler.Sweep(trace, 3000));
        Assert.InRange(trace.Count, 20, 40);
        for (int i = 1; i < trace.Count; i++) Assert.True(trace.TimeMs[i] > trace.TimeMs[i - 1]);
        Assert.InRange(rig.Sampler.SweepDurationMs, 3000, 3200);
        Assert.Equal(0, rig.Lamp.DutyPermille);
        Assert.True(MeanBlue(trace) > 0);
        Assert.True(MeanGreen(trace) > 0);
    }

    [Theory]
    [InlineData(SensorKind.Tcs34725, 100)]
    [InlineData(SensorKind.Tcs34725, 120)]
    [InlineData(SensorKind.As7341, 100)]
    [InlineData(SensorKind.As7341, 120)]
    public void Sweep_FlickeringAmbient_CancelsToSameFluorescenceAsDarkRoom(SensorKind kind, int flickerHz)
    {
        var glow = SensorRig.SecurityFibreGlow(0.2, 0.15);
        var dark = new SensorRig(kind, SensorRig.OfficeAmbient(0.0), glow, seed: 7);
        dark.Sampler.Prepare();
        var darkTrace = new SweepTrace(64);
        Assert.Equal(SamplerFault.None, dark.Sampler.Sweep(darkTrace, 3000));

        // Ambient ten times the fluorescence, 90 % modulated at the mains flicker frequency.
        var lit = new SensorRig(kind, SensorRig.OfficeAmbient(0.2), glow, seed: 8);
        lit.Scene.FlickerHz = flickerHz;
        lit.Scene.FlickerDepth = 0.9;
        lit.Scene.FlickerPhase = 1.3;
        lit.Sampler.Prepare();
        var litTrace = new SweepTrace(64);
        Assert.Equal(SamplerFault.None, lit.Sampler.Sweep(litTrace, 3000));

        double ratioBlue = MeanBlue(litTrace) / MeanBlue(darkTrace);
        double ratioGreen = MeanGreen(litTrace) / MeanGreen(darkTrace);
        Assert.InRange(ratioBlue, 0.95, 1.05);
        Assert.InRange(ratioGreen, 0.95, 1.05);
        Assert.True(litTrace.AmbientClear[0] > 5 * darkTrace.Clear[0], "ambient must dominate for the test to mean anything");
    }

    [Fact]
    public void Sweep_IntegrationNotWholeFlickerPeriods_LeavesFlickerInTrace()
    {
        // Control for the test above: 13 ms readings do not span whole 100 Hz periods, so the UV-on minus
        // UV-off difference carries flicker residue and the trace scatters far more.
        double Spread(int integrationUs)
        {
            var rig = new SensorRig(SensorKind.As7341, SensorRig.OfficeAmbient(0.05), seed: 3);
            rig.Scene.FlickerDepth = 0.9;
            rig.Scene.FlickerHz = 100;
            rig.Sampler.Settings.IntegrationTimeUs = integrationUs;
            rig.Sampler.Prepare();
            var t = new SweepTrace(256);
            rig.Sampler.Sweep(t, 3000);
            double m = MeanBlue(t), v = 0;
            for (int i = 0; i < t.Count; i++) v += (t.Blue[i] - m) * (t.Blue[i] - m);
            return Math.Sqrt(v / t.Count) / m;
        }
        Assert.True(Spread(13_000) > 3 * Spread(50_000));
    }

    [Theory]
    [InlineData(SensorKind.Tcs34725)]
    [InlineData(SensorKind.As7341)]
    public void Prepare_NoChip_SensorAbsent(SensorKind kind)
    {
        var rig = new SensorRig(kind);
        rig.Faults.Absent = true;
        Assert.Equal(SamplerFault.SensorAbsent, rig.Sampler.Prepare());
        Assert.Equal(0, rig.Lamp.DutyPermille);
    }

    [Theory]
    [InlineData(SensorKind.Tcs34725)]
    [InlineData(SensorKind.As7341)]
    public void Prepare_ForeignChip_WrongIdentity(SensorKind kind)
    {
        var rig = new SensorRig(kind);
        rig.Faults.IdentityOverride = 0x5A;
        Assert.Equal(SamplerFault.WrongIdentity, rig.Sampler.Prepare());
    }

    [Theory]
    [InlineData(SensorKind.Tcs34725)]
    [InlineData(SensorKind.As7341)]
    public void Sweep_BusDiesMidSweep_BusErrorAndLampOff(SensorKind kind)
    {
        var rig = new SensorRig(kind);
        rig.Sampler.Prepare();
        rig.Faults.NackAfterTransfers = rig.Faults.Transfers + 40;
        var trace = new SweepTrace(64);
        Assert.Equal(SamplerFault.BusError, rig.Sampler.Sweep(trace, 3000));
        Assert.True(trace.Count > 0);
        Assert.Equal(0, rig.Lamp.DutyPermille);
    }

    [Theory]
    [InlineData(SensorKind.Tcs34725)]
    [InlineData(SensorKind.As7341)]
    public void Sweep_FrozenAdc_StuckReadings(SensorKind kind)
    {
        var rig = new SensorRig(kind);
        rig.Sampler.Prepare();
        rig.Faults.StuckAfterIntegrations = rig.Tcs?.Integrations ?? rig.As!.Integrations;
        Assert.Equal(SamplerFault.StuckReadings, rig.Sampler.Sweep(new SweepTrace(64), 3000));
    }

    [Theory]
    [InlineData(SensorKind.Tcs34725)]
    [InlineData(SensorKind.As7341)]
    public void Sweep_DataNeverValid_DataTimeout(SensorKind kind)
    {
        var rig = new SensorRig(kind);
        rig.Sampler.Prepare();
        rig.Faults.NeverValid = true;
        Assert.Equal(SamplerFault.DataTimeout, rig.Sampler.Sweep(new SweepTrace(64), 3000));
    }

    [Theory]
    [InlineData(LampFaultMode.OpenLed)]
    [InlineData(LampFaultMode.WeakLed)]
    public void Prepare_LampCurrentOutOfRange_LampFault(LampFaultMode mode)
    {
        var rig = new SensorRig(SensorKind.As7341);
        rig.Lamp.Fault = mode;
        Assert.Equal(SamplerFault.LampFault, rig.Sampler.Prepare());
        Assert.Equal(0, rig.Lamp.DutyPermille);
    }

    [Fact]
    public void Sweep_LampFailsMidSweep_LampFault()
    {
        var rig = new SensorRig(SensorKind.Tcs34725);
        rig.Sampler.Prepare();
        rig.Lamp.Fault = LampFaultMode.OpenLed;
        Assert.Equal(SamplerFault.LampFault, rig.Sampler.Sweep(new SweepTrace(64), 3000));
        Assert.Equal(0, rig.Lamp.DutyPermille);
    }

    [Theory]
    [InlineData(SensorKind.Tcs34725)]
    [InlineData(SensorKind.As7341)]
    public void Sweep_DirectSun_AmbientTooHigh(SensorKind kind)
    {
        var rig = new SensorRig(kind, SensorRig.OfficeAmbient(0.05));
        rig.Sampler.Prepare();
        rig.Scene.Ambient = SensorRig.OfficeAmbient(500);
        Assert.Equal(SamplerFault.AmbientTooHigh, rig.Sampler.Sweep(new SweepTrace(64), 3000));
        Assert.Equal(0, rig.Lamp.DutyPermille);
    }

    [Theory]
    [InlineData(SensorKind.Tcs34725)]
    [InlineData(SensorKind.As7341)]
    public void Sweep_FluorescenceBeyondRange_Saturated(SensorKind kind)
    {
        var rig = new SensorRig(kind, SensorRig.OfficeAmbient(0.0), SensorRig.SecurityFibreGlow(0.02, 0.015));
        rig.Sampler.Prepare();
        rig.Scene.UnderUv = SensorRig.SecurityFibreGlow(2000, 2000);
        Assert.Equal(SamplerFault.Saturated, rig.Sampler.Sweep(new SweepTrace(64), 3000));
    }

    [Fact]
    public void Sweep_BrightnessRises_AutoGainStepsDownWithoutFault()
    {
        var rig = new SensorRig(SensorKind.As7341, SensorRig.OfficeAmbient(0.0));
        rig.Sampler.Prepare();
        int before = rig.Sensor.GainLevel;
        rig.Scene.UnderUv = SensorRig.SecurityFibreGlow(4.0, 3.0);
        var trace = new SweepTrace(64);
        Assert.Equal(SamplerFault.None, rig.Sampler.Sweep(trace, 3000));
        Assert.True(rig.Sensor.GainLevel < before);
        Assert.True(rig.Sampler.GainChanges > 0);
    }

    [Fact]
    public void Sweep_RepeatedBeyondDutyBudget_LampLimitAndNeverLongerThanLimit()
    {
        var rig = new SensorRig(SensorKind.Tcs34725);
        rig.Guard.Limits.MaxOnMsPerWindow = 4000;
        rig.Sampler.Prepare();
        SamplerFault f = SamplerFault.None;
        for (int i = 0; i < 10 && f == SamplerFault.None; i++) f = rig.Sampler.Sweep(new SweepTrace(64), 3000);
        Assert.Equal(SamplerFault.LampLimit, f);
        Assert.Equal(0, rig.Lamp.DutyPermille);
        Assert.True(rig.Lamp.LongestOnUs() <= rig.Guard.Limits.MaxContinuousOnMs * 1000L);
        Assert.True(rig.Lamp.OnTime(0, rig.Clock.NowUs) <= 4000_000 + 60_000);
    }

    [Fact]
    public void Sweep_SameSeed_SameTrace()
    {
        SweepTrace Run()
        {
            var rig = new SensorRig(SensorKind.As7341, seed: 42);
            rig.Scene.FlickerDepth = 0.5;
            rig.Sampler.Prepare();
            var t = new SweepTrace(64);
            rig.Sampler.Sweep(t, 3000);
            return t;
        }
        var a = Run();
        var b = Run();
        Assert.Equal(a.Count, b.Count);
        Assert.Equal(a.Blue.Take(a.Count), b.Blue.Take(b.Count));
        Assert.Equal(a.TimeMs.Take(a.Count), b.TimeMs.Take(b.Count));
    }

    [Fact]
    public void Sweep_WithCalibration_AppliesDarkAndGain()
    {
        // Reference tile: blue, green and red emission; its nominal values are twice what this unit measures.
        var tile = ConstantScene.Sum(SensorRig.SecurityFibreGlow(0.2, 0.15), ConstantScene.Band(630, 40, 0.1));
        var raw = new SensorRig(SensorKind.As7341, underUv: tile, seed: 5);
        Assert.Equal(SamplerFault.None, raw.Sampler.Prepare());
        var net = new int[4];
        Assert.Equal(SamplerFault.None, raw.Sampler.MeasureNet(20, net));
        var nominal = new[] { 2 * net[0], 2 * net[1], 2 * net[2], 2 * net[3] };
        var dark = new[] { net[0] / 10, net[1] / 10, net[2] / 10, net[3] / 10 };

        var cal = new SensorCalibration();
        Assert.True(SensorCalibration.TryFromMeasurements(SensorKind.As7341, dark, net, nominal, cal));
        var rig = new SensorRig(SensorKind.As7341, underUv: tile, seed: 6);
        rig.Sampler.Calibration = cal;
        rig.Sampler.Prepare();
        var t = new SweepTrace(64);
        Assert.Equal(SamplerFault.None, rig.Sampler.Sweep(t, 3000));
        // (net − dark) × nominal / (net − dark) = nominal
        Assert.InRange(MeanBlue(t) / nominal[0], 0.95, 1.05);
        Assert.InRange(MeanGreen(t) / nominal[1], 0.95, 1.05);
    }

    [Fact]
    public void Prepare_CalibrationOfOtherSensor_CalibrationMismatch()
    {
        var rig = new SensorRig(SensorKind.As7341);
        rig.Sampler.Calibration = SensorCalibration.Identity(SensorKind.Tcs34725);
        Assert.Equal(SamplerFault.CalibrationMismatch, rig.Sampler.Prepare());
    }
}
