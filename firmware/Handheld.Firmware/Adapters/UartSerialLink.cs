using System;
using System.IO.Ports;
using Handheld.Core.Ports;

namespace Handheld.Firmware.Adapters
{
    /// <summary>
    /// ISerialLink over SerialPort (COM2 after SetPinFunction). Non-blocking reads: only what BytesToRead
    /// says has arrived is read, so the Core scanner parser is fed from the main loop without waiting.
    /// </summary>
    public sealed class UartSerialLink : ISerialLink, IDisposable
    {
        private readonly SerialPort _port;

        public UartSerialLink(string portName, int baud)
        {
            _port = new SerialPort(portName, baud, Parity.None, 8, StopBits.One);
            _port.ReadTimeout = 0;
            _port.WriteTimeout = 500;
            _port.Open();
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int available = _port.BytesToRead;
            if (available <= 0) return 0;
            if (available < count) count = available;
            return _port.Read(buffer, offset, count);
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }

        public void Dispose()
        {
            _port.Close();
            _port.Dispose();
        }
    }
}
