using Handheld.Core.Crypto;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;

namespace Handheld.Core.Records
{
    /// <summary>
    /// The one encoder/decoder of the inspection-record format, version 1 (docs/record-format.md).
    /// Little-endian; every variable field is length-prefixed and bounded; the last 32 bytes are
    /// HMAC-SHA256(device key, all bytes before them). The record's chain hash is SHA-256 of its whole
    /// encoding including the MAC. Decoding is strict: any byte left over or any bound exceeded fails.
    /// </summary>
    public static class RecordCodec
    {
        /// <summary>Format version written by this code.</summary>
        public const byte FormatVersion = 1;

        /// <summary>Fixed part: version, sequence, time, clock, 5 length/count bytes, payload hash, outcome,
        /// check count byte, firmware version, previous hash, MAC.</summary>
        public const int FixedBytes = 1 + 4 + 8 + 1 + 1 + 1 + 32 + 1 + 1 + 1 + 1 + 1 + 4 + 32 + 32;

        /// <summary>Largest possible encoding (all fields at their bounds).</summary>
        public const int MaxEncodedBytes = FixedBytes + InspectionRecord.MaxDeviceIdBytes + InspectionRecord.MaxLicenceBytes
            + 2 * InspectionRecord.MaxReasons + 6 * InspectionRecord.MaxFigures + InspectionRecord.MaxInspectorIdBytes
            + InspectionRecord.MaxChecks;

        /// <summary>Length of <paramref name="r"/>'s encoding, or -1 when a field is out of range.</summary>
        public static int EncodedLength(InspectionRecord r)
        {
            if (!InRange(r)) return -1;
            return FixedBytes + r.DeviceIdLength + r.LicenceLength + 2 * r.ReasonCount + 6 * r.FigureCount
                + r.InspectorIdLength + r.CheckCount;
        }

        /// <summary>Encodes <paramref name="r"/> and appends HMAC-SHA256 under <paramref name="deviceKey"/>
        /// (also stored in r.Mac). Returns the length, or 0 with <paramref name="status"/> set.</summary>
        public static int Seal(InspectionRecord r, byte[] deviceKey, byte[] output, int offset, out RecordStatus status)
        {
            int length = EncodedLength(r);
            if (length < 0) { status = RecordStatus.FieldOutOfRange; return 0; }
            if (output == null || offset < 0 || output.Length - offset < length) { status = RecordStatus.BufferTooSmall; return 0; }
            int p = offset;
            output[p++] = FormatVersion;
            p = PutU32(output, p, r.Sequence);
            LittleEndian.WriteI64(output, p, r.UnixSeconds); p += 8;
            output[p++] = (byte)r.Clock;
            p = PutBytes(output, p, r.DeviceId, r.DeviceIdLength);
            p = PutBytes(output, p, r.LicenceNumber, r.LicenceLength);
            p = PutRaw(output, p, r.PayloadHash, 32);
            output[p++] = r.Outcome;
            output[p++] = (byte)r.ReasonCount;
            for (int i = 0; i < r.ReasonCount; i++) p = PutU16(output, p, r.Reasons[i]);
            output[p++] = (byte)r.FigureCount;
            for (int i = 0; i < r.FigureCount; i++)
            {
                p = PutU16(output, p, r.FigureTags[i]);
                p = PutU32(output, p, (uint)r.FigureValues[i]);
            }
            p = PutBytes(output, p, r.InspectorId, r.InspectorIdLength);
            output[p++] = (byte)r.CheckCount;
            for (int i = 0; i < r.CheckCount; i++) output[p++] = r.CheckAnswers[i];
            p = PutU32(output, p, r.FirmwareVersion);
            p = PutRaw(output, p, r.PreviousHash, 32);
            HmacSha256.Compute(deviceKey, output, offset, p - offset, output, p);
            for (int i = 0; i < 32; i++) r.Mac[i] = output[p + i];
            status = RecordStatus.Ok;
            return length;
        }

