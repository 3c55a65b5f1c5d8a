namespace Handheld.Core.Checksums
{
    /// <summary>
    /// CRC-16/XMODEM (poly 0x1021, init 0, MSB first, no final XOR): the check the GM65 family puts on its
    /// command and reply frames (sensor-facts.md §3), also used for the stored sensor calibration. Bitwise:
    /// the inputs are a few dozen bytes, a table would cost 512 bytes of heap for nothing.
    /// </summary>
    public static class Crc16Xmodem
    {
        /// <summary>CRC of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public static ushort Compute(byte[] data, int offset, int count)
        {
            int crc = 0;
            for (int i = 0; i < count; i++)
            {
                crc ^= data[offset + i] << 8;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
                }
            }
            return (ushort)crc;
        }
    }
}
