using Handheld.Sdk.Device;
using Handheld.Sdk.Records;
using Handheld.Simulator.Link;
using static Handheld.Sdk.Tests.Device.DeviceTestKit;

namespace Handheld.Sdk.Tests.Records;

/// <summary>Issue 15 item 6: the host can mark a device lost; what it records afterwards is kept apart, never released.</summary>
[Collection("Console")]
public class DeviceLossTests
{
    [Fact]
    public async Task LostDevice_LaterRecordsKeptApartAndNotReleased_FoundThenReverifyPromotesThem()
    {
        var d = NewDevice(5);
        string id = Convert.ToHexString(d.DeviceId);
        using var store = new SqliteRecordStore(TempDb());
        await using var client = new DeviceClient(new LoopbackLink(d.Handler, 185, true));
        Assert.Equal(5, (await client.SyncAsync(store, Verifier(d))).Stored);

        var lost = DeviceLoss.MarkLost(store, id, "stolen from car", "2026-12-02T10:00:00Z");
        Assert.Equal(6, lost.FromSequence);
        Assert.NotNull(DeviceLoss.Current(store, id));

        d.AddSampleRecords(3, seed: 2);
        await client.SyncAsync(store, Verifier(d));
        var after = store.Records(id).Where(r => r.Sequence > 5).ToList();
        Assert.Equal(3, after.Count); // evidence kept…
        Assert.All(after, r => Assert.Equal(RecordState.Rejected, r.State));
        Assert.All(after, r => Assert.Contains("reported lost", r.Reason));
        Assert.Equal(5, d.SyncedThrough); // …and not released on the device
        Assert.All(store.Records(id).Where(r => r.Sequence <= 5), r => Assert.Equal(RecordState.Verified, r.State));

        DeviceLoss.MarkFound(store, id, "returned by police", "2026-12-03T09:00:00Z");
        Assert.Null(DeviceLoss.Current(store, id));
        var (promoted, remaining) = new RecordImporter(store, Verifier(d)).Reverify(id);
        Assert.Equal(3, promoted);
        Assert.Equal(0, remaining);
    }

    [Fact]
    public void Cli_DeviceLost_BadIdExit2_UnknownDbExit2()
    {
        var root = new System.CommandLine.RootCommand();
        Handheld.Cli.RecordsDbCommands.Attach(root);
        var err = new StringWriter();
        var old = Console.Error;
        Console.SetError(err);
        try
        {
            Assert.Equal(2, root.Parse(["records", "device-lost", "--device", "XYZ", "--db", TempDb()]).Invoke());
            Assert.Contains("error: --device:", err.ToString());
            Assert.Equal(2, root.Parse(["records", "device-lost", "--device", new string('A', 32), "--db", "/nonexistent/x.db"]).Invoke());
            Assert.Contains("error: --db:", err.ToString());
        }
        finally
        {
            Console.SetError(old);
        }
    }
}
