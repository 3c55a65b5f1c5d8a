using System.Text.Json;
using Handheld.Core.Fluorescence;
using Handheld.Core.Trust;
using Handheld.Sdk.Lists;
using Handheld.Sdk.Tests.Cli;
using Handheld.Sdk.Trust;

namespace Handheld.Sdk.Tests.Lists;

/// <summary><c>trust build --fibre-spectra</c> makes a format-2 list (docs/ble-protocol.md §6.1.1) that <c>trust show</c>,
/// the SDK's trust loading and the device's catalogue reader all understand; without the option the list stays format 1.</summary>
[Collection("Console")]
public sealed class TrustFibreSpectraTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("handheld-fs-").FullName;
    private string P(string name) => Path.Combine(_dir, name);
    public void Dispose() => Directory.Delete(_dir, true);

    private static readonly int[] Blue = [120, 540, 300, 30, 10, 0, 0];
    private static readonly int[] Green = [0, 6, 210, 600, 170, 14, 0];

    private static (int Code, string Out, string Err) Run(string commandLine) => BadInputTests.Run(commandLine);

    private void Prepare()
    {
        Assert.Equal(0, Run($"keys generate --alg p256 --out {P("root")}").Code);
        Assert.Equal(0, Run($"keys generate --alg p256 --out {P("issuer")}").Code);
        File.Copy(Path.Combine(Licensing.CliHarness.RepoRoot, "docs", "examples", "trust-spec.json"), P("trust-spec.json"));
        File.WriteAllText(P("fs.json"), JsonSerializer.Serialize(new { blue = Blue, green = Green }));
    }

    [Fact]
    public void BuildWithFibreSpectra_Format2_ShownLoadedAndDeclared()
    {
        Prepare();
        var build = Run($"trust build {P("trust-spec.json")} --fibre-spectra {P("fs.json")} --out {P("t.tbs")}");
        Assert.True(build.Code == 0, build.Err);
        Assert.Contains("format 2", build.Out);
        Assert.Equal(0, Run($"trust sign {P("t.tbs")} --key {P("root.key.pem")} --out {P("t.bin")}").Code);

        var show = Run($"trust show {P("t.bin")} --json");
        Assert.True(show.Code == 0, show.Err);
        using var doc = JsonDocument.Parse(show.Out);
        Assert.Equal(2, doc.RootElement.GetProperty("format").GetInt32());
        Assert.True(doc.RootElement.GetProperty("signed").GetBoolean());
        Assert.Equal(Blue, doc.RootElement.GetProperty("fibreSpectra").GetProperty("blue").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.Equal(Green, doc.RootElement.GetProperty("fibreSpectra").GetProperty("green").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.False(doc.RootElement.GetProperty("fibreSpectra").TryGetProperty("red", out _));

        var text = Run($"trust show {P("t.bin")}");
        Assert.Contains("format 2", text.Out);
        Assert.Contains("green", text.Out);
        Assert.Contains(" 600 ", text.Out);

        // The SDK's trust loading (license verify --trust LIST --root) takes the format-2 list with its keys.
        var source = new TrustSource(new Handheld.Core.Crypto.ManagedSignatureEngine());
        Assert.Equal(1, source.AddSignedTrustList(File.ReadAllBytes(P("t.bin")), File.ReadAllText(P("root.pub.pem")), "t.bin"));
        Assert.Equal(2, source.SignedList!.Format);
        var declared = FibreSpectraFile.Of(source.SignedList);
        Assert.Equal(FibreColours.Blue | FibreColours.Green, declared.Declared);
        Assert.Equal(Green[3], declared.At(FibreColours.Green, 3));
    }

    [Fact]
    public void BuildWithoutFibreSpectra_Format1_ShowSaysNoneDeclared()
    {
        Prepare();
        Assert.Equal(0, Run($"trust build {P("trust-spec.json")} --out {P("t1.tbs")}").Code);
        Assert.Equal(ListFormat.FormatVersion, File.ReadAllBytes(P("t1.tbs"))[4]);
        var show = Run($"trust show {P("t1.tbs")}");
        Assert.True(show.Code == 0, show.Err);
        Assert.Contains("format 1", show.Out);
        Assert.Contains("unsigned", show.Out);
        Assert.Contains("fibre spectra: none", show.Out);
    }

    [Fact]
    public void Show_DefectiveFsBlock_WarnsNothingDeclared()
    {
        Prepare();
        Assert.Equal(0, Run($"trust build {P("trust-spec.json")} --fibre-spectra {P("fs.json")} --out {P("t.tbs")}").Code);
        var tbs = File.ReadAllBytes(P("t.tbs"));
        tbs[^1] ^= 0x7F; // the last share's high byte: above 1000
        File.WriteAllBytes(P("bad.tbs"), tbs);
        var show = Run($"trust show {P("bad.tbs")}");
        Assert.Equal(0, show.Code);
        Assert.Contains("warning: list: the FS block is defective", show.Err);
        Assert.Contains("none declared (defective FS block)", show.Out);
    }

    [Fact]
    public void FibreSpectraFile_RedOptional_AllThreeDeclared()
    {
        var d = FibreSpectraFile.Parse("""{"blue":[120,540,300,30,10,0,0],"green":[0,6,210,600,170,14,0],"red":[0,0,0,0,4,333,663]}""");
        Assert.Equal(FibreColours.Blue | FibreColours.Green | FibreColours.Red, d.Declared);
        Assert.Equal(663, d.At(FibreColours.Red, 6));
    }
}
