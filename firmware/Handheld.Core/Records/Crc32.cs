namespace Handheld.Core.Records
{
    /// <summary>
    /// CRC-32 (IEEE 802.3, reflected poly 0xEDB88320, init and final XOR 0xFFFFFFFF; check value of
    /// "123456789" is 0xCBF43926). Detects torn log entries; authentication is the MAC's job.
    /// Table-driven: the recovery scan checks every entry at boot, and a 1 KB table makes that ~8× faster
    /// on the interpreter than the bitwise loop.
    /// </summary>
    public static class Crc32
    {
        private static uint[] _table;

        /// <summary>CRC-32 of <paramref name="count"/> bytes from <paramref name="offset"/>.</summary>
        public static uint Compute(byte[] data, int offset, int count)
        {
            uint[] table = _table;
            if (table == null)
            {
                table = new uint[256];
                for (uint n = 0; n < 256; n++)
                {
                    uint c = n;
                    for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                    table[n] = c;
                }
                _table = table;
            }
            uint crc = 0xFFFFFFFFu;
            int end = offset + count;
            for (int i = offset; i < end; i++) crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            return crc ^ 0xFFFFFFFFu;
        }
    }
}
