using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Handheld.Sdk.Lists;

/// <summary>A time in a trust spec: unix seconds (a JSON number) or ISO 8601 with an offset
/// ("2026-01-01T00:00:00+08:00"). A string without offset, a date alone or a number in quotes is refused:
/// each would have to guess a zone or a unit.</summary>
public sealed class SpecTimeConverter : JsonConverter<long>
{
    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt64(out var n) && n >= 0 ? n : throw new JsonException("expected unix seconds (a whole number ≥ 0)");
        }
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("expected unix seconds or an ISO 8601 time with offset");
        var s = reader.GetString() ?? "";
        if (DateTimeOffset.TryParseExact(s, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            && (s.EndsWith('Z') || s.LastIndexOfAny(['+', '-']) > s.IndexOf('T', StringComparison.Ordinal)))
        {
            return t.ToUnixTimeSeconds();
        }
        throw new JsonException($"'{s}' is neither unix seconds (a number, unquoted) nor ISO 8601 with offset (e.g. 2026-01-01T00:00:00+08:00)");
    }

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
