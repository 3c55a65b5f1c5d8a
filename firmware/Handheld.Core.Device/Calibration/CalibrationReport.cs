using Handheld.Core.Ports;
using Handheld.Core.Protocol;

namespace Handheld.Core.Calibration
{
    /// <summary>
    /// Payload of the Calibrate response (docs/ble-protocol.md §5.8), shared by device and SDK:
    /// status u8, storedState u8, limits u16, sensorKind u8, zones A/B/C (17 bytes each), gains blue/green/red
    /// u16 permille, inForceNumber u32, inForceUnix i64, inForceClock u8, recordSeq u32 (79 bytes).
    /// </summary>
    public sealed class CalibrationReport
    {
        public const int EncodedLength = 5 + TileCalibration.BodyLength + 17;

        /// <summary>Values of <see cref="Status"/>.</summary>
        public const byte Stored = 0;
        /// <summary>Measured out of limits: nothing stored, the previous calibration stays in force.</summary>
        public const byte OutOfLimits = 1;
        /// <summary>Mode 1: the stored calibration in force is reported (no sweep).</summary>
        public const byte Reported = 2;
        /// <summary>Mode 1 and no calibration is in force (never calibrated, or the stored one is damaged).</summary>
        public const byte NoneStored = 3;

        public byte Status;
        /// <summary><see cref="StoredCalibrationState"/> after the request.</summary>
        public byte StoredState;
        /// <summary>Readings, gains and limits: measured by this request (mode 0), or the stored ones (mode 1).</summary>
        public readonly TileCalibration Calibration = new TileCalibration();
        /// <summary>The calibration in force after the request: number (0 = none), time and clock source.</summary>
        public uint InForceNumber;
        public long InForceUnix;
        public ClockSource InForceClock;
        /// <summary>Sequence of the CALIBRATION record this request appended (0 for mode 1).</summary>
        public uint RecordSequence;

        public void Encode(PayloadWriter w)
        {
            w.U8(Status);
            w.U8(StoredState);
            w.U16(Calibration.Limits);
            w.U8((byte)Calibration.Kind);
            Calibration.EncodeBody(w);
            w.U32(InForceNumber);
            w.I64(InForceUnix);
            w.U8((byte)InForceClock);
            w.U32(RecordSequence);
        }

        /// <summary>Decodes; null when malformed or a field is out of range. Trailing bytes are allowed (§1).</summary>
        public static CalibrationReport Decode(byte[] b, int offset, int count)
        {
            PayloadReader r = new PayloadReader(b, offset, count);
            CalibrationReport c = new CalibrationReport();
            c.Status = r.U8();
            c.StoredState = r.U8();
            c.Calibration.Limits = r.U16();
            c.Calibration.Kind = (Handheld.Core.Drivers.SensorKind)r.U8();
            bool ok = c.Calibration.DecodeBody(r);
            c.InForceNumber = r.U32();
            c.InForceUnix = r.I64();
            int clock = r.U8();
            c.InForceClock = (ClockSource)clock;
            c.RecordSequence = r.U32();
            if (!ok || !r.Ok || c.Status > NoneStored || c.StoredState > StoredCalibrationState.Corrupt || clock > (int)ClockSource.Factory) return null;
            return c;
        }
    }
}
