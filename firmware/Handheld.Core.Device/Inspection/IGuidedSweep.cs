namespace Handheld.Core.Inspection
{
    /// <summary>
    /// A physical check whose later sweeps need the inspector to place the device first: the fibre fingerprint's
    /// tracks (layout 2: one along each sheet edge, docs/licence-format.md §2.4). The controller shows which track
    /// is next, steps the check only after OK, and gives up on the remaining tracks after a timeout or NO (the
    /// fingerprint is then not confirmed: never GENUINE).
    /// </summary>
    public interface IGuidedSweep
    {
        /// <summary>The track (0 bottom, 1 top, 2 left, 3 right edge) waiting for the inspector's OK; −1 when none.</summary>
        int AwaitingTrack { get; }

        /// <summary>True when <see cref="AwaitingTrack"/> is the track just swept: that sweep could not be compared (too
        /// short or too slow, marks not found) and is to be made again, over the whole track.</summary>
        bool AwaitingRepeat { get; }

        /// <summary>Tracks the licence registers (1 or 4), for "track n of N".</summary>
        int TrackCount { get; }

        /// <summary>Sweeps made so far in this inspection (the physical sweep and each track sweep).</summary>
        int SweepsMade { get; }

        /// <summary>The inspector placed the device on <see cref="AwaitingTrack"/>: the next Step sweeps it.</summary>
        void Confirm();

        /// <summary>No more tracks: the next Step analyses what was swept (the fingerprint stays undecided or worse).</summary>
        void SkipRemainingTracks();
    }
}
