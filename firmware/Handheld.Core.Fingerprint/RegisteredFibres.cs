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

        public readonly int[] Positions = new int[Capacity];
        /// <summary>Fluorescence.FibreColours value (Blue 1, Green 2).</summary>
        public readonly int[] Colours = new int[Capacity];
        /// <summary>Intensity class 0 weak, 1 medium, 2 strong.</summary>
        public readonly int[] Classes = new int[Capacity];
        public int Count;
        /// <summary>Distance between marks, 0.5 mm units.</summary>
        public int MarkPitchUnits;
        /// <summary>Marks printed along the track (the first at position 0).</summary>
        public int MarkCount;

        public void Clear()
        {
            Count = 0;
            MarkPitchUnits = 0;
            MarkCount = 0;
        }

        /// <summary>Appends one event; false when full.</summary>
        public bool Add(int position, int colour, int intensityClass)
        {
            if (Count >= Capacity) return false;
            Positions[Count] = position;
            Colours[Count] = colour;
            Classes[Count] = intensityClass;
            Count++;
            return true;
        }
    }
}
