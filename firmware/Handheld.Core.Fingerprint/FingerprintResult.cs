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
        /// <summary>Track this sweep followed (0 in layout 1), earlier tracks whose evidence the decision includes, and
        /// the track to sweep next when nothing is decided yet (−1: none; layout 2).</summary>
        public int Track;
        public int TracksCombined;
        public int NextTrack = -1;

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
            ChancePpb = 1000000000; GenuinePpm = 1000000; ExpectedTenths = 0; Candidates = 0; SmoothPositions = false;
            Track = 0; TracksCombined = 0; NextTrack = -1;
        }

        /// <summary>True for a track sweep (dense marks, exact mark times): positions between marks follow a monotone
        /// cubic through the marks (the hand's speed changes smoothly) and are rounded; false for the physical sweep's
        /// trace: linear between marks, truncated (revision 2, unchanged).</summary>
        public bool SmoothPositions;

        /// <summary>Position along the track (0.5 mm units) of the head at <paramref name="timeMs"/>, between
        /// consecutive marks (linear, or the monotone cubic of <see cref="SmoothPositions"/>) and at the last segment's
        /// speed past the last one; -1 before the first mark or beyond <see cref="PlacedUntilUnits"/>, or when fewer
        /// than two marks were found.</summary>
        public int PositionAt(int timeMs, int pitch)
        {
            int marks = MarkCount < MaxMarks ? MarkCount : MaxMarks;
            if (marks < 2 || timeMs < MarkTimeMs[0]) return -1;
            int k = 0;
            while (k < marks - 2 && timeMs > MarkTimeMs[k + 1]) k++;
            int span = MarkTimeMs[k + 1] - MarkTimeMs[k];
            if (span <= 0) return -1;
            int units = (MarkIndex[k + 1] - MarkIndex[k]) * pitch;
            long dt = timeMs - MarkTimeMs[k];
            int p;
            if (!SmoothPositions) p = MarkIndex[k] * pitch + (int)(dt * units / span);
            else if (dt >= span) p = MarkIndex[k] * pitch + (int)((dt * units * 2 + span) / (2 * span));
            else p = MarkIndex[k] * pitch + Hermite(k, marks, dt, span, units, pitch);
            return p > PlacedUntilUnits ? -1 : p;
        }

        /// <summary>Cubic Hermite between marks k and k+1 with tangents the harmonic mean of the neighbouring segments'
        /// speeds (Fritsch–Carlson: monotone, no overshoot; the segment's own speed at the ends of the marks seen),
        /// in Q16 fixed point; rounded to units.</summary>
        private int Hermite(int k, int marks, long dt, int span, int units, int pitch)
        {
            long m0 = Tangent(k, marks, pitch), m1 = Tangent(k + 1, marks, pitch);   // units per ms, Q16
            long u = (dt << 16) / span;
            long u2 = (u * u) >> 16, u3 = (u2 * u) >> 16;
            long h10 = u3 - 2 * u2 + u, h01 = 3 * u2 - 2 * u3, h11 = u3 - u2;
            // p = h10·span·m0 + h01·units + h11·span·m1, in Q32 then rounded.
            long q = h10 * span * m0 + (h01 * units << 16) + h11 * span * m1;
            return (int)((q + (1L << 31)) >> 32);
        }

        private long Tangent(int k, int marks, int pitch)
        {
            long da = 0, ta = 0, db = 0, tb = 0;
            if (k > 0) { da = (MarkIndex[k] - MarkIndex[k - 1]) * pitch; ta = MarkTimeMs[k] - MarkTimeMs[k - 1]; }
            if (k < marks - 1) { db = (MarkIndex[k + 1] - MarkIndex[k]) * pitch; tb = MarkTimeMs[k + 1] - MarkTimeMs[k]; }
            if (ta <= 0 || da <= 0) return tb <= 0 ? 0 : (db << 16) / tb;
            if (tb <= 0 || db <= 0) return (da << 16) / ta;
            // Harmonic mean of da/ta and db/tb: 2·da·db / (ta·db + tb·da).
            return (2 * da * db << 16) / (ta * db + tb * da);
        }

        /// <summary>One line for logs, e.g. "Match [None] score=812 matched=14 measured=16 registered=17 marks=7 covered=96mm".</summary>
        public string Summary()
        {
            return FingerprintReason.Verdict(Verdict) + " [" + FingerprintReason.Describe(Reasons) + "] score=" + ScorePermille.ToString()
                + " chance=" + ChancePpb.ToString() + "ppb genuine=" + GenuinePpm.ToString() + "ppm expected=" + (ExpectedTenths / 10).ToString() + "." + (ExpectedTenths % 10).ToString()
                                + " matched=" + Matched.ToString() + " measured=" + MeasuredCount.ToString() + " registered=" + RegisteredCovered.ToString()
                + " marks=" + MarkCount.ToString() + " covered=" + (CoveredUnits / 2).ToString() + "mm"
                + (Track > 0 || TracksCombined > 0 || NextTrack >= 0 ? " track=" + Track.ToString() + " combined=" + TracksCombined.ToString() + " next=" + NextTrack.ToString() : "");
        }
    }
}
