namespace Handheld.Core.Fluorescence
{
    /// <summary>Thresholds of <see cref="SpectrumCheck"/> (AS7341 per-event spectrum; README "Per-event spectrum").</summary>
    public sealed class SpectrumSettings
    {
        /// <summary>Samples either side of an event taken into its spectrum (the fibre's flanks), when they
        /// belong to no other event.</summary>
        public int NeighbourSamples = 0;
        /// <summary>How far (samples) from the event the quiet samples that give the paper's baseline may lie.</summary>
        public int MaxBaselineGap = 6;
        /// <summary>Each half's F2 + F4 excess must reach this many predicted sigmas for the event to be usable.</summary>
        public int MinReferenceSigmas = 3;
        /// <summary>An event whose shares' summed sigma (<see cref="EventSpectrum.NoisePermille"/>) exceeds this
        /// is too noisy to judge: unusable, never a mismatch.</summary>
        public int MaxNoisePermille = 150;
        /// <summary>Floor of each share's sigma for what the noise model lacks (filter tolerance, baseline error,
        /// the paper light a fibre covers), permille.</summary>
        public int SystematicPermille = 10;
        /// <summary>Mismatch when the chi-square to the nearest declared spectrum or mixture (hundredths, seven
        /// filters) exceeds this.</summary>
        public int MismatchChiSquareCenti = 6000;
        /// <summary>Mismatch when the broadening against the declared spectrum (SpectrumMatch.BroadeningCenti,
        /// hundredths of a sigma, one-sided) exceeds this.</summary>
        public int BroadeningLimitCenti = 300;
        /// <summary>Pooled spectrum of one colour (all its events with a positive reference in both halves):
        /// judged with at least this many events and at most this noise; a pooled mismatch is evidence. 1 since
        /// the joint layout (each event has its whole spectrum; with 2, sweeps meeting one fibre per colour were
        /// SpectrumUnreadable).</summary>
        public int MinPooledEvents = 1;
        public int MaxPooledNoisePermille = 1000;
        /// <summary>Fewer usable events (and no pooled colour judged): the spectrum cannot confirm the fibres (Inconclusive, SpectrumUnreadable).</summary>
        public int MinUsableEvents = 2;
        /// <summary>Inconsistent (SpectrumMismatch) needs at least this many mismatching events and at least
        /// MismatchSharePermille of the usable ones mismatching.</summary>
        public int MinMismatchEvents = 2;
        public int MismatchSharePermille = 500;
        /// <summary>Without the event rule above, Inconsistent needs mismatching events + 2 × mismatching pools
        /// (the combined broadening counts as a pool) of at least this; below it a mismatch is Inconclusive.</summary>
        public int MinEvidenceStrength = 4;
        /// <summary>The combined broadening (SpectrumResult.Broadening, Σ z / √k over the judged colours) above this
        /// is evidence by itself (the joint likelihood-ratio statistic of all events): Inconsistent whatever the
        /// strength above (README "Per-event spectrum"). 3.5σ: 0.10 % of 1,040 genuine sweeps above it on seeds
        /// 7/101 (3.0σ: 0.38 %, two genuine-harsh rejections).</summary>
        public int JointEvidenceCenti = 350;
        /// <summary>
        /// Doubt from the pooled spectra together: a Consistent sweep whose combined broadening exceeds
        /// DoubtBroadeningCenti and whose farthest judged pool's chi-square exceeds DoubtChiSquareCenti, each
        /// below its own mismatch limit, becomes Inconclusive (SpectrumDoubtful). Printed fibres and marker dots
        /// that passed sat at broadening 1.1–3.0σ with chi-square 6–39; genuine sweeps under harsh conditions at
        /// broadening 0 ± 1.5σ, chi-square median 8, and rarely both high. Tuned on seeds 7/101 (attacks, runs 5):
        /// printed-fibres FA 10/7.5 → 5/2.5 %, markers-two 25/17.5 → 20/15 %, genuine-harsh one more inconclusive
        /// of 360, base corpus unchanged. 1.5σ caught more (printed 0/2.5 %) but made 2 of 80 base genuine
        /// sweeps inconclusive on seed 101.
        /// </summary>
        public int DoubtBroadeningCenti = 200;
        public int DoubtChiSquareCenti = 1800;
        /// <summary>Doubt from the combined broadening alone, whatever the chi-square (joint layout: the marker and
        /// printed-fibre sweeps that passed sat at 2.0–3.0σ with chi-square 1–18, below the rule above).</summary>
        public int DoubtAloneCenti = 250;
    }
}
