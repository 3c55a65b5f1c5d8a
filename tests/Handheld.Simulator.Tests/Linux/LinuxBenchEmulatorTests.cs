using System.Device.Gpio;
using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Linux;
using Handheld.Simulator.Emulators;
using Handheld.Simulator.Optics;
using Handheld.Simulator.Timing;

namespace Handheld.Simulator.Tests.Linux;

/// <summary>The Linux bench adapters driving the simulator's register-level chip emulators through
/// System.Device.Gpio's own abstract types (I2cDevice, GpioController over a GpioDriver, PwmChannel).</summary>
public class LinuxBenchEmulatorTests
{
    private static (VirtualClock Clock, Tcs34725Emulator Chip, LinuxI2cRegisterBus Bus) Tcs()
    {
        var clock = new VirtualClock();
        var lamp = new SimulatedUvLamp(clock);
        var scene = new ConstantScene(ConstantScene.Flat(400, 700, 0.01), ConstantScene.Band(445, 30, 0.05), lamp);
        var chip = new Tcs34725Emulator(clock, scene, seed: 7);
        return (clock, chip, new LinuxI2cRegisterBus(new EmulatorI2cDevice(chip, 1)));
    }

    [Fact]
    public void Initialise_Tcs34725EmulatorThroughLinuxI2c_IdentityAccepted()
    {
        var (clock, _, bus) = Tcs();
        var sensor = new Tcs34725(bus, clock);
        Assert.Equal(SensorStatus.Ok, sensor.Initialise(50000));
        Assert.Equal(Tcs34725Emulator.ChipIdValue, sensor.ChipId);
        Assert.Equal(0, bus.FailedTransfers);
    }

    [Fact]
    public void ReadWhenReady_EmulatorNacksMidway_BusErrorReportedNotThrown()
    {
        var (clock, chip, bus) = Tcs();
        var sensor = new Tcs34725(bus, clock);
        Assert.Equal(SensorStatus.Ok, sensor.Initialise(50000));
        chip.Faults.NackAfterTransfers = chip.Faults.Transfers + 1;
        sensor.StartIntegration();
        Assert.NotEqual(SensorStatus.Ok, sensor.ReadWhenReady(out _));
        Assert.True(bus.FailedTransfers > 0);
    }

    [Fact]
    public void Initialise_NoChip_Absent()
    {
        var (clock, chip, bus) = Tcs();
        chip.Faults.Absent = true;
        Assert.Equal(SensorStatus.Absent, new Tcs34725(bus, clock).Initialise(50000));
    }

    [Fact]
    public void Sweep_BenchAdaptersOverEmulators_SamplesTakenLampGatedByWindowSwitch()
    {
        var (clock, chip, bus) = Tcs();
        var driver = new MemoryGpioDriver();
        using var gpio = new GpioController(driver);
        var pwm = new MemoryPwmChannel();
        using var lamp = new LinuxUvLamp(pwm, gpio, 22);
        driver.Levels[22] = PinValue.Low; // window on the sheet
        var guard = new UvLampGuard(lamp, clock, new LampLimits());
        var sampler = new FluorescenceSampler(new Tcs34725(bus, clock), guard, clock, null, null);
        Assert.Equal(SamplerFault.None, sampler.Prepare());
        var trace = new SweepTrace(64);
        Assert.Equal(SamplerFault.None, sampler.Sweep(trace, 1000));
        Assert.True(trace.Count >= 5, $"{trace.Count} samples");
        Assert.Equal(0, pwm.DutyCycle); // lamp left off
    }
}
