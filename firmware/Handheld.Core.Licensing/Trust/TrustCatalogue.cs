namespace Handheld.Core.Trust
{
    /// <summary>
    /// The catalogue of a format-2 trust list (docs/ble-protocol.md §6.1.1): blocks of signed data for other parts
    /// of the device, each <c>blockLength u16</c> then the block, which starts with a 2-byte tag and a 1-byte version.
    /// This ring only frames the blocks; what a block means is its reader's business (tags "FS" and "FT": the Device ring's
    /// PaperCatalogue), so Licensing depends on nothing that reads them. Tags this firmware does not know
    /// are skipped (forward compatibility).
    /// </summary>
    public static class TrustCatalogue
    {
        /// <summary>Bytes of a block's length prefix.</summary>
        public const int BlockPrefix = 2;
        /// <summary>Smallest block: tag (2) and version (1).</summary>
        public const int MinBlockLength = 3;

        /// <summary>True when <paramref name="length"/> bytes at <paramref name="offset"/> are exactly a sequence of
        /// blocks: every length within the catalogue, every block at least tag and version long, no tag twice (which
        /// of two would be meant is not decidable, so the list is refused). An empty catalogue is well formed.</summary>
        public static bool IsWellFormed(byte[] data, int offset, int length)
        {
            if (data == null || offset < 0 || length < 0 || offset + length > data.Length) return false;
            int p = offset, end = offset + length;
            while (p < end)
            {
                if (end - p < BlockPrefix) return false;
                int n = data[p] | (data[p + 1] << 8);
                if (n < MinBlockLength || n > end - p - BlockPrefix) return false;
                int start = p + BlockPrefix;
                for (int q = offset; q < p;)
                {
                    int m = data[q] | (data[q + 1] << 8);
                    if (data[q + 2] == data[start] && data[q + 3] == data[start + 1]) return false;
                    q += BlockPrefix + m;
                }
                p = start + n;
            }
            return true;
        }

        /// <summary>The block tagged <paramref name="tag0"/> <paramref name="tag1"/> in a well-formed catalogue: its
        /// length, with <paramref name="blockOffset"/> where it starts (at its tag); -1 when absent or no catalogue.</summary>
        public static int Find(byte[] catalogue, byte tag0, byte tag1, out int blockOffset)
        {
            blockOffset = -1;
            if (catalogue == null || !IsWellFormed(catalogue, 0, catalogue.Length)) return -1;
            int p = 0;
            while (p < catalogue.Length)
            {
                int n = catalogue[p] | (catalogue[p + 1] << 8);
                if (catalogue[p + 2] == tag0 && catalogue[p + 3] == tag1)
                {
                    blockOffset = p + BlockPrefix;
                    return n;
                }
                p += BlockPrefix + n;
            }
            return -1;
        }

        /// <summary>A catalogue with one more block (host tools building a list): <paramref name="catalogue"/> (null
        /// = empty) followed by the length prefix and <paramref name="count"/> bytes of <paramref name="block"/>.
        /// Null when the block is shorter than tag and version or longer than a u16.</summary>
        public static byte[] Append(byte[] catalogue, byte[] block, int offset, int count)
        {
            if (block == null || count < MinBlockLength || count > 0xFFFF || offset < 0 || offset + count > block.Length) return null;
            int had = catalogue == null ? 0 : catalogue.Length;
            byte[] r = new byte[had + BlockPrefix + count];
            if (had > 0) System.Array.Copy(catalogue, 0, r, 0, had);
            r[had] = (byte)(count & 0xFF);
            r[had + 1] = (byte)(count >> 8);
            System.Array.Copy(block, offset, r, had + BlockPrefix, count);
            return r;
        }
    }
}
