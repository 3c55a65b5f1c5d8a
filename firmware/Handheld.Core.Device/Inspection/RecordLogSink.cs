using Handheld.Core.Records;

namespace Handheld.Core.Inspection
{
    /// <summary>
    /// <see cref="IRecordSink"/> over Records.RecordLog: turns the controller's summary into an
    /// InspectionRecord (one reused instance) and appends it. Mapping (stable, part of the record contents):
    /// Outcome = <see cref="Outcome"/> value; each <see cref="VerdictReason"/> bit i is reason code i + 1;
    /// figures use the <c>Figure*</c> tags below; answers are stored in prompt order (micro-text, hologram,
    /// thermochromic) as Confirmed/Denied/Skipped, a timeout stored as Skipped (its reason bit says so), and
    /// prompts never asked (short-circuited verdict) not stored at all.
    /// </summary>
    public sealed class RecordLogSink : IRecordSink
    {
        public const ushort FigurePhysicalFinding = 1;
        public const ushort FigurePhysicalDetail = 2;
        public const ushort FigureBackgroundBlue = 3;
        public const ushort FigureFibresBlue = 4;
        public const ushort FigureFibresGreen = 5;
        public const ushort FigureFibresRed = 6;
        public const ushort FigureDurationMs = 7;
        /// <summary>Only when the licence registers a fibre fingerprint: the comparison (FingerprintVerdict: 1 Match,
        /// 2 Mismatch, 3 Unreadable, 4 Inconclusive), its chance bound in ppb, the track sweeps made.</summary>
        public const ushort FigureFingerprint = 8;
        public const ushort FigureFingerprintChancePpb = 9;
        public const ushort FigureFingerprintTrackSweeps = 10;

        private readonly RecordLog _log;
        private readonly InspectionRecord _record = new InspectionRecord();
        private readonly byte[] _deviceId;
        private readonly byte[] _inspector = new byte[12];
        private readonly uint _firmwareVersion;

        /// <summary>Result of the last append (the firmware tells the inspector to sync on OkStorageLow/FullUnsynced).</summary>
        public AppendResult LastResult;

        public RecordLogSink(RecordLog log, byte[] deviceId, uint firmwareVersion)
        {
            _log = log;
            _deviceId = deviceId;
            _firmwareVersion = firmwareVersion;
        }

        public bool Append(InspectionSummary s)
        {
            InspectionRecord r = _record;
            r.Clear();
            r.UnixSeconds = s.UnixSeconds;
            r.Clock = s.ClockSource;
            r.SetDeviceId(_deviceId, 0, _deviceId.Length);
            if (s.LicenceNumber != null)
            {
                // The payload's UTF-8 bytes, stored as they are (a string round trip could change them on nanoCLR).
                r.SetLicenceNumber(s.LicenceNumber, 0, s.LicenceNumber.Length);
            }
            for (int i = 0; i < 32; i++) r.PayloadHash[i] = s.PayloadHash[i];
            r.Outcome = (byte)s.Outcome;
            for (int i = 0; i < VerdictReason.Count; i++)
            {
                if ((s.Reasons & (1 << i)) != 0) r.AddReason((ushort)(i + 1));
            }
            r.AddFigure(FigurePhysicalFinding, (int)s.PhysicalFinding);
            r.AddFigure(FigurePhysicalDetail, s.PhysicalDetailCode);
            r.AddFigure(FigureBackgroundBlue, s.BackgroundBlue);
            r.AddFigure(FigureFibresBlue, s.FibresBlue);
            r.AddFigure(FigureFibresGreen, s.FibresGreen);
            r.AddFigure(FigureFibresRed, s.FibresRed);
            r.AddFigure(FigureDurationMs, s.DurationMs);
            if (s.Fingerprint != Handheld.Core.Fingerprint.FingerprintVerdict.NotChecked)
            {
                r.AddFigure(FigureFingerprint, (int)s.Fingerprint);
                r.AddFigure(FigureFingerprintChancePpb, s.FingerprintChancePpb);
                r.AddFigure(FigureFingerprintTrackSweeps, s.FingerprintTrackSweeps);
            }
            for (int i = 0; i < HumanChecklist.PromptCount; i++)
            {
                PromptAnswer a = s.Answers[i];
                if (a == PromptAnswer.NotAsked) break;
                r.AddCheckAnswer(a == PromptAnswer.Confirmed ? HumanCheckAnswer.Confirmed
                    : a == PromptAnswer.Denied ? HumanCheckAnswer.Denied : HumanCheckAnswer.Skipped);
            }
            if (s.InspectorId != 0)
            {
                int len = WriteDecimal(s.InspectorId, _inspector);
                r.SetInspectorId(_inspector, 0, len);
            }
            r.FirmwareVersion = _firmwareVersion;
            LastResult = _log.Append(r);
            return LastResult == AppendResult.Ok || LastResult == AppendResult.OkStorageLow;
        }

        private static int WriteDecimal(int value, byte[] into)
        {
            if (value < 0) value = -value;
            int n = 0;
            do { into[n++] = (byte)('0' + value % 10); value /= 10; } while (value > 0 && n < into.Length);
            for (int i = 0, j = n - 1; i < j; i++, j--) { byte t = into[i]; into[i] = into[j]; into[j] = t; }
            return n;
        }
    }
}
