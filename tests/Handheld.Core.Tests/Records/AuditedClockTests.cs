using Handheld.Core.Ports;
using Handheld.Core.Protocol;
using Handheld.Core.Records;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Records;

/// <summary>Issue 15 item 5: the clock keeps who set it, every change is a CLOCK_CHANGE record, backward steps are bounded.</summary>
public class AuditedClockTests
{
    private sealed class Rtc : IRtc
    {
        public long Unix;
        public bool Refuse;
        public long ReadUnix() => Unix;
        public bool Write(long unixSeconds)
        {
            if (Refuse) return false;
            Unix = unixSeconds;
            return true;
        }
    }

    private static readonly byte[] DeviceId = "HH-TEST-0001"u8.ToArray();
    private const long T0 = 1_760_000_000;

    private static (AuditedClock Clock, Rtc Rtc, RecordLog Log) Provisioned(int storageBytes = 64 * 1024)
    {
        var rtc = new Rtc();
        var clock = new AuditedClock(rtc);
        var log = new RecordLog(new ArrayBlockStorage(storageBytes), RecordCodecTests.Key);
        log.Open();
        clock.AttachLog(log, DeviceId, 0x01000000);
        return (clock, rtc, log);
    }

    private static InspectionRecord Read(RecordLog log, uint seq)
    {
        var buf = new byte[RecordCodec.MaxEncodedBytes];
        int n = log.ReadRecord(seq, buf);
        var r = new InspectionRecord();
        Assert.Equal(RecordStatus.Ok, RecordCodec.DecodeAndVerify(RecordCodecTests.Key, buf, 0, n, r, new byte[32]));
        return r;
    }

    [Fact]
    public void AppSetClock_KeepsItsSource_HoweverLongAgo()
    {
        var (clock, rtc, _) = Provisioned();
        Assert.Equal(ErrorCode.None, clock.SetTime(T0, ClockSource.AppSynced));
        rtc.Unix = T0 + 25 * 3600; // the counter ran 25 h (the old firmware said Rtc after 24 h)
        Assert.True(clock.TryRead(out long now, out var source));
        Assert.Equal(T0 + 25 * 3600, now);
        Assert.Equal(ClockSource.AppSynced, source);
    }

    [Fact]
    public void EveryChange_IsAClockChangeRecord_WithOldAndNewTimeAndSource()
    {
        var (clock, rtc, log) = Provisioned();
        Assert.Equal(ErrorCode.None, clock.SetTime(T0, ClockSource.Factory));
        rtc.Unix = T0 + 3600;
        Assert.Equal(ErrorCode.None, clock.SetTime(T0 + 3000, ClockSource.AppSynced)); // 600 s back: the bound itself
        Assert.Equal(2u, log.LastSequence);

        var first = Read(log, 1);
        Assert.True(ClockChangeRecord.Is(first));
        Assert.Equal(T0, first.UnixSeconds);
        Assert.Equal(ClockSource.Factory, first.Clock);
        Assert.Equal(0, ClockChangeRecord.PreviousUnix(first));
        Assert.Equal(ClockSource.Unset, ClockChangeRecord.PreviousSource(first));

        var second = Read(log, 2);
        Assert.Equal(T0 + 3000, second.UnixSeconds);
        Assert.Equal(ClockSource.AppSynced, second.Clock);
        Assert.Equal(T0 + 3600, ClockChangeRecord.PreviousUnix(second));
        Assert.Equal(ClockSource.Factory, ClockChangeRecord.PreviousSource(second));
        Assert.Equal(0, second.LicenceLength);
    }

    [Fact]
    public void BackwardStep_OverTheBound_RefusedClockBackward_NothingChangedOrRecorded()
    {
        var (clock, rtc, log) = Provisioned();
        clock.SetTime(T0, ClockSource.AppSynced);
        Assert.Equal(ErrorCode.ClockBackward, clock.SetTime(T0 - AuditedClock.MaxBackwardSeconds - 1, ClockSource.AppSynced));
        Assert.Equal(ErrorCode.ClockBackward, clock.SetTime(T0 - 86400, ClockSource.Factory));
        Assert.Equal(T0, rtc.Unix);
        Assert.Equal(1u, log.LastSequence);
        // Forward steps of any size are accepted (and recorded): a clock set ahead only makes licences look expired.
        Assert.Equal(ErrorCode.None, clock.SetTime(T0 + 365L * 86400, ClockSource.AppSynced));
        Assert.Equal(2u, log.LastSequence);
    }

