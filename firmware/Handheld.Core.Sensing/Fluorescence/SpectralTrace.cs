namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// The AS7341 filters a <see cref="SweepTrace"/> does not hold, per sample and index-aligned with it: each
    /// sample was read under a spectral SMUX configuration (<see cref="Half"/>), which adds two filters to the
    /// fluorescence bands (F2, F4, F7, Clear) every sample has: SpectrumJoint adds F1 (415 nm) and F5 (555 nm)
    /// on every sample (the default); the alternating layout adds F1 and F3 (480 nm) under SpectrumA and
    /// F5 and F6 (590 nm) under SpectrumB. Values are UV-on minus the interpolated UV-off of the same
    /// configuration, cps16, without the per-band calibration (it covers the four fluorescence bands only).
    /// Allocated once with the trace's capacity.
    /// </summary>
    public sealed class SpectralTrace
    {
        /// <summary>Half: the sample has no spectral channels (another channel set, or a fault).</summary>
        public const byte HalfNone = 0;
        /// <summary>Half: First = F1, Second = F3.</summary>
        public const byte HalfA = 1;
        /// <summary>Half: First = F5, Second = F6.</summary>
        public const byte HalfB = 2;
        /// <summary>Half: First = F1, Second = F5 (SpectrumJoint, every sample).</summary>
        public const byte HalfJoint = 3;

        public SpectralTrace(int capacity)
        {
            Half = new byte[capacity];
            First = new int[capacity];
            Second = new int[capacity];
            SigmaFirst = new int[capacity];
            SigmaSecond = new int[capacity];
        }

        public int Capacity { get { return Half.Length; } }

        /// <summary>Number of samples (equals the SweepTrace's Count after a sweep).</summary>
        public int Count;

        public readonly byte[] Half;
        /// <summary>ADC0: F1 under HalfA, F5 under HalfB, F1 under HalfJoint, cps16.</summary>
        public readonly int[] First;
        /// <summary>ADC5: F3 under HalfA, F6 under HalfB, F5 under HalfJoint, cps16.</summary>
        public readonly int[] Second;
        /// <summary>Predicted noise sigma of First and Second (same model as SweepTrace.SigmaBlue), cps16.</summary>
        public readonly int[] SigmaFirst;
        public readonly int[] SigmaSecond;

        public void Reset() { Count = 0; }

        /// <summary>Appends a sample; false (nothing stored) when full.</summary>
        public bool Add(byte half, int first, int second, int sigmaFirst, int sigmaSecond)
        {
            int i = Count;
            if (i >= Half.Length) return false;
            Half[i] = half; First[i] = first; Second[i] = second; SigmaFirst[i] = sigmaFirst; SigmaSecond[i] = sigmaSecond;
            Count = i + 1;
            return true;
        }
    }
}
