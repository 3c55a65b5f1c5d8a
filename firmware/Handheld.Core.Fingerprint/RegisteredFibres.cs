namespace Handheld.Core.Fingerprint
{
    /// <summary>
    /// The fibre events a licence registers along the sweep track (filled from Licensing.FibreFingerprint by the
    /// device ring), with the track's mark layout. Allocated once; <see cref="Count"/> 0 means the licence carries
    /// no fingerprint and the inspection behaves as before.
    /// </summary>
    public sealed class RegisteredFibres
    {
        public const int Capacity = 60;

        /// <summary>Position along its track from the track's start mark, 0.5 mm units.</summary>
        public readonly int[] Positions = new int[Capacity];
        /// <summary>Track of each event (0 in layout 1; 0–3 in layout 2, in order).</summary>
        public readonly int[] Tracks = new int[Capacity];
        /// <summary>Fluorescence.FibreColours value (Blue 1, Green 2).</summary>
        public readonly int[] Colours = new int[Capacity];
        /// <summary>Intensity class 0 weak, 1 medium, 2 strong.</summary>
        public readonly int[] Classes = new int[Capacity];
        public int Count;
        /// <summary>Distance between marks, 0.5 mm units.</summary>
        public int MarkPitchUnits;
        /// <summary>Marks printed along the track (the first at position 0).</summary>
        public int MarkCount;
        /// <summary>Tracks the licence registers (1 in layout 1, 4 in layout 2); every track has the same marks.</summary>
        public int TrackCount = 1;

        public void Clear()
        {
            Count = 0;
            TrackCount = 1;
            MarkPitchUnits = 0;
            MarkCount = 0;
        }

        /// <summary>Appends one event on track 0; false when full.</summary>
        public bool Add(int position, int colour, int intensityClass) { return AddOnTrack(0, position, colour, intensityClass); }

        /// <summary>Appends one event; false when full.</summary>
        public bool AddOnTrack(int track, int position, int colour, int intensityClass)
        {
            if (Count >= Capacity) return false;
            Positions[Count] = position;
            Tracks[Count] = track;
            Colours[Count] = colour;
            Classes[Count] = intensityClass;
            Count++;
            return true;
        }
    }
}
