namespace Handheld.Core.Fluorescence
{
    /// <summary>What <see cref="ColourSignatureCheck"/> found for one sweep. Allocated once, refilled by each check.</summary>
    public sealed class ColourSignatureResult
    {
        /// <summary>The check was not made (not configured, no trace).</summary>
        public const int StatusNotAvailable = 0;
        /// <summary>No fibres expected: nothing to compare.</summary>
        public const int StatusNotApplicable = 1;
        /// <summary>Signatures compared (see the figures).</summary>
        public const int StatusChecked = 2;
        /// <summary>An expected fibre colour has no declared signature (or the catalogue was unreadable): fail closed.</summary>
        public const int StatusNotDeclared = 3;

        /// <summary>Marks an event whose signature could not be judged (no baseline, too weak, a colour without template).</summary>
        public const int Unjudged = -2147483647 - 1;

        public int Status;
        /// <summary>Per stored event (PhysicalCheckResult order): R, G, B shares of its summed excess (permille) and
        /// its broadening against its colour's declared signature (permille, <see cref="Unjudged"/> when not judged)
        /// with that broadening's predicted sigma.</summary>
        public readonly int[] EventRed = new int[PhysicalCheckResult.MaxEvents];
        public readonly int[] EventGreen = new int[PhysicalCheckResult.MaxEvents];
        public readonly int[] EventBlue = new int[PhysicalCheckResult.MaxEvents];
        public readonly int[] EventBroadening = new int[PhysicalCheckResult.MaxEvents];
        public readonly int[] EventSigma = new int[PhysicalCheckResult.MaxEvents];
        public int EventCount;
        /// <summary>Per colour (0 blue, 1 green, 2 red): judged events, their noise-weighted mean broadening
        /// (permille, 0 when not judged) and its sigma (permille).</summary>
        public readonly int[] ColourEvents = new int[3];
        public readonly int[] PooledBroadening = new int[3];
        public readonly int[] PooledSigma = new int[3];
        /// <summary>Per colour: the same mean with each event clipped to ColourSignatureSettings.EventClipCenti of its
        /// sigma (permille), the figure the significance is judged on.</summary>
        public readonly int[] ClippedBroadening = new int[3];
        /// <summary>Colours judged; colours whose pooled broadening reached the mismatch limit, and those between
        /// the doubt and the mismatch limit.</summary>
        public int JudgedColours, MismatchColours, DoubtColours;

        public void Clear()
        {
            Status = StatusNotAvailable; EventCount = 0; JudgedColours = 0; MismatchColours = 0; DoubtColours = 0;
            for (int p = 0; p < 3; p++) { ColourEvents[p] = 0; PooledBroadening[p] = 0; PooledSigma[p] = 0; ClippedBroadening[p] = 0; }
        }

        public string Summary()
        {
            string s = Status == StatusChecked ? "checked" : Status == StatusNotDeclared ? "not-declared"
                : Status == StatusNotApplicable ? "not-applicable" : "not-available";
            return "colour-signature " + s + " b/g/r events=" + ColourEvents[0].ToString() + "/" + ColourEvents[1].ToString() + "/"
                + ColourEvents[2].ToString() + " pooled=" + PooledBroadening[0].ToString() + "/" + PooledBroadening[1].ToString() + "/"
                + PooledBroadening[2].ToString() + " clipped=" + ClippedBroadening[0].ToString() + "/" + ClippedBroadening[1].ToString() + "/"
                + ClippedBroadening[2].ToString() + " sigma=" + PooledSigma[0].ToString() + "/" + PooledSigma[1].ToString() + "/"
                + PooledSigma[2].ToString() + " mismatch=" + MismatchColours.ToString() + " doubt=" + DoubtColours.ToString();
        }
    }
}
