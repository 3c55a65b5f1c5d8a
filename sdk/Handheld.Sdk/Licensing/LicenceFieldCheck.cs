using Handheld.Core.Licensing;

namespace Handheld.Sdk.Licensing;

/// <summary>Names the field behind a refusal of Core's encoder (which says only MalformedPayload, as the device
/// needs no more): the limits of docs/licence-format.md §2 checked one field at a time.</summary>
public static class LicenceFieldCheck
{
    /// <summary>"FIELD: what is wrong" for the first field the encoder would refuse, or null when none is found.</summary>
    public static string? Explain(Licence l)
    {
        const int max = LicenceCodec.MaxTextBytes;
        (string Name, byte[]? Utf8)[] texts =
        [
            ("licenceNumber", l.LicenceNumberUtf8), ("enterpriseName", l.EnterpriseNameUtf8), ("uscc", l.UsccUtf8),
            ("legalRepresentative", l.LegalRepresentativeUtf8), ("address", l.AddressUtf8), ("issuingAuthority", l.IssuingAuthorityUtf8),
        ];
        foreach (var (name, utf8) in texts)
        {
            if (utf8 is null || utf8.Length == 0) return name + ": must not be empty";
            if (utf8.Length > max) return $"{name}: {utf8.Length} bytes of UTF-8, at most {max}";
        }
        var scope = l.ScopeItemsUtf8;
        if (scope is null || scope.Length == 0) return "scope: at least one item";
        for (int i = 0; i < scope.Length; i++)
        {
            if (scope[i] is null || scope[i].Length == 0) return $"scope[{i}]: must not be empty";
            if (scope[i].Length > max) return $"scope[{i}]: {scope[i].Length} bytes of UTF-8, at most {max}";
        }
        if (l.Physical?.MicroTextUtf8 is { Length: > max } micro) return $"physical.microText: {micro.Length} bytes of UTF-8, at most {max}";
        foreach (var (name, day) in new[] { ("issueDate", l.IssueDay), ("validFrom", l.ValidFromDay), ("validUntil", l.ValidUntilDay) })
        {
            if (day < 0 || day > 0xFFFF) return $"{name}: outside 1970-01-01 … {LicenceJson.DateOf(0xFFFF)}";
        }
        if (l.ValidUntilDay < l.ValidFromDay) return "validUntil: before validFrom";
        if (l.IssueDay > l.ValidUntilDay) return "issueDate: after validUntil";
        if (l.Kind == LicenceKind.Reissue && (l.ReissueSequence < 1 || l.ReissueSequence > 255)) return "reissueSequence: 1 to 255";
        if (l.CreditGrade != '\0' && (l.CreditGrade < 'A' || l.CreditGrade > 'D')) return "creditGrade: one letter A-D";
        return null;
    }
}
