using System.Text.Json;
using Handheld.Sdk.Tests.Licensing;
using Json.Schema;

namespace Handheld.Sdk.Tests.Store;

/// <summary>Checks a national export against docs/national-export.schema.json with an independent validator
/// (JsonSchema.Net, draft 2020-12).</summary>
internal static class NationalExportSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(CliHarness.RepoRoot, "docs", "national-export.schema.json"))));

    /// <summary>Every violation as "instance location: message"; empty when the document is valid.</summary>
    public static IReadOnlyList<string> Validate(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        var problems = (result.Details ?? []).Where(d => d.Errors != null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).ToList();
        return problems.Count > 0 ? problems : ["invalid (no detail)"];
    }
}
