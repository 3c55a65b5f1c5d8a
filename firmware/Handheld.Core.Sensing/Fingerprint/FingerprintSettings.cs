namespace Handheld.Core.Fingerprint
{
    /// <summary>Thresholds of the fingerprint comparison (figures and how they were chosen: README.md).</summary>
    public sealed class FingerprintSettings
    {
        /// <summary>Smallest position tolerance of a match, 0.5 mm units (±2 mm: a sample at 40 mm/s is 1.8 mm; ±1.5 mm
        /// rejected 45 % of genuine sweeps in the simulator against 30 % at ±2 mm, forged blanks stayed below 450).</summary>
        public int ToleranceUnits = 4;
        /// <summary>Marks and their neighbourhood are left out on both sides: the mark light reaches the blue and
        /// green bands and hides fibres under it. Half-width of the excluded zone, 0.5 mm units (2.5 mm: the
        /// 1 mm bar plus the 1.5 mm spot radius).</summary>
        public int MarkGuardUnits = 5;
        /// <summary>Measured events this close (0.5 mm units) are one crossing the analysis split by colour.</summary>
        public int SameEventUnits = 2;
        /// <summary>Registered events the covered part of the track must hold before a score is trusted.</summary>
        public int MinCoveredEvents = 5;
        /// <summary>Score (permille) at or above which the sheet matches: above the 99th percentile of other
        /// sheets of the same paper in the simulator (430 at seed 101).</summary>
        public int MatchThresholdPermille = 450;
        /// <summary>Score below which the sheet does not match (about the median of other sheets, 235); between the
        /// two the comparison is inconclusive: the inspector sweeps again rather than a genuine sheet being called
        /// a forgery on a weak sweep.</summary>
        public int MismatchBelowPermille = 250;
        /// <summary>A sample is inside a mark when its red excess exceeds this share of the brightest mark's excess.</summary>
        public int MarkLevelPermille = 250;
        /// <summary>Marks must stand this many times above the typical red step between neighbouring samples.</summary>
        public int MarkNoiseFactor = 12;
        /// <summary>…and at least this much above the red background, cps16.</summary>
        public int MarkMinExcessCps16 = 64;

        public static FingerprintSettings Default() { return new FingerprintSettings(); }
    }
}
