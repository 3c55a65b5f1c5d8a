using Handheld.Sdk.Device;
using static Handheld.Sdk.Tests.Device.DeviceTestKit;

namespace Handheld.Sdk.Tests.Device;

public class RecordDatabaseTests
{
    [Fact]
    public void Import_SameRecordTwice_StoredOnce()
    {
        var d = NewDevice(2);
        using var db = new RecordDatabase(TempDb());
        var buf = new byte[2048];
        int n = d.ReadRecord(1, buf);
        var rec = buf[..n];
        string id = Convert.ToHexString(d.DeviceId);
        Assert.Equal(ImportOutcome.Stored, db.Import(id, 1, rec, Verifier(d)));
        Assert.Equal(ImportOutcome.Duplicate, db.Import(id, 1, rec, Verifier(d)));
        Assert.Single(db.List());
    }

    [Fact]
    public void Import_TamperedRecord_KeptApartWithReason()
    {
        var d = NewDevice(2);
        using var db = new RecordDatabase(TempDb());
        var buf = new byte[2048];
        int n = d.ReadRecord(1, buf);
        var rec = buf[..n];
        rec[^1] ^= 1; // last MAC byte
        string id = Convert.ToHexString(d.DeviceId);
        Assert.Equal(ImportOutcome.Rejected, db.Import(id, 1, rec, Verifier(d)));
        var r = Assert.Single(db.List());
        Assert.Equal("record BadMac", r.RejectReason);
    }

    [Fact]
    public void Import_RecordNotChainedToPrevious_KeptApartChainBroken()
    {
        var d = NewDevice(3);
        using var db = new RecordDatabase(TempDb());
        string id = Convert.ToHexString(d.DeviceId);
        var buf = new byte[2048];
        int n = d.ReadRecord(1, buf);
        db.Import(id, 1, buf[..n], Verifier(d));
        // A validly MACed record 2 whose predecessor is different from the stored record 1.
        var rec2 = new Handheld.Core.Records.InspectionRecord { Sequence = 2, UnixSeconds = 1_750_000_000, Outcome = 1 };
        rec2.SetDeviceId(d.DeviceId, 0, 16);
        rec2.PreviousHash[0] = 0x55; // not the hash of the stored record 1
        var forged = new byte[1024];
        int len = Handheld.Core.Records.RecordCodec.Seal(rec2, d.RecordKey, forged, 0, out _);
        forged = forged[..len];
        Assert.Equal(ImportOutcome.Rejected, db.Import(id, 2, forged, Verifier(d)));
        Assert.Equal("chain broken", db.List().Single(r => r.Sequence == 2).RejectReason);
    }
}
