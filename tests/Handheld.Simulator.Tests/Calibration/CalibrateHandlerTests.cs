using Handheld.Core.Calibration;
using Handheld.Core.Fluorescence;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;
using Handheld.Core.Records;
using Handheld.Simulator.Device;
using Handheld.Simulator.Link;
using Xunit;

namespace Handheld.Simulator.Tests.Calibration;

/// <summary>Core's Calibrate handler (RequestHandler + CalibrationService) over the simulated device's ports and
/// emulated tile: refusals, the stored calibration, its record, out-of-limits keeping the old one, and a damaged
/// stored calibration found at boot.</summary>
public class CalibrateHandlerTests
{
    private static SimulatedDevice Device(bool provisioned = true)
    {
        var d = new SimulatedDevice(null);
        d.SetTime(1_780_000_000, ClockSource.AppSynced);
        if (provisioned) d.ProvisionFromSeed(3);
        return d;
    }

    private static (byte Error, CalibrationReport? Report) Calibrate(SimulatedDevice d, int mode, bool authenticated = true)
    {
        var w = new PayloadWriter(Frame.MaxPayload);
        byte e = d.Handler.Handle(MessageType.Calibrate, [(byte)mode], 0, 1, authenticated, w);
        return (e, e == ErrorCode.None ? CalibrationReport.Decode(w.Buffer, w.Offset, w.Length) : null);
    }

    private static InspectionRecord ReadRecord(SimulatedDevice d, uint seq)
    {
        var buf = new byte[RequestHandler.MaxRecordLength];
        int n = d.ReadRecord(seq, buf);
        var r = new InspectionRecord();
        Assert.Equal(RecordStatus.Ok, RecordCodec.DecodeAndVerify(d.RecordKey, buf, 0, n, r, new byte[32]));
        return r;
    }

    [Fact]
    public void Not_provisioned_is_refused_and_nothing_is_stored()
    {
        var d = Device(provisioned: false);
        Assert.Equal(ErrorCode.NotProvisioned, Calibrate(d, 0).Error);
        Assert.Equal(ErrorCode.NotProvisioned, Calibrate(d, 1).Error);
        Assert.Equal(StoredCalibrationState.None, d.Calibration.State);
    }

    [Fact]
    public void Unauthenticated_link_is_refused()
    {
        var d = Device();
        Assert.Equal(ErrorCode.NotAuthenticated, Calibrate(d, 0, authenticated: false).Error);
        Assert.Equal(0, d.LastSequence);
    }

    [Fact]
    public void During_an_inspection_it_is_busy_and_sweeps_nothing()
    {
        var d = Device();
        int swept = 0;
        d.Tile.BeforeZone = _ => swept++;
        d.Tile.InspectionRunning = true;
        Assert.Equal(ErrorCode.Busy, Calibrate(d, 0).Error);
        Assert.Equal(0, swept);
        Assert.Equal(0, d.LastSequence);
        // Reporting the stored calibration touches no sensor and stays allowed.
        Assert.Equal(ErrorCode.None, Calibrate(d, 1).Error);
    }

    [Theory]
    [InlineData(new byte[] { 2 })]
    [InlineData(new byte[] { 0, 0 })]
    [InlineData(new byte[0])]
    public void Malformed_requests_are_refused(byte[] payload)
    {
        var d = Device();
        var w = new PayloadWriter(Frame.MaxPayload);
        Assert.Equal(ErrorCode.MalformedPayload, d.Handler.Handle(MessageType.Calibrate, payload, 0, payload.Length, true, w));
    }

    [Fact]
    public void Within_limits_it_is_stored_recorded_applied_and_survives_reboot()
    {
        var d = Device();
        var (e, r) = Calibrate(d, 0);
        Assert.Equal(ErrorCode.None, e);
        Assert.Equal(CalibrationReport.Stored, r!.Status);
        Assert.Equal(CalibrationLimits.None, r.Calibration.Limits);
        Assert.Equal(1u, r.InForceNumber);
        Assert.Equal(1_780_000_000, r.InForceUnix);
        int gainQ12 = d.SamplerCalibration.GainBlueQ12;
        Assert.Equal((r.Calibration.GainBluePermille * 4096 + 500) / 1000, gainQ12);

        var rec = ReadRecord(d, r.RecordSequence);
        Assert.True(CalibrationRecord.Is(rec));
        Assert.Equal(0, rec.FigureValues[0]);               // stored
        Assert.Equal(1, rec.FigureValues[2]);               // number in force
        Assert.Equal(r.Calibration.GainBluePermille, rec.FigureValues[4]);

        d.Reboot();
        Assert.Equal(StoredCalibrationState.Valid, d.Calibration.State);
        Assert.Equal(1u, d.Calibration.InForce.Number);
        Assert.Equal(gainQ12, d.SamplerCalibration.GainBlueQ12);
        var (_, again) = Calibrate(d, 1);
        Assert.Equal(CalibrationReport.Reported, again!.Status);
        Assert.Equal(r.Calibration.GainGreenPermille, again.Calibration.GainGreenPermille);

        // A second one goes to the other slot and supersedes the first.
        var (_, second) = Calibrate(d, 0);
        Assert.Equal(2u, second!.InForceNumber);
        d.Reboot();
        Assert.Equal(2u, d.Calibration.InForce.Number);
    }