        /// <summary>Strictly decodes exactly <paramref name="count"/> bytes into <paramref name="into"/>
        /// (the MAC is copied, not checked: see <see cref="VerifyMac"/>).</summary>
        public static RecordStatus Decode(byte[] input, int offset, int count, InspectionRecord into)
        {
            if (input == null || offset < 0 || count < 0 || input.Length - offset < count) return RecordStatus.Truncated;
            into.Clear();
            if (count < 1) return RecordStatus.Truncated;
            if (input[offset] != FormatVersion) return RecordStatus.UnsupportedVersion;
            if (count < FixedBytes) return RecordStatus.Truncated;
            int end = offset + count;
            int p = offset + 1;
            into.Sequence = LittleEndian.ReadU32(input, p); p += 4;
            into.UnixSeconds = LittleEndian.ReadI64(input, p); p += 8;
            int clock = input[p++];
            if (clock > (int)ClockSource.Factory) return RecordStatus.FieldOutOfRange;
            into.Clock = (ClockSource)clock;

            int n = input[p++];
            if (n < 1 || n > InspectionRecord.MaxDeviceIdBytes) return RecordStatus.FieldOutOfRange;
            if (end - p < n) return RecordStatus.Truncated;
            into.SetDeviceId(input, p, n); p += n;

            if (end - p < 1) return RecordStatus.Truncated;
            n = input[p++];
            if (n > InspectionRecord.MaxLicenceBytes) return RecordStatus.FieldOutOfRange;
            if (end - p < n + 32 + 2) return RecordStatus.Truncated;
            into.SetLicenceNumber(input, p, n); p += n;
            for (int i = 0; i < 32; i++) into.PayloadHash[i] = input[p + i];
            p += 32;
            into.Outcome = input[p++];

            n = input[p++];
            if (n > InspectionRecord.MaxReasons) return RecordStatus.FieldOutOfRange;
            if (end - p < 2 * n + 1) return RecordStatus.Truncated;
            for (int i = 0; i < n; i++) { into.AddReason((ushort)LittleEndian.ReadU16(input, p)); p += 2; }

            n = input[p++];
            if (n > InspectionRecord.MaxFigures) return RecordStatus.FieldOutOfRange;
            if (end - p < 6 * n + 1) return RecordStatus.Truncated;
            for (int i = 0; i < n; i++)
            {
                into.AddFigure((ushort)LittleEndian.ReadU16(input, p), (int)LittleEndian.ReadU32(input, p + 2));
                p += 6;
            }

            n = input[p++];
            if (n > InspectionRecord.MaxInspectorIdBytes) return RecordStatus.FieldOutOfRange;
            if (end - p < n + 1) return RecordStatus.Truncated;
            into.SetInspectorId(input, p, n); p += n;

            n = input[p++];
            if (n > InspectionRecord.MaxChecks) return RecordStatus.FieldOutOfRange;
            if (end - p < n) return RecordStatus.Truncated;
            for (int i = 0; i < n; i++)
            {
                int a = input[p++];
                if (a > (int)HumanCheckAnswer.Denied) return RecordStatus.FieldOutOfRange;
                into.AddCheckAnswer((HumanCheckAnswer)a);
            }

            if (end - p != 4 + 32 + 32) return RecordStatus.Truncated;
            into.FirmwareVersion = LittleEndian.ReadU32(input, p); p += 4;
            for (int i = 0; i < 32; i++) into.PreviousHash[i] = input[p + i];
            p += 32;
            for (int i = 0; i < 32; i++) into.Mac[i] = input[p + i];
            // Record kind by outcome byte (§1.1): a clock change has exactly its own shape.
            if (ClockChangeRecord.Is(into) && !ClockChangeRecord.IsWellFormed(into)) return RecordStatus.FieldOutOfRange;
            // A calibration record likewise (§1.2).
            if (CalibrationRecord.Is(into) && !CalibrationRecord.IsWellFormed(into)) return RecordStatus.FieldOutOfRange;
            return RecordStatus.Ok;
        }

