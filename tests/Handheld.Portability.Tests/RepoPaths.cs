namespace Handheld.Portability.Tests;

/// <summary>Locates the repository and the build outputs the guards read.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Handheld.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Handheld.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Configuration =>
        AppContext.BaseDirectory.Replace('\\', '/').Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string CoreAllowList => Path.Combine(Root, "firmware", "nanoframework-api.txt");

    /// <summary>Core's rings, one assembly each, in dependency order (each references only those before it).</summary>
    public static readonly string[] CoreRings = { "Primitives", "Crypto", "Licensing", "Sensing", "Fingerprint", "Device" };

    /// <summary>The assemblies of the nanoFramework API listing and the types each declares (a copy of its
    /// '## ASSEMBLY' and 'TYPE' lines kept in the repository).</summary>
    public static string DeviceAssemblies => Path.Combine(Root, "firmware", "nanoframework-assemblies.txt");

    /// <summary>The nanoFramework API listing beside the repository (shared/), when present.</summary>
    public static string ApiSurface => Path.Combine(Root, "..", "shared", "nanoframework", "api-surface.txt");

    /// <summary>The host build of one ring: firmware/Handheld.Core.RING/bin/…/Handheld.Core.RING.dll.</summary>
    public static string HostCoreAssembly(string ring) =>
        Path.Combine(Root, "firmware", "Handheld.Core." + ring, "bin", Configuration, "net10.0", "Handheld.Core." + ring + ".dll");

    /// <summary>The real nanoFramework mscorlib 1.17.11 reference assembly (restored from nanoFramework.CoreLibrary).</summary>
    public static string NanoMscorlib => typeof(RepoPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "NanoMscorlib").Value!;

    public static string NanoCoreAssembly => Path.Combine(Root, "tests", "Handheld.Core.NanoCheck", "bin", Configuration, "net10.0", "Handheld.Core.Nano.dll");
}
