using System.Globalization;

namespace Handheld.Cli.Conventions;

/// <summary>The one time format on input: ISO 8601 with an offset (<c>2027-03-01T10:00:00+08:00</c>, or <c>Z</c>).
/// A value without an offset is refused (it would silently mean this computer's zone or UTC); a date alone is
/// refused too, because an instant is asked for (say which hour: <c>2027-03-01T00:00:00+08:00</c>).</summary>
public static class CliTime
{
    /// <summary>What help texts say about the format.</summary>
    public const string Help = "ISO 8601 with offset, e.g. 2027-03-01T10:00:00+08:00 or 2027-03-01T02:00:00Z";

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
    ];

    /// <summary>Parses <paramref name="text"/> given with <paramref name="field"/>; throws <see cref="CliInputException"/> naming it.</summary>
    public static DateTimeOffset Parse(string field, string text)
    {
        var t = text.Trim();
        if (DateTimeOffset.TryParseExact(t, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) && HasOffset(t))
            return value;
        string why = DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? "a date alone is not an instant; give the time and offset"
            : DateTime.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && !HasOffset(t)
                ? "no offset; add Z or +08:00"
                : "not a valid ISO 8601 time";
        throw new CliInputException(field, $"'{text}': {why} ({Help})");
    }

    private static bool HasOffset(string t)
    {
        if (t.EndsWith('Z') || t.EndsWith('z')) return true;
        int tIndex = t.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        return tIndex > 0 && (t.IndexOf('+', tIndex) > 0 || t.IndexOf('-', tIndex) > 0);
    }

    /// <summary>An instant as output writes it: ISO 8601 UTC with Z.</summary>
    public static string Format(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
