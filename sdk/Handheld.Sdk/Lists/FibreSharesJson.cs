using System.Text.Json;
using Handheld.Core.Fluorescence;

namespace Handheld.Sdk.Lists;

/// <summary>
/// The shape both fibre declaration files share (<see cref="FibreSpectraFile"/>, <see cref="FibreColoursFile"/>):
/// a JSON object <c>{"blue":[…], "green":[…], "red":[…]}</c>, red optional, each an array of a fixed number of
/// whole permille shares 0–1000 summing to 1000 ± 2. One reader, so both files refuse the same defects with the same
/// messages, each naming the field: <c>"green"[3]: …</c>.
/// </summary>
public static class FibreSharesJson
{
    /// <summary>Largest deviation of a colour's sum from 1000 (the compact forms' SumTolerance).</summary>
    public const int SumTolerance = 2;

    private static readonly (string Name, int Colour, bool Required)[] Colours =
    [
        ("blue", FibreColours.Blue, true), ("green", FibreColours.Green, true), ("red", FibreColours.Red, false),
    ];

    /// <summary>Parses <paramref name="json"/>, calling <paramref name="declare"/> with each colour present (a
    /// FibreColours bit) and its <paramref name="channels"/> shares; <paramref name="channelNames"/> (e.g. "F1–F7")
    /// words the errors. <see cref="InvalidDataException"/> naming the field on any defect.</summary>
    public static void Read(string json, int channels, string channelNames, Func<int, int[], bool> declare)
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
            foreach (var (name, colour, required) in Colours)
            {
                if (!root.TryGetProperty(name, out var shares))
                {
                    if (required) throw new InvalidDataException($"\"{name}\": missing ({channels} permille shares {channelNames})");
                    continue;
                }
                if (!declare(colour, Shares(name, shares, channels, channelNames))) throw new InvalidDataException($"\"{name}\": refused"); // unreachable: Shares checks first
            }
        }
    }

    private static int[] Shares(string name, JsonElement e, int channels, string channelNames)
    {
        if (e.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"\"{name}\": must be an array of {channels} permille shares ({channelNames})");
        int n = e.GetArrayLength();
        if (n != channels) throw new InvalidDataException($"\"{name}\": {n} shares, need {channels} ({channelNames})");
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
        if (Math.Abs(sum - 1000) > SumTolerance)
            throw new InvalidDataException($"\"{name}\": shares sum to {sum}, need 1000 ± {SumTolerance}");
        return shares;
    }
}
