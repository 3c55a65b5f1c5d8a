using Handheld.Core.Ports;
using Handheld.Sdk.Device;
using Handheld.Sdk.Records;
using Handheld.Simulator.Link;

namespace Handheld.Benchmarks.Sync;

/// <summary>
/// The sync figure of issue 13 (goal: 1,000 records in ≤ 20 s at MTU 185): a simulated device with 1,000 records
/// (real Core handler and record log), synced by the real SDK session (GetInfo, checkpoint form 2, SyncRead
/// batches, SyncCommit with receipt proofs) into an in-memory SQLite store over the loopback link at MTU 185; the
/// exchanges it made are fed to <see cref="LinkTimingModel"/> at several connection intervals and packets per
/// connection event. Prints figures; asserts nothing (benchmarks print, tests decide).
/// Run: <c>dotnet run -c Release --project tests/Handheld.Benchmarks -- --sync-figure [records] [mtu]</c>.
/// </summary>
public static class SyncFigure
{
    public static int Run(string[] args)
    {
        int records = args.Length > 0 && int.TryParse(args[0], out int n) && n > 0 ? n : 1000;
        int mtu = args.Length > 1 && int.TryParse(args[1], out int m) && m >= 23 ? m : 185;
        var d = new SimulatedDevice(null);
        d.SetTime(1_750_000_000, ClockSource.AppSynced);
        d.ProvisionFromSeed(1);
        d.AddSampleRecords(records, 1);
        if (d.LastSequence != records)
        {
            Console.Error.WriteLine($"error: records: the simulated log holds only {d.LastSequence} of {records}");
            return 2;
        }
        var verifier = new RecordCodecVerifier(new Dictionary<string, byte[]> { [Convert.ToHexString(d.DeviceId)] = d.RecordKey });
        using var store = new SqliteRecordStore(":memory:");
        var client = new DeviceClient(new LoopbackLink(d.Handler, mtu, true));
        var s = client.SyncAsync(store, verifier).GetAwaiter().GetResult();
        client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Console.WriteLine($"sync of {records} records at MTU {mtu}: {s.Stored} stored verified, released through {s.SyncedThrough}, " +
            $"{client.Exchanges.Count} exchanges, {client.BytesReceived:N0} chunk bytes down, {client.BytesSent:N0} up");
        Console.WriteLine("connection interval | packets/event | modelled link time | bytes on air | connection events");
        foreach (var (ci, ppe) in new[] { (7.5, 6), (15.0, 4), (15.0, 2), (30.0, 4), (30.0, 2), (50.0, 2) })
        {
            var e = new LinkTimingModel { ConnectionIntervalMs = ci, PacketsPerEvent = ppe }.Estimate(client.Exchanges);
            Console.WriteLine($"{ci,8:F1} ms | {ppe,2} | {e.Seconds,7:F2} s | {e.BytesOnAir,10:N0} | {e.ConnectionEvents,6:N0}");
        }
        return s.Stored == records && s.SyncedThrough == records ? 0 : 1;
    }
}