    [Theory]
    [InlineData(TileCondition.Aged, CalibrationLimits.ZoneANotDull)]
    [InlineData(TileCondition.Wrong, CalibrationLimits.FibreColourMissing)]
    public void Out_of_limits_keeps_the_old_calibration_and_says_why(TileCondition tile, int expectedFlag)
    {
        var d = Device();
        var (_, first) = Calibrate(d, 0);
        Assert.Equal(CalibrationReport.Stored, first!.Status);
        int blue = d.SamplerCalibration.GainBlueQ12, green = d.SamplerCalibration.GainGreenQ12;
        var slots = new byte[256];
        d.ConfigFlash.Read(SimulatedDevice.CalibrationSlotA, slots, 0, 256);

        d.Tile.Condition = tile;
        var (e, r) = Calibrate(d, 0);
        Assert.Equal(ErrorCode.None, e);
        Assert.Equal(CalibrationReport.OutOfLimits, r!.Status);
        Assert.NotEqual(0, r.Calibration.Limits & expectedFlag);
        Assert.Equal(1u, r.InForceNumber);
        Assert.Equal(blue, d.SamplerCalibration.GainBlueQ12);
        Assert.Equal(green, d.SamplerCalibration.GainGreenQ12);
        var after = new byte[256];
        d.ConfigFlash.Read(SimulatedDevice.CalibrationSlotA, after, 0, 256);
        Assert.Equal(slots, after);                         // nothing written

        var rec = ReadRecord(d, r.RecordSequence);          // the refused attempt is evidence too
        Assert.True(CalibrationRecord.Is(rec));
        Assert.Equal(1, rec.FigureValues[0]);
        Assert.Equal(r.Calibration.Limits, rec.FigureValues[1]);
        Assert.Equal(1, rec.FigureValues[2]);

        d.Reboot();
        Assert.Equal(1u, d.Calibration.InForce.Number);
    }

    [Fact]
    public void Crc_corrupt_stored_calibration_found_at_boot_gives_unit_gains_and_a_failed_self_test()
    {
        var d = Device();
        Assert.Equal(CalibrationReport.Stored, Calibrate(d, 0).Report!.Status);
        var b = new byte[1];
        d.ConfigFlash.Read(SimulatedDevice.CalibrationSlotA + 20, b, 0, 1);
        b[0] ^= 0x10;                                       // one bit of a zone reading flips at rest
        d.ConfigFlash.Write(SimulatedDevice.CalibrationSlotA + 20, b, 0, 1);

        d.Reboot();
        Assert.Equal(StoredCalibrationState.Corrupt, d.Calibration.State);
        Assert.Equal(SensorCalibration.GainOne, d.SamplerCalibration.GainBlueQ12);
        Assert.Equal(SensorCalibration.GainOne, d.SamplerCalibration.GainGreenQ12);
        var test = d.Run().Single(t => t.TestId == SelfTestResult.Calibration);
        Assert.Equal(SelfTestResult.Fail, test.Status);
        var (_, r) = Calibrate(d, 1);
        Assert.Equal(CalibrationReport.NoneStored, r!.Status);
        Assert.Equal(StoredCalibrationState.Corrupt, r.StoredState);

        // Calibrating again repairs it.
        Assert.Equal(CalibrationReport.Stored, Calibrate(d, 0).Report!.Status);
        Assert.Equal(SelfTestResult.Pass, d.Run().Single(t => t.TestId == SelfTestResult.Calibration).Status);
    }

    [Fact]
    public void Never_calibrated_device_reports_none_and_self_test_not_available()
    {
        var d = Device();
        var (_, r) = Calibrate(d, 1);
        Assert.Equal(CalibrationReport.NoneStored, r!.Status);
        Assert.Equal(StoredCalibrationState.None, r.StoredState);
        Assert.Equal(SelfTestResult.NotAvailable, d.Run().Single(t => t.TestId == SelfTestResult.Calibration).Status);
    }

    [Fact]
    public void A_record_log_that_cannot_take_the_record_stores_nothing()
    {
        var d = new SimulatedDevice(null);
        d.ProvisionFromSeed(4);
        // Fill the log with unsynced records until it refuses.
        while (d.AppendRecord("FULL", 1, 1) != 0) { }
        var (e, _) = Calibrate(d, 0);
        Assert.Equal(ErrorCode.StorageFault, e);
        Assert.Equal(StoredCalibrationState.None, d.Calibration.State);
        d.Reboot();
        Assert.Equal(StoredCalibrationState.None, d.Calibration.State);
    }
}
