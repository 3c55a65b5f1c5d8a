using Handheld.Core.Fluorescence;

namespace Handheld.Core.Tests.Fluorescence;

public class UvLampGuardTests
{
    private static (UvLampGuard, FakeLamp, FakeClock) Make(LampLimits? limits = null)
    {
        var clock = new FakeClock { NowMs = 1000 };
        var lamp = new FakeLamp();
        return (new UvLampGuard(lamp, clock, limits ?? new LampLimits()), lamp, clock);
    }

    [Fact]
    public void SwitchOn_WithinLimits_DrivesLamp()
    {
        var (guard, lamp, _) = Make();
        Assert.Equal(LampStatus.Ok, guard.SwitchOn(1000));
        Assert.Equal(1000, lamp.Duty);
        Assert.True(guard.IsOn);
    }

    [Fact]
    public void Check_OnLongerThanContinuousLimit_SwitchesOffAndReports()
    {
        var (guard, lamp, clock) = Make(new LampLimits { MaxContinuousOnMs = 3500 });
        guard.SwitchOn(1000);
        clock.NowMs += 3500;
        Assert.Equal(LampStatus.Ok, guard.Check());
        clock.NowMs += 1;
        Assert.Equal(LampStatus.ContinuousLimit, guard.Check());
        Assert.Equal(0, lamp.Duty);
        Assert.False(guard.IsOn);
        Assert.Equal(LampStatus.ContinuousLimit, guard.LastFault);
    }

    [Fact]
    public void SwitchOn_AlreadyOnPastContinuousLimit_RefusedAndOff()
    {
        var (guard, lamp, clock) = Make(new LampLimits { MaxContinuousOnMs = 1000 });
        guard.SwitchOn(1000);
        clock.NowMs += 1500;
        Assert.Equal(LampStatus.ContinuousLimit, guard.SwitchOn(500));
        Assert.Equal(0, lamp.Duty);
    }

    [Fact]
    public void SwitchOn_DutyBudgetUsed_RefusesUntilWindowPasses()
    {
        var (guard, lamp, clock) = Make(new LampLimits { WindowMs = 60000, MaxOnMsPerWindow = 5000, MaxContinuousOnMs = 3000 });
        guard.SwitchOn(1000); clock.NowMs += 3000; guard.SwitchOff();
        clock.NowMs += 100;
        guard.SwitchOn(1000); clock.NowMs += 2000; guard.SwitchOff();
        clock.NowMs += 100;
        Assert.Equal(LampStatus.DutyLimit, guard.SwitchOn(1000));
        Assert.Equal(0, lamp.Duty);
        clock.NowMs += 61000;
        Assert.Equal(LampStatus.Ok, guard.SwitchOn(1000));
    }

    [Fact]
    public void UsedOnMsInWindow_HalfDuty_CountsHalf()
    {
        var (guard, _, clock) = Make();
        guard.SwitchOn(500);
        clock.NowMs += 2000;
        guard.SwitchOff();
        Assert.Equal(1000, guard.UsedOnMsInWindow);
    }

    [Fact]
    public void Check_DutyBudgetRunsOutWhileOn_SwitchesOff()
    {
        var (guard, lamp, clock) = Make(new LampLimits { MaxOnMsPerWindow = 1000, MaxContinuousOnMs = 3000 });
        guard.SwitchOn(1000);
        clock.NowMs += 1200;
        Assert.Equal(LampStatus.DutyLimit, guard.Check());
        Assert.Equal(0, lamp.Duty);
    }

    [Theory]
    [InlineData(0)]    // open LED
    [InlineData(50)]   // weak LED
    [InlineData(200)]  // shorted / driver runaway
    public void CheckCurrent_OutOfRange_LampFaultAndOff(int fullDutyMa)
    {
        var (guard, lamp, _) = Make();
        lamp.CurrentMa = fullDutyMa;
        guard.SwitchOn(1000);
        Assert.Equal(LampStatus.CurrentFault, guard.CheckCurrent());
        Assert.Equal(0, lamp.Duty);
    }

    [Fact]
    public void CheckCurrent_HalfDutyHealthy_Ok()
    {
        var (guard, lamp, _) = Make();
        guard.SwitchOn(500);
        Assert.Equal(LampStatus.Ok, guard.CheckCurrent());
        Assert.Equal(50, guard.LastCurrentMa);
        Assert.Equal(500, lamp.Duty);
    }

    [Fact]
    public void CheckCurrent_NoSenseButRequired_FailsClosed()
    {
        var (guard, lamp, _) = Make(new LampLimits { RequireCurrentSense = true });
        lamp.CurrentMa = null;
        guard.SwitchOn(1000);
        Assert.Equal(LampStatus.CurrentUnavailable, guard.CheckCurrent());
        Assert.Equal(0, lamp.Duty);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    [InlineData(-5)]
    public void SwitchOn_InvalidDuty_RefusedAndOff(int duty)
    {
        var (guard, lamp, _) = Make();
        Assert.Equal(LampStatus.InvalidDuty, guard.SwitchOn(duty));
        Assert.Equal(0, lamp.Duty);
    }
}
