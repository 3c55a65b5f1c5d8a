namespace Handheld.PortabilityGuard;

/// <summary>
/// handheld-portability check ASSEMBLY ALLOWLIST          — list violations (exit 1 when any)
/// handheld-portability allowlist ASSEMBLY API-SURFACE OUT — write the allow-list lines ASSEMBLY needs
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
            var (lines, missing) = MetadataGuard.NeededLines(args[1], ApiAllowList.Load(args[2]));
            File.WriteAllLines(args[3], AllowListHeader.Concat(lines));
            Console.WriteLine($"wrote {lines.Count} lines to {args[3]}");
            foreach (var m in missing) Console.WriteLine("not in the nanoFramework API: " + m);
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
        Console.Error.WriteLine("usage: handheld-portability check ASSEMBLY ALLOWLIST | allowlist ASSEMBLY API-SURFACE OUT | syntax DIR...");
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
