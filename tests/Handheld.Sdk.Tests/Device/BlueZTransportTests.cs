using Handheld.Core.Protocol;
using Handheld.Sdk.Device;
using Handheld.Sdk.Device.BlueZ;
using Handheld.Sdk.Records;
using Handheld.Simulator.Link;
using Handheld.Simulator.Link.BlueZ;
using static Handheld.Sdk.Tests.Device.DeviceTestKit;

namespace Handheld.Sdk.Tests.Device;

/// <summary>
/// The BlueZ transport against an emulation of BlueZ's D-Bus API on a private bus (dbus-daemon): discovery,
/// connection, passkey pairing through an agent, MTU, notifications, link loss and reconnection, and the same
/// protocol cases the TCP transport runs.
/// </summary>
public class BlueZTransportTests : IClassFixture<PrivateBus>
{
    private readonly PrivateBus _bus;

    public BlueZTransportTests(PrivateBus bus) => _bus = bus;

    private async Task<BlueZPeripheralEmulator> StartBlueZ(SimulatedDevice d, int mtu = 185, bool knownAtStart = true, bool bonded = false)
    {
        var bluez = new BlueZPeripheralEmulator(d, mtu: mtu, knownAtStart: knownAtStart, bonded: bonded);
        await bluez.StartAsync(_bus.Address);
        return bluez;
    }

    private BlueZOptions Options(uint? passkey = 123456, string? address = "C0:FF:EE:00:00:01") => new()
    {
        BusAddress = _bus.Address, Address = address, ConnectTimeout = TimeSpan.FromSeconds(10),
        Passkey = passkey == null ? null : (_, _) => Task.FromResult(passkey),
    };

    /// <summary>One round of the protocol over any transport: info, time, sync, list push, config, self-test.</summary>
    internal static async Task RunProtocolCases(DeviceClient c, SimulatedDevice d, int records)
    {
        var info = await c.GetInfoAsync();
        Assert.Equal((uint)records, info.LastSequence);
        Assert.True(info.LinkAuthenticated);
        var (source, _) = await c.SetTimeAsync(1_750_000_100);
        Assert.Equal(Handheld.Core.Ports.ClockSource.AppSynced, source);
        // The clock change is itself a record (CLOCK_CHANGE, record-format.md §1.1), synced with the inspections.
        int stored = records + 1;
        using (var store = new SqliteRecordStore(":memory:"))
        {
            var summary = await c.SyncAsync(store, Verifier(d));
            Assert.Equal(stored, summary.Stored);
            Assert.Equal(Enumerable.Range(1, stored).Select(i => (long)i), store.Records().Select(r => r.Sequence));
        }
        Assert.Equal(stored, d.SyncedThrough);
        Assert.Equal(7u, await c.PushListAsync(ListKind.Trust, TrustList(7)));
        Assert.NotEmpty(await c.GetConfigAsync());
        Assert.NotEmpty(await c.SelfTestAsync());
    }

