using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;
using Handheld.Core.Trust;

namespace Handheld.Sdk.Lists;

/// <summary>
/// The authority's fibre spectra file for <c>handheld trust build --fibre-spectra</c>: JSON
/// <c>{"blue":[F1..F7], "green":[F1..F7], "red":[F1..F7]}</c> (red optional), each seven permille shares 0–1000 of
/// the fibre's emission through the AS7341 filters F1–F7 (415–630 nm), summing to 1000 ± 2, as measured on a
/// reference-calibrated device (docs/ble-protocol.md §6.1.1). Errors name the field: <c>"green"[3]: …</c>
/// (<see cref="FibreSharesJson"/>).
/// </summary>
public static class FibreSpectraFile
{
    /// <summary>Parses the file's text; <see cref="InvalidDataException"/> naming the field on any defect.</summary>
    public static DeclaredSpectra Parse(string json)
    {
        var declared = new DeclaredSpectra();
        FibreSharesJson.Read(json, DeclaredSpectra.Channels, "F1–F7", declared.Set);
        return declared;
    }

    /// <summary>The trust-list catalogue carrying <paramref name="declared"/> as its FS block.</summary>
    public static byte[] Catalogue(DeclaredSpectra declared) => AppendTo(null, declared);

    /// <summary><paramref name="catalogue"/> (null = empty) with <paramref name="declared"/> appended as its FS block.</summary>
    public static byte[] AppendTo(byte[]? catalogue, DeclaredSpectra declared)
    {
        var block = new byte[declared.EncodedLength];
        if (declared.Write(block, 0) != block.Length) throw new InvalidDataException("no fibre spectra declared");
        return TrustCatalogue.Append(catalogue, block, 0, block.Length)!;
    }

    /// <summary>The spectra a parsed list declares (empty without a catalogue or with a defective FS block), as the
    /// device reads them.</summary>
    public static DeclaredSpectra Of(TrustList list)
    {
        var declared = new DeclaredSpectra();
        PaperCatalogue.LoadSpectra(list, declared);
        return declared;
    }
}
