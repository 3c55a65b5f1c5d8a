using Handheld.Core.Records;
using Handheld.Sdk.Device;
using Handheld.Sdk.Records;
using Handheld.Simulator.Link;
using static Handheld.Sdk.Tests.Device.DeviceTestKit;

namespace Handheld.Sdk.Tests.Store;

/// <summary>
/// The record-store contract, run once per backend (<see cref="SqliteRecordStoreTests"/>,
/// <see cref="PostgresRecordStoreTests"/>): every import rule is decided in <see cref="RecordImporter"/>, so both
/// backends must give the same answers, including under several importers on different connections at once.
/// </summary>
public abstract class RecordStoreContractTests
{
    /// <summary>A new, empty store: its <c>--db</c> value (SQLite path or PostgreSQL connection string).</summary>
    protected abstract string NewLocation();

    /// <summary>A new connection to the store at <paramref name="location"/>.</summary>
    protected static IRecordStore Open(string location) => RecordStoreLocation.Open(location);

    private static byte[] Read(SimulatedDevice d, long seq)
    {
        var buf = new byte[2048];
        return buf[..d.ReadRecord(seq, buf)];
    }

    private static DeviceClient Client(SimulatedDevice d) => new(new LoopbackLink(d.Handler, 185, true));

    [Fact]
    public void Import_SameRecordTwice_StoredOnce()
    {
        var d = NewDevice(2);
        using var db = Open(NewLocation());
        var imp = new RecordImporter(db, Verifier(d));
        string id = Convert.ToHexString(d.DeviceId);
        Assert.Equal(ImportOutcome.Stored, imp.Import(id, 1, 1, Read(d, 1)));
        Assert.Equal(ImportOutcome.Duplicate, imp.Import(id, 1, 1, Read(d, 1)));
        var r = Assert.Single(db.Records());
        Assert.Equal(Read(d, 1), r.Data);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Read(d, 1))), r.Sha256Hex);
    }

    [Fact]
    public void Import_SameRecordThroughAnotherConnection_Duplicate()
    {
        var d = NewDevice(2);
        string loc = NewLocation();
        string id = Convert.ToHexString(d.DeviceId);
        using (var a = Open(loc)) Assert.Equal(ImportOutcome.Stored, new RecordImporter(a, Verifier(d)).Import(id, 1, 1, Read(d, 1)));
        using var b = Open(loc);
        Assert.Equal(ImportOutcome.Duplicate, new RecordImporter(b, Verifier(d)).Import(id, 1, 1, Read(d, 1)));
        Assert.Single(b.Records());
    }

    [Fact]
    public void Import_TamperedMac_KeptApartWithReason()
    {
        var d = NewDevice(2);
        using var db = Open(NewLocation());
        var rec = Read(d, 1);
        rec[^1] ^= 1; // last MAC byte
        string id = Convert.ToHexString(d.DeviceId);
        Assert.Equal(ImportOutcome.Rejected, new RecordImporter(db, Verifier(d)).Import(id, 1, 1, rec));
        var r = Assert.Single(db.Records());
        Assert.Equal(RecordState.Rejected, r.State);
        Assert.Equal("record BadMac", r.Reason);
    }

    [Fact]
    public void Import_RecordNotChainedToPrevious_KeptApartChainBroken()
    {
        var d = NewDevice(3);
        using var db = Open(NewLocation());
        var imp = new RecordImporter(db, Verifier(d));
        string id = Convert.ToHexString(d.DeviceId);
        imp.Import(id, 1, 1, Read(d, 1));
        var rec2 = new InspectionRecord { Sequence = 2, UnixSeconds = 1_750_000_000, Outcome = 1 };
        rec2.SetDeviceId(d.DeviceId, 0, 16);
        rec2.PreviousHash[0] = 0x55; // not the hash of the stored record 1
        var forged = new byte[1024];
        int len = RecordCodec.Seal(rec2, d.RecordKey, forged, 0, out _);
        Assert.Equal(ImportOutcome.Rejected, imp.Import(id, 1, 2, forged[..len]));
        Assert.StartsWith("chain broken", db.Find(id, 1, 2)!.Reason);
    }

    [Fact]
    public void Import_UnreadableRecord_KeptApartAndNotDecoded()
    {
        var d = NewDevice(1);
        using var db = Open(NewLocation());
        string id = Convert.ToHexString(d.DeviceId);
        Assert.Equal(ImportOutcome.Rejected, new RecordImporter(db, Verifier(d)).Import(id, 1, 1, []));
        Assert.Equal("device could not read the record", db.Find(id, 1, 1)!.Reason);
        Assert.Equal(1, DecodedInspectionQueries.For(db).Counts(null, null).Undecodable);
    }

    [Fact]
    public void Import_GapThenFilled_MissingNamedThenPromoted()
    {
        var d = NewDevice(10);
        using var db = Open(NewLocation());
        var imp = new RecordImporter(db, Verifier(d));
        string id = Convert.ToHexString(d.DeviceId);
        foreach (long s in new long[] { 1, 2, 3, 7, 8, 10 }) imp.Import(id, 1, s, Read(d, s));
        Assert.Equal(RecordState.Unlinked, db.Find(id, 1, 7)!.State);
        Assert.Equal([(4L, 6L), (9L, 9L)], imp.Missing(id, 1, 10));
        Assert.Equal(3, imp.ReleasableThrough(id, 1, 0, 10));
        foreach (long s in new long[] { 5, 4, 6, 9 }) imp.Import(id, 1, s, Read(d, s));
        Assert.All(db.Records(), r => Assert.Equal(RecordState.Verified, r.State));
        Assert.Empty(imp.Missing(id, 1, 10));
        Assert.Equal(10, imp.ReleasableThrough(id, 1, 0, 10));
        Assert.Equal(4, imp.Promotions); // 5 (by 4), 7 and 8 (by 6), 10 (by 9)
    }

    [Fact]
    public void Import_DifferentBytesSameSequence_ForkKeptBothAndFlagged()
    {
        var a = NewDevice(3, seed: 5);
        var b = NewDevice(0, seed: 5); // same id and key, different inspections
        b.AddSampleRecords(3, seed: 99);
        using var db = Open(NewLocation());
        var imp = new RecordImporter(db, Verifier(a));
        string id = Convert.ToHexString(a.DeviceId);
        for (long s = 1; s <= 3; s++) imp.Import(id, 1, s, Read(a, s));
        Assert.Equal(ImportOutcome.Fork, imp.Import(id, 1, 2, Read(b, 2)));
        Assert.Equal(ImportOutcome.Fork, imp.Import(id, 1, 2, Read(b, 2))); // the same second copy is kept once
        var fork = Assert.Single(db.Forks());
        Assert.Equal(Read(b, 2), fork.Data);
        Assert.Equal(Read(a, 2), db.Find(id, 1, 2)!.Data);
        Assert.True(db.HasFork(id, 1, 2));
        Assert.False(db.HasFork(id, 1, 3));
        Assert.Equal(2, db.Anomalies(id).Count(x => x.Kind == "fork"));
        Assert.Equal(1, imp.ReleasableThrough(id, 1, 0, 3));
        Assert.True(DecodedInspectionQueries.For(db).Inspections(null, null).Single(r => r.Sequence == 2).Forked);
    }

    [Fact]
    public void Reverify_RightKeyAfterWrongKey_AllPromoted()
    {
        var d = NewDevice(5);
        using var db = Open(NewLocation());
        string id = Convert.ToHexString(d.DeviceId);
        var wrong = new RecordImporter(db, new RecordCodecVerifier(new Dictionary<string, byte[]> { [id] = new byte[32] }));
        for (long s = 1; s <= 5; s++) Assert.Equal(ImportOutcome.Rejected, wrong.Import(id, 1, s, Read(d, s)));
        Assert.Equal(0, DecodedInspectionQueries.For(db).Stats(StatsGrouping.Verdict, null, null).Sum(x => x.Count));
        var (promoted, remaining) = new RecordImporter(db, Verifier(d)).Reverify();
        Assert.Equal(5, promoted);
        Assert.Equal(0, remaining);
        Assert.Equal(5, DecodedInspectionQueries.For(db).Stats(StatsGrouping.Verdict, null, null).Sum(x => x.Count));
    }

    [Fact]
    public void Anchor_AfterGap_VerifiesTheRecordAfterIt()
    {
        var d = NewDevice(6);
        using var db = Open(NewLocation());
        var imp = new RecordImporter(db, Verifier(d));
        string id = Convert.ToHexString(d.DeviceId);
        for (long s = 5; s <= 6; s++) Assert.Equal(ImportOutcome.Unlinked, imp.Import(id, 1, s, Read(d, s)));
        imp.Anchor(new RecordAnchor(id, 1, 4, System.Security.Cryptography.SHA256.HashData(Read(d, 4)), "test"));
        Assert.All(db.Records(), r => Assert.Equal(RecordState.Verified, r.State));
        Assert.Equal("test", db.Anchor(id, 1, 4)!.Source);
        Assert.Null(db.Anchor(id, 1, 3));
    }

    [Fact]
    public void Device_UnknownThenSaved_RoundTrips()
    {
        using var db = Open(NewLocation());
        Assert.Equal(new DeviceSyncState("AB", 1, 0), db.Device("AB"));
        db.SaveDevice(new DeviceSyncState("AB", 2, 17));
        db.SaveDevice(new DeviceSyncState("AB", 3, 5));
        Assert.Equal(new DeviceSyncState("AB", 3, 5), db.Device("AB"));
    }

    [Fact]
    public async Task Sync_LogReset_NewEpochKeptBesideTheOld()
    {
        var d = NewDevice(10, seed: 7);
        using var store = Open(NewLocation());
        await using (var c = Client(d)) Assert.Equal(10, (await c.SyncAsync(store, Verifier(d))).Stored);
        var erased = NewDevice(0, seed: 7); // same id and key, log erased
        erased.AddSampleRecords(4, seed: 70);
        await using var c2 = Client(erased);
        var s = await c2.SyncAsync(store, Verifier(erased));
        Assert.True(s.NewEpoch);
        Assert.Equal(2, s.Epoch);
        Assert.Equal(4, s.Stored);
        Assert.Equal(4, erased.SyncedThrough);
        Assert.Contains(store.Anomalies(), a => a.Kind == "log-reset");
        Assert.Equal(14, store.Records().Count);
        string id = Convert.ToHexString(d.DeviceId);
        Assert.Equal([1L, 2, 3, 4], store.Sequences(id, 2));
        Assert.Equal(10, store.Sequences(id, 1).Count);
        Assert.Equal(new DeviceSyncState(id, 2, 4), store.Device(id));
    }

    [Fact]
    public async Task Sync_ForkedDevice_BothKeptNothingReleased()
    {
        var a = NewDevice(3, seed: 8);
        using var store = Open(NewLocation());
        var imp = new RecordImporter(store, Verifier(a));
        string id = Convert.ToHexString(a.DeviceId);
        for (long q = 1; q <= 3; q++) imp.Import(id, 1, q, Read(a, q)); // held, never released (link dropped before commit)
        var b = NewDevice(0, seed: 8);
        b.AddSampleRecords(5, seed: 80);
        await using var c = Client(b);
        var s = await c.SyncAsync(store, Verifier(b));
        Assert.Equal(3, s.Forks);
        Assert.Equal(3, store.Forks().Count);
        Assert.Equal(0, b.SyncedThrough);
    }

    /// <summary>A batch import (one device scope, one transaction) in shuffled order, longer than the PostgreSQL store's
    /// send and read-ahead windows: records held unlinked and promoted within the scope end verified, as one by one.</summary>
    [Fact]
    public void Import_ShuffledBatchInOneScope_AllVerifiedLikeOneByOne()
    {
        const int n = 1_200;
        var key = System.Security.Cryptography.SHA256.HashData("batch"u8.ToArray());
        const string id = "BA7C0000000000000000000000000001";
        var gen = new SyntheticInspections(id, key, seed: 3) { SecondsApart = 3_000 };
        var records = Enumerable.Range(1, n).Select(_ => gen.Next()).ToArray();
        var verifier = new RecordCodecVerifier(new Dictionary<string, byte[]> { [id] = key });
        var order = Enumerable.Range(1, n).OrderBy(_ => Random.Shared.Next()).ToList();
        using var batch = Open(NewLocation());
        var imp = new RecordImporter(batch, verifier);
        using (batch.LockDevice(id))
        {
            foreach (int s in order) imp.Import(id, 1, s, records[s - 1]);
            Assert.Equal(ImportOutcome.Fork, imp.Import(id, 1, 7, records[8])); // a fork inside the scope is kept too
        }
        using var single = Open(NewLocation());
        var one = new RecordImporter(single, verifier);
        foreach (int s in order) one.Import(id, 1, s, records[s - 1]);
        var held = batch.Records(id);
        Assert.Equal(n, held.Count);
        Assert.All(held, r => Assert.Equal(RecordState.Verified, r.State));
        Assert.Equal(single.Records(id).Select(r => (r.Sequence, r.Sha256Hex, r.State)), held.Select(r => (r.Sequence, r.Sha256Hex, r.State)));
        Assert.Equal(one.Promotions, imp.Promotions);
        Assert.Single(batch.Forks(id));
        var q = DecodedInspectionQueries.For(batch);
        Assert.Equal(n, q.Stats(StatsGrouping.Verdict, null, null).Sum(x => x.Count));
        Assert.Equal(new DecodedInspectionQueries(batch).Stats(StatsGrouping.Day, null, null), q.Stats(StatsGrouping.Day, null, null));
    }

    /// <summary>Several apps sync the same device through different phones: each importer has its own connection and
    /// its own order (and overlaps with the others). No duplicate, no lost record, no false fork, all verified.</summary>
    [Fact]
    public async Task Import_ConcurrentImportersSameDevice_NoDuplicateNoLossNoFalseFork()
    {
        const int n = 120, importers = 4;
        var d = NewDevice(n, seed: 21);
        string id = Convert.ToHexString(d.DeviceId);
        var records = Enumerable.Range(1, n).Select(s => Read(d, s)).ToArray();
        string loc = NewLocation();
        using (Open(loc)) { } // schema created once, before the race
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<ImportOutcome>();
        using var start = new Barrier(importers);
        var tasks = Enumerable.Range(0, importers).Select(i => Task.Factory.StartNew(() =>
        {
            using var store = Open(loc);
            var imp = new RecordImporter(store, Verifier(d));
            // Importer i: ascending, descending, or shuffled; each sees every record at least once.
            var order = Enumerable.Range(1, n).ToList();
            if (i % 3 == 1) order.Reverse();
            if (i % 3 == 2) order = order.OrderBy(_ => new Random(i).Next()).ToList();
            start.SignalAndWait();
            foreach (int s in order) outcomes.Add(imp.Import(id, 1, s, records[s - 1]));
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(tasks);

        using var check = Open(loc);
        var held = check.Records(id);
        Assert.Equal(Enumerable.Range(1, n).Select(x => (long)x), held.Select(r => r.Sequence));
        Assert.All(held, r => Assert.Equal(RecordState.Verified, r.State));
        Assert.All(held, r => Assert.Equal(records[r.Sequence - 1], r.Data));
        Assert.Empty(check.Forks());
        Assert.DoesNotContain(check.Anomalies(), a => a.Kind == "fork");
        Assert.DoesNotContain(outcomes, o => o is ImportOutcome.Fork or ImportOutcome.Rejected);
        Assert.Equal(n * importers, outcomes.Count);
        // Every record was new to exactly one importer (stored, or unlinked and later promoted).
        Assert.Equal(n, outcomes.Count(o => o is ImportOutcome.Stored or ImportOutcome.Unlinked));
        Assert.Equal(n, DecodedInspectionQueries.For(check).Inspections(null, null).Count);
    }
}
