using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Pwm;

namespace Handheld.Simulator.Tests.Linux;

/// <summary>
/// A register-level chip behind System.Device.I2c's abstract I2cDevice: the first written byte selects a
/// register (command bit 0x80 stripped as the TCS34725 expects), further bytes are written from there, reads
/// continue from the selected register. <see cref="Nack"/> makes every transfer fail as i2c-dev does.
/// </summary>
internal sealed class RegisterChipI2cDevice(int busId, int address) : I2cDevice
{
    public readonly byte[] Registers = new byte[256];
    public bool Nack;
    private int _pointer;

    public override I2cConnectionSettings ConnectionSettings { get; } = new(busId, address);

    public override void Read(Span<byte> buffer)
    {
        if (Nack) throw new IOException("Error 6 performing I2C data transfer (NACK)");
        for (int i = 0; i < buffer.Length; i++) buffer[i] = Registers[(_pointer++) & 0xFF];
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Nack) throw new IOException("Error 6 performing I2C data transfer (NACK)");
        if (buffer.Length == 0) return;
        _pointer = buffer[0] & 0x1F; // TCS34725 command byte: b4:0 register address (datasheet, command register)
        for (int i = 1; i < buffer.Length; i++) Registers[(_pointer++) & 0xFF] = buffer[i];
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }
}

/// <summary>GPIO lines in memory, with inputs settable by the test (pull-ups make unopened inputs read high).</summary>
internal sealed class MemoryGpioDriver : GpioDriver
{
    public readonly Dictionary<int, PinValue> Levels = new();
    public readonly Dictionary<int, PinMode> Modes = new();

    protected override int PinCount => 64;
    protected override void OpenPin(int pinNumber) { if (!Levels.ContainsKey(pinNumber)) Levels[pinNumber] = PinValue.High; }
    protected override void ClosePin(int pinNumber) { }
    protected override void SetPinMode(int pinNumber, PinMode mode) => Modes[pinNumber] = mode;
    protected override PinMode GetPinMode(int pinNumber) => Modes.TryGetValue(pinNumber, out var m) ? m : PinMode.Input;
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;
    protected override PinValue Read(int pinNumber) => Levels.TryGetValue(pinNumber, out var v) ? v : PinValue.High;
    protected override void Write(int pinNumber, PinValue value) => Levels[pinNumber] = value;
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
        => new() { TimedOut = true };
    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) { }
    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) { }
}

internal sealed class MemoryPwmChannel : PwmChannel
{
    public bool Running;
    public override int Frequency { get; set; } = 20000;
    public override double DutyCycle { get; set; }
    public override void Start() => Running = true;
    public override void Stop() => Running = false;
}
