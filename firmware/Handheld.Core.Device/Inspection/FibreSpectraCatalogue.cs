using Handheld.Core.Fluorescence;
using Handheld.Core.Trust;

namespace Handheld.Core.Inspection
{
    /// <summary>
    /// Reads the fibre spectra the paper declares out of the trust list in force (docs/ble-protocol.md §6.1.1): the
    /// catalogue block tagged "FS", in DeclaredSpectra's compact form. The Licensing ring keeps the catalogue's bytes
    /// (it knows nothing of Sensing); this is where they become the spectrum check's templates. Fail closed: no list,
    /// a format-1 list, no FS block or a defective one all leave nothing declared, so an AS7341 sweep is never
    /// physically Consistent (SpectraNotDeclared). Called at boot and after each list update, never per sweep.
    /// </summary>
    public static class FibreSpectraCatalogue
    {
        public const byte Tag0 = (byte)'F';
        public const byte Tag1 = (byte)'S';

        /// <summary>Replaces <paramref name="into"/>'s declarations with the list's; true when the list declares at
        /// least one colour, false (nothing declared) otherwise.</summary>
        public static bool Load(TrustList list, DeclaredSpectra into)
        {
            if (into == null) return false;
            into.Clear();
            if (list == null || list.Catalogue == null) return false;
            int at;
            int length = TrustCatalogue.Find(list.Catalogue, Tag0, Tag1, out at);
            if (length < 0) return false;
            return into.TryRead(list.Catalogue, at, length);
        }
    }
}
