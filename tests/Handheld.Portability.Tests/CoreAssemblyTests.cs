using Handheld.PortabilityGuard;

namespace Handheld.Portability.Tests;

/// <summary>Core's five ring assemblies, as compiled for .NET and as compiled against the real nanoFramework mscorlib,
/// references only what its allow-list (a copy of the device API lines it needs) contains.</summary>
public class CoreAssemblyTests
{
    private static readonly ApiAllowList CoreAllowList = ApiAllowList.Load(RepoPaths.CoreAllowList);

    public static TheoryData<string> Rings() => new(RepoPaths.CoreRings);

    [Theory]
    [MemberData(nameof(Rings))]
    public void HostCoreAssembly_StaysInsideNanoFrameworkApi(string ring)
    {
        var assembly = RepoPaths.HostCoreAssembly(ring);
        Assert.True(File.Exists(assembly), "build Handheld.Core." + ring + " first: " + assembly);
        var violations = new MetadataGuard(CoreAllowList).Check(assembly);
        Assert.True(violations.Count == 0, "Core uses what nanoFramework 1.x lacks:\n" + string.Join("\n", violations)
            + "\n(if the member really exists on the device, run tools/update-allowlist.sh)");
    }

    [Fact]
    public void NanoCoreAssembly_CompiledAgainstRealMscorlib_StaysInsideAllowList()
    {
        Assert.True(File.Exists(RepoPaths.NanoCoreAssembly), "build tests/Handheld.Core.NanoCheck first: " + RepoPaths.NanoCoreAssembly);
        var violations = new MetadataGuard(CoreAllowList).Check(RepoPaths.NanoCoreAssembly);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void CoreAllowList_EveryLineExistsInTheDeviceApiListing()
    {
        // The allow-list may only hold lines of shared/nanoframework/api-surface.txt. The listing lives beside
        // the repository (CI and developer machines have it); without it there is nothing to compare against.
        if (!File.Exists(RepoPaths.ApiSurface)) return;
        var surface = new HashSet<string>(File.ReadAllLines(RepoPaths.ApiSurface).Select(l => l.Trim()), StringComparer.Ordinal);
        var foreign = File.ReadAllLines(RepoPaths.CoreAllowList).Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !surface.Contains(l)).ToList();
        Assert.True(foreign.Count == 0, "not in api-surface.txt:\n" + string.Join("\n", foreign));
    }

    [Fact]
    public void CoreAllowList_IsNotEmptyAndCoversObject()
    {
        Assert.True(CoreAllowList.ContainsType("System.Object"));
        Assert.True(CoreAllowList.MemberCount > 0);
    }
}
