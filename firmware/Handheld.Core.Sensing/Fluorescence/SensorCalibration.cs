using Handheld.Core.Drivers;
using Handheld.Core.Protocol;

namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// Per-device correction of the ambient-cancelled bands, measured at manufacture and stored on the device:
    /// a dark offset (net signal with the window over a black light trap: lamp light scattered inside the
    /// housing and the violet tail reaching the sensor) and a reference-tile gain (a stable fluorescent tile
    /// of known emission), per band. Corrected = (net − dark) × gain / 4096.
    /// Serialised form (30 bytes, little-endian): 'U' 'C' version=1, kind, dark B/G/R/C (int32),
    /// gain B/G/R/C (uint16, Q12), CRC-16/XMODEM over the preceding 28 bytes.
    /// </summary>
    public sealed class SensorCalibration
    {
        public const int SerializedLength = 30;
        public const int GainOne = 4096;
        private const byte Version = 1;

        public SensorKind Kind;
        public int DarkBlue, DarkGreen, DarkRed, DarkClear;
        public int GainBlueQ12 = GainOne, GainGreenQ12 = GainOne, GainRedQ12 = GainOne, GainClearQ12 = GainOne;

        /// <summary>An identity calibration (no offset, unit gain) for a sensor kind.</summary>
        public static SensorCalibration Identity(SensorKind kind)
        {
            SensorCalibration c = new SensorCalibration();
            c.Kind = kind;
            return c;
        }

        /// <summary>
        /// Builds a calibration from averaged net measurements (cps16): over the light trap (dark) and over the
        /// reference tile, whose nominal net values are known for this sensor kind. Returns false when the tile
        /// reading is not above the dark reading or the gain would fall outside 1/8…8 (a faulty fixture).
        /// </summary>
        public static bool TryFromMeasurements(SensorKind kind, int[] darkCps16, int[] tileCps16, int[] nominalCps16,
            SensorCalibration into)
        {
            if (darkCps16 == null || tileCps16 == null || nominalCps16 == null || into == null) return false;
            if (darkCps16.Length < 4 || tileCps16.Length < 4 || nominalCps16.Length < 4) return false;
            int[] gains = new int[4];
            for (int i = 0; i < 4; i++)
            {
                long span = (long)tileCps16[i] - darkCps16[i];
                if (span <= 0 || nominalCps16[i] <= 0) return false;
                long g = ((long)nominalCps16[i] * GainOne + span / 2) / span;
                if (g < GainOne / 8 || g > GainOne * 8) return false;
                gains[i] = (int)g;
            }
            into.Kind = kind;
            into.DarkBlue = darkCps16[0]; into.DarkGreen = darkCps16[1];
            into.DarkRed = darkCps16[2]; into.DarkClear = darkCps16[3];
            into.GainBlueQ12 = gains[0]; into.GainGreenQ12 = gains[1];
            into.GainRedQ12 = gains[2]; into.GainClearQ12 = gains[3];
            return true;
        }

        public static int Apply(int netCps16, int darkCps16, int gainQ12)
        {
            long v = ((long)netCps16 - darkCps16) * gainQ12;
            v = v >= 0 ? (v + GainOne / 2) >> 12 : -((-v + GainOne / 2) >> 12);
            if (v > int.MaxValue) return int.MaxValue;
            if (v < int.MinValue) return int.MinValue;
            return (int)v;
        }

        /// <summary>Writes the 30-byte form at <paramref name="offset"/>; false when the buffer is too small.</summary>
        public bool TryWrite(byte[] buffer, int offset)
        {
            if (buffer == null || offset < 0 || buffer.Length - offset < SerializedLength) return false;
            int p = offset;
            buffer[p++] = (byte)'U';
            buffer[p++] = (byte)'C';
            buffer[p++] = Version;
            buffer[p++] = (byte)Kind;
            LittleEndian.WriteU32(buffer, p, (uint)DarkBlue);
            LittleEndian.WriteU32(buffer, p + 4, (uint)DarkGreen);
            LittleEndian.WriteU32(buffer, p + 8, (uint)DarkRed);
            LittleEndian.WriteU32(buffer, p + 12, (uint)DarkClear);
            LittleEndian.WriteU16(buffer, p + 16, GainBlueQ12);
            LittleEndian.WriteU16(buffer, p + 18, GainGreenQ12);
            LittleEndian.WriteU16(buffer, p + 20, GainRedQ12);
            LittleEndian.WriteU16(buffer, p + 22, GainClearQ12);
            int crc = Handheld.Core.Checksums.Crc16Xmodem.Compute(buffer, offset, SerializedLength - 2);
            LittleEndian.WriteU16(buffer, offset + SerializedLength - 2, crc);
            return true;
        }

        /// <summary>Parses the 30-byte form; false (and <paramref name="into"/> untouched) on a bad magic,
        /// version, kind or CRC — erased flash (all 0xFF) included.</summary>
        public static bool TryRead(byte[] buffer, int offset, SensorCalibration into)
        {
            if (buffer == null || into == null || offset < 0 || buffer.Length - offset < SerializedLength) return false;
            if (buffer[offset] != (byte)'U' || buffer[offset + 1] != (byte)'C' || buffer[offset + 2] != Version) return false;
            byte kind = buffer[offset + 3];
            if (kind != (byte)SensorKind.Tcs34725 && kind != (byte)SensorKind.As7341) return false;
            int stored = LittleEndian.ReadU16(buffer, offset + 28);
            if (stored != Handheld.Core.Checksums.Crc16Xmodem.Compute(buffer, offset, SerializedLength - 2)) return false;
            int p = offset + 4;
            into.Kind = (SensorKind)kind;
            into.DarkBlue = (int)LittleEndian.ReadU32(buffer, p);
            into.DarkGreen = (int)LittleEndian.ReadU32(buffer, p + 4);
            into.DarkRed = (int)LittleEndian.ReadU32(buffer, p + 8);
            into.DarkClear = (int)LittleEndian.ReadU32(buffer, p + 12);
            into.GainBlueQ12 = LittleEndian.ReadU16(buffer, p + 16);
            into.GainGreenQ12 = LittleEndian.ReadU16(buffer, p + 18);
            into.GainRedQ12 = LittleEndian.ReadU16(buffer, p + 20);
            into.GainClearQ12 = LittleEndian.ReadU16(buffer, p + 22);
            return true;
        }
    }
}
