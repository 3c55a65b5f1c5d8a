namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// Thresholds of the daylight (white LED) reflectance test, <see cref="DaylightReflectance"/>. Reflectance
    /// values are the clear channel with the white LED on minus ambient, scaled to full LED duty, in cps16.
    /// </summary>
    public sealed class DaylightSettings
    {
        /// <summary>Apply the test whenever the trace carries daylight readings.</summary>
        public bool Enabled = true;
        /// <summary>A trace without daylight readings is a fault (DaylightLedFault): set on a device that has the
        /// white LED, so that a head whose LED path is missing can never reach Consistent.</summary>
        public bool Required;
        /// <summary>Lowest median paper reflectance a working LED gives (cps16 at full duty). The simulator's head
        /// gives blank paper 2.2–2.6·10⁶ (TCS34725) / 0.45–0.55·10⁶ (AS7341) flat, and at worst about a third of that
        /// with lift-off, tilt or a dense ink flood; an LED that is open, stuck on (the ambient readings then hold
        /// its light and the difference vanishes) or not driven reads near 0. A real device takes it from the
        /// reference-tile calibration.</summary>
        public int MinPaperReflectance;
        /// <summary>More daylight readings missing (saturated) than this share of the usable samples is a fault.</summary>
        public int MaxMissingPermille = 300;
        /// <summary>An event is coloured when the spot is darker there (DipSigmaTenths, MinDipPermille) and its colour
        /// shift from the paper beside it (√((Δb/σb)² + (Δr/σr)²) of the white reading's blue and red shares, σ the
        /// sweep's own scatter between neighbouring samples) exceeds this many tenths of σ: grey darkening (lift-off,
        /// tilt, print lines) passes below it 3 times in 4 (Rayleigh tail exp(−z²/2.5) of the reference-plus-sample
        /// noise), a coloured stroke's shift adds to it. Tuned on seeds 7 and 101.</summary>
        public int ShiftSigmaTenths = 15;
        /// <summary>A colour shift this large (tenths of σ, anywhere in the event's window) makes the event coloured
        /// without a dip (a pale, saturated ink); genuine events exceed it about once in 1,000.</summary>
        public int StrongShiftSigmaTenths = 70;
        /// <summary>…and in either case |Δb| + |Δr| is at least this (1/SweepTrace.ChromaticityScale): a floor under
        /// very quiet sweeps, where paper and print colour vary more than the shot noise.</summary>
        public int MinShift = 25;
        /// <summary>Floor of the share sigma (1/ChromaticityScale), so that a noise-free trace cannot divide by 0.</summary>
        public int MinSigma = 4;
        /// <summary>The share sigma is at least this share (permille) of the shot noise the white readings imply
        /// (DaylightReflectance.PredictedSigma): a median over ~40 pairs falls 20–30 % low by chance now and then, and
        /// the joint statistic's z² grows as 1/σ². 0 = off.</summary>
        public int PredictedSigmaFloorPermille = 0;
        /// <summary>Samples either side of an event whose median colour is the paper's local colour and whose
        /// brightest is its local reflectance.</summary>
        public int ReferenceSamples = 3;
        /// <summary>A dip (the spot darker than the paper beside it) counts when it exceeds this many tenths of the
        /// reflectance sigma (the larger of the predicted shot/read noise and the sweep's own sample-to-sample
        /// scatter away from events)…</summary>
        public int DipSigmaTenths = 50;
        /// <summary>…and this share of the local reflectance (permille): below it paper texture and print edges.</summary>
        public int MinDipPermille = 12;
        /// <summary>Largest difference (permille of the reference, or 5σ if larger) between the paper levels either
        /// side of an event, and half the largest spread within a side, for its dip to be judged: on a step into
        /// a printed zone or beside print lines the paper is not flat and a marker's 1–3 % cannot be told from print.</summary>
        public int MaxStepPermille = 25;
        /// <summary>Fewest visibly coloured events for the sweep to be Inconsistent (FibresVisibleByDaylight).</summary>
        public int MinColouredEvents = 3;
        /// <summary>…and their least share of the events whose colour was judged (permille). Bound in DaylightReflectance.</summary>
        public int ColouredSharePermille = 200;
        /// <summary>Variance of the paper's reference colour beside an event (mean of two medians of ReferenceSamples)
        /// in permille of one sample's: median of 3 has π/2·σ²/3, the mean of two halves it (≈ 260 ‰).</summary>
        public int RefVariancePermille = 260;
        /// <summary>Fewest judged events a colour pool needs to enter the joint statistic.</summary>
        public int MinPoolEvents = 1;
        /// <summary>Each event's colour shift (per share) and darkening enter its pool clipped to this many of the
        /// event's own standard errors (hundredths): no single event decides.</summary>
        public int ColourClipSigma = 300;
        public int DipClipSigma = 300;
        /// <summary>Joint evidence: the pooled colour χ² (hundredths) at which, by degrees of freedom (index; 2 per
        /// pool), genuine fibres arrive by chance with probability 10⁻⁶ (χ² quantiles). Null = off.</summary>
        public int[] JointEvidenceChiSquareCenti = { 0, 2393, 2763, 3066, 3338, 3589, 3826, 4052 };
        /// <summary>Joint doubt: the pooled colour χ² plus the one-sided darkening z² (hundredths) at probability 10⁻³,
        /// by degrees of freedom (2 per pool + 1). Null = off.</summary>
        public int[] JointDoubtChiSquareCenti = { 0, 1083, 1382, 1627, 1847, 2052, 2246, 2432 };

        /// <summary>Defaults for the fitted sensor (the reflectance level differs: the AS7341's clear channel
        /// collects less light than the TCS34725's).</summary>
        public static DaylightSettings For(Drivers.SensorKind kind)
        {
            DaylightSettings s = new DaylightSettings();
            s.MinPaperReflectance = kind == Drivers.SensorKind.As7341 ? 50000 : 200000;
            s.PredictedSigmaFloorPermille = kind == Drivers.SensorKind.As7341 ? 1600 : 1000;
            return s;
        }
    }
}
