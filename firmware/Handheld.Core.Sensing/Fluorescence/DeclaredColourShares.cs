namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// The colour signature declared for the paper's security fibres, per fibre colour, as seen through the
    /// TCS34725's R, G and B filters after reference-tile calibration: three permille shares summing to 1000
    /// (the share of each filter in the fibre's summed R+G+B excess). Like <see cref="DeclaredSpectra"/> they are a
    /// property of the paper stock and come from the trust data's paper catalogue. Compact form "FT" version 1
    /// (<see cref="DeclaredFibreShares.TryRead"/>): <c>'F' 'T' 0x01 count(1) then count × (colour(1) R(2) G(2) B(2))</c>, shares
    /// permille little-endian, colours ascending, each at most once, each a single FibreColours bit, each entry
    /// summing to 1000 ± 2. Allocated once; reading allocates nothing.
    /// </summary>
    public sealed class DeclaredColourShares : DeclaredFibreShares
    {
        public const int Channels = 3;
        /// <summary>Channel order of the shares (and of the compact form).</summary>
        public const int Red = 0, Green = 1, Blue = 2;
        /// <summary>Bytes of one entry in the compact form.</summary>
        public const int EntryBytes = 1 + 2 * Channels;

        public DeclaredColourShares() : base('F', 'T', Channels) { }

        /// <summary>Declares one colour's signature; false (nothing changed) when the colour is not a single fibre
        /// colour or a share is out of range or they do not sum to 1000 ± <see cref="DeclaredFibreShares.SumTolerance"/>.</summary>
        public bool Set(int colour, int red, int green, int blue)
        {
            if (Slot(colour) < 0 || !InRange(red) || !InRange(green) || !InRange(blue)) return false;
            if (!SumAllowed(red + green + blue)) return false;
            Store(colour, Red, red);
            Store(colour, Green, green);
            Store(colour, Blue, blue);
            MarkDeclared(colour);
            return true;
        }
    }
}
