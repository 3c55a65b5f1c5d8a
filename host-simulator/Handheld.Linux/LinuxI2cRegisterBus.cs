using System.Device.I2c;
using Handheld.Core.Ports;

namespace Handheld.Linux;

/// <summary>
/// IRegisterBus over System.Device.I2c on Linux (/dev/i2c-N). On .NET a NACK surfaces as an IOException
/// from the i2c-dev ioctl, so it is caught and reported as false, as the port requires.
/// </summary>
public sealed class LinuxI2cRegisterBus : IRegisterBus, IDisposable
{
    private readonly I2cDevice _device;

    public LinuxI2cRegisterBus(I2cDevice device) => _device = device;

    public static LinuxI2cRegisterBus Open(int busId, int address) =>
        new(I2cDevice.Create(new I2cConnectionSettings(busId, address)));

    public int Address => _device.ConnectionSettings.DeviceAddress;

    public int FailedTransfers { get; private set; }

    public bool Write(byte[] data, int count)
    {
        try { _device.Write(data.AsSpan(0, count)); return true; }
        catch (IOException) { FailedTransfers++; return false; }
    }

    public bool WriteRead(byte[] write, int writeCount, byte[] read, int readCount)
    {
        try { _device.WriteRead(write.AsSpan(0, writeCount), read.AsSpan(0, readCount)); return true; }
        catch (IOException) { FailedTransfers++; return false; }
    }

    public void Dispose() => _device.Dispose();
}
