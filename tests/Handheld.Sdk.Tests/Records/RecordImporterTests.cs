using Handheld.Core.Records;
using Handheld.Sdk.Records;
using static Handheld.Sdk.Tests.Device.DeviceTestKit;

namespace Handheld.Sdk.Tests.Records;

public class RecordImporterTests
{
    private static byte[] Read(Handheld.Simulator.Link.SimulatedDevice d, long seq)
    {
        var buf = new byte[2048];
        int n = d.ReadRecord(seq, buf);
        return buf[..n];
    }

    [Fact]
    public void Import_SameRecordTwice_StoredOnce()
    {
        var d = NewDevice(2);
        using var db = new SqliteRecordStore(TempDb());
        var imp = new RecordImporter(db, Verifier(d));
        string id = Convert.ToHexString(d.DeviceId);
        Assert.Equal(ImportOutcome.Stored, imp.Import(id, 1, 1, Read(d, 1)));
        Assert.Equal(ImportOutcome.Duplicate, imp.Import(id, 1, 1, Read(d, 1)));
        Assert.Single(db.Records());
    }

    [Fact]
    public void Import_TamperedRecord_KeptApartWithReason()
    {
        var d = NewDevice(2);
        using var db = new SqliteRecordStore(TempDb());
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
        using var db = new SqliteRecordStore(TempDb());
        var imp = new RecordImporter(db, Verifier(d));
        string id = Convert.ToHexString(d.DeviceId);
        imp.Import(id, 1, 1, Read(d, 1));
        // A validly MACed record 2 whose predecessor is different from the stored record 1.
        var rec2 = new InspectionRecord { Sequence = 2, UnixSeconds = 1_750_000_000, Outcome = 1 };
        rec2.SetDeviceId(d.DeviceId, 0, 16);
        rec2.PreviousHash[0] = 0x55; // not the hash of the stored record 1
        var forged = new byte[1024];
        int len = RecordCodec.Seal(rec2, d.RecordKey, forged, 0, out _);
        Assert.Equal(ImportOutcome.Rejected, imp.Import(id, 1, 2, forged[..len]));
        Assert.StartsWith("chain broken", db.Records().Single(r => r.Sequence == 2).Reason);
    }

    // Finding 2: record 1 must link to the zero hash (record-format.md §2 step 4).
    [Fact]
    public void Import_Record1NotLinkedToZeroHash_KeptApart()
    {
        var d = NewDevice(0);
        using var db = new SqliteRecordStore(TempDb());
        var rec1 = new InspectionRecord { Sequence = 1, UnixSeconds = 1_750_000_000, Outcome = 1 };
        rec1.SetDeviceId(d.DeviceId, 0, 16);
        rec1.PreviousHash[31] = 1;
        var b = new byte[1024];
        int len = RecordCodec.Seal(rec1, d.RecordKey, b, 0, out _);
        string id = Convert.ToHexString(d.DeviceId);
        Assert.Equal(ImportOutcome.Rejected, new RecordImporter(db, Verifier(d)).Import(id, 1, 1, b[..len]));
        Assert.Equal("chain broken: record 1 does not link to the zero hash", db.Records().Single().Reason);
    }

    // Finding 2: a record whose predecessor is absent is not "verified"; the gap is named and closes when filled.
    [Fact]
    public void Import_GapThenFilled_UnlinkedThenPromotedAndMissingCleared()
    {
        var d = NewDevice(8);
        using var db = new SqliteRecordStore(TempDb());
        var imp = new RecordImporter(db, Verifier(d));
        string id = Convert.ToHexString(d.DeviceId);
        foreach (long s in new long[] { 1, 2, 3, 4, 5, 7, 8 }) imp.Import(id, 1, s, Read(d, s));
        Assert.Equal(RecordState.Unlinked, db.Find(id, 1, 7)!.State);
        Assert.Equal([(6L, 6L)], imp.Missing(id, 1, 8));
        Assert.Equal(5, imp.ReleasableThrough(id, 1, 0, 8));
        Assert.Equal(ImportOutcome.Stored, imp.Import(id, 1, 6, Read(d, 6)));
        Assert.All(db.Records(), r => Assert.Equal(RecordState.Verified, r.State));
        Assert.Empty(imp.Missing(id, 1, 8));
        Assert.Equal(8, imp.ReleasableThrough(id, 1, 0, 8));
    }

    // Finding 3: different bytes under a held (device, sequence) are a fork: both kept, flagged, not released.
    [Fact]
    public void Import_DifferentBytesSameSequence_ForkKeptBothAndFlagged()
    {
        var a = NewDevice(3, seed: 5);
        var b = NewDevice(0, seed: 5); // same id and key, different inspections
        b.AddSampleRecords(3, seed: 99);
        using var db = new SqliteRecordStore(TempDb());
        var imp = new RecordImporter(db, Verifier(a));
        string id = Convert.ToHexString(a.DeviceId);
        for (long s = 1; s <= 3; s++) imp.Import(id, 1, s, Read(a, s));
        Assert.Equal(ImportOutcome.Fork, imp.Import(id, 1, 2, Read(b, 2)));
        Assert.Single(db.Forks());
        Assert.Equal(Read(a, 2), db.Find(id, 1, 2)!.Data);
        var anomaly = Assert.Single(db.Anomalies());
        Assert.Equal("fork", anomaly.Kind);
        Assert.Equal(1, imp.ReleasableThrough(id, 1, 0, 3));
    }

    // Finding 5: records kept apart under a wrong key are re-verifiable with the right one.
    [Fact]
    public void Reverify_RightKeyAfterWrongKey_AllPromoted()
    {
        var d = NewDevice(5);
        using var db = new SqliteRecordStore(TempDb());
        string id = Convert.ToHexString(d.DeviceId);
        var wrong = new RecordImporter(db, new RecordCodecVerifier(new Dictionary<string, byte[]> { [id] = new byte[32] }));
        for (long s = 1; s <= 5; s++) Assert.Equal(ImportOutcome.Rejected, wrong.Import(id, 1, s, Read(d, s)));
        var (promoted, remaining) = new RecordImporter(db, Verifier(d)).Reverify();
        Assert.Equal(5, promoted);
        Assert.Equal(0, remaining);
    }
}
