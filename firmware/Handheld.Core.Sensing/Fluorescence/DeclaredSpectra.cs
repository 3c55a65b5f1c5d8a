namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// The emission spectra declared for the paper's security fibres, per fibre colour, as seen through the
    /// AS7341's filters F1–F7 (415, 445, 480, 515, 555, 590, 630 nm) after reference-tile calibration: seven
    /// permille shares summing to 1000. (F8, 680 nm, and NIR are not read: no declared fibre emits there — a
    /// red, europium-like fibre at 615 nm lies in F7.) They come from the trust data's paper catalogue
    /// (docs/ble-protocol.md §6.1, trust list format 2): a property of the security paper stock, the same on
    /// every sheet, so not carried in each licence. Compact form (<see cref="TryRead"/>):
    /// <c>'F' 'S' version=1 count(1) then count × (colour(1) share(2, little-endian) × 7)</c>, colours
    /// ascending, each at most once, each a single FibreColours bit, shares 0–1000 summing to 1000 ± 2.
    /// Allocated once; reading allocates nothing.
    /// </summary>
    public sealed class DeclaredSpectra
    {
        public const int Channels = 7;
        public const byte Version = 1;
        /// <summary>Bytes of one entry in the compact form.</summary>
        public const int EntryBytes = 1 + 2 * Channels;
        /// <summary>Largest deviation of a template's sum from 1000 (rounding of seven shares).</summary>
        public const int SumTolerance = 2;

        private readonly int[] _shares = new int[3 * Channels];
        private int _declared;

        /// <summary>FibreColours flags with a declared spectrum.</summary>
        public int Declared { get { return _declared; } }

        public bool Has(int colour) { return Slot(colour) >= 0 && (_declared & colour) != 0; }

        /// <summary>Share (permille) of filter <paramref name="channel"/> (0 = F1 … 6 = F7) in the colour's template; 0 when undeclared.</summary>
        public int At(int colour, int channel)
        {
            int s = Slot(colour);
            if (s < 0 || (_declared & colour) == 0 || channel < 0 || channel >= Channels) return 0;
            return _shares[s * Channels + channel];
        }

        public void Clear() { _declared = 0; }

        /// <summary>Declares one colour's template; false (nothing changed) when the colour is not a single
        /// fibre colour or the shares are out of range or do not sum to 1000.</summary>
        public bool Set(int colour, int[] permille)
        {
            int s = Slot(colour);
            if (s < 0 || permille == null || permille.Length != Channels) return false;
            int sum = 0;
            for (int c = 0; c < Channels; c++)
            {
                if (permille[c] < 0 || permille[c] > 1000) return false;
                sum += permille[c];
            }
            if (sum < 1000 - SumTolerance || sum > 1000 + SumTolerance) return false;
            for (int c = 0; c < Channels; c++) _shares[s * Channels + c] = permille[c];
            _declared |= colour;
            return true;
        }

        /// <summary>Reads the compact form; on any error clears every declaration and returns false, so a damaged
        /// catalogue declares nothing (and the check fails closed).</summary>
        public bool TryRead(byte[] data, int offset, int length)
        {
            _declared = 0;
            if (data == null || offset < 0 || length < 4 || offset + length > data.Length) return false;
            if (data[offset] != (byte)'F' || data[offset + 1] != (byte)'S' || data[offset + 2] != Version) return false;
            int count = data[offset + 3];
            if (count < 1 || count > 3 || length != 4 + count * EntryBytes) return false;
            int p = offset + 4, last = 0, sum;
            for (int e = 0; e < count; e++)
            {
                int colour = data[p];
                if (Slot(colour) < 0 || colour <= last) { _declared = 0; return false; }
                int s = Slot(colour);
                sum = 0;
                for (int c = 0; c < Channels; c++)
                {
                    int v = data[p + 1 + 2 * c] | (data[p + 2 + 2 * c] << 8);
                    if (v > 1000) { _declared = 0; return false; }
                    _shares[s * Channels + c] = v;
                    sum += v;
                }
                if (sum < 1000 - SumTolerance || sum > 1000 + SumTolerance) { _declared = 0; return false; }
                _declared |= colour;
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

        /// <summary>Writes the compact form at <paramref name="offset"/>; returns the bytes written (0 when nothing is declared or it does not fit).</summary>
        public int Write(byte[] into, int offset)
        {
            int len = EncodedLength;
            if (_declared == 0 || into == null || offset < 0 || offset + len > into.Length) return 0;
            into[offset] = (byte)'F'; into[offset + 1] = (byte)'S'; into[offset + 2] = Version;
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

        private static int Slot(int colour)
        {
            if (colour == FibreColours.Blue) return 0;
            if (colour == FibreColours.Green) return 1;
            if (colour == FibreColours.Red) return 2;
            return -1;
        }
    }
}
