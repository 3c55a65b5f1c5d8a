using System.Xml.Linq;

namespace Handheld.Portability.Tests;

/// <summary>nanoFramework projects list their sources explicitly; a file missing from the list would be
/// silently left out of the device build. tools/sync-nfproj.sh regenerates the lists.</summary>
public class NfprojTests
{
    [Theory]
    [InlineData("firmware/Handheld.Core.Primitives/Handheld.Core.Primitives.nfproj")]
    [InlineData("firmware/Handheld.Core.Crypto/Handheld.Core.Crypto.nfproj")]
    [InlineData("firmware/Handheld.Core.Licensing/Handheld.Core.Licensing.nfproj")]
    [InlineData("firmware/Handheld.Core.Sensing/Handheld.Core.Sensing.nfproj")]
    [InlineData("firmware/Handheld.Core.Fingerprint/Handheld.Core.Fingerprint.nfproj")]
    [InlineData("firmware/Handheld.Core.Device/Handheld.Core.Device.nfproj")]
    [InlineData("firmware/Handheld.Firmware/Handheld.Firmware.nfproj")]
    [InlineData("tests/Handheld.Firmware.Tests/Handheld.Firmware.Tests.nfproj")]
    public void Nfproj_CompileList_MatchesSourcesOnDisk(string project)
    {
        var path = Path.Combine(RepoPaths.Root, project);
        var dir = Path.GetDirectoryName(path)!;
        var listed = XDocument.Load(path).Descendants().Where(e => e.Name.LocalName == "Compile")
            .Select(e => e.Attribute("Include")!.Value.Replace('\\', '/')).OrderBy(s => s, StringComparer.Ordinal).ToList();
        var onDisk = Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("packages/", StringComparison.Ordinal))
            .OrderBy(s => s, StringComparer.Ordinal).ToList();
        Assert.True(listed.SequenceEqual(onDisk), "run tools/sync-nfproj.sh\nmissing: " + string.Join(", ", onDisk.Except(listed)) + "\nextra: " + string.Join(", ", listed.Except(onDisk)));
    }

    [Fact]
    public void FirmwarePackages_AreTheStableOneXLine()
    {
        var config = XDocument.Load(Path.Combine(RepoPaths.Root, "firmware/Handheld.Firmware/packages.config"));
        var core = config.Descendants("package").Single(p => (string?)p.Attribute("id") == "nanoFramework.CoreLibrary");
        Assert.StartsWith("1.17.", (string)core.Attribute("version")!);
        Assert.DoesNotContain(config.Descendants("package"), p => ((string)p.Attribute("version")!).Contains("preview", StringComparison.Ordinal));
    }
}
