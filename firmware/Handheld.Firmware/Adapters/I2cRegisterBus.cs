using System;
using System.Device.I2c;
using Handheld.Core.Ports;

namespace Handheld.Firmware.Adapters
{
    /// <summary>
    /// IRegisterBus over nanoFramework's I2cDevice. Bus faults come back as I2cTransferResult.Status (the
    /// native layer does not throw for a NACK), so every transfer is checked for FullTransfer.
    /// </summary>
    public sealed class I2cRegisterBus : IRegisterBus, IDisposable
    {
        private readonly I2cDevice _device;
        private readonly int _address;

        /// <summary>Transfers that did not complete (NACK, clock-stretch timeout, partial); for the self-test.</summary>
        public int FailedTransfers;

        public I2cRegisterBus(int busId, int address)
        {
            _address = address;
            _device = I2cDevice.Create(new I2cConnectionSettings(busId, address, I2cBusSpeed.FastMode));
        }

        public int Address { get { return _address; } }

        public bool Write(byte[] data, int count)
        {
            I2cTransferResult r = _device.Write(new SpanByte(data, 0, count));
            return Check(r);
        }

        public bool WriteRead(byte[] write, int writeCount, byte[] read, int readCount)
        {
            I2cTransferResult r = _device.WriteRead(new SpanByte(write, 0, writeCount), new SpanByte(read, 0, readCount));
            return Check(r);
        }

        private bool Check(I2cTransferResult r)
        {
            // BytesTransferred counts both directions of a WriteRead in the ESP32 driver; Status is authoritative.
            if (r.Status == I2cTransferStatus.FullTransfer) return true;
            FailedTransfers++;
            return false;
        }

        public void Dispose() { _device.Dispose(); }
    }
}