    [Theory]
    [InlineData("tcp", 185)]
    [InlineData("bluez", 185)]
    [InlineData("bluez", 23)]
    [InlineData("bluez", 247)]
    public async Task ProtocolCases_OverEachTransport_AllSucceed(string transport, int mtu)
    {
        var d = NewDevice(25);
        if (transport == "tcp")
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var server = new TcpLinkServer(d, 0, mtu, true);
            var run = server.RunAsync(cts.Token);
            while (server.Port == 0) await Task.Delay(10);
            await using (var c = new DeviceClient(await TcpDeviceTransport.ConnectAsync("127.0.0.1", server.Port)))
                await RunProtocolCases(c, d, 25);
            cts.Cancel();
            await run;
            return;
        }
        await using var bluez = await StartBlueZ(d, mtu, bonded: true);
        await using var link = await BlueZDeviceTransport.ConnectAsync(Options(passkey: null));
        Assert.Equal(mtu, link.Mtu);
        Assert.True(link.Authenticated);
        await using var client = new DeviceClient(link);
        await RunProtocolCases(client, d, 25);
    }

    [Fact]
    public async Task Connect_UnknownDevice_DiscoversByServiceAndPairsWithPasskey()
    {
        var d = NewDevice(3);
        await using var bluez = await StartBlueZ(d, knownAtStart: false);
        int asked = 0;
        var options = new BlueZOptions
        {
            BusAddress = _bus.Address, Address = null, ConnectTimeout = TimeSpan.FromSeconds(10),
            Passkey = (device, _) => { asked++; Assert.Equal(bluez.DevicePath, device); return Task.FromResult<uint?>(bluez.Passkey); },
        };
        await using var link = await BlueZDeviceTransport.ConnectAsync(options);

        Assert.Equal(1, asked);
        Assert.True(bluez.Paired);
        Assert.True(link.Authenticated);
        Assert.False(bluez.Discovering);
        Assert.Equal("C0:FF:EE:00:00:01", link.Address);
        await using var client = new DeviceClient(link);
        Assert.True((await client.GetInfoAsync()).LinkAuthenticated);
        await client.SetTimeAsync(1_750_000_500); // a change: needs the authenticated link
    }

    [Fact]
    public async Task Connect_WrongPasskey_RefusedNamingThePasskeyAndNotBonded()
    {
        var d = NewDevice(1);
        await using var bluez = await StartBlueZ(d);
        var e = await Assert.ThrowsAsync<DeviceLinkException>(() => BlueZDeviceTransport.ConnectAsync(Options(passkey: 654321)));
        Assert.Contains("passkey", e.Message);
        Assert.False(bluez.Paired);
        Assert.Equal(1, bluez.FailedPairings);
    }

    [Fact]
    public async Task Connect_NoPasskeyAndNotBonded_LinkUnauthenticatedAndChangesRefused()
    {
        var d = NewDevice(2);
        await using var bluez = await StartBlueZ(d);
        await using var link = await BlueZDeviceTransport.ConnectAsync(Options(passkey: null));
        Assert.False(link.Authenticated);
        await using var client = new DeviceClient(link);
        Assert.False((await client.GetInfoAsync()).LinkAuthenticated);
        var e = await Assert.ThrowsAsync<DeviceErrorException>(() => client.SetTimeAsync(1_760_000_000));
        Assert.Equal(ErrorCode.NotAuthenticated, e.Code);
    }

    [Fact]
    public async Task Sync_LinkDropsMidTransfer_ResumesOnReconnectWithoutPasskeyAndLosesNothing()
    {
        var d = NewDevice(40);
        await using var bluez = await StartBlueZ(d, mtu: 23);
        int asked = 0;
        var options = new BlueZOptions
        {
            BusAddress = _bus.Address, Address = bluez.Address, ConnectTimeout = TimeSpan.FromSeconds(10),
            Passkey = (_, _) => { asked++; return Task.FromResult<uint?>(bluez.Passkey); },
        };
        using var store = new SqliteRecordStore(":memory:");
        bluez.DropAfterNotifications = 60; // part-way through the first batch of records, the radio link ends
        await using (var first = new DeviceClient(await BlueZDeviceTransport.ConnectAsync(options), TimeSpan.FromSeconds(3)))
            await Assert.ThrowsAsync<DeviceLinkException>(() => first.SyncAsync(store, Verifier(d)));
        Assert.False(bluez.Connected);

        bluez.DropAfterNotifications = int.MaxValue;
        await using (var second = new DeviceClient(await BlueZDeviceTransport.ConnectAsync(options)))
            await second.SyncAsync(store, Verifier(d));

        Assert.Equal(1, asked); // bonded on the first connection
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), store.Records().Select(r => r.Sequence));
        Assert.Equal(40, d.SyncedThrough);
    }

    [Fact]
    public async Task Receive_DeviceDisconnects_ReturnsEndOfLink()
    {
        var d = NewDevice(0);
        await using var bluez = await StartBlueZ(d, bonded: true);
        await using var link = await BlueZDeviceTransport.ConnectAsync(Options(passkey: null));
        var pending = link.ReceiveChunkAsync(CancellationToken.None);
        bluez.DropLink();
        Assert.Null(await pending.WaitAsync(TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<DeviceLinkException>(() => link.SendChunkAsync(new byte[] { 0x80 }, 0, 1, CancellationToken.None));
    }

    [Fact]
    public async Task Connect_AddressNotPresent_TimesOutNamingTheWait()
    {
        var d = NewDevice(0);
        await using var bluez = await StartBlueZ(d);
        var options = new BlueZOptions { BusAddress = _bus.Address, Address = "AA:BB:CC:DD:EE:FF", ConnectTimeout = TimeSpan.FromSeconds(1) };
        var e = await Assert.ThrowsAsync<DeviceLinkException>(() => BlueZDeviceTransport.ConnectAsync(options));
        Assert.Contains("no connected Handheld within 1 s", e.Message);
    }

    [Theory]
    [InlineData("AA:BB:CC:DD:EE")]
    [InlineData("AA-BB-CC-DD-EE-FF")]
    [InlineData("GG:BB:CC:DD:EE:FF")]
    public async Task Connect_MalformedAddress_ArgumentErrorNamingAddress(string address)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => BlueZDeviceTransport.ConnectAsync(new BlueZOptions { BusAddress = _bus.Address, Address = address }));
        Assert.StartsWith("address:", e.Message);
    }

    [Fact]
    public async Task Connect_NoBlueZOnTheBus_ReportedAsLinkError()
    {
        var e = await Assert.ThrowsAsync<DeviceLinkException>(() => BlueZDeviceTransport.ConnectAsync(Options()));
        Assert.StartsWith("BlueZ:", e.Message);
    }
}

