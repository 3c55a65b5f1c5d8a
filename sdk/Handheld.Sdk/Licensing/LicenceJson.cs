using System.Globalization;
using System.Text.Json;
using Handheld.Core.Licensing;

namespace Handheld.Sdk.Licensing;

/// <summary>Reads and writes the JSON licence description used by <c>handheld license issue</c>
/// (example: docs/examples/licence.json). Dates are ISO calendar dates (China Standard Time days).</summary>
public static class LicenceJson
{
    private static readonly DateOnly Epoch = new(1970, 1, 1);

    /// <summary>Parses the JSON into Core's licence model; throws <see cref="FormatException"/> with the field name
    /// when something is missing or wrong.</summary>
    public static Licence Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("expected a JSON object {licenceNumber, …}, got " + Kind(root));
        LicenceJsonKeys.CheckKnown(root, physical: false);
        var physical = Required(root, "physical");
        if (physical.ValueKind != JsonValueKind.Object) throw new FormatException("physical: expected an object {fibres, uvDullPaper, microText}, got " + Kind(physical));
        LicenceJsonKeys.CheckKnown(physical, physical: true);
        var fibres = FibreColours.None;
        foreach (var f in Array(physical, "fibres", "physical.fibres").EnumerateArray())
        {
            fibres |= (f.ValueKind == JsonValueKind.String ? f.GetString() ?? "" : f.GetRawText()).ToLowerInvariant() switch
            {
                "blue" => FibreColours.Blue,
                "green" => FibreColours.Green,
                "red" => FibreColours.Red,
                var other => throw new FormatException($"physical.fibres: unknown colour '{other}'"),
            };
        }
        var kindText = root.TryGetProperty("kind", out _) ? Text(root, "kind") : "regular";
        var kind = kindText switch
        {
            "regular" => LicenceKind.Regular,
            "temporary-emergency" => LicenceKind.TemporaryEmergency,
            "reissue" => LicenceKind.Reissue,
            _ => throw new FormatException($"kind: expected regular, temporary-emergency or reissue, got '{kindText}'"),
        };
        var grade = root.TryGetProperty("creditGrade", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString()! : "";
        if (grade.Length > 1)
        {
            throw new FormatException("creditGrade: one letter A-D");
        }
        FibreFingerprint? fingerprint = null;
        if (physical.TryGetProperty("fibreFingerprint", out var fp) && fp.ValueKind != JsonValueKind.Null)
        {
            fingerprint = ParseFingerprint(Text(physical, "fibreFingerprint", "physical.fibreFingerprint"));
        }
        return new Licence
        {
            Fibres = fingerprint,
            LicenceNumber = Text(root, "licenceNumber"),
            EnterpriseName = Text(root, "enterpriseName"),
            Uscc = Text(root, "uscc"),
            LegalRepresentative = Text(root, "legalRepresentative"),
            Address = Text(root, "address"),
            ScopeItems = Array(root, "scope", "scope").EnumerateArray().Select((e, i) => StringOf(e, $"scope[{i}]")).ToArray(),
            IssuingAuthority = Text(root, "issuingAuthority"),
            IssueDay = Day(root, "issueDate"),
            ValidFromDay = Day(root, "validFrom"),
            ValidUntilDay = Day(root, "validUntil"),
            Kind = kind,
            ReissueSequence = kind == LicenceKind.Reissue ? Int(root, "reissueSequence") : 0,
            CreditGrade = grade.Length == 1 ? grade[0] : '\0',
            Physical = new PhysicalProfile(fibres,
                Bool(physical, "uvDullPaper", "physical.uvDullPaper"),
                physical.TryGetProperty("microText", out _) ? Text(physical, "microText", "physical.microText") : ""),
        };
    }

    /// <summary>ISO date of a licence day number.</summary>
    public static string DateOf(int day) => Epoch.AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Day number of an ISO date.</summary>
    public static int DayOf(DateOnly date) => date.DayNumber - Epoch.DayNumber;

    /// <summary>Names of fibre colour flags, e.g. ["blue","green"].</summary>
    public static string[] FibreNames(FibreColours f)
    {
        var names = new List<string>();
        if ((f & FibreColours.Blue) != 0) names.Add("blue");
        if ((f & FibreColours.Green) != 0) names.Add("green");
        if ((f & FibreColours.Red) != 0) names.Add("red");
        return names.ToArray();
    }

