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
        /// <summary>2 × paired / (measured + registered events on the covered track), permille: 1000 when every event
        /// on both sides pairs (for plots and logs; the decision uses the two tails below).</summary>
        public int ScorePermille;
        /// <summary>Pairs of the alignment: same colour, position within the measured event's tolerance.</summary>
        public int Matched;
        /// <summary>Chance, parts per billion, that an unrelated sheet of the same paper pairs at least
        /// <see cref="Matched"/> of the measured events (Poisson-binomial tail over each event's chance pairing, times
        /// <see cref="Candidates"/>).</summary>
        public int ChancePpb;
        /// <summary>Readings of which mark is which that were aligned (a fast sweep that missed marks); the chance is
        /// multiplied by their number.</summary>
        public int Candidates;
        /// <summary>Chance, parts per million, that the registered sheet itself pairs at most <see cref="Matched"/>
        /// (Poisson-binomial tail over the registered events' detection chances).</summary>
        public int GenuinePpm;
        /// <summary>Pairs a genuine sweep is expected to make (sum of detection chances), tenths.</summary>
        public int ExpectedTenths;
        /// <summary>Measured fibre events on the covered track (outside the mark zones).</summary>
        public int MeasuredCount;
        /// <summary>Registered events on the covered track (outside the mark zones).</summary>
        public int RegisteredCovered;
        /// <summary>Track covered: from the start mark to the last mark seen, 0.5 mm units.</summary>
        public int CoveredUnits;

        public int MarkCount;
        /// <summary>Red-weighted centre time of each mark, ms since the sweep start.</summary>
        public readonly int[] MarkTimeMs = new int[MaxMarks];
        /// <summary>Which printed mark each one is (0 = start mark): a fast sweep can miss one.</summary>
        public readonly int[] MarkIndex = new int[MaxMarks];
        /// <summary>Last position (0.5 mm units) events are placed at: the last mark, or past it by extrapolation.</summary>
        public int PlacedUntilUnits;

        /// <summary>Measured events kept, in order: position (0.5 mm units), FibreColours value, class, tolerance,
        /// index of the registered event it was paired with (-1 for none).</summary>
        public readonly int[] MeasuredPosition = new int[MaxMeasured];
        public readonly int[] MeasuredColour = new int[MaxMeasured];
        public readonly int[] MeasuredClass = new int[MaxMeasured];
        public readonly int[] MeasuredTolerance = new int[MaxMeasured];
        public readonly int[] MatchOf = new int[MaxMeasured];
        /// <summary>Time of each measured event (ms since the sweep start: its centroid), for audits against the true path.</summary>
        public readonly int[] MeasuredTimeMs = new int[MaxMeasured];

        public void Clear()
        {
            Verdict = FingerprintVerdict.NotChecked; Reasons = 0; ScorePermille = 0; Matched = 0;
            MeasuredCount = 0; RegisteredCovered = 0; CoveredUnits = 0; MarkCount = 0; PlacedUntilUnits = 0;
            ChancePpb = 1000000000; GenuinePpm = 1000000; ExpectedTenths = 0; Candidates = 0;
        }

        /// <summary>Position along the track (0.5 mm units) of the head at <paramref name="timeMs"/>, linear between
        /// consecutive marks and at the last segment's speed past the last one; -1 before the first mark or beyond
        /// <see cref="PlacedUntilUnits"/>, or when fewer than two marks were found.</summary>
        public int PositionAt(int timeMs, int pitch)
        {
            int marks = MarkCount < MaxMarks ? MarkCount : MaxMarks;
            if (marks < 2 || timeMs < MarkTimeMs[0]) return -1;
            int k = 0;
            while (k < marks - 2 && timeMs > MarkTimeMs[k + 1]) k++;
            int span = MarkTimeMs[k + 1] - MarkTimeMs[k];
            if (span <= 0) return -1;
            int units = (MarkIndex[k + 1] - MarkIndex[k]) * pitch;
            int p = MarkIndex[k] * pitch + (int)((long)(timeMs - MarkTimeMs[k]) * units / span);
            return p > PlacedUntilUnits ? -1 : p;
        }

        /// <summary>One line for logs, e.g. "Match [None] score=812 matched=14 measured=16 registered=17 marks=7 covered=96mm".</summary>
        public string Summary()
        {
            return FingerprintReason.Verdict(Verdict) + " [" + FingerprintReason.Describe(Reasons) + "] score=" + ScorePermille.ToString()
                + " chance=" + ChancePpb.ToString() + "ppb genuine=" + GenuinePpm.ToString() + "ppm expected=" + (ExpectedTenths / 10).ToString() + "." + (ExpectedTenths % 10).ToString()
                                + " matched=" + Matched.ToString() + " measured=" + MeasuredCount.ToString() + " registered=" + RegisteredCovered.ToString()
                + " marks=" + MarkCount.ToString() + " covered=" + (CoveredUnits / 2).ToString() + "mm";
        }
    }
}
