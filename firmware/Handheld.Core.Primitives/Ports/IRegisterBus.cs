namespace Handheld.Core.Ports
{
    /// <summary>
    /// One device on an I2C bus, addressed by register. Adapters map this onto nanoFramework's
    /// I2cDevice (checking I2cTransferResult.Status), System.Device.I2c on Linux, or a chip emulator.
    /// Calls never throw for bus faults: a NACK or short transfer returns false so drivers can report it.
    /// </summary>
    public interface IRegisterBus
    {
        /// <summary>7-bit I2C address of the device this bus talks to.</summary>
        int Address { get; }

        /// <summary>Writes <paramref name="count"/> bytes from <paramref name="data"/>; false on NACK or error.</summary>
        bool Write(byte[] data, int count);

        /// <summary>Writes <paramref name="writeCount"/> bytes, then reads <paramref name="readCount"/> bytes
        /// in one repeated-start transaction; false on NACK or error.</summary>
        bool WriteRead(byte[] write, int writeCount, byte[] read, int readCount);
    }
}
