using Handheld.Core.Crypto;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;
using Handheld.Core.Records;
using Handheld.Core.Trust;
using Handheld.Sdk.Device;
using Handheld.Sdk.Records;
using Handheld.Simulator.Link;
using static Handheld.Sdk.Tests.Device.DeviceTestKit;

namespace Handheld.Sdk.Tests.Device;

/// <summary>Sync end to end over the real record log and record codec (not the interim simulator format).</summary>
public class RecordCodecSyncTests
{
    private static InspectionRecord Record(int i)
    {
        var r = new InspectionRecord { UnixSeconds = 1_764_000_000 + i, Clock = ClockSource.AppSynced, Outcome = 1, FirmwareVersion = 1 };
        var dev = "HH-TEST"u8.ToArray();
        r.SetDeviceId(dev, 0, dev.Length);
        var lic = System.Text.Encoding.UTF8.GetBytes("（京）FM安许证字〔2024〕" + i.ToString("D6"));
        r.SetLicenceNumber(lic, 0, lic.Length);
        r.AddReason((ushort)(i % 7));
        return r;
    }

    [Fact]
    public async Task SyncAsync_RecordLogSource_VerifiesCodecAndReleasesLog()
    {
        var d = NewDevice(0);
        var log = new RecordLog(new ArrayBlockStorage(64 * 1024), d.RecordKey);
        log.Open();
        for (int i = 0; i < 120; i++) Assert.Equal(AppendResult.Ok, log.Append(Record(i)));
        var handler = new RequestHandler(new RecordLogSource(log, 64 * 1024), d.Lists, d, d, d, d, d, d, new Sha256());
        var verifier = Verifier(d);
        using var db = new SqliteRecordStore(TempDb());
        await using var c = new DeviceClient(new LoopbackLink(handler, 185, true));
        var s = await c.SyncAsync(db, verifier);
        Assert.Equal(120, s.Stored);
        Assert.Equal(0, s.Rejected);
        Assert.Equal(120u, log.SyncedThrough);
    }

    [Fact]
    public void Verify_RecordWithWrongKey_RejectedBadMac()
    {
        var key = new byte[32];
        var log = new RecordLog(new ArrayBlockStorage(16 * 1024), key);
        log.Open();
        log.Append(Record(1));
        var buf = new byte[RecordLog.MaxEntryBytes];
        int n = log.ReadRecord(1, buf);
        var other = new byte[32];
        other[0] = 1;
        var v = new RecordCodecVerifier(new Dictionary<string, byte[]> { ["D"] = other });
        Assert.Equal(RecordState.Rejected, v.Verify("D", 1, buf[..n], new byte[32], out var reason));
        Assert.Equal("record BadMac", reason);
    }
}
