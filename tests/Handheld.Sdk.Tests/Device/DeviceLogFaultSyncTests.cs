using Handheld.Core.Records;
using Handheld.Sdk.Device;
using Handheld.Sdk.Records;
using Handheld.Simulator.Link;
using static Handheld.Sdk.Tests.Device.DeviceTestKit;

namespace Handheld.Sdk.Tests.Device;

/// <summary>
/// A device whose record log was damaged at rest (records erased, found at boot as Truncated) tells the app in its
/// revision-2 checkpoint: the sync reads what is left, names the fault (<c>log-truncated</c>) and the erased range
/// ("missing N..M" up to the authenticated committed-through mark), releases nothing, and keeps the epoch (an erased
/// log is not a new log).
/// </summary>
public class DeviceLogFaultSyncTests
{
    /// <summary>Erases records <paramref name="from"/>..<paramref name="through"/> in the device's flash and restarts it.</summary>
    internal static LogOpenResult EraseAndReboot(SimulatedDevice d, long from, long through) => d.EraseRecordsAtRest(from, through);

    private static DeviceClient Client(SimulatedDevice d) => new(new LoopbackLink(d.Handler, 185, true));

    [Fact]
    public async Task SyncAsync_NewestUnreadRecordsErased_LogTruncatedNamedMissingRangeNothingReleased()
    {
        var d = NewDevice(6);
        using var store = new SqliteRecordStore(":memory:");
        await using (var c = Client(d)) Assert.True((await c.SyncAsync(store, Verifier(d))).Clean);
        d.AddSampleRecords(6, seed: 60); // 7..12, never read
        Assert.Equal(LogOpenResult.Truncated, EraseAndReboot(d, 10, 12));
        await using var c2 = Client(d);
        var s = await c2.SyncAsync(store, Verifier(d));
        Assert.True(s.LogFault);
        Assert.False(s.NewEpoch);
        Assert.Equal(3, s.Stored); // 7..9, linked to the held record 6
        Assert.Contains(s.Anomalies, a => a.Kind == "log-truncated" && a.FromSequence == 10 && a.ToSequence == 12);
        Assert.Equal([(10L, 12L)], s.Missing);
        Assert.Equal(6, d.SyncedThrough); // the faulted log releases nothing
        Assert.All(store.Records(), r => Assert.Equal(RecordState.Verified, r.State));
    }

    [Fact]
    public async Task SyncAsync_RecordsHeldButUnreleasedThenErased_SameEpochNothingLost()
    {
        var d = NewDevice(10);
        using var store = new SqliteRecordStore(":memory:");
        var imp = new RecordImporter(store, Verifier(d));
        string id = Convert.ToHexString(d.DeviceId);
        var buf = new byte[2048];
        for (long q = 1; q <= 10; q++) imp.Import(id, 1, q, buf[..d.ReadRecord(q, buf)]); // read, link dropped before any commit
        Assert.Equal(LogOpenResult.Truncated, EraseAndReboot(d, 8, 10));
        await using var c = Client(d);
        var s = await c.SyncAsync(store, Verifier(d));
        Assert.False(s.NewEpoch); // an erased log is not a restarted one: the held 8..10 stay in epoch 1
        Assert.Contains(s.Anomalies, a => a.Kind == "log-truncated");
        Assert.DoesNotContain(s.Anomalies, a => a.Kind == "log-reset");
        Assert.Empty(s.Missing);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), store.Records().Select(r => r.Sequence));
        Assert.Equal(0, d.SyncedThrough);
    }

    [Fact]
    public async Task SyncAsync_HealthyLog_NoLogFault()
    {
        var d = NewDevice(4);
        Assert.Equal(LogOpenResult.Ok, d.Reboot());
        using var store = new SqliteRecordStore(":memory:");
        await using var c = Client(d);
        var s = await c.SyncAsync(store, Verifier(d));
        Assert.False(s.LogFault);
        Assert.True(s.Clean);
        Assert.Equal(4, d.SyncedThrough);
    }
}
