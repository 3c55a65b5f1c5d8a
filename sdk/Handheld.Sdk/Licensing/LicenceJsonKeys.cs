using System.Text.Json;

namespace Handheld.Sdk.Licensing;

/// <summary>The keys a licence JSON may have: an unknown key is refused by name, because a typo
/// ("valdUntil") would otherwise drop a field silently.</summary>
internal static class LicenceJsonKeys
{
    private static readonly string[] Top =
    [
        "licenceNumber", "enterpriseName", "uscc", "legalRepresentative", "address", "scope", "issuingAuthority",
        "issueDate", "validFrom", "validUntil", "kind", "reissueSequence", "creditGrade", "physical",
    ];

    private static readonly string[] Physical = ["fibres", "uvDullPaper", "microText", "fibreFingerprint"];

    public static void CheckKnown(JsonElement obj, bool physical)
    {
        var known = physical ? Physical : Top;
        foreach (var p in obj.EnumerateObject())
        {
            if (System.Array.IndexOf(known, p.Name) >= 0) continue;
            string where = physical ? "physical." + p.Name : p.Name;
            throw new FormatException($"{where}: unknown key (known: {string.Join(", ", known)})");
        }
    }
}
