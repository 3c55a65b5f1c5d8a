using Handheld.Core.Ports;

namespace Handheld.Core.Records
{
    /// <summary>
    /// One inspection as stored in the record log (docs/record-format.md). Mutable with fixed-capacity
    /// buffers so one instance is reused for every inspection without allocation. The log assigns
    /// <see cref="Sequence"/> and <see cref="PreviousHash"/> and computes <see cref="Mac"/> on append.
    /// </summary>
    public sealed class InspectionRecord
    {
        /// <summary>Largest device id in bytes.</summary>
        public const int MaxDeviceIdBytes = 32;
        /// <summary>Largest licence number in UTF-8 bytes.</summary>
        public const int MaxLicenceBytes = 64;
        /// <summary>Largest inspector id in bytes.</summary>
        public const int MaxInspectorIdBytes = 32;
        /// <summary>Most reason codes per record.</summary>
        public const int MaxReasons = 16;
        /// <summary>Most measured figures per record.</summary>
        public const int MaxFigures = 24;
        /// <summary>Most human-check answers per record.</summary>
        public const int MaxChecks = 8;

        /// <summary>Creates an empty record with all buffers allocated.</summary>
        public InspectionRecord()
        {
            DeviceId = new byte[MaxDeviceIdBytes];
            LicenceNumber = new byte[MaxLicenceBytes];
            PayloadHash = new byte[32];
            Reasons = new ushort[MaxReasons];
            FigureTags = new ushort[MaxFigures];
            FigureValues = new int[MaxFigures];
            InspectorId = new byte[MaxInspectorIdBytes];
            CheckAnswers = new byte[MaxChecks];
            PreviousHash = new byte[32];
            Mac = new byte[32];
        }

        /// <summary>Position in the device's log, from 1, never reused.</summary>
        public uint Sequence;
        /// <summary>Wall-clock time of the verdict (0 when the clock was unset).</summary>
        public long UnixSeconds;
        /// <summary>How trustworthy <see cref="UnixSeconds"/> is.</summary>
        public ClockSource Clock;
        /// <summary>Device id bytes (first <see cref="DeviceIdLength"/>).</summary>
        public readonly byte[] DeviceId;
        /// <summary>Length of the device id (1..32).</summary>
        public int DeviceIdLength;
        /// <summary>Licence number, UTF-8 (first <see cref="LicenceLength"/> bytes).</summary>
        public readonly byte[] LicenceNumber;
        /// <summary>Length of the licence number (0..64; 0 when no QR was read).</summary>
        public int LicenceLength;
        /// <summary>SHA-256 of the scanned QR payload (zeros when none).</summary>
        public readonly byte[] PayloadHash;
        /// <summary>Verdict outcome code (see docs/record-format.md).</summary>
        public byte Outcome;
        /// <summary>Reason codes (first <see cref="ReasonCount"/>).</summary>
        public readonly ushort[] Reasons;
        /// <summary>Number of reason codes.</summary>
        public int ReasonCount;
        /// <summary>Measured-figure tags (first <see cref="FigureCount"/>).</summary>
        public readonly ushort[] FigureTags;
        /// <summary>Measured-figure values, same index as the tags.</summary>
        public readonly int[] FigureValues;
        /// <summary>Number of measured figures.</summary>
        public int FigureCount;
        /// <summary>Inspector id bytes (first <see cref="InspectorIdLength"/>).</summary>
        public readonly byte[] InspectorId;
        /// <summary>Length of the inspector id (0..32).</summary>
        public int InspectorIdLength;
        /// <summary>Human-check answers as <see cref="HumanCheckAnswer"/> bytes (first <see cref="CheckCount"/>).</summary>
        public readonly byte[] CheckAnswers;
        /// <summary>Number of human-check answers.</summary>
        public int CheckCount;
        /// <summary>Firmware version (major &lt;&lt; 24 | minor &lt;&lt; 16 | patch).</summary>
        public uint FirmwareVersion;
        /// <summary>SHA-256 of the previous record's encoding (zeros for the first record of a device).</summary>
        public readonly byte[] PreviousHash;
        /// <summary>HMAC-SHA256 under the device key of everything before it.</summary>
        public readonly byte[] Mac;

        /// <summary>Empties every field (buffers kept).</summary>
        public void Clear()
        {
            Sequence = 0;
            UnixSeconds = 0;
            Clock = ClockSource.Unset;
            DeviceIdLength = 0;
            LicenceLength = 0;
            Fill(PayloadHash, 0);
            Outcome = 0;
            ReasonCount = 0;
            FigureCount = 0;
            InspectorIdLength = 0;
            CheckCount = 0;
            FirmwareVersion = 0;
            Fill(PreviousHash, 0);
            Fill(Mac, 0);
        }

        /// <summary>Sets the device id; false when longer than 32 bytes.</summary>
        public bool SetDeviceId(byte[] source, int offset, int count)
        {
            if (count < 0 || count > MaxDeviceIdBytes) return false;
            Copy(source, offset, DeviceId, count);
            DeviceIdLength = count;
            return true;
        }

        /// <summary>Sets the licence number (UTF-8 bytes); false when longer than 64 bytes.</summary>
        public bool SetLicenceNumber(byte[] source, int offset, int count)
        {
            if (count < 0 || count > MaxLicenceBytes) return false;
            Copy(source, offset, LicenceNumber, count);
            LicenceLength = count;
            return true;
        }

        /// <summary>Sets the inspector id; false when longer than 32 bytes.</summary>
        public bool SetInspectorId(byte[] source, int offset, int count)
        {
            if (count < 0 || count > MaxInspectorIdBytes) return false;
            Copy(source, offset, InspectorId, count);
            InspectorIdLength = count;
            return true;
        }

        /// <summary>Appends a reason code; false when full.</summary>
        public bool AddReason(ushort code)
        {
            if (ReasonCount >= MaxReasons) return false;
            Reasons[ReasonCount++] = code;
            return true;
        }

        /// <summary>Appends a measured figure; false when full.</summary>
        public bool AddFigure(ushort tag, int value)
        {
            if (FigureCount >= MaxFigures) return false;
            FigureTags[FigureCount] = tag;
            FigureValues[FigureCount] = value;
            FigureCount++;
            return true;
        }

        /// <summary>Appends a human-check answer; false when full.</summary>
        public bool AddCheckAnswer(HumanCheckAnswer answer)
        {
            if (CheckCount >= MaxChecks) return false;
            CheckAnswers[CheckCount++] = (byte)answer;
            return true;
        }

        private static void Copy(byte[] source, int offset, byte[] target, int count)
        {
            for (int i = 0; i < count; i++) target[i] = source[offset + i];
        }

        private static void Fill(byte[] target, byte value)
        {
            for (int i = 0; i < target.Length; i++) target[i] = value;
        }
    }
}
