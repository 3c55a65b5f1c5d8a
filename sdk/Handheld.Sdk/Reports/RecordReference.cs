using System.Text.Json;
using System.Text.Json.Serialization;

namespace Handheld.Sdk.Reports;

/// <summary>
/// Which stored record a report page was made from (docs/report-format.md §2). Printed as a QR code on the page
/// (<see cref="QrText"/>) and carried, with the record's exact bytes, in the PDF's document information under
/// <see cref="InfoKey"/> so <c>handheld report verify</c> can compare the sealed report with the store.
/// </summary>
public sealed record RecordReference(
    [property: JsonPropertyName("deviceId")] string DeviceId,
    [property: JsonPropertyName("epoch")] int Epoch,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("sha256")] string Sha256Hex,
    [property: JsonPropertyName("data")] string DataBase64)
{
    /// <summary>Document-information key holding a JSON array of references.</summary>
    public const string InfoKey = "/HandheldRecords";

    /// <summary>QR content: <c>HHR1:&lt;device hex&gt;:&lt;epoch&gt;:&lt;sequence&gt;:&lt;SHA-256 hex&gt;</c>, upper case
    /// so the QR uses its compact alphanumeric mode.</summary>
    public string QrText => $"HHR1:{DeviceId.ToUpperInvariant()}:{Epoch}:{Sequence}:{Sha256Hex.ToUpperInvariant()}";

    public static RecordReference Of(ReportRecord r) => new(r.DeviceId, r.Epoch, r.Sequence, r.Sha256Hex, Convert.ToBase64String(r.Data));

    public static string ToJson(IEnumerable<RecordReference> refs) => JsonSerializer.Serialize(refs.ToArray());

    public static IReadOnlyList<RecordReference> FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<RecordReference[]>(json) ?? [];
        }
        catch (JsonException e)
        {
            throw new ReportException($"{InfoKey}: not a valid record reference list ({e.Message})");
        }
    }
}
