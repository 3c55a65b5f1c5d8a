namespace Handheld.PortabilityGuard;

/// <summary>One nanoFramework assembly of the API listing: its name, version and the public types it holds.</summary>
public sealed class DeviceAssembly
{
    public DeviceAssembly(string name, string version) { Name = name; Version = version; }

    public string Name { get; }
    /// <summary>Assembly version as the listing's header gives it, e.g. "1.1.24.0".</summary>
    public string Version { get; }
    /// <summary>Namespace → simple type names (generic arity stripped) the assembly declares there.</summary>
    public Dictionary<string, HashSet<string>> TypesByNamespace { get; } = new(StringComparer.Ordinal);

    /// <summary>The NuGet package that ships the assembly: mscorlib comes in nanoFramework.CoreLibrary, every other
    /// assembly in the package of its own name, prefixed with "nanoFramework." where the name does not start so.</summary>
    public string PackageId => Name == "mscorlib" ? "nanoFramework.CoreLibrary"
        : Name.StartsWith("nanoFramework.", StringComparison.Ordinal) ? Name : "nanoFramework." + Name;

    /// <summary>The package version: the assembly version's first three parts (1.1.24.0 → 1.1.24).</summary>
    public string PackageVersion => string.Join('.', Version.Split('.').Take(3));
}

/// <summary>Reads the "## ASSEMBLY name, Version=…" blocks and their TYPE lines from api-surface.txt.</summary>
public static class DeviceAssemblyListing
{
    public static IReadOnlyList<DeviceAssembly> Load(string apiSurfacePath)
    {
        var assemblies = new List<DeviceAssembly>();
        DeviceAssembly? current = null;
        foreach (var raw in File.ReadLines(apiSurfacePath))
        {
            var line = raw.Trim();
            if (line.StartsWith("## ASSEMBLY ", StringComparison.Ordinal))
            {
                var parts = line.Substring("## ASSEMBLY ".Length).Split(',', StringSplitOptions.TrimEntries);
                var version = parts.FirstOrDefault(p => p.StartsWith("Version=", StringComparison.Ordinal))?.Substring(8) ?? "0.0.0.0";
                current = new DeviceAssembly(parts[0], version);
                assemblies.Add(current);
                continue;
            }
            if (current == null || !line.StartsWith("TYPE ", StringComparison.Ordinal)) continue;
            // TYPE <kind> <modifiers…> Full.Name[<T>] [: Base] [, Interfaces]
            var tokens = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var full = tokens.Skip(2).FirstOrDefault(t => t.Contains('.') && !t.StartsWith(':')) ?? "";
            int generic = full.IndexOf('<');
            if (generic >= 0) full = full.Substring(0, generic);
            full = full.TrimEnd(',');
            int nested = full.IndexOf('+');
            if (nested >= 0) full = full.Substring(0, nested);
            int dot = full.LastIndexOf('.');
            if (dot <= 0) continue;
            var ns = full.Substring(0, dot);
            if (!current.TypesByNamespace.TryGetValue(ns, out var types)) current.TypesByNamespace[ns] = types = new HashSet<string>(StringComparer.Ordinal);
            types.Add(full.Substring(dot + 1));
        }
        return assemblies;
    }
}