    /// <summary>Kind as written in the JSON.</summary>
    public static string KindName(LicenceKind kind) => kind switch
    {
        LicenceKind.TemporaryEmergency => "temporary-emergency",
        LicenceKind.Reissue => "reissue",
        _ => "regular",
    };

    /// <summary>The licence as a JSON-ready object (for inspect/verify output).</summary>
    public static Dictionary<string, object?> ToObject(Licence l) => new()
    {
        ["licenceNumber"] = l.LicenceNumber,
        ["enterpriseName"] = l.EnterpriseName,
        ["uscc"] = l.Uscc,
        ["legalRepresentative"] = l.LegalRepresentative,
        ["address"] = l.Address,
        ["scope"] = l.ScopeItems,
        ["issuingAuthority"] = l.IssuingAuthority,
        ["issueDate"] = DateOf(l.IssueDay),
        ["validFrom"] = DateOf(l.ValidFromDay),
        ["validUntil"] = DateOf(l.ValidUntilDay),
        ["kind"] = KindName(l.Kind),
        ["reissueSequence"] = l.Kind == LicenceKind.Reissue ? l.ReissueSequence : null,
        ["creditGrade"] = l.CreditGrade == '\0' ? null : l.CreditGrade.ToString(),
        ["physical"] = new Dictionary<string, object?>
        {
            ["fibres"] = FibreNames(l.Physical.ExpectedFibres),
            ["uvDullPaper"] = l.Physical.UvDullPaper,
            ["microText"] = l.Physical.MicroText,
            ["fibreFingerprint"] = l.Fibres == null ? null : Convert.ToHexStringLower(l.Fibres.Encode()),
        },
    };

    /// <summary>The hex of field 0x0C's value, as <c>handheld license register-fibres</c> prints it.</summary>
    public static FibreFingerprint ParseFingerprint(string hex)
    {
        byte[] value;
        try { value = Convert.FromHexString(hex); }
        catch (FormatException) { throw new FormatException("physical.fibreFingerprint: expected the hex of field 0x0C from 'handheld license register-fibres'"); }
        var status = FibreFingerprint.TryDecode(value, 0, value.Length, out var f);
        if (status != LicenceStatus.Valid) throw new FormatException("physical.fibreFingerprint: " + LicenceStatusNames.Get(status) + " (docs/licence-format.md §2.4)");
        return f;
    }

    private static JsonElement Required(JsonElement e, string name, string? path = null) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : throw new FormatException($"{path ?? name}: required");

    // Each accessor checks the JSON kind first, so a wrong type is "FIELD: expected …, got …", not a JsonElement exception.
    private static string Text(JsonElement e, string name, string? path = null) => StringOf(Required(e, name, path), path ?? name);

    private static string StringOf(JsonElement v, string path)
    {
        if (v.ValueKind != JsonValueKind.String) throw new FormatException($"{path}: expected a string, got {Kind(v)}");
        try { return v.GetString()!; }
        catch (InvalidOperationException) { throw new FormatException($"{path}: not valid Unicode text (a lone UTF-16 surrogate escape such as \\ud800)"); }
    }

    private static JsonElement Array(JsonElement e, string name, string path)
    {
        var v = Required(e, name, path);
        return v.ValueKind == JsonValueKind.Array ? v : throw new FormatException($"{path}: expected an array of strings, got {Kind(v)}");
    }

    private static int Int(JsonElement e, string name)
    {
        var v = Required(e, name);
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw new FormatException($"{name}: expected a whole number, got {Kind(v)}");
    }

    private static bool Bool(JsonElement e, string name, string path)
    {
        var v = Required(e, name, path);
        return v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw new FormatException($"{path}: expected true or false, got {Kind(v)}");
    }

    private static string Kind(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => "a string", JsonValueKind.Number => "a number (" + v.GetRawText() + ")",
        JsonValueKind.Array => "an array", JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => v.GetRawText(), _ => "null",
    };

    private static int Day(JsonElement e, string name)
    {
        var s = Text(e, name);
        if (!DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            throw new FormatException($"{name}: expected yyyy-MM-dd, got '{s}'");
        }
        return DayOf(d);
    }
}
