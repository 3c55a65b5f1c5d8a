namespace Handheld.Core.Fluorescence
{
    /// <summary>Thresholds of <see cref="ColourSignatureCheck"/> (TCS34725 per-event colour signature; README
    /// "Colour signature").</summary>
    public sealed class ColourSignatureSettings
    {
        /// <summary>How far (samples) from the event the quiet samples that give the paper's baseline may lie.</summary>
        public int MaxBaselineGap = 6;
        /// <summary>An event's summed R+G+B excess must reach this many predicted sigmas to be judged.</summary>
        public int MinExcessSigmas = 6;
        /// <summary>Floor of each share's sigma for what the noise model lacks (filter tolerance, baseline error), permille.</summary>
        public int SystematicPermille = 10;
        /// <summary>A colour is judged with at least this many judged events of that colour.</summary>
        public int MinEvents = 3;
        /// <summary>FibreColours judged. Blue is not: through the TCS34725's broad filters a broad blue ink
        /// (455 nm, FWHM 70: R/G/B 2/275/723 ‰) lies on the line of a blue fibre mixed with 18 % green fibre light
        /// (5/275/720 ‰), so a blue pool cannot show print, and its tail on genuine sheets (seeds 7/101: up to 10 σ,
        /// events with a stain or lift-off) would only reject genuine licences. Green (and red) inks spill into the
        /// red filter, off every blue/green mixture.</summary>
        public int JudgedColours = FibreColours.Green | FibreColours.Red;
        /// <summary>A judged colour's noise-weighted mean broadening must exceed this, permille, to count at all: genuine
        /// dense sheets under window light pool 10–30 ‰ (a bias the noise model lacks) with sigmas near 10 ‰, while
        /// the colourless green ink gives ~60 ‰ (offset ink ~30 ‰, mostly out of reach).</summary>
        public int PooledLimitPermille = 30;
        /// <summary>For the significance, each event's broadening is clipped to this many hundredths of its own sigma (seeds
        /// 7/101, 10 runs: genuine pools past 2.5 σ 10 of 1,060 unclipped, 0 clipped at 1.5 σ; their outliers were
        /// single events under window light, red-rich ambient changes).</summary>
        public int EventClipCenti = 150;
        /// <summary>Clipped mean broadening of at least this many hundredths of the mean's sigma: evidence, Inconsistent.</summary>
        public int MismatchLimitCenti = 250;
        /// <summary>At least this many (and below MismatchLimitCenti): doubt, Inconclusive ("sweep again").</summary>
        public int DoubtLimitCenti = 200;
    }
}
