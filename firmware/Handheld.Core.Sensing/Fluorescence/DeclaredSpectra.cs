namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// The emission spectra declared for the paper's security fibres, per fibre colour, as seen through the
    /// AS7341's filters F1–F7 (415, 445, 480, 515, 555, 590, 630 nm) after reference-tile calibration: seven
    /// permille shares summing to 1000. (F8, 680 nm, and NIR are not read: no declared fibre emits there — a
    /// red, europium-like fibre at 615 nm lies in F7.) They come from the trust data's paper catalogue
    /// (docs/ble-protocol.md §6.1, trust list format 2): a property of the security paper stock, the same on
    /// every sheet, so not carried in each licence. Compact form "FS" (<see cref="DeclaredFibreShares.TryRead"/>):
    /// <c>'F' 'S' version=1 count(1) then count × (colour(1) share(2, little-endian) × 7)</c>, colours
    /// ascending, each at most once, each a single FibreColours bit, shares 0–1000 summing to 1000 ± 2.
    /// Allocated once; reading allocates nothing.
    /// </summary>
    public sealed class DeclaredSpectra : DeclaredFibreShares
    {
        public const int Channels = 7;
        /// <summary>Bytes of one entry in the compact form.</summary>
        public const int EntryBytes = 1 + 2 * Channels;

        public DeclaredSpectra() : base('F', 'S', Channels) { }

        /// <summary>Declares one colour's template; false (nothing changed) when the colour is not a single
        /// fibre colour or the shares are out of range or do not sum to 1000.</summary>
        public bool Set(int colour, int[] permille)
        {
            if (Slot(colour) < 0 || permille == null || permille.Length != Channels) return false;
            int sum = 0;
            for (int c = 0; c < Channels; c++)
            {
                if (!InRange(permille[c])) return false;
                sum += permille[c];
            }
            if (!SumAllowed(sum)) return false;
            for (int c = 0; c < Channels; c++) Store(colour, c, permille[c]);
            MarkDeclared(colour);
            return true;
        }
    }
}
