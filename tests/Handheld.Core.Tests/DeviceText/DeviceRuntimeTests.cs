using Xunit.Abstractions;

namespace Handheld.Core.Tests.DeviceText;

/// <summary>The device test mode reproduces the differences measured on the interpreter (issue 12).</summary>
public class DeviceRuntimeTests(ITestOutputHelper output)
{
    [Fact]
    public void Rewrite_EveryCoreAssembly_RedirectsItsStringCalls()
    {
        var sites = DeviceRuntime.Shared.RewrittenCallSites;
        foreach (var s in sites.OrderBy(s => s.Key)) output.WriteLine($"{s.Key}: {s.Value} String call sites run through the nanoCLR model");
        Assert.Equal(6, sites.Count); // one per Core ring
        Assert.All(sites, s => Assert.True(s.Value > 0, s.Key));
    }

    [Fact]
    public void ByteCountByIndex_SupplementaryCharacter_InvalidOnDeviceValidOnDotNet()
    {
        var (net, device) = DeviceRuntime.RunBoth(typeof(LegacyTextProbes), nameof(LegacyTextProbes.ByteCountByIndex), "\uD840\uDC00");
        Assert.Equal(4, net);
        Assert.Equal(-1, device); // measured: Utf8.GetByteCount returned -1 for 𠀀 on the interpreter
    }

    [Fact]
    public void BuildAndRead_EmbeddedNul_StringEndsThereOnDevice()
    {
        var (net, device) = DeviceRuntime.RunBoth(typeof(LegacyTextProbes), nameof(LegacyTextProbes.BuildAndRead), "ab\0c".ToCharArray());
        Assert.Equal(new[] { 0x61, 0x62, 0, 0x63 }, net);
        Assert.Equal(new[] { 0x61, 0x62 }, device);
    }

    [Fact]
    public void BuildAndRead_LoneSurrogate_ReplacementCharacterOnDevice()
    {
        var (net, device) = DeviceRuntime.RunBoth(typeof(LegacyTextProbes), nameof(LegacyTextProbes.BuildAndRead), "a\uD800".ToCharArray());
        Assert.Equal(new[] { 0x61, 0xD800 }, net);
        Assert.Equal(new[] { 0x61, 0xFFFD }, device);
    }

    [Fact]
    public void LiteralWithNul_EndsAtNulOnDevice()
    {
        var (net, device) = DeviceRuntime.RunBoth(typeof(LegacyTextProbes), nameof(LegacyTextProbes.LiteralWithNulLength));
        Assert.Equal(10, net);
        Assert.Equal(5, device);
    }
}