/// <summary><c>handheld device … --transport ble</c> as a user runs it: a separate process, the passkey from
/// HANDHELD_PASSKEY, BlueZ on the private bus named by HANDHELD_BLUEZ_BUS.</summary>
public class BlueZCliTests : IClassFixture<PrivateBus>
{
    private readonly PrivateBus _bus;

    public BlueZCliTests(PrivateBus bus) => _bus = bus;

    private (int Exit, string Out, string Err) Handheld(string passkey, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "handheld.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["HANDHELD_BLUEZ_BUS"] = _bus.Address;
        start.Environment["HANDHELD_PASSKEY"] = passkey;
        using var p = System.Diagnostics.Process.Start(start)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "handheld did not finish");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public async Task DeviceInfo_OverBle_PairsWithPasskeyAndPrintsTheDevice()
    {
        var d = NewDevice(7);
        await using var bluez = new BlueZPeripheralEmulator(d);
        await bluez.StartAsync(_bus.Address);

        var (exit, stdout, stderr) = Handheld("123456", "device", "info", "--transport", "ble", "--address", bluez.Address);

        Assert.True(exit == 0, stderr);
        Assert.Contains("records          1..7", stdout);
        Assert.Contains("paired (authenticated)", stdout);
        Assert.True(bluez.Paired);
    }

    [Fact]
    public async Task DeviceInfo_OverBle_WrongPasskey_OneLineLinkErrorExit3()
    {
        var d = NewDevice(1);
        await using var bluez = new BlueZPeripheralEmulator(d);
        await bluez.StartAsync(_bus.Address);

        var (exit, _, stderr) = Handheld("000000", "device", "info", "--transport", "ble", "--address", bluez.Address);

        Assert.Equal(3, exit);   // the link failed: an environment failure (common convention), not "licence not valid"
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("pairing failed", stderr);
    }

    [Fact]
    public void DeviceInfo_OverBle_MalformedAddress_NamesTheOptionExit2()
    {
        var (exit, _, stderr) = Handheld("123456", "device", "info", "--transport", "ble", "--address", "not-an-address");
        Assert.Equal(2, exit);
        Assert.Contains("--address", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}
