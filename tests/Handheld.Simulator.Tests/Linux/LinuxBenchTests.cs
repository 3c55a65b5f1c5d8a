using System.Device.Gpio;
using System.Device.Pwm;
using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;
using Handheld.Linux;
using Handheld.Simulator.Emulators;
using Handheld.Simulator.Timing;

namespace Handheld.Simulator.Tests.Linux;

/// <summary>A PWM channel whose duty drives the simulator's UV lamp model (what the emulated sensor sees).</summary>
internal sealed class SimulatedLampPwmChannel(SimulatedUvLamp lamp) : PwmChannel
{
    private double _duty;
    public override int Frequency { get; set; } = 20000;
    public override double DutyCycle { get => _duty; set { _duty = value; lamp.SetDutyPermille((int)Math.Round(value * 1000)); } }
    public override void Start() { }
    public override void Stop() => lamp.SetDutyPermille(0);
}

public class LinuxBenchTests
{
    private const int Profile = FibreColours.Blue | FibreColours.Green | ProfileBits.UvDullPaper;

    private static (LinuxBench Bench, MemoryGpioDriver Driver, VirtualClock Clock) Bench(bool securityPaper)
    {
        var clock = new VirtualClock();
        var lamp = new SimulatedUvLamp(clock);
        var chip = new Tcs34725Emulator(clock, new SimpleSheetScene(lamp, securityPaper, securityPaper), seed: 5);
        var driver = new MemoryGpioDriver();
        driver.Levels[BenchPins.WindowContact] = PinValue.Low; // resting on the sheet
        var bench = new LinuxBench(new GpioController(driver),
            address => address == chip.Address ? new EmulatorI2cDevice(chip, 1) : new RegisterChipI2cDevice(1, address) { Nack = true },
            new SimulatedLampPwmChannel(lamp), clock, clock, TextWriter.Null);
        return (bench, driver, clock);
    }

    private static PhysicalResult Sweep(LinuxBench bench, VirtualClock clock)
    {
        var r = new PhysicalResult();
        bench.Sweep.Begin(clock.NowMs, Profile, r);
        while (!bench.Sweep.Step(clock.NowMs)) { }
        return r;
    }

    [Fact]
    public void Sweep_SecurityPaperOnEmulatedBench_Consistent()
    {
        var (bench, _, clock) = Bench(true);
        using (bench)
        {
            Assert.Equal(Handheld.Core.Drivers.SensorKind.Tcs34725, bench.Sensor.Kind);
            var r = Sweep(bench, clock);
            Assert.Equal(PhysicalFinding.Consistent, r.Finding);
        }
    }

    [Fact]
    public void Sweep_OfficePaperOnEmulatedBench_Inconsistent()
    {
        var (bench, _, clock) = Bench(false);
        using (bench) Assert.Equal(PhysicalFinding.Inconsistent, Sweep(bench, clock).Finding);
    }

    [Fact]
    public void Sweep_WindowLiftedOffSheet_LampFaultNeverAVerdictOnTheDarkSheet()
    {
        var (bench, driver, clock) = Bench(true);
        using (bench)
        {
            driver.Levels[BenchPins.WindowContact] = PinValue.High;
            var r = Sweep(bench, clock);
            Assert.Equal(PhysicalFinding.SensorFault, r.Finding);
            Assert.NotEqual(0, r.Reasons & VerdictReason.LampFault);
        }
    }
}
