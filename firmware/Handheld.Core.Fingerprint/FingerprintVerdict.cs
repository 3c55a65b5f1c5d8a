using Handheld.Core.Text;

namespace Handheld.Core.Fingerprint
{
    /// <summary>Outcome of aligning the sweep's fibre events with the registered fingerprint.</summary>
    public enum FingerprintVerdict
    {
        /// <summary>No fingerprint registered (or not run).</summary>
        NotChecked = 0,
        /// <summary>Score at or above the decision threshold: the sheet carries the registered fibres.</summary>
        Match = 1,
        /// <summary>Score below the threshold over enough of the track: not the registered sheet.</summary>
        Mismatch = 2,
        /// <summary>The sweep could not be aligned (marks not found, too little of the track covered, sweep unusable).</summary>
        Unreadable = 3,
        /// <summary>Score between the mismatch and the match thresholds: neither proven; sweep again.</summary>
        Inconclusive = 4
    }

    /// <summary>Reason codes of the fingerprint comparison, as bit flags.</summary>
    public static class FingerprintReason
    {
        public const int None = 0;
        /// <summary>Fewer than two track marks found in the red band.</summary>
        public const int MarksNotFound = 1;
        /// <summary>More marks than the layout prints (a red fibre, a lift-off in daylight): positions would be wrong.</summary>
        public const int TooManyMarks = 2;
        /// <summary>The marks seen cover fewer registered events than the minimum (sweep too slow or started late).</summary>
        public const int TooLittleTrackCovered = 4;
        /// <summary>The physical sweep was gated (sensor fault, too few valid samples).</summary>
        public const int SweepUnusable = 8;
        /// <summary>The match score is below the mismatch threshold.</summary>
        public const int FingerprintMismatch = 16;
        /// <summary>The match score lies between the mismatch and the match thresholds.</summary>
        public const int ScoreInconclusive = 32;
        /// <summary>The whole track was covered, but even every registered event on it paired would not reach the match
        /// bound: the head's steps between samples were too long (a fast sweep) or the sheet has too few events.</summary>
        public const int TooCoarseToProve = 64;
        /// <summary>Layout 2: the sweep did not run the whole track, from before its start mark past its last mark (too
        /// slow, or started late): it is not compared, the same track is to be swept again (faster).</summary>
        public const int SweepTooShort = 128;

        private static readonly string[] Names = { "MarksNotFound", "TooManyMarks", "TooLittleTrackCovered", "SweepUnusable", "FingerprintMismatch", "ScoreInconclusive", "TooCoarseToProve", "SweepTooShort" };

        public static string Describe(int reasons)
        {
            return FlagNames.Describe(reasons, Names, "None");
        }

        public static string Verdict(FingerprintVerdict v)
        {
            if (v == FingerprintVerdict.Match) return "Match";
            if (v == FingerprintVerdict.Mismatch) return "Mismatch";
            if (v == FingerprintVerdict.Unreadable) return "Unreadable";
            if (v == FingerprintVerdict.Inconclusive) return "Inconclusive";
            return "NotChecked";
        }
    }
}
