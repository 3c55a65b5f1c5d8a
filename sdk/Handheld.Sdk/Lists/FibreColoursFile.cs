using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;
using Handheld.Core.Trust;

namespace Handheld.Sdk.Lists;

/// <summary>
/// The authority's fibre colour shares file for <c>handheld trust build --fibre-colours</c>: JSON
/// <c>{"blue":[R,G,B], "green":[R,G,B], "red":[R,G,B]}</c> (red optional), each three permille shares 0–1000 of the
/// fibre's summed excess through the TCS34725's R, G and B filters after tile calibration, summing to 1000 ± 2, as
/// measured on a reference-calibrated device (the catalogue's FT block, docs/ble-protocol.md §6.1.1). Same shape,
/// reader and errors as <see cref="FibreSpectraFile"/> (<see cref="FibreSharesJson"/>).
/// </summary>
public static class FibreColoursFile
{
    /// <summary>Parses the file's text; <see cref="InvalidDataException"/> naming the field on any defect.</summary>
    public static DeclaredColourShares Parse(string json)
    {
        var declared = new DeclaredColourShares();
        FibreSharesJson.Read(json, DeclaredColourShares.Channels, "R, G, B",
            (colour, s) => declared.Set(colour, s[DeclaredColourShares.Red], s[DeclaredColourShares.Green], s[DeclaredColourShares.Blue]));
        return declared;
    }

    /// <summary><paramref name="catalogue"/> (null = empty) with <paramref name="declared"/> appended as its FT block.</summary>
    public static byte[] AppendTo(byte[]? catalogue, DeclaredColourShares declared)
    {
        var block = new byte[declared.EncodedLength];
        if (declared.Write(block, 0) != block.Length) throw new InvalidDataException("no fibre colour shares declared");
        return TrustCatalogue.Append(catalogue, block, 0, block.Length)!;
    }

    /// <summary>The colour shares a parsed list declares (empty without a catalogue or with a defective FT block),
    /// as the device reads them.</summary>
    public static DeclaredColourShares Of(TrustList list)
    {
        var declared = new DeclaredColourShares();
        PaperCatalogue.LoadColourShares(list, declared);
        return declared;
    }
}
