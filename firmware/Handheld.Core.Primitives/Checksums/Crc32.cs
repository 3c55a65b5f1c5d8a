namespace Handheld.Core.Checksums
{
    /// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, init and final XOR 0xFFFFFFFF), the
    /// same CRC as zlib/PNG: "123456789" gives 0xCBF43926. Detects torn BLE frames and log entries;
    /// authentication is the MAC's and signature's job. Table-driven (1 KB, built once): the log's recovery
    /// scan checks every entry at boot, and the table is ~8× faster on the interpreter than the bitwise loop.</summary>
    public static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        private static uint[] BuildTable()
        {
            uint[] t = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }
                t[n] = c;
            }
            return t;
        }

        public static uint Compute(byte[] data, int offset, int count)
        {
            return Update(0xFFFFFFFFu, data, offset, count) ^ 0xFFFFFFFFu;
        }

        /// <summary>Continues a running CRC register (start with 0xFFFFFFFF, finish with XOR 0xFFFFFFFF).</summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc = Table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            }
            return crc;
        }
    }
}
