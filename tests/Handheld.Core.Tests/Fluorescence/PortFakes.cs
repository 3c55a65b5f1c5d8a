using Handheld.Core.Drivers;
using Handheld.Core.Ports;

namespace Handheld.Core.Tests.Fluorescence;

internal sealed class FakeClock : IMonotonicClock, IDelay
{
    public long NowMs { get; set; }
    public void WaitMs(int milliseconds) => NowMs += Math.Max(0, milliseconds);
}

internal sealed class FakeLamp : IUvLamp
{
    public int Duty;
    public int Switches;
    public int? CurrentMa = 100;
    public void SetDutyPermille(int dutyPermille) { Duty = dutyPermille; Switches++; }
    public bool TryReadCurrentMa(out int milliamps)
    {
        milliamps = CurrentMa is int c ? c * Duty / 1000 : 0;
        return CurrentMa is not null;
    }
}

/// <summary>A sensor whose readings a test scripts; throws when asked to, to test the lamp-off path.</summary>
internal sealed class ScriptedSensor : IFluorescenceSensor
{
    private readonly FakeClock _clock;
    public ScriptedSensor(FakeClock clock) => _clock = clock;
    public bool ThrowOnRead;
    public Func<bool, BandReading>? Reading; // argument: lamp on?
    public FakeLamp? Lamp;
    public SensorKind Kind => SensorKind.Tcs34725;
    public SensorStatus Initialise(int integrationTimeUs) => SensorStatus.Ok;
    public int IntegrationTimeUs => 50_000;
    public int FullScale => 20_000;
    public int GainLevelCount => 4;
    public int GainLevel { get; private set; } = 2;
    private static readonly int[] Gains = { 1000, 4000, 16000, 60000 };
    public int GainMilliAt(int level) => Gains[level];
    public SensorStatus SetIntegrationTime(int integrationTimeUs) => SensorStatus.Ok;
    public SensorStatus SetGainLevel(int level) { GainLevel = level; return SensorStatus.Ok; }
    public SensorStatus StartIntegration() => SensorStatus.Ok;
    public SensorStatus ReadWhenReady(out BandReading reading)
    {
        _clock.WaitMs(50);
        if (ThrowOnRead) throw new InvalidOperationException("driver bug");
        reading = Reading?.Invoke(Lamp!.Duty > 0) ?? default;
        reading.FullScale = FullScale;
        reading.GainMilli = GainMilliAt(GainLevel);
        reading.IntegrationTimeUs = IntegrationTimeUs;
        return SensorStatus.Ok;
    }
    public void PowerDown() { }
}

internal sealed class FakeWhiteLed : Handheld.Core.Ports.IWhiteLed
{
    public int Duty;
    public int OnReadings;
    public void SetDutyPermille(int dutyPermille) => Duty = dutyPermille;
}
