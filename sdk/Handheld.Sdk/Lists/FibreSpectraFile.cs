using System.Text.Json;
using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;
using Handheld.Core.Trust;

namespace Handheld.Sdk.Lists;

/// <summary>
/// The authority's fibre spectra file for <c>handheld trust build --fibre-spectra</c>: JSON
/// <c>{"blue":[F1..F7], "green":[F1..F7], "red":[F1..F7]}</c> (red optional), each seven permille shares 0–1000 of
/// the fibre's emission through the AS7341 filters F1–F7 (415–630 nm), summing to 1000 ± 2, as measured on a
/// reference-calibrated device (docs/ble-protocol.md §6.1.1). Errors name the field: <c>"green"[3]: …</c>.
/// </summary>
public static class FibreSpectraFile
{
    private static readonly (string Name, int Colour, bool Required)[] Colours =
    [
        ("blue", FibreColours.Blue, true), ("green", FibreColours.Green, true), ("red", FibreColours.Red, false),
    ];

    /// <summary>Parses the file's text; <see cref="InvalidDataException"/> naming the field on any defect.</summary>
    public static DeclaredSpectra Parse(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new InvalidDataException($"not JSON (line {(e.LineNumber ?? 0) + 1}): {e.Message.Split('.')[0]}", e); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException("must be a JSON object {\"blue\":[…], \"green\":[…], \"red\":[…]}");
            foreach (var p in root.EnumerateObject())
            {
                if (!Colours.Any(c => c.Name == p.Name)) throw new InvalidDataException($"\"{p.Name}\": not a fibre colour (blue, green, red)");
            }
            var declared = new DeclaredSpectra();
            foreach (var (name, colour, required) in Colours)
            {
                if (!root.TryGetProperty(name, out var shares))
                {
                    if (required) throw new InvalidDataException($"\"{name}\": missing (seven permille shares F1–F7)");
                    continue;
                }
                if (!declared.Set(colour, Shares(name, shares))) throw new InvalidDataException($"\"{name}\": refused"); // unreachable: Shares checks first
            }
            return declared;
        }
    }

    private static int[] Shares(string name, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"\"{name}\": must be an array of {DeclaredSpectra.Channels} permille shares (F1–F7)");
        int n = e.GetArrayLength();
        if (n != DeclaredSpectra.Channels) throw new InvalidDataException($"\"{name}\": {n} shares, need {DeclaredSpectra.Channels} (F1–F7)");
        var shares = new int[n];
        int i = 0, sum = 0;
        foreach (var v in e.EnumerateArray())
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int s))
                throw new InvalidDataException($"\"{name}\"[{i}]: {v.GetRawText()} is not a whole number of permille");
            if (s < 0 || s > 1000) throw new InvalidDataException($"\"{name}\"[{i}]: {s} is outside 0–1000 permille");
            shares[i++] = s;
            sum += s;
        }
        if (Math.Abs(sum - 1000) > DeclaredSpectra.SumTolerance)
            throw new InvalidDataException($"\"{name}\": shares sum to {sum}, need 1000 ± {DeclaredSpectra.SumTolerance}");
        return shares;
    }

    /// <summary>The trust-list catalogue carrying <paramref name="declared"/> as its FS block.</summary>
    public static byte[] Catalogue(DeclaredSpectra declared)
    {
        var block = new byte[declared.EncodedLength];
        if (declared.Write(block, 0) != block.Length) throw new InvalidDataException("no fibre spectra declared");
        return TrustCatalogue.Append(null, block, 0, block.Length)!;
    }

    /// <summary>The spectra a parsed list declares (empty without a catalogue or with a defective FS block), as the
    /// device reads them.</summary>
    public static DeclaredSpectra Of(TrustList list)
    {
        var declared = new DeclaredSpectra();
        FibreSpectraCatalogue.Load(list, declared);
        return declared;
    }
}
