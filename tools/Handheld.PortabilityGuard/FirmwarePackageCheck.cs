using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Handheld.PortabilityGuard;

/// <summary>
/// A nanoFramework project builds only when every assembly its sources use is referenced twice: as a package in
/// packages.config and as a &lt;Reference&gt; (with the package's HintPath) in the .nfproj. The firmware cannot be
/// compiled here, so this reads its sources with Roslyn instead: every namespace they import or spell out, and
/// every type name they mention from those namespaces, must come from an assembly of the API listing whose package
/// the project references, at the listing's version. Namespaces of the project's own code (Handheld.*) are skipped.
/// </summary>
public static class FirmwarePackageCheck
{
    public static IReadOnlyList<string> Check(string nfprojPath, IReadOnlyList<DeviceAssembly> listing)
    {
        var findings = new List<string>();
        var dir = Path.GetDirectoryName(Path.GetFullPath(nfprojPath))!;
        var project = Path.GetFileName(nfprojPath);
        var packages = ReadPackages(Path.Combine(dir, "packages.config"));
        var nfproj = XDocument.Load(nfprojPath);
        var references = nfproj.Descendants().Where(e => e.Name.LocalName == "Reference")
            .Select(e => (Include: (string?)e.Attribute("Include") ?? "",
                          Hint: e.Elements().FirstOrDefault(c => c.Name.LocalName == "HintPath")?.Value ?? ""))
            .ToList();
        var sources = nfproj.Descendants().Where(e => e.Name.LocalName == "Compile")
            .Select(e => Path.Combine(dir, ((string?)e.Attribute("Include") ?? "").Replace('\\', '/'))).ToList();

        // Which listed assemblies does the project reference, and are the two references consistent?
        var referenced = new List<DeviceAssembly>();
        foreach (var assembly in listing)
        {
            packages.TryGetValue(assembly.PackageId, out var packageVersion);
            var reference = references.FirstOrDefault(r => r.Include.Split(',')[0].Trim() == assembly.Name);
            if (packageVersion == null && reference.Include == null) continue;
            if (packageVersion == null) { findings.Add($"{project}: references {assembly.Name} but packages.config lacks package {assembly.PackageId} {assembly.PackageVersion}"); continue; }
            if (reference.Include == null) { findings.Add($"{project}: packages.config has {assembly.PackageId} but the .nfproj has no <Reference Include=\"{assembly.Name}, Version={assembly.Version}, …\">"); continue; }
            if (packageVersion != assembly.PackageVersion)
                findings.Add($"{project}: packages.config has {assembly.PackageId} {packageVersion}; the API listing holds {assembly.Name} {assembly.Version} (package {assembly.PackageVersion})");
            if (!reference.Include.Contains("Version=" + assembly.Version, StringComparison.Ordinal))
                findings.Add($"{project}: <Reference Include=\"{reference.Include}\"> does not name Version={assembly.Version}");
            var hint = reference.Hint.Replace('\\', '/');
            if (!hint.Contains("/" + assembly.PackageId + "." + packageVersion + "/", StringComparison.Ordinal))
                findings.Add($"{project}: the HintPath of {assembly.Name} ({reference.Hint}) is not in package {assembly.PackageId}.{packageVersion}");
            referenced.Add(assembly);
        }

        var knownNamespaces = listing.SelectMany(a => a.TypesByNamespace.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var file in sources.Where(File.Exists))
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), new CSharpParseOptions(LanguageVersion.CSharp9), file);
            var root = tree.GetRoot();
            var shown = Path.GetRelativePath(dir, file).Replace('\\', '/');
            var imported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in UsedNames(root))
            {
                if (name.StartsWith("Handheld.", StringComparison.Ordinal)) continue;
                var ns = LongestNamespacePrefix(name, knownNamespaces);
                if (ns == null)
                {
                    if (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("nanoFramework.", StringComparison.Ordinal) || name == "System")
                        findings.Add($"{project}: {shown} uses {name}, which no nanoFramework 1.x assembly of the API listing declares");
                    continue;
                }
                imported.Add(ns);
                // A spelled-out type (System.Device.Adc.AdcController) names its type directly.
                var rest = name.Length > ns.Length ? name.Substring(ns.Length + 1).Split('.')[0] : null;
                if (rest != null) CheckType(findings, project, shown, ns, rest, listing, referenced);
                else if (!referenced.Any(a => a.TypesByNamespace.ContainsKey(ns)))
                    findings.Add($"{project}: {shown} uses namespace {ns}, held by {Holders(listing, ns)}, which {project} does not reference");
            }
            // Type names used bare, from the namespaces the file imports.
            foreach (var identifier in root.DescendantNodes().OfType<IdentifierNameSyntax>().Select(i => i.Identifier.ValueText).Distinct())
                foreach (var ns in imported)
                    if (listing.Any(a => a.TypesByNamespace.TryGetValue(ns, out var t) && t.Contains(identifier)))
                        CheckType(findings, project, shown, ns, identifier, listing, referenced);
        }
        return findings.Distinct().ToList();
    }

    private static void CheckType(List<string> findings, string project, string file, string ns, string type,
        IReadOnlyList<DeviceAssembly> listing, List<DeviceAssembly> referenced)
    {
        var holders = listing.Where(a => a.TypesByNamespace.TryGetValue(ns, out var t) && t.Contains(type)).ToList();
        if (holders.Count == 0 || holders.Any(referenced.Contains)) return;
        findings.Add($"{project}: {file} uses {ns}.{type} from {string.Join(" or ", holders.Select(h => $"{h.Name} {h.Version} (package {h.PackageId} {h.PackageVersion})"))}, which neither packages.config nor the .nfproj references");
    }

    private static string Holders(IReadOnlyList<DeviceAssembly> listing, string ns) =>
        string.Join(" or ", listing.Where(a => a.TypesByNamespace.ContainsKey(ns)).Select(a => $"{a.Name} (package {a.PackageId} {a.PackageVersion})"));

    /// <summary>Namespaces of using directives (plain and alias targets) and every dotted name spelled out in code.</summary>
    private static IEnumerable<string> UsedNames(SyntaxNode root)
    {
        foreach (var u in root.DescendantNodes().OfType<UsingDirectiveSyntax>())
            if (u.Name != null) yield return u.Name.ToString().Replace("global::", "");
        foreach (var q in root.DescendantNodes().OfType<QualifiedNameSyntax>().Where(q => q.Parent is not QualifiedNameSyntax && q.Parent is not UsingDirectiveSyntax && q.Parent is not BaseNamespaceDeclarationSyntax))
            yield return q.ToString().Replace("global::", "");
        foreach (var m in root.DescendantNodes().OfType<MemberAccessExpressionSyntax>().Where(m => m.Parent is not MemberAccessExpressionSyntax))
        {
            var text = m.ToString();
            if (text.StartsWith("System.", StringComparison.Ordinal) || text.StartsWith("nanoFramework.", StringComparison.Ordinal)) yield return text;
        }
    }

    private static string? LongestNamespacePrefix(string dotted, HashSet<string> namespaces)
    {
        var parts = dotted.Split('.');
        for (int n = parts.Length; n >= 1; n--)
        {
            var candidate = string.Join('.', parts.Take(n));
            if (namespaces.Contains(candidate)) return candidate;
        }
        return null;
    }

    private static Dictionary<string, string> ReadPackages(string packagesConfig)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(packagesConfig)) return result;
        foreach (var p in XDocument.Load(packagesConfig).Descendants("package"))
            result[(string?)p.Attribute("id") ?? ""] = (string?)p.Attribute("version") ?? "";
        return result;
    }
}
