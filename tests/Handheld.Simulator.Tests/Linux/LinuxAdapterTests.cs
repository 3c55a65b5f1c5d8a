using System.Device.Gpio;
using Handheld.Core.Inspection;
using Handheld.Core.Ports;
using Handheld.Linux;

namespace Handheld.Simulator.Tests.Linux;

public class LinuxAdapterTests
{
    [Fact]
    public void WriteRead_EmulatedTcs34725_ReadsIdRegister()
    {
        var chip = new RegisterChipI2cDevice(1, 0x29);
        chip.Registers[0x12] = 0x44; // TCS34725 ID register value for TCS34721/5
        using var bus = new LinuxI2cRegisterBus(chip);
        var read = new byte[1];
        Assert.True(bus.WriteRead(new byte[] { 0x80 | 0x12 }, 1, read, 1));
        Assert.Equal(0x44, read[0]);
        Assert.Equal(0x29, bus.Address);
    }

    [Fact]
    public void Write_EmulatedChip_StoresRegisters()
    {
        var chip = new RegisterChipI2cDevice(1, 0x29);
        using var bus = new LinuxI2cRegisterBus(chip);
        Assert.True(bus.Write(new byte[] { 0x80 | 0x00, 0x03, 0xFF }, 2)); // only 2 bytes: ENABLE = PON|AEN
        Assert.Equal(0x03, chip.Registers[0x00]);
        Assert.Equal(0x00, chip.Registers[0x01]);
    }

    [Fact]
    public void WriteRead_DeviceNacks_ReturnsFalseWithoutThrowing()
    {
        var chip = new RegisterChipI2cDevice(1, 0x29) { Nack = true };
        using var bus = new LinuxI2cRegisterBus(chip);
        Assert.False(bus.WriteRead(new byte[] { 0x92 }, 1, new byte[1], 1));
        Assert.False(bus.Write(new byte[] { 0x80, 0x01 }, 2));
        Assert.Equal(2, bus.FailedTransfers);
    }

    [Fact]
    public void IsPressed_ActiveLowPins_ReportsPressedAndFeedsGestures()
    {
        var driver = new MemoryGpioDriver();
        using var gpio = new GpioController(driver);
        var buttons = new LinuxButtons(gpio, 17, 27);
        Assert.Equal(PinMode.InputPullUp, driver.Modes[17]);
        Assert.False(buttons.IsPressed(0));

        var panel = new ButtonPanel(buttons);
        var gestures = new List<(ButtonId, Gesture)>();
        long t = 0;
        void Run(int ms) { for (int i = 0; i < ms; i += 10) { t += 10; var g = panel.Poll(t, out var b); if (g != Gesture.None) gestures.Add((b, g)); } }
        driver.Levels[17] = PinValue.Low; Run(100);
        driver.Levels[17] = PinValue.High; Run(100);
        Assert.Equal(new[] { (ButtonId.Ok, Gesture.Short) }, gestures);
    }

    [Fact]
    public void SetDutyPermille_WindowOffSheet_LampStaysOff()
    {
        var driver = new MemoryGpioDriver();
        using var gpio = new GpioController(driver);
        var pwm = new MemoryPwmChannel();
        using var lamp = new LinuxUvLamp(pwm, gpio, 22);
        driver.Levels[22] = PinValue.High; // lever switch open: window not on a sheet
        lamp.SetDutyPermille(600);
        Assert.Equal(0, pwm.DutyCycle);

        driver.Levels[22] = PinValue.Low;
        lamp.SetDutyPermille(600);
        Assert.Equal(0.6, pwm.DutyCycle, 6);
        lamp.SetDutyPermille(5000);
        Assert.Equal(1.0, pwm.DutyCycle, 6);
        lamp.SetDutyPermille(0);
        Assert.Equal(0, pwm.DutyCycle);
        Assert.True(pwm.Running);
    }

    [Fact]
    public void SetLed_Amber_DrivesRedAndGreen()
    {
        var driver = new MemoryGpioDriver();
        using var gpio = new GpioController(driver);
        var ind = new LinuxIndicator(gpio, 5, 6, 13, TextWriter.Null);
        ind.SetLed(LedColour.Amber, LedMode.FastBlink);
        Assert.Equal(PinValue.High, driver.Levels[5]);
        Assert.Equal(PinValue.High, driver.Levels[6]);
        Assert.Equal(PinValue.Low, driver.Levels[13]);
        ind.Update(125); // blink off phase
        Assert.Equal(PinValue.Low, driver.Levels[5]);
    }

    [Fact]
    public void FileBlockStorage_FreshFile_ReadsErasedAndPersists()
    {
        string path = Path.Combine(Path.GetTempPath(), $"hh-bench-{Guid.NewGuid():N}.bin");
        try
        {
            using (var s = new FileBlockStorage(path, 4096))
            {
                var b = new byte[4];
                s.Read(100, b, 0, 4);
                Assert.All(b, x => Assert.Equal(0xFF, x));
                s.Write(100, new byte[] { 1, 2, 3, 4 }, 0, 4);
                s.Flush();
            }
            using (var s = new FileBlockStorage(path, 4096))
            {
                var b = new byte[4];
                s.Read(100, b, 0, 4);
                Assert.Equal(new byte[] { 1, 2, 3, 4 }, b);
            }
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void SystemWallClock_DefaultUnset_FailsClosed()
    {
        var c = new SystemWallClock();
        Assert.False(c.TryRead(out long s, out var src));
        Assert.Equal(0, s);
        Assert.Equal(ClockSource.Unset, src);
    }
}
