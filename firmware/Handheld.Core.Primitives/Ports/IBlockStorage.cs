namespace Handheld.Core.Ports
{
    /// <summary>
    /// A fixed-size persistent byte region (a preallocated file on the device's littlefs "I:" drive, a
    /// file on Linux, an in-memory flash model with power-cut injection in the simulator).
    /// A power cut during <see cref="Write"/> may leave any prefix of the written bytes stored; bytes are
    /// durable only after <see cref="Flush"/> returns. Formats built on it must survive both.
    /// </summary>
    public interface IBlockStorage
    {
        /// <summary>Size of the region in bytes.</summary>
        int Capacity { get; }

        /// <summary>Reads <paramref name="count"/> bytes at <paramref name="position"/> into <paramref name="buffer"/>.
        /// Bytes never written read as 0xFF (erased flash).</summary>
        void Read(int position, byte[] buffer, int offset, int count);

        /// <summary>Writes bytes at <paramref name="position"/>.</summary>
        void Write(int position, byte[] buffer, int offset, int count);

        /// <summary>Makes every completed write durable.</summary>
        void Flush();
    }
}
