namespace Handheld.Core.Fingerprint
{
    /// <summary>
    /// What <see cref="TrackExtractor"/> found in one track-mode sweep: the red track marks and the blue and green
    /// fibre crossings, each with a sub-sample time (centroid of its excess over the local baseline). Allocated once
    /// and refilled; <see cref="FingerprintMatcher.Run(TrackEvents, RegisteredFibres, FingerprintResult)"/> places
    /// and aligns them.
    /// </summary>
    public sealed class TrackEvents
    {
        public const int MaxEvents = FingerprintResult.MaxMeasured;

        /// <summary>The sweep cannot be used (sampler fault, too few samples, a flagged trace).</summary>
        public bool Unusable;
        /// <summary>Samples of the trace, and its mean sample period, ms.</summary>
        public int Samples;
        public int SamplePeriodMs;
        /// <summary>Time of the last sample, ms since the sweep start.</summary>
        public int EndMs;

        /// <summary>Marks found (may exceed FingerprintResult.MaxMarks: only the first are stored).</summary>
        public int MarkCount;
        /// <summary>Centroid time of each mark's red excess, ms; first and last sample time of its run.</summary>
        public readonly int[] MarkTimeMs = new int[FingerprintResult.MaxMarks];
        public readonly int[] MarkStartMs = new int[FingerprintResult.MaxMarks];
        public readonly int[] MarkEndMs = new int[FingerprintResult.MaxMarks];

        /// <summary>Fibre crossings in time order: centroid time (ms), FibreColours value, peak excess in the colour's
        /// band (cps16), and the first and last sample time of the run.</summary>
        public int EventCount;
        public readonly int[] EventTimeMs = new int[MaxEvents];
        public readonly int[] EventColour = new int[MaxEvents];
        public readonly int[] EventPeak = new int[MaxEvents];
        public readonly int[] EventStartMs = new int[MaxEvents];
        public readonly int[] EventEndMs = new int[MaxEvents];

        public void Clear()
        {
            Unusable = false; Samples = 0; SamplePeriodMs = 0; EndMs = 0; MarkCount = 0; EventCount = 0;
        }
    }
}
