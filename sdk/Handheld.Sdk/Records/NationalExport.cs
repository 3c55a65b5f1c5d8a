using System.Text.Json;
using System.Text.Json.Nodes;

namespace Handheld.Sdk.Records;

/// <summary>
/// The inspection results of a day range as the JSON document the national supervision platform takes
/// (docs/national-export.md, schema docs/national-export.schema.json, format version <see cref="Version"/>). The same
/// document from either backend: it is built from <see cref="IInspectionQueries"/> only.
/// </summary>
public static class NationalExport
{
    public const string Format = "handheld-national-export";
    public const int Version = 1;

    private static readonly string[] ClockNames = ["UNSET", "RTC", "APP_SYNCED", "FACTORY"];

    public static JsonObject Build(IInspectionQueries queries, DateOnly from, DateOnly to, DateTimeOffset exportedAt)
    {
        var rows = queries.Inspections(from, to);
        var counts = queries.Counts(from, to);
        var list = new JsonArray();
        foreach (var r in rows)
        {
            var f = r.Fields;
            list.Add(new JsonObject
            {
                ["deviceId"] = r.DeviceId,
                ["epoch"] = r.Epoch,
                ["sequence"] = r.Sequence,
                ["inspectedAt"] = f.InspectedAt!.Value.ToOffset(InspectionFields.ChinaStandardTime).ToString("yyyy-MM-dd'T'HH:mm:sszzz"),
                ["day"] = f.Day!.Value.ToString("yyyy-MM-dd"),
                ["clockSource"] = f.ClockSource < ClockNames.Length ? ClockNames[f.ClockSource] : "UNKNOWN",
                ["verdict"] = f.Verdict,
                ["outcomeCode"] = f.Outcome,
                ["reasonCodes"] = new JsonArray(f.Reasons.Select(x => (JsonNode)JsonValue.Create((int)x)!).ToArray()),
                ["licenceNumber"] = f.LicenceNumber,
                ["provinceCode"] = f.ProvinceCode == 0 ? null : f.ProvinceCode,
                ["province"] = f.ProvinceCode == 0 ? null : InspectionFields.ProvinceName(f.ProvinceCode),
                ["inspectorId"] = f.InspectorId,
                ["recordSha256"] = r.Sha256Hex.ToLowerInvariant(),
                ["state"] = r.State switch { RecordState.Verified => "VERIFIED", RecordState.Unlinked => "UNLINKED", _ => "REJECTED" },
                ["forked"] = r.Forked,
            });
        }
        return new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["exportedAt"] = exportedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ["from"] = from.ToString("yyyy-MM-dd"),
            ["to"] = to.ToString("yyyy-MM-dd"),
            ["timeZone"] = "+08:00",
            ["summary"] = new JsonObject
            {
                ["inspections"] = rows.Count,
                ["verified"] = rows.Count(r => r.State == RecordState.Verified),
                ["notVerified"] = rows.Count(r => r.State != RecordState.Verified),
                ["forked"] = rows.Count(r => r.Forked),
                ["undatedInStore"] = counts.Undated,
                ["undecodableInStore"] = counts.Undecodable,
            },
            ["inspections"] = list,
        };
    }

    public static string ToJson(JsonObject document) =>
        document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
