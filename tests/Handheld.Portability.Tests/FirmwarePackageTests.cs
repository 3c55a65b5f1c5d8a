using System.Text.RegularExpressions;
using Handheld.PortabilityGuard;

namespace Handheld.Portability.Tests;

/// <summary>Every device assembly the nanoFramework projects' sources use is referenced in their packages.config and
/// .nfproj, at the API listing's version: the firmware cannot be built here, so this stands in for its build.</summary>
public class FirmwarePackageTests
{
    private static readonly Lazy<IReadOnlyList<DeviceAssembly>> Listing = new(() => DeviceAssemblyListing.Load(RepoPaths.DeviceAssemblies));

    public static TheoryData<string> Projects() => new(
        "firmware/Handheld.Firmware/Handheld.Firmware.nfproj",
        "tests/Handheld.Firmware.Tests/Handheld.Firmware.Tests.nfproj",
        "firmware/Handheld.Core.Primitives/Handheld.Core.Primitives.nfproj",
        "firmware/Handheld.Core.Crypto/Handheld.Core.Crypto.nfproj",
        "firmware/Handheld.Core.Licensing/Handheld.Core.Licensing.nfproj",
        "firmware/Handheld.Core.Sensing/Handheld.Core.Sensing.nfproj",
        "firmware/Handheld.Core.Fingerprint/Handheld.Core.Fingerprint.nfproj",
        "firmware/Handheld.Core.Device/Handheld.Core.Device.nfproj");

    [Theory]
    [MemberData(nameof(Projects))]
    public void Project_ReferencesEveryDeviceAssemblyItsSourcesUse(string project)
    {
        var findings = FirmwarePackageCheck.Check(Path.Combine(RepoPaths.Root, project), Listing.Value);
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public void DeviceAssemblies_AreTheListingsAssemblyAndTypeLines()
    {
        var copy = File.ReadAllLines(RepoPaths.DeviceAssemblies).Where(l => !l.StartsWith("# ", StringComparison.Ordinal)).ToList();
        Assert.Contains(copy, l => l.StartsWith("## ASSEMBLY System.Device.Adc, Version=1.1.24.0", StringComparison.Ordinal));
        Assert.All(copy, l => Assert.True(l.StartsWith("## ASSEMBLY ", StringComparison.Ordinal) || l.StartsWith("TYPE ", StringComparison.Ordinal), l));
        if (File.Exists(RepoPaths.ApiSurface)) // beside the repository on developer and CI machines: the copy must be current
            Assert.Equal(File.ReadAllLines(RepoPaths.ApiSurface).Where(l => l.StartsWith("## ASSEMBLY ", StringComparison.Ordinal) || l.StartsWith("TYPE ", StringComparison.Ordinal)), copy);
    }

    [Fact]
    public void Listing_NamesAdcPackageAndItsTypes()
    {
        var adc = Listing.Value.Single(a => a.Name == "System.Device.Adc");
        Assert.Equal("nanoFramework.System.Device.Adc", adc.PackageId);
        Assert.Equal("1.1.24", adc.PackageVersion);
        Assert.Contains("AdcController", adc.TypesByNamespace["System.Device.Adc"]);
        Assert.Equal("nanoFramework.CoreLibrary", Listing.Value.Single(a => a.Name == "mscorlib").PackageId);
    }

    [Fact]
    public void Firmware_WithoutAdcPackage_IsReportedNamingThePackage()
    {
        // The omission the device build met: Board.cs and PwmUvLamp.cs use System.Device.Adc, the project lacked it.
        var copy = CopyFirmwareProject();
        var config = Path.Combine(copy, "packages.config");
        File.WriteAllLines(config, File.ReadAllLines(config).Where(l => !l.Contains("System.Device.Adc", StringComparison.Ordinal)));
        var nfproj = Path.Combine(copy, "Handheld.Firmware.nfproj");
        File.WriteAllText(nfproj, Regex.Replace(File.ReadAllText(nfproj),
            @"\s*<Reference Include=""System\.Device\.Adc,[^>]*>.*?</Reference>", "", RegexOptions.Singleline));

        var findings = FirmwarePackageCheck.Check(nfproj, Listing.Value);

        Assert.Contains(findings, f => f.Contains("Board.cs", StringComparison.Ordinal) && f.Contains("nanoFramework.System.Device.Adc 1.1.24", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("PwmUvLamp.cs", StringComparison.Ordinal) && f.Contains("AdcController", StringComparison.Ordinal));
    }

    [Fact]
    public void Firmware_PackageWithoutNfprojReference_IsReported()
    {
        var copy = CopyFirmwareProject();
        var nfproj = Path.Combine(copy, "Handheld.Firmware.nfproj");
        File.WriteAllText(nfproj, Regex.Replace(File.ReadAllText(nfproj),
            @"\s*<Reference Include=""System\.Device\.Adc,[^>]*>.*?</Reference>", "", RegexOptions.Singleline));

        var findings = FirmwarePackageCheck.Check(nfproj, Listing.Value);

        Assert.Contains(findings, f => f.Contains("packages.config has nanoFramework.System.Device.Adc but the .nfproj has no <Reference", StringComparison.Ordinal));
    }

    [Fact]
    public void Firmware_PackageAtAnotherVersion_IsReported()
    {
        var copy = CopyFirmwareProject();
        var config = Path.Combine(copy, "packages.config");
        File.WriteAllText(config, File.ReadAllText(config).Replace("id=\"nanoFramework.System.Device.Adc\" version=\"1.1.24\"", "id=\"nanoFramework.System.Device.Adc\" version=\"1.1.11\"", StringComparison.Ordinal));

        var findings = FirmwarePackageCheck.Check(Path.Combine(copy, "Handheld.Firmware.nfproj"), Listing.Value);

        Assert.Contains(findings, f => f.Contains("nanoFramework.System.Device.Adc 1.1.11", StringComparison.Ordinal) && f.Contains("1.1.24", StringComparison.Ordinal));
    }

    /// <summary>A scratch copy of the firmware project (sources, packages.config, .nfproj) to damage.</summary>
    private static string CopyFirmwareProject()
    {
        var source = Path.Combine(RepoPaths.Root, "firmware", "Handheld.Firmware");
        var target = Path.Combine(Path.GetTempPath(), "hh-fwcheck-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(source, file);
            if (rel.StartsWith("bin", StringComparison.Ordinal) || rel.StartsWith("obj", StringComparison.Ordinal)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, rel))!);
            File.Copy(file, Path.Combine(target, rel));
        }
        return target;
    }
}
