using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Pwm;
using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;
using Handheld.Core.Ports;

namespace Handheld.Linux;

/// <summary>Raspberry Pi (BCM numbering) wiring of the bench rig; see hardware/README.md "Bench variant".</summary>
public static class BenchPins
{
    public const int I2cBus = 1;
    public const int PwmChip = 0;
    public const int PwmChannel = 0;   // GPIO18 with the pwm overlay
    public const int WindowContact = 22;
    public const int ButtonOk = 17;
    public const int ButtonNo = 27;
    public const int LedRed = 5;
    public const int LedGreen = 6;
    public const int LedBlue = 13;
    public const string ScannerPort = "/dev/serial0";
}

/// <summary>
/// The bench composition: the same Core sweep path as the ESP32 (driver detection, lamp guard, sampler,
/// analysis) over System.Device.Gpio adapters. Hardware objects are passed in so tests can supply the
/// simulator's emulators as I2cDevice / GpioDriver / PwmChannel subclasses; <see cref="OpenHardware"/> opens
/// the real ones on a Raspberry Pi.
/// </summary>
public sealed class LinuxBench : IDisposable
{
    public const int SweepMs = SamplerSettings.SweepMs;
    public const int TraceCapacity = 128;

    public GpioController Gpio { get; }
    public LinuxUvLamp Lamp { get; }
    public LinuxButtons Buttons { get; }
    public LinuxIndicator Indicator { get; }
    public LinuxI2cRegisterBus SensorBus { get; }
    public IFluorescenceSensor Sensor { get; }
    public UvLampGuard LampGuard { get; }
    public SweepPhysicalCheck Sweep { get; }
    public FluorescenceProfileAnalysis Analysis { get; }

    /// <param name="openI2c">Opens the I2C device at an address (real: I2cDevice.Create on bus 1).</param>
    public LinuxBench(GpioController gpio, Func<int, I2cDevice> openI2c, PwmChannel lampPwm, IMonotonicClock clock, IDelay delay, TextWriter console)
    {
        Gpio = gpio;
        Lamp = new LinuxUvLamp(lampPwm, gpio, BenchPins.WindowContact);
        Buttons = new LinuxButtons(gpio, BenchPins.ButtonOk, BenchPins.ButtonNo);
        Indicator = new LinuxIndicator(gpio, BenchPins.LedRed, BenchPins.LedGreen, BenchPins.LedBlue, console);

        // TCS34725 first, AS7341 when nothing answers at 0x29 (same order as the firmware).
        SensorBus = new LinuxI2cRegisterBus(openI2c(Tcs34725.DefaultI2cAddress));
        IFluorescenceSensor sensor = new Tcs34725(SensorBus, delay);
        if (sensor.Initialise(50000) == SensorStatus.Absent)
        {
            SensorBus.Dispose();
            SensorBus = new LinuxI2cRegisterBus(openI2c(As7341.DefaultI2cAddress));
            sensor = new As7341(SensorBus, delay);
        }
        Sensor = sensor;

        // No current sense on the bench: the guard's on-time limits still apply.
        LampGuard = new UvLampGuard(Lamp, clock, new LampLimits());
        var sampler = new FluorescenceSampler(Sensor, LampGuard, clock, null, SamplerSettings.ForMains50Hz());
        Analysis = new FluorescenceProfileAnalysis(new PhysicalCheck(PhysicalCheckSettings.For(Sensor.Kind), TraceCapacity),
            new Handheld.Core.Fingerprint.FingerprintMatcher(Handheld.Core.Fingerprint.FingerprintSettings.Default(), TraceCapacity));
        Sweep = new SweepPhysicalCheck(sampler, Analysis, TraceCapacity, SweepMs);
    }

    /// <summary>Opens the real peripherals of a Raspberry Pi (needs /dev/gpiochip0, /dev/i2c-1, pwmchip0).</summary>
    public static LinuxBench OpenHardware(SystemMonotonicClock clock, TextWriter console) =>
        new(new GpioController(),
            address => I2cDevice.Create(new I2cConnectionSettings(BenchPins.I2cBus, address)),
            PwmChannel.Create(BenchPins.PwmChip, BenchPins.PwmChannel, 20000, 0),
            clock, clock, console);

    public void Dispose()
    {
        Lamp.Dispose();
        SensorBus.Dispose();
        Gpio.Dispose();
    }
}