        /// <summary>True when the last 32 of <paramref name="count"/> bytes are HMAC-SHA256(deviceKey, the rest).
        /// <paramref name="scratch32"/> receives the expected MAC. Compares in constant time.</summary>
        public static bool VerifyMac(byte[] deviceKey, byte[] input, int offset, int count, byte[] scratch32)
        {
            if (input == null || count < 33 || offset < 0 || input.Length - offset < count) return false;
            HmacSha256.Compute(deviceKey, input, offset, count - 32, scratch32, 0);
            return Equal32(scratch32, 0, input, offset + count - 32);
        }

        /// <summary>Constant-time comparison of 32 bytes (MACs and chain hashes).</summary>
        public static bool Equal32(byte[] a, int aOffset, byte[] b, int bOffset)
        {
            int diff = 0;
            for (int i = 0; i < 32; i++) diff |= a[aOffset + i] ^ b[bOffset + i];
            return diff == 0;
        }

        /// <summary>Decodes and authenticates: <see cref="RecordStatus.Ok"/> only for a well-formed record with a good MAC.</summary>
        public static RecordStatus DecodeAndVerify(byte[] deviceKey, byte[] input, int offset, int count, InspectionRecord into, byte[] scratch32)
        {
            RecordStatus s = Decode(input, offset, count, into);
            if (s != RecordStatus.Ok) return s;
            return VerifyMac(deviceKey, input, offset, count, scratch32) ? RecordStatus.Ok : RecordStatus.BadMac;
        }

        /// <summary>The chain hash of an encoded record: SHA-256 of all its bytes, MAC included.</summary>
        public static void ChainHash(Sha256 sha, byte[] input, int offset, int count, byte[] output32, int outputOffset)
        {
            sha.Reset();
            sha.Update(input, offset, count);
            sha.Final(output32, outputOffset);
        }

        private static bool InRange(InspectionRecord r)
        {
            if (r.DeviceIdLength < 1 || r.DeviceIdLength > InspectionRecord.MaxDeviceIdBytes) return false;
            if (r.LicenceLength < 0 || r.LicenceLength > InspectionRecord.MaxLicenceBytes) return false;
            if (r.ReasonCount < 0 || r.ReasonCount > InspectionRecord.MaxReasons) return false;
            if (r.FigureCount < 0 || r.FigureCount > InspectionRecord.MaxFigures) return false;
            if (r.InspectorIdLength < 0 || r.InspectorIdLength > InspectionRecord.MaxInspectorIdBytes) return false;
            if (r.CheckCount < 0 || r.CheckCount > InspectionRecord.MaxChecks) return false;
            if ((int)r.Clock > (int)ClockSource.Factory) return false;
            for (int i = 0; i < r.CheckCount; i++) if (r.CheckAnswers[i] > (byte)HumanCheckAnswer.Denied) return false;
            if (CalibrationRecord.Is(r) && !CalibrationRecord.IsWellFormed(r)) return false;
            return !ClockChangeRecord.Is(r) || ClockChangeRecord.IsWellFormed(r);
        }

        // Cursor-style writers over Protocol.LittleEndian (the one little-endian codec): each returns the next position.
        private static int PutU16(byte[] b, int p, int v)
        {
            LittleEndian.WriteU16(b, p, v);
            return p + 2;
        }

        private static int PutU32(byte[] b, int p, uint v)
        {
            LittleEndian.WriteU32(b, p, v);
            return p + 4;
        }

        private static int PutBytes(byte[] b, int p, byte[] source, int count)
        {
            b[p++] = (byte)count;
            return PutRaw(b, p, source, count);
        }

        private static int PutRaw(byte[] b, int p, byte[] source, int count)
        {
            for (int i = 0; i < count; i++) b[p + i] = source[i];
            return p + count;
        }
    }
}
