using System.IO.Ports;
using Handheld.Core.Ports;

namespace Handheld.Linux;

/// <summary>ISerialLink over System.IO.Ports (e.g. /dev/ttyAMA0 or a USB-TTL adapter), non-blocking reads.</summary>
public sealed class LinuxSerialLink : ISerialLink, IDisposable
{
    private readonly SerialPort _port;

    public LinuxSerialLink(string portName, int baud = 9600)
    {
        _port = new SerialPort(portName, baud, Parity.None, 8, StopBits.One) { ReadTimeout = 1, WriteTimeout = 500 };
        _port.Open();
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        int available = _port.BytesToRead;
        if (available <= 0) return 0;
        return _port.Read(buffer, offset, Math.Min(available, count));
    }

    public void Write(byte[] buffer, int offset, int count) => _port.Write(buffer, offset, count);

    public void Dispose() => _port.Dispose();
}
