using Handheld.Simulator.Emulators;
using Handheld.Simulator.Timing;

namespace Handheld.Simulator.Tests.Emulators;

public class SimulatedUvLampTests
{
    [Fact]
    public void AverageDuty_OnForHalfTheWindow_IsHalf()
    {
        var clock = new VirtualClock();
        var lamp = new SimulatedUvLamp(clock);
        clock.Advance(1000);
        lamp.SetDutyPermille(1000);
        clock.Advance(1000);
        lamp.SetDutyPermille(0);
        Assert.Equal(0.5, lamp.AverageDuty(500, 2500), 9);
        Assert.Equal(1000, lamp.DutyAt(1500));
        Assert.Equal(0, lamp.DutyAt(2000));
        Assert.Equal(0, lamp.DutyAt(999));
        Assert.Equal(1000, lamp.OnTime(0, 5000));
    }

    [Theory]
    [InlineData(LampFaultMode.None, 1.0, 100)]
    [InlineData(LampFaultMode.OpenLed, 0.0, 0)]
    [InlineData(LampFaultMode.WeakLed, 0.4, 55)]
    public void AverageOutputAndCurrent_Fault_ScaledAsDocumented(LampFaultMode fault, double output, int currentMa)
    {
        var clock = new VirtualClock();
        var lamp = new SimulatedUvLamp(clock) { Fault = fault };
        lamp.SetDutyPermille(1000);
        clock.Advance(10_000);
        Assert.Equal(output, lamp.AverageOutput(0, 10_000), 9);
        Assert.True(lamp.TryReadCurrentMa(out int ma));
        Assert.Equal(currentMa, ma);
    }

    [Fact]
    public void TryReadCurrentMa_NoSense_False()
    {
        var lamp = new SimulatedUvLamp(new VirtualClock()) { Fault = LampFaultMode.NoCurrentSense };
        Assert.False(lamp.TryReadCurrentMa(out _));
    }

    [Fact]
    public void LongestOnUs_StillOn_CountsToNow()
    {
        var clock = new VirtualClock();
        var lamp = new SimulatedUvLamp(clock);
        lamp.SetDutyPermille(500);
        clock.Advance(300);
        lamp.SetDutyPermille(0);
        clock.Advance(100);
        lamp.SetDutyPermille(1000);
        clock.Advance(700);
        Assert.Equal(700, lamp.LongestOnUs());
    }
}
