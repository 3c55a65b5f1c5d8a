using Handheld.Core.Fingerprint;
using Handheld.Core.Fluorescence;

namespace Handheld.Core.Tests.Fingerprint;

/// <summary>Synthetic sheets along the 96 mm fingerprint track (layout 1: 7 marks, 16 mm pitch) for the matcher tests.</summary>
internal static class TrackSheet
{
    public const int Pitch = 32;      // 16 mm in 0.5 mm units
    public const int Marks = 7;

    /// <summary>Fibres of one sheet: (position mm, colour), away from the marks, at least <paramref name="minGapMm"/> apart.</summary>
    public static (double Mm, int Colour)[] Fibres(int seed, int count, double minGapMm)
    {
        var rng = new Random(seed);
        var list = new List<(double, int)>();
        while (list.Count < count)
        {
            double mm = rng.NextDouble() * 96;
            double off = mm % 16;
            if (off < 3 || off > 13) continue;
            if (list.Any(f => Math.Abs(f.Item1 - mm) < minGapMm)) continue;
            list.Add((mm, rng.Next(2) == 0 ? FibreColours.Blue : FibreColours.Green));
        }
        return list.OrderBy(f => f.Item1).ToArray();
    }

    /// <summary>The fingerprint the issuer would register for these fibres (all medium, positions rounded to 0.5 mm).</summary>
    public static RegisteredFibres Register((double Mm, int Colour)[] fibres)
    {
        var r = new RegisteredFibres { MarkPitchUnits = Pitch, MarkCount = Marks };
        foreach (var f in fibres) Assert.True(r.Add((int)Math.Round(f.Mm * 2), f.Colour, 1));
        return r;
    }
}
