using Handheld.Core.Drivers;

namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// Thresholds of the physical check. Levels are in cps16 (counts per second at gain 1×, ×16; see
    /// <see cref="SweepTrace"/>) of the given sensor with the device's lamp at full duty, so they depend on the
    /// sensor type: use <see cref="ForTcs34725"/> or <see cref="ForAs7341"/>. How each value was derived is in
    /// Fluorescence/README.md; ratios are in permille so that host and device decide identically.
    /// </summary>
    public sealed class PhysicalCheckSettings
    {
        /// <summary>Shortest sweep that counts (1 s, the lower bound).</summary>
        public int MinSweepMs = 1000;
        /// <summary>Minimum number of unflagged samples.</summary>
        public int MinValidSamples = 16;
        /// <summary>Flagged samples (flagged readings and ambient transients, not the neighbours dropped beside isolated
        /// flagged samples) above this share (permille) make the result inconclusive.</summary>
        public int MaxFlaggedPermille = 150;
        /// <summary>A run of at most this many saturated samples (no sensor fault, no ambient-high flag) between unflagged ones is isolated:
        /// dropped with its two neighbours like an ambient transient, it does not forbid Consistent.</summary>
        public int MaxIsolatedFlagged = 2;
        /// <summary>A run of ambient-high samples no longer than <see cref="MaxIsolatedFlagged"/> between unflagged
        /// ones is isolated as well (a lift-off under window light saturating the UV-off reading), not direct
        /// sun. On for the AS7341: its ×2 gain steps leave the auto gain only 1.4–3× headroom, and a 1.5 mm
        /// lift-off under window light raises the leaked ambient ×5, so one UV-off reading hits full scale
        /// (genuine harsh-unsteady inconclusive under window light 4 of 5 sweeps, seed 7). The TCS34725's ×4
        /// steps leave more headroom; off there (its figures unchanged).</summary>
        public bool IsolatedAmbientHighIsLocal;

        /// <summary>Rank (permille) of the sample taken as paper background; 250 = lower quartile.</summary>
        public int BackgroundPermille = 250;

        /// <summary>Background blue at or below this (and green at or below <see cref="DullMaxGreen"/>) is UV-dull paper.</summary>
        public int DullMaxBlue;
        public int DullMaxGreen;
        /// <summary>Background blue at or above this, with blue/green at least <see cref="BrightMinBalancePermille"/>, is brightened paper.</summary>
        public int BrightMinBlue;
        public int BrightMinBalancePermille;

        /// <summary>Background blue/green (permille) above which the paper is not UV-dull: pulp emission is broad
        /// and greenish-white, brightener blue. Together with <see cref="ResidueMinBlue"/> a blue-dominated
        /// background is brightener seen through a coat (Brightened), below it PaperUnknown.</summary>
        public int DullMaxBalancePermille;
        /// <summary>Background blue at or above which a blue-dominated background (balance above
        /// <see cref="DullMaxBalancePermille"/>) is taken as brightener under a coat; lower is too weak to say.</summary>
        public int ResidueMinBlue;
        /// <summary>The residue rule also needs the blue background at least this many tenths of the predicted
        /// single-sample sigma (30 = 3σ): under direct sun the noise equals the residue level and the ratio of two
        /// lower quartiles means nothing (AS7341 genuine direct sun judged brightened, seed 1117).</summary>
        public int ResidueMinSigmaTenths = 30;
        /// <summary>Samples per window of the local paper level (second-lowest sample of the window; windows step by half).</summary>
        public int LocalWindowSamples = 8;
        /// <summary>Largest ratio (permille) of the highest local paper level to the background (lower quartile)
        /// that print, stains and fibres explain on UV-dull paper: ink lines dim a zone to ~0.7, stains to ~0.75;
        /// a slow sweep (12 mm/s) over a fibre keeps a whole 8-sample window on it (genuine up to 6.4× on the
        /// TCS34725, 11× on the AS7341, whose dull background is 5× weaker). Above it the sheet is bare and
        /// covered paper side by side: not proven UV-dull.</summary>
        public int MaxLocalLevelRatioPermille = 8000;
        /// <summary>The highest local level must also exceed the background by this many predicted sigmas to count as varying.</summary>
        public int LocalLevelSigmas = 10;
        /// <summary>Most samples (permille of the valid ones) a leading plus trailing brightened stretch may hold to be
        /// left out as off the sheet; longer, the sweep is of brightened paper.</summary>
        public int MaxOffSheetPermille = 350;

        /// <summary>Event threshold in tenths of the noise sigma (45 = 4.5σ); the exit threshold is half of it (hysteresis).</summary>
        public int ThresholdSigmaTenths = 45;
        /// <summary>Floor of the event threshold in cps16 (quantisation and residual flicker).</summary>
        public int MinThreshold;
        /// <summary>Floor of the event threshold as permille of the local background (paper texture).</summary>
        public int MinThresholdPermilleOfBackground = 150;
        /// <summary>Above this event threshold (permille of the paper background) a typical fibre could be missed,
        /// so "no fibres" or "colour missing" is not proven. Fibre and background emission scale alike with lamp
        /// power, lift-off and tilt, so the ratio is what tells whether a fibre would have stood out.</summary>
        public int MaxUsefulThresholdPermille = 2000;
        /// <summary>Absolute cap of a useful threshold, cps16 (brightened paper: fibres drown in it anyway).</summary>
        public int MaxUsefulThreshold;
        /// <summary>Longest event that is a fibre; longer excursions are print, stains or paper patches.</summary>
        public int MaxEventMs = 600;
        /// <summary>Noise re-estimates from the samples outside the detected events (0 = single estimate). Off for
        /// the TCS34725: its broad filters see highlighter and ink texture between fibres, and a threshold at the
        /// bare sensor noise turned that texture into false fibres (false accepts 0.3 → 1.1 % on seeds 1–3).</summary>
        public int NoiseRefinePasses;
        /// <summary>
        /// Cap of the statistical noise estimate in tenths of the sensor noise predicted from the counts
        /// (SweepTrace.Sigma*; 0 = no cap). On sheets with many fibres the spot nearly always holds one, so the
        /// differences of neighbouring samples measure the fibres and inflate the estimate 3–4×; the prediction
        /// does not see them. 12 leaves 20 % for noise the model lacks (lamp ripple, flicker residue); the
        /// statistical estimate still wins wherever it is lower.
        /// </summary>
        public int PredictedNoiseCapTenths = 12;
        /// <summary>Floor of the statistical noise estimate in tenths of the predicted sensor noise: no sensor is
        /// quieter than its shot noise, so a lower estimate is sampling luck (a quiet stretch of 60 samples) and
        /// would let noise through as fibres.</summary>
        public int PredictedNoiseFloorTenths = 10;
        /// <summary>A sample more than this many tenths of the predicted sigma below zero is an ambient transient
        /// (fluorescence is never negative): it and its neighbours are left out (0 = off).</summary>
        public int TransientSigmaTenths = 40;
        /// <summary>Baseline tracking: the baseline moves 1/BaselineDivisor of the way per quiet sample.</summary>
        public int BaselineDivisor = 8;

        /// <summary>Green/blue excess ratio (permille) that separates blue fibres (below) from green ones (at or above).</summary>
        public int GreenSplitPermille;
        /// <summary>Events (and strong samples) whose green/blue excess lies within this factor (permille, 1000 = off)
        /// of the paper's own green/blue are grey: a brighter patch of the paper, not a fibre. Dull pulp's ratio (0.8
        /// on the TCS34725) sits on the 0.8 colour split, so without it greyish plateaus broke into alternating
        /// "blue"/"green" events.</summary>
        public int GreyBandPermille = 1000;
        /// <summary>Red/green excess ratio (permille) at or above which an event is a red fibre.</summary>
        public int RedSplitPermille;
        /// <summary>Fewest fibre events (of the colours seen) for a missing expected colour to be evidence. Bound: a
        /// genuine sheet with two colours in equal shares shows only one of them among N fibres with probability
        /// 2·0.5^N (N = 5: 6.3 %, 7: 1.6 %, 8: 0.8 %) — per sweep that met exactly N fibres; most genuine sweeps
        /// meet more, so the class false reject stays below 1 % (genuine-harsh seed 7: 0.6 % TCS34725, 0.3 % AS7341
        /// at 5). 7 made one-colour forgeries inconclusive in 21 % of sweeps (highlighter strokes give 3–6 events);
        /// with fewer the result is Inconclusive (TooFewForAbsence).</summary>
        public int MinEventsForAbsence = 5;
        /// <summary>Events of a colour needed to call it present; one event is only "weak".</summary>
        public int MinEventsPerColour = 2;

        /// <summary>Daylight (white LED) reflectance test at each event (DaylightReflectance).</summary>
        public DaylightSettings Daylight = new DaylightSettings();

        /// <summary>The thresholds of the fitted sensor: <see cref="ForAs7341"/> for the AS7341, else <see cref="ForTcs34725"/>.</summary>
        public static PhysicalCheckSettings For(SensorKind kind)
        {
            return kind == SensorKind.As7341 ? ForAs7341() : ForTcs34725();
        }

        /// <summary>Thresholds for the TCS34725 (RGBC, broad overlapping colour filters).</summary>
        public static PhysicalCheckSettings ForTcs34725()
        {
            PhysicalCheckSettings s = new PhysicalCheckSettings();
            s.DullMaxBlue = 3000; s.DullMaxGreen = 3000;
            s.BrightMinBlue = 6000; s.BrightMinBalancePermille = 1500;
            // Dull pulp reads 0.9–1.8 (fibres in the quartile lift it), brightener through a coat 3.0–4.0.
            s.DullMaxBalancePermille = 2400; s.ResidueMinBlue = 1000;
            s.MaxLocalLevelRatioPermille = 8000;
            s.MinThreshold = 30; s.MaxUsefulThreshold = 3000;
            s.GreenSplitPermille = 800; s.RedSplitPermille = 1500;
            // Fibres read 0.37 (blue) and 1.7 (green), dull pulp ~0.8: grey within a factor 1.15 of the paper's ratio
            // (1.3 merged back-to-back fibres: genuine-harsh inconclusive 3.9 → 4.9 %, seed 7; 1.15: 4.6 %).
            s.GreyBandPermille = 1150;
            s.Daylight = DaylightSettings.For(SensorKind.Tcs34725);
            return s;
        }

        /// <summary>Thresholds for the AS7341 (F2 445 nm as blue, F4 515 nm as green, F7 630 nm as red).</summary>
        public static PhysicalCheckSettings ForAs7341()
        {
            PhysicalCheckSettings s = new PhysicalCheckSettings();
            // Narrow filters collect ~5× less light than the TCS34725's broad ones: fewer counts, relatively
            // noisier sigma estimates from the quiet pairs, so a higher factor keeps false events as rare.
            s.ThresholdSigmaTenths = 45;
            // Fibre flanks inflate the quiet-pair estimate; re-estimating outside the events lowers the threshold
            // so that a fibre-free sheet is proven fibre-free more often (forgery inconclusive 47 → 34 %, seeds 1–3).
            s.NoiseRefinePasses = 2;
            s.IsolatedAmbientHighIsLocal = true;
            s.DullMaxBlue = 700; s.DullMaxGreen = 1000;
            s.BrightMinBlue = 1800; s.BrightMinBalancePermille = 3000;
            // Dull pulp reads 0.4–1.6 through F2/F4, brightener through a coat 6–10.
            s.DullMaxBalancePermille = 2500; s.ResidueMinBlue = 350;
            s.MaxLocalLevelRatioPermille = 14000;
            s.MinThreshold = 30; s.MaxUsefulThreshold = 1000;
            // Through the narrow 445/515 nm filters a fibre stands 3–10× above the dull paper's broad emission
            // (TCS34725: 1–4×), so a threshold up to 4× the background still sees a typical fibre.
            s.MaxUsefulThresholdPermille = 4000;
            s.GreenSplitPermille = 1000; s.RedSplitPermille = 1500;
            // Fibres read 0.27 and 3.8 through F2/F4, dull pulp ~1.3: grey within a factor 1.25 of it.
            s.GreyBandPermille = 1250;
            s.Daylight = DaylightSettings.For(SensorKind.As7341);
            return s;
        }
    }
}
