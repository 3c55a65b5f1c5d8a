namespace Handheld.PortabilityGuard;

/// <summary>
/// handheld-portability check ASSEMBLY ALLOWLIST          — list violations (exit 1 when any)
/// handheld-portability allowlist API-SURFACE OUT ASSEMBLY... — write the allow-list lines the assemblies need
/// handheld-portability syntax DIR...                     — syntax guard over device sources
/// handheld-portability size FIRMWARE-DIR MSCORLIB RING... — IL bytes per ring assembly, Release and Debug (exit 1 above 70 %)
/// handheld-portability packages API-SURFACE NFPROJ...     — every device assembly the sources use is referenced
/// </summary>
public static class Program
{
    /// <summary>Runs a command; a missing or unreadable path is one line on stderr naming it, exit 2 (the CLI
    /// convention of handheld and handheld-sim), never a stack trace.</summary>
    public static int Main(string[] args)
    {
        foreach (var (name, path) in PathArguments(args))
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                Console.Error.WriteLine($"error: {name}: no such file or folder: {path}");
                return 2;
            }
        }
        try { return Run(args); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException or FormatException)
        {
            Console.Error.WriteLine($"error: {(args.Length > 0 ? args[0] : "usage")}: {e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}");
            return e is IOException or UnauthorizedAccessException ? 3 : 2;
        }
    }

    /// <summary>The arguments that name existing inputs, with the usage's name for each (OUT of allowlist is an output).</summary>
    private static IEnumerable<(string Name, string Path)> PathArguments(string[] args)
    {
        if (args.Length == 0) yield break;
        string[] names = args[0] switch
        {
            "check" => ["ASSEMBLY", "ALLOWLIST"],
            "allowlist" => ["API-SURFACE", "", "ASSEMBLY"],
            "syntax" => ["DIR"],
            "size" => ["FIRMWARE-DIR", "MSCORLIB", ""],   // RING... are names, not paths
            "packages" => ["API-SURFACE", "NFPROJ"],
            _ => [],
        };
        for (int i = 1; i < args.Length && names.Length > 0; i++)
        {
            string name = names[Math.Min(i - 1, names.Length - 1)];
            if (name.Length > 0) yield return (name, args[i]);
        }
    }

    private static int Run(string[] args)
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
        if (args.Length >= 4 && args[0] == "size")
        {
            var sizes = RingCompiler.Measure(args[1], args[2], args.Skip(3).ToList());
            Console.WriteLine($"{"assembly",-28} {"config",-8} {"IL bytes",9} {"of 65,535",9}");
            foreach (var s in sizes) Console.WriteLine($"{s.Assembly,-28} {s.Configuration,-8} {s.Bytes,9:N0} {BytecodeSize.Percent(s.Bytes),8:0.0}%");
            var over = sizes.Where(s => s.Violation != null).ToList();
            foreach (var s in over) Console.WriteLine(s.Violation);
            return over.Count == 0 ? 0 : 1;
        }
        if (args.Length >= 3 && args[0] == "packages")
        {
            var listing = DeviceAssemblyListing.Load(args[1]);
            int count = 0;
            foreach (var project in args.Skip(2))
                foreach (var f in FirmwarePackageCheck.Check(project, listing)) { Console.WriteLine(f); count++; }
            Console.WriteLine($"{count} finding(s)");
            return count == 0 ? 0 : 1;
        }
        Console.Error.WriteLine("usage: handheld-portability check ASSEMBLY ALLOWLIST | allowlist API-SURFACE OUT ASSEMBLY... | syntax DIR... | size FIRMWARE-DIR MSCORLIB RING... | packages API-SURFACE NFPROJ...");
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
