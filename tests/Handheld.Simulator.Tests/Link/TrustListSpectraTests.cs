using System.Security.Cryptography;
using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;
using Handheld.Core.Protocol;
using Handheld.Core.Trust;
using Handheld.Simulator.Device;
using Handheld.Simulator.Emulators;
using Handheld.Simulator.Link;
using Handheld.Simulator.Physics;

namespace Handheld.Simulator.Tests.Link;

/// <summary>The emulated device's declared fibre spectra come from the trust list installed on it (format 2,
/// docs/ble-protocol.md §6.1.1), and an install cut by a power loss keeps the old list with its catalogue.</summary>
public class TrustListSpectraTests
{
    private static readonly int[] OtherBlue = [40, 420, 380, 120, 30, 6, 4];

    private static byte[] Signed(byte[]? catalogue, uint version) => ProvisionedTrustList.WithCatalogue(catalogue, version);

    private static byte[] BlueOnlyCatalogue()
    {
        var d = new DeclaredSpectra();
        Assert.True(d.Set(FibreColours.Blue, OtherBlue));
        var b = new byte[d.EncodedLength];
        d.Write(b, 0);
        return TrustCatalogue.Append(null, b, 0, b.Length)!;
    }

    private static SimulatedDevice Device(Handheld.Core.Ports.IBlockStorage? flash = null) =>
        new(ProvisionedTrustList.RootSubjectPublicKeyInfo, trustFlash: flash);

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

    [Fact]
    public void Push_Format2ThenFormat1_SpectraFollowTheListInForce()
    {
        var d = Device();
        Assert.Equal(0, d.Spectra.Declared);
        Assert.Equal(ErrorCode.None, Push(d, ProvisionedTrustList.Signed(new DeviceOptics(), 1)));
        Assert.Equal(FibreColours.Blue | FibreColours.Green | FibreColours.Red, d.Spectra.Declared);
        var expected = DeclaredFibreSpectra.For(new DeviceOptics());
        for (int c = 0; c < DeclaredSpectra.Channels; c++) Assert.Equal(expected.At(FibreColours.Green, c), d.Spectra.At(FibreColours.Green, c));

        // A newer format-1 list carries no catalogue: nothing is declared any more (fail closed).
        Assert.Equal(ErrorCode.None, Push(d, Signed(null, 2)));
        Assert.Equal(0, d.Spectra.Declared);
    }

    [Fact]
    public void Push_BadlyFramedCatalogue_RefusedOldListAndSpectraKept()
    {
        var d = Device();
        Assert.Equal(ErrorCode.None, Push(d, ProvisionedTrustList.Signed(new DeviceOptics(), 1)));
        var tbs = TrustListCodec.EncodeUnsigned(ProvisionedTrustList.Installed(Signed(BlueOnlyCatalogue(), 2)))!;
        int block = 4 + DeclaredSpectra.EntryBytes;
        Assert.Equal(block, tbs[^(block + TrustCatalogue.BlockPrefix)]);
        tbs[^(block + TrustCatalogue.BlockPrefix)]++; // the block's length now runs past the catalogue
        Assert.Equal(ErrorCode.BadList, Push(d, ProvisionedTrustList.Sign(tbs)));
        Assert.Equal(1u, d.Lists.TrustListVersion);
        Assert.Equal(FibreColours.Blue | FibreColours.Green | FibreColours.Red, d.Spectra.Declared);
    }

    /// <summary>A power cut at any write of an install leaves, after restart, the old list with its old catalogue or
    /// the new list with its new one — never the new list without its spectra or the old keys with new spectra.</summary>
    [Fact]
    public void Install_PowerCutAtEveryWrite_OldListAndCatalogueOrNewBoth()
    {
        byte[] v1 = ProvisionedTrustList.Signed(new DeviceOptics(), 1);
        byte[] v2 = Signed(BlueOnlyCatalogue(), 2);
        int capacity = 2 * (ListFormat.MaxTrustListBytes + Handheld.Core.Trust.SignedListStore.SlotHeaderLength);

        // Count the writes of a whole install of v2 over v1.
        var probe = new SimulatedFlash(capacity);
        var pd = Device(probe);
        Assert.Equal(ErrorCode.None, Push(pd, v1));
        int before = probe.WriteCount;
        Assert.Equal(ErrorCode.None, Push(pd, v2));
        int writes = probe.WriteCount - before;
        Assert.True(writes >= 4, $"{writes} writes");

        int keptOld = 0, tookNew = 0;
        for (int k = 0; k < writes; k++)
        {
            foreach (int cutByte in new[] { 0, 20 })
            {
                var flash = new SimulatedFlash(capacity);
                var d = Device(flash);
                Assert.Equal(ErrorCode.None, Push(d, v1));
                flash.ArmPowerCut(k, cutByte);
                Push(d, v2);
                flash.Reboot();
                var restarted = Device(flash);
                if (restarted.Lists.TrustListVersion == 1)
                {
                    keptOld++;
                    Assert.Equal(FibreColours.Blue | FibreColours.Green | FibreColours.Red, restarted.Spectra.Declared);
                }
                else
                {
                    Assert.Equal(2u, restarted.Lists.TrustListVersion);
                    tookNew++;
                    Assert.Equal(FibreColours.Blue, restarted.Spectra.Declared);
                    Assert.Equal(OtherBlue[1], restarted.Spectra.At(FibreColours.Blue, 1));
                }
            }
        }
        // The cuts before the new header is whole keep the old list (the torn install); the last ones take the new.
        Assert.True(keptOld > 0 && tookNew > 0, $"old {keptOld}, new {tookNew}");
    }

    /// <summary>On an AS7341 device whose list is format 1 (no catalogue), a genuine sheet is never GENUINE: the
    /// spectrum check finds no declared spectra (SpectraNotDeclared). With the provisioned format-2 list the same run
    /// (the control) is GENUINE.</summary>
    [Fact]
    public void As7341_Format1TrustList_SpectraNotDeclaredNeverGenuine()
    {
        RunResult Run(TrustList? list, int seed)
        {
            var s = RunScenario.Load(Path.Combine(RepoPaths.RunScenarios, "run-genuine.json"));
            s.Sensor = SensorKind.As7341;
            s.Seed = seed;
            return InspectionRun.Execute(s, new RunOptions { TrustList = list });
        }

        // The control first: a seed whose sweep the provisioned list's spectra accept (most are, not every one).
        int seed = Enumerable.Range(1, 8).FirstOrDefault(k => Run(null, k).Outcome == Outcome.Genuine);
        Assert.NotEqual(0, seed);
        Assert.DoesNotContain("SpectraNotDeclared", Run(null, seed).PhysicalSummary);

        var format1 = Run(ProvisionedTrustList.Installed(Signed(null, 1)), seed);
        Assert.NotEqual(Outcome.Genuine, format1.Outcome);
        Assert.Contains("SpectraNotDeclared", format1.PhysicalSummary);
    }
}
