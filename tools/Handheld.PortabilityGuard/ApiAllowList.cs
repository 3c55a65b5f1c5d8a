using System.Text.RegularExpressions;

namespace Handheld.PortabilityGuard;

/// <summary>
/// The nanoFramework API a project may use, read from a file in the format of
/// shared/nanoframework/api-surface.txt ("TYPE kind mods Full.Name : Base", "Type::Method(Params) -> Ret",
/// "Type::Prop : T {get; set;}", "Type::Field : T"). Lookups use normalised keys:
/// types by full name (nested types with '+'), methods as "Type::Name(P1,P2)" with by-ref parameters as "T&amp;".
/// </summary>
public sealed partial class ApiAllowList
{
    private readonly HashSet<string> _types = new(StringComparer.Ordinal);
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _baseTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _sourceLines = new(StringComparer.Ordinal);

    public int TypeCount => _types.Count;
    public int MemberCount => _members.Count;

    public static ApiAllowList Load(string path) => Parse(File.ReadAllLines(path));

    public static ApiAllowList Parse(IEnumerable<string> lines)
    {
        var list = new ApiAllowList();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            list.AddLine(line);
        }
        return list;
    }

    public bool ContainsType(string fullName) => _types.Contains(fullName);

    /// <summary>True when the member key is listed on the type or on one of its listed base types.</summary>
    public bool ContainsMember(string typeName, string memberKeyWithoutType)
    {
        for (string? t = typeName; t != null; t = _baseTypes.GetValueOrDefault(t))
        {
            if (_members.Contains(t + "::" + memberKeyWithoutType)) return true;
        }
        return false;
    }

    /// <summary>The api-surface line that defines a key (type name or member key), for copying into an allow-list.</summary>
    public string? SourceLineOf(string key) => _sourceLines.GetValueOrDefault(key);

    /// <summary>The TYPE line of a type, or the defining line of a member found through the base chain.</summary>
    public string? FindMemberLine(string typeName, string memberKeyWithoutType)
    {
        for (string? t = typeName; t != null; t = _baseTypes.GetValueOrDefault(t))
        {
            var line = _sourceLines.GetValueOrDefault(t + "::" + memberKeyWithoutType);
            if (line != null) return line;
        }
        return null;
    }

    private void AddLine(string line)
    {
        if (line.StartsWith("TYPE ", StringComparison.Ordinal))
        {
            var m = TypeLine().Match(line);
            if (!m.Success) return;
            var name = m.Groups["name"].Value;
            _types.Add(name);
            _sourceLines[name] = line;
            if (m.Groups["base"].Success) _baseTypes[name] = m.Groups["base"].Value;
            return;
        }
        int sep = line.IndexOf("::", StringComparison.Ordinal);
        if (sep < 0) return;
        var type = line[..sep];
        var rest = line[(sep + 2)..];
        int paren = rest.IndexOf('(');
        int colon = rest.IndexOf(" : ", StringComparison.Ordinal);
        int bracket = rest.IndexOf('[');
        if (paren >= 0 && (colon < 0 || paren < colon))
        {
            // Method or constructor: Name(params) -> Ret
            int close = rest.IndexOf(')', paren);
            var name = rest[..paren];
            var parameters = NormaliseParameters(rest[(paren + 1)..close]);
            AddMember(type, name + "(" + parameters + ")", line);
        }
        else if (colon >= 0)
        {
            string name;
            string indexParams = "";
            if (bracket >= 0 && bracket < colon)
            {
                name = rest[..bracket];
                indexParams = NormaliseParameters(rest[(bracket + 1)..rest.IndexOf(']', bracket)]);
            }
            else
            {
                name = rest[..colon];
            }
            var after = rest[(colon + 3)..];
            int brace = after.IndexOf('{');
            var memberType = (brace >= 0 ? after[..brace] : after.Split(' ')[0]).Trim();
            if (after.Contains("event ", StringComparison.Ordinal))
            {
                AddMember(type, "add_" + name + "(" + memberType.Replace("event ", "") + ")", line);
                AddMember(type, "remove_" + name + "(" + memberType.Replace("event ", "") + ")", line);
            }
            else if (brace >= 0)
            {
                if (after.Contains("get;", StringComparison.Ordinal)) AddMember(type, "get_" + name + "(" + indexParams + ")", line);
                if (after.Contains("set;", StringComparison.Ordinal))
                {
                    var setParams = indexParams.Length == 0 ? memberType : indexParams + "," + memberType;
                    AddMember(type, "set_" + name + "(" + setParams + ")", line);
                }
            }
            else
            {
                AddMember(type, name, line); // field or enum constant
            }
        }
    }

    private void AddMember(string type, string key, string line)
    {
        _members.Add(type + "::" + key);
        _sourceLines[type + "::" + key] = line;
    }

    /// <summary>Normalises a parameter list: drops "params", default values and names; "out T"/"ref T"/"in T" become "T&amp;".</summary>
    public static string NormaliseParameters(string list)
    {
        if (string.IsNullOrWhiteSpace(list)) return "";
        var parts = SplitTopLevel(list);
        for (int i = 0; i < parts.Count; i++)
        {
            var p = parts[i].Trim();
            int eq = p.IndexOf('=');
            if (eq >= 0) p = p[..eq].Trim();
            if (p.StartsWith("params ", StringComparison.Ordinal)) p = p[7..];
            foreach (var prefix in new[] { "out ", "ref ", "in " })
            {
                if (p.StartsWith(prefix, StringComparison.Ordinal)) { p = p[prefix.Length..] + "&"; break; }
            }
            parts[i] = p;
        }
        return string.Join(",", parts);
    }

    private static List<string> SplitTopLevel(string s)
    {
        var result = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '<' || c == '[') depth++;
            else if (c == '>' || c == ']') depth--;
            else if (c == ',' && depth == 0) { result.Add(s[start..i]); start = i + 1; }
        }
        result.Add(s[start..]);
        return result;
    }

    [GeneratedRegex(@"^TYPE \S+ (?:[a-z ]+ )?(?<name>[^\s:,]+)(?: : (?<base>[^\s,]+))?")]
    private static partial Regex TypeLine();
}
