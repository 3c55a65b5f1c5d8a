using Handheld.Core.Protocol;
using Handheld.Core.Trust;
using Handheld.Sdk.Device;
using Handheld.Sdk.Records;
using Handheld.Simulator.Link;
using Xunit.Abstractions;
using static Handheld.Sdk.Tests.Device.DeviceTestKit;

namespace Handheld.Sdk.Tests.Device;

public class DeviceClientTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SyncAsync_1000RecordsAtMtu185_AllStoredWithinTwentySecondsOfModelledAirTime()
    {
        var d = NewDevice(1000);
        var db = TempDb();
        using var store = new SqliteRecordStore(db);
        await using var client = new DeviceClient(new LoopbackLink(d.Handler, 185, true));
        var s = await client.SyncAsync(store, Verifier(d));
        Assert.Equal(1000, s.Stored);
        Assert.Equal(0, s.Rejected);
        Assert.Equal(1000, d.SyncedThrough);
        foreach (var (ci, ppe) in new[] { (7.5, 6), (15.0, 4), (30.0, 4), (30.0, 2) })
        {
            var m = new LinkTimingModel { ConnectionIntervalMs = ci, PacketsPerEvent = ppe }.Estimate(client.Exchanges);
            output.WriteLine($"CI {ci} ms, {ppe} pkt/event: {m.Seconds:F2} s, {m.BytesOnAir} bytes on air, {m.ConnectionEvents} events, " +
                $"{client.Exchanges.Count} exchanges, {client.BytesReceived} chunk bytes down, {client.BytesSent} up");
        }
        var model = new LinkTimingModel { ConnectionIntervalMs = 15, PacketsPerEvent = 4 }.Estimate(client.Exchanges);
        Assert.True(model.Seconds <= 20, $"{model.Seconds:F1} s");
    }

    [Fact]
    public async Task SyncAsync_RandomDrops200SeededRuns_NoRecordLostOrDuplicatedAndResumes()
    {
        const int records = 30;
        for (int run = 0; run < 200; run++)
        {
            var d = NewDevice(records, seed: run + 1);
            var rng = new Random(run);
            using (var store = new SqliteRecordStore(":memory:"))
            {
                int sessions = 0;
                while (true)
                {
                    long budget = sessions > 30 ? long.MaxValue : rng.Next(0, 9000);
                    await using var client = new DeviceClient(new LoopbackLink(d.Handler, 185, true, dropAfterBytes: budget), TimeSpan.FromSeconds(2));
                    sessions++;
                    try
                    {
                        await client.SyncAsync(store, Verifier(d));
                        break;
                    }
                    catch (DeviceLinkException)
                    {
                    }
                }
                var all = store.Records();
                Assert.Equal(Enumerable.Range(1, records).Select(i => (long)i), all.Select(r => r.Sequence));
                Assert.All(all, r => Assert.Equal(RecordState.Verified, r.State));
                Assert.Equal(records, d.SyncedThrough);
            }
        }
    }

    [Fact]
    public async Task PushListAsync_RandomDrops200SeededRuns_NeverHalfAppliedAndCompletes()
    {
        var licences = Enumerable.Range(0, 600).Select(i => "LIC-" + i).ToArray();
        var v2 = Revocations(2, licences.Append("ONLY-IN-V2"));
        for (int run = 0; run < 200; run++)
        {
            var d = NewDevice(0, seed: run + 1);
            await using (var c0 = new DeviceClient(new LoopbackLink(d.Handler, 185, true)))
            {
                await c0.PushListAsync(ListKind.Trust, TrustList(1));
                await c0.PushListAsync(ListKind.Revocation, Revocations(1, licences));
            }
            var rng = new Random(run);
            for (int sessions = 0; ; sessions++)
            {
                long budget = sessions > 30 ? long.MaxValue : rng.Next(0, 12000);
                await using var client = new DeviceClient(new LoopbackLink(d.Handler, rng.Next(2) == 0 ? 23 : 185, true, dropAfterBytes: budget), TimeSpan.FromSeconds(2));
                bool done;
                try
                {
                    await client.PushListAsync(ListKind.Revocation, v2);
                    done = true;
                }
                catch (DeviceLinkException)
                {
                    done = false;
                }
                // Whatever happened, the device has exactly one whole list in force, also after a restart.
                int version = d.Lists.Revocations.ListVersion;
                Assert.True(version is 1 or 2);
                Assert.Equal(version == 2, Revoked(d, "ONLY-IN-V2"));
                Assert.True(Revoked(d, "LIC-17"));
                var rebooted = new ListUpdater(new SignedListStore(d.TrustFlash, new HostHash256()), new SignedListStore(d.RevocationFlash, new HostHash256()),
                    new HostSignatureEngine(), new HostHash256(), Handheld.Core.Crypto.SignatureAlgorithm.EcdsaP256Sha256, Root.ExportSubjectPublicKeyInfo());
                Assert.Equal(version, rebooted.Revocations.ListVersion);
                if (done) break;
            }
            Assert.Equal(2, d.Lists.Revocations.ListVersion);
        }
    }

    [Fact]
    public async Task PushListAsync_OlderVersion_RefusedRollback()
    {
        var d = NewDevice(0);
        await using var c = new DeviceClient(new LoopbackLink(d.Handler, 247, true));
        await c.PushListAsync(ListKind.Trust, TrustList(4));
        var e = await Assert.ThrowsAsync<DeviceErrorException>(() => c.PushListAsync(ListKind.Trust, TrustList(3)));
        Assert.Equal(ErrorCode.Rollback, e.Code);
    }

    [Fact]
    public async Task RequestAsync_UnpairedLink_ChangesRefused()
    {
        var d = NewDevice(3);
        await using var c = new DeviceClient(new LoopbackLink(d.Handler, 23, authenticated: false));
        var info = await c.GetInfoAsync();
        Assert.False(info.LinkAuthenticated);
        var e = await Assert.ThrowsAsync<DeviceErrorException>(() => c.SetTimeAsync(1_760_000_000));
        Assert.Equal(ErrorCode.NotAuthenticated, e.Code);
    }

    [Fact]
    public async Task TcpLinkServer_RealSocket_InfoAndSync()
    {
        var d = NewDevice(20);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var server = new TcpLinkServer(d, 0, 185, true);
        var run = server.RunAsync(cts.Token);
        while (server.Port == 0) await Task.Delay(10);
        await using (var c = new DeviceClient(await TcpDeviceTransport.ConnectAsync("127.0.0.1", server.Port)))
        {
            var info = await c.GetInfoAsync();
            Assert.Equal(20u, info.LastSequence);
            Assert.Equal("sim-1.0.0", info.FirmwareVersion);
            using var store = new SqliteRecordStore(TempDb());
            Assert.Equal(20, (await c.SyncAsync(store, Verifier(d))).Stored);
        }
        cts.Cancel();
        await run;
    }
}
