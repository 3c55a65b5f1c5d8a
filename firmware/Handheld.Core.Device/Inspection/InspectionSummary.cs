using Handheld.Core.Ports;

namespace Handheld.Core.Inspection
{
    /// <summary>
    /// Everything one finished inspection hands to the record log. The controller owns one instance and
    /// refills it each time (the record sink must copy what it keeps).
    /// </summary>
    public sealed class InspectionSummary
    {
        public Outcome Outcome;
        /// <summary><see cref="VerdictReason"/> bits.</summary>
        public int Reasons;
        /// <summary>Wall-clock time of the verdict (0 when unset) and how it was obtained.</summary>
        public long UnixSeconds;
        public ClockSource ClockSource;
        public byte[] LicenceNumber;
        public readonly byte[] PayloadHash = new byte[32];
        public PhysicalFinding PhysicalFinding;
        public int PhysicalDetailCode;
        public int BackgroundBlue;
        public int FibresBlue;
        public int FibresGreen;
        public int FibresRed;
        /// <summary>The fingerprint comparison (NotChecked when the licence registers none), its chance bound (ppb) and
        /// the track sweeps made for it.</summary>
        public Handheld.Core.Fingerprint.FingerprintVerdict Fingerprint;
        public int FingerprintChancePpb;
        public int FingerprintTrackSweeps;
        public readonly PromptAnswer[] Answers = new PromptAnswer[HumanChecklist.PromptCount];
        /// <summary>Inspector id (set at login/pairing; 0 when unknown).</summary>
        public int InspectorId;
        /// <summary>Milliseconds from the start button to the verdict.</summary>
        public int DurationMs;
    }
}
