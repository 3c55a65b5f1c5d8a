using System.Device.I2c;
using Handheld.Core.Ports;

namespace Handheld.Simulator.Tests.Linux;

/// <summary>
/// Plugs a simulator chip emulator (its register-bus face) in where System.Device.I2c expects an I2cDevice,
/// so the Linux adapter code that would talk to /dev/i2c-N runs against the emulated chip. A refused transfer
/// becomes an IOException, which is how the Linux i2c-dev driver reports a NACK.
/// </summary>
internal sealed class EmulatorI2cDevice(IRegisterBus chip, int busId) : I2cDevice
{
    private static readonly byte[] Empty = Array.Empty<byte>();

    public override I2cConnectionSettings ConnectionSettings { get; } = new(busId, chip.Address);

    public override void Read(Span<byte> buffer)
    {
        var tmp = new byte[buffer.Length];
        if (!chip.WriteRead(Empty, 0, tmp, tmp.Length)) throw new IOException("Error 121 performing I2C data transfer");
        tmp.CopyTo(buffer);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var tmp = buffer.ToArray();
        if (!chip.Write(tmp, tmp.Length)) throw new IOException("Error 121 performing I2C data transfer");
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        var w = writeBuffer.ToArray();
        var r = new byte[readBuffer.Length];
        if (!chip.WriteRead(w, w.Length, r, r.Length)) throw new IOException("Error 121 performing I2C data transfer");
        r.CopyTo(readBuffer);
    }
}