    [Fact]
    public void AfterPowerLoss_AnyTimeAccepted_RecordShowsThePreviousStateUnset()
    {
        var (clock, rtc, log) = Provisioned();
        clock.SetTime(T0, ClockSource.AppSynced);
        clock.Invalidate();
        Assert.False(clock.TryRead(out _, out var s));
        Assert.Equal(ClockSource.Unset, s);
        Assert.Equal(ErrorCode.None, clock.SetTime(T0 - 86400, ClockSource.AppSynced));
        var r = Read(log, 2);
        Assert.Equal(ClockSource.Unset, ClockChangeRecord.PreviousSource(r));
        Assert.Equal(0, ClockChangeRecord.PreviousUnix(r));
        Assert.Equal(T0 - 86400, rtc.Unix);
    }

    [Fact]
    public void LogFullOfUnsyncedRecords_ClockChangeRefused_ClockUnchanged()
    {
        var (clock, rtc, log) = Provisioned(storageBytes: 4096);
        clock.SetTime(T0, ClockSource.AppSynced);
        AppendResult a;
        do a = log.Append(RecordCodecTests.Sample()); while (a is AppendResult.Ok or AppendResult.OkStorageLow);
        Assert.Equal(AppendResult.FullUnsynced, a);
        uint last = log.LastSequence;
        Assert.Equal(ErrorCode.StorageFault, clock.SetTime(T0 + 60, ClockSource.AppSynced));
        Assert.Equal(T0, rtc.Unix);
        Assert.Equal(last, log.LastSequence);
    }

    [Fact]
    public void RtcRefusal_StorageFault_SourceUnchanged()
    {
        var (clock, rtc, _) = Provisioned();
        rtc.Refuse = true;
        Assert.Equal(ErrorCode.StorageFault, clock.SetTime(T0, ClockSource.AppSynced));
        Assert.False(clock.TryRead(out _, out _));
    }

    [Fact]
    public void Unprovisioned_ClockSetWithoutARecord()
    {
        var rtc = new Rtc();
        var clock = new AuditedClock(rtc);
        Assert.Equal(ErrorCode.None, clock.SetTime(T0, ClockSource.AppSynced));
        Assert.True(clock.TryRead(out long now, out _));
        Assert.Equal(T0, now);
    }

    [Fact]
    public void Codec_ClockChangeKind_MustHaveItsOwnShape()
    {
        var r = new InspectionRecord();
        ClockChangeRecord.Fill(r, DeviceId, 1, T0, ClockSource.Rtc, T0 + 5, ClockSource.AppSynced);
        var buf = new byte[RecordCodec.MaxEncodedBytes];
        int n = RecordCodec.Seal(r, RecordCodecTests.Key, buf, 0, out var st);
        Assert.Equal(RecordStatus.Ok, st);
        var back = new InspectionRecord();
        Assert.Equal(RecordStatus.Ok, RecordCodec.Decode(buf, 0, n, back));
        Assert.Equal(T0, ClockChangeRecord.PreviousUnix(back));

        // A clock-change record carrying a licence number (or a reason, or a third figure) is not one.
        byte[] lic = "(京)JZ安许证字[2024]000123"u8.ToArray();
        r.SetLicenceNumber(lic, 0, lic.Length);
        Assert.Equal(0, RecordCodec.Seal(r, RecordCodecTests.Key, buf, 0, out st));
        Assert.Equal(RecordStatus.FieldOutOfRange, st);

        ClockChangeRecord.Fill(r, DeviceId, 1, T0, ClockSource.Rtc, T0 + 5, ClockSource.AppSynced);
        r.Outcome = 1; // the same fields as an inspection seal fine, then the kind byte is flipped in the bytes
        r.AddReason(3);
        n = RecordCodec.Seal(r, RecordCodecTests.Key, buf, 0, out st);
        Assert.Equal(RecordStatus.Ok, st);
        int outcomeAt = 1 + 4 + 8 + 1 + 1 + DeviceId.Length + 1 + 32;
        Assert.Equal(1, buf[outcomeAt]);
        buf[outcomeAt] = ClockChangeRecord.Kind;
        Assert.Equal(RecordStatus.FieldOutOfRange, RecordCodec.Decode(buf, 0, n, back));
    }
}
