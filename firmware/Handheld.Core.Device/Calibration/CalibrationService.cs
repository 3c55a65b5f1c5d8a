using Handheld.Core.Fluorescence;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;
using Handheld.Core.Records;

namespace Handheld.Core.Calibration
{
    /// <summary>
    /// Tile calibration on the device (docs/ble-protocol.md §5.8): loads the stored calibration at boot and puts
    /// its gains into the sampler's <see cref="SensorCalibration"/>; on request measures the tile, appends a
    /// CALIBRATION record, and — only within limits — stores the new calibration (A/B slot, CRC-16) and applies it.
    /// Out of limits, or when the record cannot be stored, the calibration in force is kept. Not thread-safe:
    /// the caller serialises it with inspections (the firmware's data gate, and <see cref="ITileSweep.InspectionRunning"/>).
    /// </summary>
    public sealed class CalibrationService
    {
        private readonly TileCalibrator _calibrator;
        private readonly ITileSweep _sweep;
        private readonly CalibrationStore _store;
        private readonly IWallClock _clock;
        private readonly SensorCalibration _active;
        private readonly TileCalibration _inForce = new TileCalibration();
        private readonly TileCalibration _measured = new TileCalibration();
        private readonly InspectionRecord _record = new InspectionRecord();
        private readonly CalibrationReport _report = new CalibrationReport();
        private RecordLog _log;
        private byte[] _deviceId;
        private uint _firmwareVersion;
        private byte _state = StoredCalibrationState.None;

        /// <param name="active">The sampler's calibration object: its gains are set from the calibration in force
        /// (unit gains when there is none); its dark offsets are left as they are.</param>
        public CalibrationService(ITileSweep sweep, TileCalibrator calibrator, CalibrationStore store, IWallClock clock,
            SensorCalibration active)
        {
            _sweep = sweep;
            _calibrator = calibrator;
            _store = store;
            _clock = clock;
            _active = active;
        }

        /// <summary>Where calibrations are recorded (an open, provisioned log). Without one, calibrate is refused.</summary>
        public void AttachLog(RecordLog log, byte[] deviceId, uint firmwareVersion)
        {
            _log = log;
            _deviceId = deviceId;
            _firmwareVersion = firmwareVersion;
        }

        /// <summary>Reads the config region (boot): returns the <see cref="StoredCalibrationState"/> and applies the gains.</summary>
        public byte Load()
        {
            _state = _store.Load(_inForce);
            Apply();
            return _state;
        }

        public byte State { get { return _state; } }
        /// <summary>The calibration in force (cleared when <see cref="State"/> is not Valid).</summary>
        public TileCalibration InForce { get { return _inForce; } }
        /// <summary>Result of the last record append (diagnostics and tests).</summary>
        public AppendResult LastAppend { get; private set; }

        /// <summary>Self-test status of the calibration (SelfTestResult.Calibration): pass when one is in force,
        /// fail when the stored one is damaged, not available when the device was never calibrated.</summary>
        public byte SelfTestStatus
        {
            get
            {
                if (_state == StoredCalibrationState.Valid) return SelfTestResult.Pass;
                return _state == StoredCalibrationState.Corrupt ? SelfTestResult.Fail : SelfTestResult.NotAvailable;
            }
        }

        /// <summary>Handles Calibrate (mode 0 measure and store, 1 report only) into <paramref name="w"/>; returns an
        /// <see cref="ErrorCode"/>. The caller has checked authentication and provisioning.</summary>
        public byte Calibrate(int mode, PayloadWriter w)
        {
            CalibrationReport rep = _report;
            rep.RecordSequence = 0;
            if (mode == 1)
            {
                rep.Calibration.CopyFrom(_inForce);
                rep.Status = _state == StoredCalibrationState.Valid ? CalibrationReport.Reported : CalibrationReport.NoneStored;
                return Finish(w);
            }
            if (_sweep.InspectionRunning) return ErrorCode.Busy;
            if (_log == null || _deviceId == null) return ErrorCode.StorageFault;
            TileCalibration m = _measured;
            m.Clear();
            _calibrator.Measure(m);
            long now;
            ClockSource src;
            if (!_clock.TryRead(out now, out src)) { now = 0; src = ClockSource.Unset; }
            bool within = m.Limits == CalibrationLimits.None;
            uint number = within ? _inForce.Number + 1 : _inForce.Number;
            m.Number = number;
            m.UnixSeconds = now;
            m.Clock = src;
            // The record first (as for clock changes): a calibration that cannot be recorded is not stored.
            CalibrationRecord.Fill(_record, _deviceId, _firmwareVersion, now, src, within, number, m);
            AppendResult a = _log.Append(_record);
            LastAppend = a;
            if (a != AppendResult.Ok && a != AppendResult.OkStorageLow) return ErrorCode.StorageFault;
            rep.RecordSequence = _log.LastSequence;
            rep.Calibration.CopyFrom(m);
            if (!within)
            {
                rep.Status = CalibrationReport.OutOfLimits;
                return Finish(w);
            }
            if (!_store.Save(m)) return ErrorCode.StorageFault;
            _inForce.CopyFrom(m);
            _state = StoredCalibrationState.Valid;
            Apply();
            rep.Status = CalibrationReport.Stored;
            return Finish(w);
        }

        private byte Finish(PayloadWriter w)
        {
            CalibrationReport rep = _report;
            rep.StoredState = _state;
            bool valid = _state == StoredCalibrationState.Valid;
            rep.InForceNumber = valid ? _inForce.Number : 0;
            rep.InForceUnix = valid ? _inForce.UnixSeconds : 0;
            rep.InForceClock = valid ? _inForce.Clock : ClockSource.Unset;
            rep.Encode(w);
            return ErrorCode.None;
        }

        private void Apply()
        {
            bool valid = _state == StoredCalibrationState.Valid;
            _active.Kind = _sweep.Kind;
            _active.GainBlueQ12 = valid ? Q12(_inForce.GainBluePermille) : SensorCalibration.GainOne;
            _active.GainGreenQ12 = valid ? Q12(_inForce.GainGreenPermille) : SensorCalibration.GainOne;
            _active.GainRedQ12 = valid ? Q12(_inForce.GainRedPermille) : SensorCalibration.GainOne;
        }

        private static int Q12(int permille) { return (int)(((long)permille * SensorCalibration.GainOne + 500) / 1000); }
    }
}
