using Handheld.Core.Protocol;

namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// A table of permille shares per fibre colour (blue, green, red), each colour's shares summing to 1000 ± 2,
    /// with its compact form in the trust list's paper catalogue: <c>tag(2) version=1 count(1) then count × (colour(1)
    /// share(2, little-endian) × channels)</c>, colours ascending, each at most once, each a single FibreColours bit.
    /// <see cref="DeclaredSpectra"/> (AS7341, "FS", 7 filters) and <see cref="DeclaredColourShares"/> (TCS34725, "FT",
    /// R/G/B) are the two tables; they differ only in tag, channel count and how a caller sets one colour.
    /// Allocated once; reading allocates nothing.
    /// </summary>
    public abstract class DeclaredFibreShares
    {
        public const byte Version = 1;
        /// <summary>Largest deviation of one colour's sum from 1000 (rounding of its shares).</summary>
        public const int SumTolerance = 2;

        private readonly byte _tag0, _tag1;
        private readonly int _channels;
        private readonly int _entryBytes;
        private readonly int[] _shares;
        private int _declared;

        protected DeclaredFibreShares(char tag0, char tag1, int channels)
        {
            _tag0 = (byte)tag0;
            _tag1 = (byte)tag1;
            _channels = channels;
            _entryBytes = 1 + 2 * channels;
            _shares = new int[3 * channels];
        }

        /// <summary>FibreColours flags with declared shares.</summary>
        public int Declared { get { return _declared; } }

        public bool Has(int colour) { return Slot(colour) >= 0 && (_declared & colour) != 0; }

        /// <summary>Share (permille) of <paramref name="channel"/> in the colour's entry; 0 when undeclared.</summary>
        public int At(int colour, int channel)
        {
            int s = Slot(colour);
            if (s < 0 || (_declared & colour) == 0 || channel < 0 || channel >= _channels) return 0;
            return _shares[s * _channels + channel];
        }

        public void Clear() { _declared = 0; }

        /// <summary>Reads the compact form; on any error (tag, version, count, length, colour order, share range or
        /// sum) clears every declaration and returns false, so a damaged catalogue declares nothing (and the check
        /// that needs it fails closed).</summary>
        public bool TryRead(byte[] data, int offset, int length)
        {
            _declared = 0;
            if (data == null || offset < 0 || length < 4 || offset + length > data.Length) return false;
            if (data[offset] != _tag0 || data[offset + 1] != _tag1 || data[offset + 2] != Version) return false;
            int count = data[offset + 3];
            if (count < 1 || count > 3 || length != 4 + count * _entryBytes) return false;
            int p = offset + 4, last = 0;
            for (int e = 0; e < count; e++)
            {
                int colour = data[p];
                int s = Slot(colour);
                if (s < 0 || colour <= last) { _declared = 0; return false; }
                int sum = 0;
                for (int c = 0; c < _channels; c++)
                {
                    int v = LittleEndian.ReadU16(data, p + 1 + 2 * c);
                    if (v > 1000) { _declared = 0; return false; }
                    _shares[s * _channels + c] = v;
                    sum += v;
                }
                if (!SumAllowed(sum)) { _declared = 0; return false; }
                _declared |= colour;
                last = colour;
                p += _entryBytes;
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
                return 4 + n * _entryBytes;
            }
        }

        /// <summary>Writes the compact form at <paramref name="offset"/>; returns the bytes written (0 when nothing is
        /// declared or it does not fit).</summary>
        public int Write(byte[] into, int offset)
        {
            int len = EncodedLength;
            if (_declared == 0 || into == null || offset < 0 || offset + len > into.Length) return 0;
            into[offset] = _tag0; into[offset + 1] = _tag1; into[offset + 2] = Version;
            into[offset + 3] = (byte)((len - 4) / _entryBytes);
            int p = offset + 4;
            for (int colour = 1; colour <= 4; colour <<= 1)
            {
                if ((_declared & colour) == 0) continue;
                int s = Slot(colour);
                into[p] = (byte)colour;
                for (int c = 0; c < _channels; c++) LittleEndian.WriteU16(into, p + 1 + 2 * c, _shares[s * _channels + c]);
                p += _entryBytes;
            }
            return len;
        }

        /// <summary>Stores one share of a colour a subclass has validated; <see cref="MarkDeclared"/> makes it count.</summary>
        protected void Store(int colour, int channel, int permille) { _shares[Slot(colour) * _channels + channel] = permille; }

        protected void MarkDeclared(int colour) { _declared |= colour; }

        protected static bool InRange(int permille) { return permille >= 0 && permille <= 1000; }

        protected static bool SumAllowed(int sum) { return sum >= 1000 - SumTolerance && sum <= 1000 + SumTolerance; }

        protected static int Slot(int colour)
        {
            if (colour == FibreColours.Blue) return 0;
            if (colour == FibreColours.Green) return 1;
            if (colour == FibreColours.Red) return 2;
            return -1;
        }
    }
}
