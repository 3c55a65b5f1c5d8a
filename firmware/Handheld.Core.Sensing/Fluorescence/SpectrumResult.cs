namespace Handheld.Core.Fluorescence
{
    /// <summary>What <see cref="SpectrumCheck"/> found for one sweep. Allocated once, refilled by each check.</summary>
    public sealed class SpectrumResult
    {
        /// <summary>The sensor reads no spectra (TCS34725, or no spectral trace): check not available, no effect on the verdict.</summary>
        public const int StatusNotAvailable = 0;
        /// <summary>No fibres expected: nothing to compare.</summary>
        public const int StatusNotApplicable = 1;
        /// <summary>Spectra compared (see the counts).</summary>
        public const int StatusChecked = 2;
        /// <summary>A fibre colour the licence expects has no declared spectrum (or the catalogue was unreadable): fail closed.</summary>
        public const int StatusNotDeclared = 3;

        public int Status;
        /// <summary>Events with a spectrum precise enough to judge, and how many of them mismatch.</summary>
        public int UsableEvents, MismatchEvents;
        /// <summary>Events whose spectrum could not be measured or was too noisy.</summary>
        public int UnusableEvents;
        /// <summary>Events touching the sweep's first or last sample, left out (counted with the unusable ones).</summary>
        public int EdgeEvents;
        /// <summary>Per stored event (PhysicalCheckResult order): distance to the declared spectra (permille,
        /// −1 = unusable), the noise it was judged with and the mismatch limit it was held to.</summary>
        public readonly int[] EventDistance = new int[PhysicalCheckResult.MaxEvents];
        public readonly int[] EventNoise = new int[PhysicalCheckResult.MaxEvents];
        public readonly int[] EventLimit = new int[PhysicalCheckResult.MaxEvents];
        /// <summary>Per stored event: broadening against its colour's declared spectrum, hundredths of a sigma.</summary>
        public readonly int[] EventBroadening = new int[PhysicalCheckResult.MaxEvents];
        /// <summary>Number of entries filled in the arrays above.</summary>
        public int EventCount;
        /// <summary>Pooled spectra per colour (0 blue, 1 green, 2 red: the events PhysicalCheck gave that colour,
        /// summed): events pooled, distance (−1 = not judged), noise and limit; how many were judged and mismatched.</summary>
        public readonly int[] PoolEvents = new int[3];
        public readonly int[] PoolDistance = new int[3];
        public readonly int[] PoolNoise = new int[3];
        public readonly int[] PoolLimit = new int[3];
        /// <summary>Broadening of each pool against its colour's declared spectrum (SpectrumMatch.BroadeningCenti).</summary>
        public readonly int[] PoolBroadening = new int[3];
        public int UsablePools, MismatchPools;
        /// <summary>Broadening of the judged pools combined (Σ z / √k), hundredths of a sigma; mismatch above
        /// SpectrumSettings.BroadeningLimitCenti.</summary>
        public int Broadening;

        public void Clear()
        {
            Status = StatusNotAvailable; UsableEvents = 0; MismatchEvents = 0; UnusableEvents = 0; EdgeEvents = 0; EventCount = 0; UsablePools = 0; MismatchPools = 0; Broadening = 0;
            for (int p = 0; p < 3; p++) { PoolEvents[p] = 0; PoolDistance[p] = -1; PoolNoise[p] = 0; PoolLimit[p] = 0; PoolBroadening[p] = 0; }
        }

        public string Summary()
        {
            string s = Status == StatusChecked ? "checked" : Status == StatusNotDeclared ? "not-declared"
                : Status == StatusNotApplicable ? "not-applicable" : "not-available";
            return "spectrum " + s + " usable=" + UsableEvents.ToString() + " mismatch=" + MismatchEvents.ToString()
                + " unusable=" + UnusableEvents.ToString() + " edge=" + EdgeEvents.ToString() + " pools b/g/r=" + PoolDistance[0].ToString() + "/"
                + PoolDistance[1].ToString() + "/" + PoolDistance[2].ToString() + " poolBroadening b/g/r=" + PoolBroadening[0].ToString() + "/" + PoolBroadening[1].ToString() + "/" + PoolBroadening[2].ToString()
                + " broadening=" + Broadening.ToString() + " usablePools=" + UsablePools.ToString() + " mismatchPools=" + MismatchPools.ToString();
        }
    }
}
