using System.Security.Cryptography;
using System.Text.Json;
using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;
using Handheld.Core.Protocol;
using Handheld.Core.Trust;
using Handheld.Simulator.Device;
using Handheld.Simulator.Link;
using Handheld.Simulator.Physics;
using Handheld.Simulator.Scenarios;

namespace Handheld.Simulator.Tests.Link;

/// <summary>The emulated TCS34725 device's declared fibre colour shares come from the FT block of the trust list
/// in force (docs/ble-protocol.md §6.1.1), through Core's codec and PaperCatalogue: no list, a format-1 list or a
/// format-2 list with FS only declares nothing, and a genuine sheet is then never GENUINE.</summary>
public class TrustListColourSharesTests
{
    private static readonly int[] Colours = [FibreColours.Blue, FibreColours.Green, FibreColours.Red];

    private static TrustList SpectraOnlyList() =>
        ProvisionedTrustList.Installed(ProvisionedTrustList.WithCatalogue(ProvisionedTrustList.SpectraCatalogue(new DeviceOptics())));

    private static byte Push(SimulatedDevice d, byte[] list)
    {
        byte r = d.Lists.Begin(ListFormat.KindTrust, list.Length, SHA256.HashData(list), 0, out _);
        if (r != ErrorCode.None) return r;
        for (int at = 0; at < list.Length; at += 150)
        {
            r = d.Lists.Chunk(ListFormat.KindTrust, at, list, at, Math.Min(150, list.Length - at), out _);
            if (r != ErrorCode.None) return r;
        }
        return d.Lists.Commit(ListFormat.KindTrust, false, 0, out _);
    }

    /// <summary>Through the list the device reads back exactly the shares the simulator's dyes give, so the TCS34725
    /// verdicts are those of the former side channel (the batch figures are unchanged).</summary>
    [Fact]
    public void ProvisionedList_CarriesTheSimulatedDyesShares_Exactly()
    {
        var expected = DeclaredFibreColourShares.For(new DeviceOptics());
        var read = ProvisionedTrustList.ColourSharesOf(ProvisionedTrustList.Provisioned(new DeviceOptics()));
        Assert.Equal(expected.Declared, read.Declared);
        foreach (int colour in Colours)
            for (int c = 0; c < DeclaredColourShares.Channels; c++)
                Assert.Equal(expected.At(colour, c), read.At(colour, c));
    }

    [Fact]
    public void Push_Format2WithFtThenFsOnlyThenFormat1_SharesFollowTheListInForce()
    {
        var d = new SimulatedDevice(ProvisionedTrustList.RootSubjectPublicKeyInfo);
        Assert.Equal(0, d.ColourShares.Declared);
        Assert.Equal(ErrorCode.None, Push(d, ProvisionedTrustList.Signed(new DeviceOptics(), 1)));
        Assert.Equal(FibreColours.Blue | FibreColours.Green | FibreColours.Red, d.ColourShares.Declared);
        Assert.NotEqual(0, d.Spectra.Declared);

        Assert.Equal(ErrorCode.None, Push(d, ProvisionedTrustList.WithCatalogue(ProvisionedTrustList.SpectraCatalogue(new DeviceOptics()), 2)));
        Assert.Equal(0, d.ColourShares.Declared);
        Assert.NotEqual(0, d.Spectra.Declared);

        Assert.Equal(ErrorCode.None, Push(d, ProvisionedTrustList.WithCatalogue(null, 3)));
        Assert.Equal(0, d.ColourShares.Declared);
    }

    /// <summary>docs/examples/fibre-colours.json (the walk-through's --fibre-colours input) is the simulated paper's.</summary>
    [Fact]
    public void ExampleFile_IsTheSimulatedPapersShares()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "examples", "fibre-colours.json")));
        var expected = DeclaredFibreColourShares.For(new DeviceOptics());
        foreach (var (name, colour) in new[] { ("blue", FibreColours.Blue), ("green", FibreColours.Green), ("red", FibreColours.Red) })
        {
            int[] shares = doc.RootElement.GetProperty(name).EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.Equal([expected.At(colour, 0), expected.At(colour, 1), expected.At(colour, 2)], shares);
        }
    }

    /// <summary>A genuine sheet on a TCS34725 device: with the provisioned list (the control) some seed is GENUINE;
    /// the same run with a format-1 list or a format-2 list without FT is never GENUINE (ColourSharesNotDeclared).</summary>
    [Fact]
    public void Tcs34725_ListWithoutFt_ColourSharesNotDeclaredNeverGenuine()
    {
        RunResult Run(TrustList? list, int seed)
        {
            var s = RunScenario.Load(Path.Combine(RepoPaths.RunScenarios, "run-genuine.json"));
            s.Sensor = SensorKind.Tcs34725;
            s.Seed = seed;
            return InspectionRun.Execute(s, new RunOptions { TrustList = list });
        }

        int seed = Enumerable.Range(1, 8).FirstOrDefault(k => Run(null, k).Outcome == Outcome.Genuine);
        Assert.NotEqual(0, seed);
        Assert.DoesNotContain("ColourSharesNotDeclared", Run(null, seed).PhysicalSummary);

        foreach (var list in new[] { ProvisionedTrustList.Installed(ProvisionedTrustList.WithCatalogue(null)), SpectraOnlyList() })
        {
            var r = Run(list, seed);
            Assert.NotEqual(Outcome.Genuine, r.Outcome);
            Assert.Contains("ColourSharesNotDeclared", r.PhysicalSummary);
        }
    }

    /// <summary>The batch path (ScenarioRunner) reads the shares from the list it is given: without FT no genuine
    /// sweep is Consistent.</summary>
    [Fact]
    public void ScenarioRunner_ListWithoutFt_NoGenuineSweepConsistent()
    {
        var s = ScenarioFile.Load(Path.Combine(RepoPaths.ScenarioCorpus, "genuine-dense.json"));
        var with = new ScenarioRunner();
        var without = new ScenarioRunner(trustList: SpectraOnlyList());
        int consistentWith = 0;
        for (int i = 0; i < 4; i++)
        {
            int seed = BatchRunner.RunSeed(101, s.Name, Lighting.Dark, i);
            if (with.Run(s, Lighting.Dark, SensorKind.Tcs34725, seed).Verdict == PhysicalVerdict.Consistent) consistentWith++;
            var r = without.Run(s, Lighting.Dark, SensorKind.Tcs34725, seed);
            Assert.NotEqual(PhysicalVerdict.Consistent, r.Verdict);
            Assert.NotEqual(0, r.Result.Reasons & PhysicalReason.ColourSharesNotDeclared);
        }
        Assert.True(consistentWith > 0, "control: no genuine sweep Consistent with the provisioned list");
    }
}
