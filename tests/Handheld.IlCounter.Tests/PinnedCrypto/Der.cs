namespace Handheld.Core.Crypto
{
    /// <summary>Minimal strict DER reader (X.690 §10): definite, minimally encoded lengths only.</summary>
    internal sealed class Der
    {
        private readonly byte[] _d;
        internal int Pos;
        internal int End;

        internal Der(byte[] data, int offset, int end)
        {
            _d = data;
            Pos = offset;
            End = end;
        }

        /// <summary>Reads a TLV with the given tag; on success Pos is after it and start/length give the content.</summary>
        internal bool Read(byte tag, out int start, out int length)
        {
            start = 0;
            length = 0;
            int p = Pos;
            if (p + 2 > End || _d[p] != tag) return false;
            int b = _d[p + 1];
            p += 2;
            int len;
            if (b < 0x80)
            {
                len = b;
            }
            else
            {
                int count = b & 0x7F;
                // No indefinite form, at most 2 length bytes (every structure here is far below 64 KB).
                if (count == 0 || count > 2 || p + count > End) return false;
                len = 0;
                for (int i = 0; i < count; i++) len = (len << 8) | _d[p + i];
                p += count;
                // Minimal: long form only for ≥ 128, no leading zero length byte.
                if (len < 0x80 || (count == 2 && len < 0x100)) return false;
            }
            if (len > End - p) return false;
            start = p;
            length = len;
            Pos = p + len;
            return true;
        }

        /// <summary>Reads a non-negative minimally encoded INTEGER; start/length give its magnitude without
        /// the sign byte (length 0 for zero).</summary>
        internal bool ReadUnsignedInteger(out int start, out int length)
        {
            if (!Read(0x02, out start, out length) || length == 0) return false;
            byte[] d = _d;
            if ((d[start] & 0x80) != 0) return false;
            if (d[start] == 0)
            {
                if (length > 1 && (d[start + 1] & 0x80) == 0) return false;
                start++;
                length--;
            }
            return true;
        }

        /// <summary>True when the content at start/length equals <paramref name="expected"/>.</summary>
        internal bool ContentEquals(int start, int length, byte[] expected)
        {
            if (length != expected.Length) return false;
            for (int i = 0; i < length; i++)
            {
                if (_d[start + i] != expected[i]) return false;
            }
            return true;
        }
    }
}
