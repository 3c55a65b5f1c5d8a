using System.Text.Json;
using Handheld.Core.Fluorescence;
using Handheld.Core.Trust;
using Handheld.Sdk.Lists;
using Handheld.Sdk.Tests.Cli;
using Handheld.Sdk.Trust;

namespace Handheld.Sdk.Tests.Lists;

/// <summary><c>trust build --fibre-colours</c> (alone or with <c>--fibre-spectra</c>) makes a format-2 list whose FT
/// block (docs/ble-protocol.md §6.1.1) <c>trust show</c>, the SDK's trust loading and the device's catalogue reader
/// all understand.</summary>
[Collection("Console")]
public sealed class TrustFibreColoursTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("handheld-ft-").FullName;
    private string P(string name) => Path.Combine(_dir, name);
    public void Dispose() => Directory.Delete(_dir, true);

    private static readonly int[] Blue = [3, 201, 796];
    private static readonly int[] Green = [30, 640, 331];
    private static readonly int[] BlueSpectrum = [120, 540, 300, 30, 10, 0, 0];
    private static readonly int[] GreenSpectrum = [0, 6, 210, 600, 170, 14, 0];

    private static (int Code, string Out, string Err) Run(string commandLine) => BadInputTests.Run(commandLine);

    private void Prepare()
    {
        Assert.Equal(0, Run($"keys generate --alg p256 --out {P("root")}").Code);
        Assert.Equal(0, Run($"keys generate --alg p256 --out {P("issuer")}").Code);
        File.Copy(Path.Combine(Licensing.CliHarness.RepoRoot, "docs", "examples", "trust-spec.json"), P("trust-spec.json"));
        File.WriteAllText(P("ft.json"), JsonSerializer.Serialize(new { blue = Blue, green = Green }));
        File.WriteAllText(P("fs.json"), JsonSerializer.Serialize(new { blue = BlueSpectrum, green = GreenSpectrum }));
    }

    private static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    [Fact]
    public void BuildWithBothOptions_Format2_BothShownAndDeclared()
    {
        Prepare();
        var build = Run($"trust build {P("trust-spec.json")} --fibre-spectra {P("fs.json")} --fibre-colours {P("ft.json")} --out {P("t.tbs")}");
        Assert.True(build.Code == 0, build.Err);
        Assert.Contains("format 2", build.Out);
        Assert.Equal(0, Run($"trust sign {P("t.tbs")} --key {P("root.key.pem")} --out {P("t.bin")}").Code);

        var show = Run($"trust show {P("t.bin")} --json");
        Assert.True(show.Code == 0, show.Err);
        using var doc = JsonDocument.Parse(show.Out);
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("format").GetInt32());
        Assert.Equal(Blue, Ints(root.GetProperty("fibreColours").GetProperty("blue")));
        Assert.Equal(Green, Ints(root.GetProperty("fibreColours").GetProperty("green")));
        Assert.False(root.GetProperty("fibreColours").TryGetProperty("red", out _));
        Assert.Equal(GreenSpectrum, Ints(root.GetProperty("fibreSpectra").GetProperty("green")));
        var tags = root.GetProperty("catalogue").EnumerateArray().Select(t => t.GetString()!).ToArray();
        Assert.Contains(tags, t => t.StartsWith("FS v1", StringComparison.Ordinal));
        Assert.Contains(tags, t => t.StartsWith("FT v1", StringComparison.Ordinal));

        var text = Run($"trust show {P("t.bin")}");
        Assert.Contains("fibre colour shares (permille", text.Out);
        Assert.Contains(" 640 ", text.Out);
        Assert.Contains("fibre spectra (permille", text.Out);

        var source = new TrustSource(new Handheld.Core.Crypto.ManagedSignatureEngine());
        Assert.Equal(1, source.AddSignedTrustList(File.ReadAllBytes(P("t.bin")), File.ReadAllText(P("root.pub.pem")), "t.bin"));
        var shares = FibreColoursFile.Of(source.SignedList!);
        Assert.Equal(FibreColours.Blue | FibreColours.Green, shares.Declared);
        Assert.Equal(Green[DeclaredColourShares.Green], shares.At(FibreColours.Green, DeclaredColourShares.Green));
        Assert.Equal(FibreColours.Blue | FibreColours.Green, FibreSpectraFile.Of(source.SignedList!).Declared);
    }

    [Fact]
    public void BuildWithColoursOnly_SpectraNoneDeclared()
    {
        Prepare();
        Assert.Equal(0, Run($"trust build {P("trust-spec.json")} --fibre-colours {P("ft.json")} --out {P("t.tbs")}").Code);
        Assert.Equal(ListFormat.TrustFormatWithCatalogue, File.ReadAllBytes(P("t.tbs"))[4]);
        var show = Run($"trust show {P("t.tbs")}");
        Assert.True(show.Code == 0, show.Err);
        Assert.Contains("fibre spectra: none declared (no FS block)", show.Out);
        Assert.Contains("fibre colour shares (permille", show.Out);
    }

    [Fact]
    public void Show_SpectraOnlyOrFormat1_SaysNoColourShares()
    {
        Prepare();
        Assert.Equal(0, Run($"trust build {P("trust-spec.json")} --fibre-spectra {P("fs.json")} --out {P("fs.tbs")}").Code);
        Assert.Contains("fibre colour shares: none declared (no FT block)", Run($"trust show {P("fs.tbs")}").Out);
        Assert.Equal(0, Run($"trust build {P("trust-spec.json")} --out {P("t1.tbs")}").Code);
        Assert.Contains("fibre colour shares: none (format 1", Run($"trust show {P("t1.tbs")}").Out);
        using var doc = JsonDocument.Parse(Run($"trust show {P("fs.tbs")} --json").Out);
        Assert.Empty(doc.RootElement.GetProperty("fibreColours").EnumerateObject());
    }

    [Fact]
    public void Show_DefectiveFtBlock_WarnsNothingDeclared()
    {
        Prepare();
        Assert.Equal(0, Run($"trust build {P("trust-spec.json")} --fibre-colours {P("ft.json")} --out {P("t.tbs")}").Code);
        var tbs = File.ReadAllBytes(P("t.tbs"));
        tbs[^1] ^= 0x7F; // the last share's high byte: above 1000
        File.WriteAllBytes(P("bad.tbs"), tbs);
        var show = Run($"trust show {P("bad.tbs")}");
        Assert.Equal(0, show.Code);
        Assert.Contains("warning: list: the FT block is defective", show.Err);
        Assert.Contains("none declared (defective FT block)", show.Out);
    }

    [Fact]
    public void FibreColoursFile_RedOptional_ChannelOrderRGB()
    {
        var d = FibreColoursFile.Parse("""{"blue":[0,194,806],"green":[27,637,336],"red":[926,73,1]}""");
        Assert.Equal(FibreColours.Blue | FibreColours.Green | FibreColours.Red, d.Declared);
        Assert.Equal(926, d.At(FibreColours.Red, DeclaredColourShares.Red));
        Assert.Equal(806, d.At(FibreColours.Blue, DeclaredColourShares.Blue));
    }
}
