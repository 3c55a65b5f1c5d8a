namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// The colour signature declared for the paper's security fibres, per fibre colour, as seen through the
    /// TCS34725's R, G and B filters after reference-tile calibration: three permille shares summing to 1000
    /// (the share of each filter in the fibre's summed R+G+B excess). Like <see cref="DeclaredSpectra"/> they are a
    /// property of the paper stock and come from the trust data's paper catalogue. Compact form "FT" version 1
    /// (<see cref="TryRead"/>): <c>'F' 'T' 0x01 count(1) then count × (colour(1) R(2) G(2) B(2))</c>, shares
    /// permille little-endian, colours ascending, each at most once, each a single FibreColours bit, each entry
    /// summing to 1000 ± 2. Allocated once; reading allocates nothing.
    /// </summary>
    public sealed class DeclaredColourShares
    {
        public const int Channels = 3;
        /// <summary>Channel order of the shares (and of the compact form).</summary>
        public const int Red = 0, Green = 1, Blue = 2;
        public const byte Version = 1;
        /// <summary>Bytes of one entry in the compact form.</summary>
        public const int EntryBytes = 1 + 2 * Channels;
        /// <summary>Largest deviation of an entry's sum from 1000 (rounding of three shares).</summary>
        public const int SumTolerance = 2;

        private readonly int[] _shares = new int[3 * Channels];
        private int _declared;

        /// <summary>FibreColours flags with a declared signature.</summary>
        public int Declared { get { return _declared; } }

        public bool Has(int colour) { return Slot(colour) >= 0 && (_declared & colour) != 0; }

        /// <summary>Share (permille) of <paramref name="channel"/> (<see cref="Red"/>, <see cref="Green"/>,
        /// <see cref="Blue"/>) in the colour's signature; 0 when undeclared.</summary>
        public int At(int colour, int channel)
        {
            int s = Slot(colour);
            if (s < 0 || (_declared & colour) == 0 || channel < 0 || channel >= Channels) return 0;
            return _shares[s * Channels + channel];
        }

        public void Clear() { _declared = 0; }

        /// <summary>Declares one colour's signature; false (nothing changed) when the colour is not a single fibre
        /// colour or a share is out of range or they do not sum to 1000 ± <see cref="SumTolerance"/>.</summary>
        public bool Set(int colour, int red, int green, int blue)
        {
            int s = Slot(colour);
            if (s < 0 || !InRange(red) || !InRange(green) || !InRange(blue)) return false;
            int sum = red + green + blue;
            if (sum < 1000 - SumTolerance || sum > 1000 + SumTolerance) return false;
            _shares[s * Channels + Red] = red;
            _shares[s * Channels + Green] = green;
            _shares[s * Channels + Blue] = blue;
            _declared |= colour;
            return true;
        }

        /// <summary>Reads the compact form; on any error (magic, version, count, length, colour order, share range
        /// or sum) clears every declaration and returns false, so a damaged catalogue declares nothing.</summary>
        public bool TryRead(byte[] data, int offset, int length)
        {
            _declared = 0;
            if (data == null || offset < 0 || length < 4 || offset + length > data.Length) return false;
            if (data[offset] != (byte)'F' || data[offset + 1] != (byte)'T' || data[offset + 2] != Version) return false;
            int count = data[offset + 3];
            if (count < 1 || count > 3 || length != 4 + count * EntryBytes) return false;
            int p = offset + 4, last = 0;
            for (int e = 0; e < count; e++)
            {
                int colour = data[p];
                if (Slot(colour) < 0 || colour <= last) { _declared = 0; return false; }
                int red = U16(data, p + 1), green = U16(data, p + 3), blue = U16(data, p + 5);
                if (!Set(colour, red, green, blue)) { _declared = 0; return false; }
                last = colour;
                p += EntryBytes;
            }
            return true;
        }

        /// <summary>Bytes <see cref="Write"/> needs.</summary>
        public int EncodedLength
        {
            get
            {
                int n = 0;
                for (int c = 1; c <= 4; c <<= 1) if ((_declared & c) != 0) n++;
                return 4 + n * EntryBytes;
            }
        }

        /// <summary>Writes the compact form at <paramref name="offset"/>; returns the bytes written (0 when nothing
        /// is declared or it does not fit).</summary>
        public int Write(byte[] into, int offset)
        {
            int len = EncodedLength;
            if (_declared == 0 || into == null || offset < 0 || offset + len > into.Length) return 0;
            into[offset] = (byte)'F'; into[offset + 1] = (byte)'T'; into[offset + 2] = Version;
            into[offset + 3] = (byte)((len - 4) / EntryBytes);
            int p = offset + 4;
            for (int colour = 1; colour <= 4; colour <<= 1)
            {
                if ((_declared & colour) == 0) continue;
                int s = Slot(colour);
                into[p] = (byte)colour;
                for (int c = 0; c < Channels; c++)
                {
                    int v = _shares[s * Channels + c];
                    into[p + 1 + 2 * c] = (byte)(v & 0xFF);
                    into[p + 2 + 2 * c] = (byte)(v >> 8);
                }
                p += EntryBytes;
            }
            return len;
        }

        private static bool InRange(int v) { return v >= 0 && v <= 1000; }

        private static int U16(byte[] d, int p) { return d[p] | (d[p + 1] << 8); }

        private static int Slot(int colour)
        {
            if (colour == FibreColours.Blue) return 0;
            if (colour == FibreColours.Green) return 1;
            if (colour == FibreColours.Red) return 2;
            return -1;
        }
    }
}
