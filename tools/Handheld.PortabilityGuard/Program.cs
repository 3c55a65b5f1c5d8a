namespace Handheld.PortabilityGuard;

/// <summary>
/// handheld-portability check ASSEMBLY ALLOWLIST          — list violations (exit 1 when any)
/// handheld-portability allowlist API-SURFACE OUT ASSEMBLY... — write the allow-list lines the assemblies need
/// handheld-portability syntax DIR...                     — syntax guard over device sources
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length >= 3 && args[0] == "check")
        {
            var violations = new MetadataGuard(ApiAllowList.Load(args[2])).Check(args[1]);
            foreach (var v in violations) Console.WriteLine(v);
            Console.WriteLine($"{violations.Count} violation(s)");
            return violations.Count == 0 ? 0 : 1;
        }
        if (args.Length >= 4 && args[0] == "allowlist")
        {
            // allowlist API-SURFACE OUT ASSEMBLY... : the union of what every listed assembly needs
            var surface = ApiAllowList.Load(args[1]);
            var lines = new SortedSet<string>(StringComparer.Ordinal);
            var missing = new List<string>();
            foreach (var assembly in args.Skip(3))
            {
                var (needed, notOnDevice) = MetadataGuard.NeededLines(assembly, surface);
                lines.UnionWith(needed);
                missing.AddRange(notOnDevice);
            }
            File.WriteAllLines(args[2], AllowListHeader.Concat(lines));
            Console.WriteLine($"wrote {lines.Count} lines to {args[2]}");
            foreach (var m in missing.Distinct()) Console.WriteLine("not in the nanoFramework API: " + m);
            return missing.Count == 0 ? 0 : 1;
        }
        if (args.Length >= 2 && args[0] == "syntax")
        {
            int count = 0;
            foreach (var dir in args.Skip(1))
                foreach (var f in SyntaxGuard.CheckDirectory(dir, Directory.GetCurrentDirectory())) { Console.WriteLine(f); count++; }
            Console.WriteLine($"{count} finding(s)");
            return count == 0 ? 0 : 1;
        }
        Console.Error.WriteLine("usage: handheld-portability check ASSEMBLY ALLOWLIST | allowlist API-SURFACE OUT ASSEMBLY... | syntax DIR...");
        return 2;
    }

    public static readonly string[] AllowListHeader =
    {
        "# nanoFramework 1.x API used by Handheld.Core: the lines of shared/nanoframework/api-surface.txt",
        "# (mscorlib 1.17.11) that Core references, so the project stands alone. The portability guard fails",
        "# on any reference not listed here. Regenerate with tools/update-allowlist.sh after checking that a new",
        "# reference really exists on the device; never add a line that is not in api-surface.txt.",
    };
}
