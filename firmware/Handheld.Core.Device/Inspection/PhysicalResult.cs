using Handheld.Core.Fingerprint;

namespace Handheld.Core.Inspection
{
    /// <summary>Outcome of the UV fluorescence sweep as the verdict sees it.</summary>
    public enum PhysicalFinding : byte
    {
        /// <summary>Not measured (yet), or aborted.</summary>
        NotMeasured = 0,
        /// <summary>UV-dull paper with the declared fibres: consistent with security paper.</summary>
        Consistent = 1,
        /// <summary>The paper contradicts the licence (bright brightener, missing or wrong fibres).</summary>
        Inconsistent = 2,
        /// <summary>Measured, but not enough to decide (too much ambient light, sheet not held, too short).</summary>
        Inconclusive = 3,
        /// <summary>The sensor or lamp failed (NACK, wrong identity, lamp current out of range).</summary>
        SensorFault = 4,
    }

    /// <summary>The sweep's result plus the few figures stored in the record. Reused between inspections.</summary>
    public sealed class PhysicalResult
    {
        public PhysicalFinding Finding;

        /// <summary>The physical stage's own code, stored as is: Fluorescence.PhysicalReason flags after an analysis, the SamplerFault number after a sampler fault.</summary>
        public int DetailCode;

        /// <summary>Extra <see cref="VerdictReason"/> bits (e.g. LampFault) the stage wants recorded.</summary>
        public int Reasons;

        /// <summary>Paper background under UV (blue band median), cps16.</summary>
        public int BackgroundBlue;

        /// <summary>Number of fibre events seen (blue, green, red).</summary>
        public int FibresBlue;
        public int FibresGreen;
        public int FibresRed;

        /// <summary>Number of UV on/off sample pairs taken.</summary>
        public int Samples;

        /// <summary>The registered fingerprint to align the sweep with (the digital result's, set by the controller
        /// before the sweep; null or Count 0 when the licence has none).</summary>
        public RegisteredFibres Registered;

        /// <summary>Outcome of the fingerprint comparison (NotChecked without a registered fingerprint).</summary>
        public FingerprintVerdict Fingerprint;

        /// <summary>Fingerprint match score, permille (FingerprintResult.ScorePermille).</summary>
        public int FingerprintScore;

        /// <summary>The fingerprint decision's chance bound, parts per billion (FingerprintResult.ChancePpb; 10⁹ when
        /// nothing was compared), and the track sweeps made for it (layout 2: up to 4 tracks, repeats included).</summary>
        public int FingerprintChancePpb;
        public int FingerprintTrackSweeps;

        public void Reset()
        {
            Finding = PhysicalFinding.NotMeasured;
            DetailCode = 0;
            Reasons = 0;
            BackgroundBlue = 0;
            FibresBlue = 0;
            FibresGreen = 0;
            FibresRed = 0;
            Samples = 0;
            Registered = null;
            Fingerprint = FingerprintVerdict.NotChecked;
            FingerprintScore = 0;
            FingerprintChancePpb = 0;
            FingerprintTrackSweeps = 0;
        }
    }
}
