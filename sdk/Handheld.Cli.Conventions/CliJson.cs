using System.Text.Encodings.Web;
using System.Text.Json;

namespace Handheld.Cli.Conventions;

/// <summary>The one JSON style of <c>--json</c> output in both tools: camelCase, indented, Chinese text unescaped.</summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serialises <paramref name="value"/> in the convention's style.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
