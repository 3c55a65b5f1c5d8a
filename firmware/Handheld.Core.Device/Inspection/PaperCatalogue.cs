using Handheld.Core.Fluorescence;
using Handheld.Core.Trust;

namespace Handheld.Core.Inspection
{
    /// <summary>
    /// Reads what the paper declares about its security fibres out of the trust list in force (docs/ble-protocol.md
    /// §6.1.1): the catalogue block tagged "FS" (the AS7341's fibre spectra, DeclaredSpectra's compact form) and the
    /// block tagged "FT" (the TCS34725's colour shares, DeclaredColourShares' compact form). The Licensing ring keeps
    /// the catalogue's bytes (it knows nothing of Sensing); this is where they become the sensing checks' references.
    /// Fail closed: no list, a format-1 list, no such block or a defective one (or an unknown version) leave nothing
    /// declared, so the sweep is never physically Consistent (SpectraNotDeclared / ColourSharesNotDeclared). Called
    /// at boot and after each list update, never per sweep.
    /// </summary>
    public static class PaperCatalogue
    {
        public const byte Tag0 = (byte)'F';
        /// <summary>Second tag byte of the fibre spectra block ("FS").</summary>
        public const byte SpectraTag1 = (byte)'S';
        /// <summary>Second tag byte of the fibre colour shares block ("FT").</summary>
        public const byte ColourSharesTag1 = (byte)'T';

        /// <summary>Replaces <paramref name="into"/>'s declarations with the list's FS block; true when the list
        /// declares at least one colour, false (nothing declared) otherwise.</summary>
        public static bool LoadSpectra(TrustList list, DeclaredSpectra into)
        {
            if (into == null) return false;
            into.Clear();
            int at;
            int length = FindBlock(list, SpectraTag1, out at);
            if (length < 0) return false;
            return into.TryRead(list.Catalogue, at, length);
        }

        /// <summary>Replaces <paramref name="into"/>'s declarations with the list's FT block; true when the list
        /// declares at least one colour, false (nothing declared) otherwise.</summary>
        public static bool LoadColourShares(TrustList list, DeclaredColourShares into)
        {
            if (into == null) return false;
            into.Clear();
            int at;
            int length = FindBlock(list, ColourSharesTag1, out at);
            if (length < 0) return false;
            return into.TryRead(list.Catalogue, at, length);
        }

        private static int FindBlock(TrustList list, byte tag1, out int at)
        {
            at = -1;
            if (list == null || list.Catalogue == null) return -1;
            return TrustCatalogue.Find(list.Catalogue, Tag0, tag1, out at);
        }
    }
}
