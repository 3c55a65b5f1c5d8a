namespace Handheld.Core.Fingerprint
{
    /// <summary>
    /// What the comparison of one sweep with the registered fingerprint found, with the aligned events (for plots
    /// and audits). Allocated once and refilled by <see cref="FingerprintMatcher.Run"/>.
    /// </summary>
    public sealed class FingerprintResult
    {
        public const int MaxMarks = 16;
        public const int MaxMeasured = 48;

        public FingerprintVerdict Verdict;
        /// <summary><see cref="FingerprintReason"/> flags.</summary>
        public int Reasons;
        /// <summary>2 × (sum of match weights, each ≤ 100) / (measured + registered events) × 10: 1000 when every
        /// event on both sides pairs at the exact position, colour and class.</summary>
        public int ScorePermille;
        public int Matched;
        /// <summary>Measured fibre events on the covered track (outside the mark zones).</summary>
        public int MeasuredCount;
        /// <summary>Registered events on the covered track (outside the mark zones).</summary>
        public int RegisteredCovered;
        /// <summary>Track covered: from the start mark to the last mark seen, 0.5 mm units.</summary>
        public int CoveredUnits;

        public int MarkCount;
        /// <summary>Red-weighted centre time of each mark, ms since the sweep start.</summary>
        public readonly int[] MarkTimeMs = new int[MaxMarks];

        /// <summary>Measured events kept, in order: position (0.5 mm units), FibreColours value, class, tolerance,
        /// index of the registered event it was paired with (-1 for none).</summary>
        public readonly int[] MeasuredPosition = new int[MaxMeasured];
        public readonly int[] MeasuredColour = new int[MaxMeasured];
        public readonly int[] MeasuredClass = new int[MaxMeasured];
        public readonly int[] MeasuredTolerance = new int[MaxMeasured];
        public readonly int[] MatchOf = new int[MaxMeasured];

        public void Clear()
        {
            Verdict = FingerprintVerdict.NotChecked; Reasons = 0; ScorePermille = 0; Matched = 0;
            MeasuredCount = 0; RegisteredCovered = 0; CoveredUnits = 0; MarkCount = 0;
        }

        /// <summary>One line for logs, e.g. "Match [None] score=812 matched=14 measured=16 registered=17 marks=7 covered=96mm".</summary>
        public string Summary()
        {
            return FingerprintReason.Verdict(Verdict) + " [" + FingerprintReason.Describe(Reasons) + "] score=" + ScorePermille.ToString()
                + " matched=" + Matched.ToString() + " measured=" + MeasuredCount.ToString() + " registered=" + RegisteredCovered.ToString()
                + " marks=" + MarkCount.ToString() + " covered=" + (CoveredUnits / 2).ToString() + "mm";
        }
    }
}
