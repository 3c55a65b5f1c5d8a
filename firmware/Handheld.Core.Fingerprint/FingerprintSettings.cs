namespace Handheld.Core.Fingerprint
{
    /// <summary>Thresholds of the fingerprint comparison (figures and how they were chosen: README.md).</summary>
    public sealed class FingerprintSettings
    {
        /// <summary>Smallest position tolerance of a pair, 0.5 mm units; each event's tolerance adds half the
        /// distance the head moved between two samples in its segment (the crossing lies anywhere between them).</summary>
        public int ToleranceUnits = 2;
        /// <summary>Narrower pair windows the chance test is also made at (half-widths, 0.5 mm units: ±0.5 mm and ±1 mm); the
        /// smallest tail is multiplied by the number of tests (windows + the tolerance). Close pairs are stronger evidence.</summary>
        public int[] WindowUnits = { 1, 2 };
        /// <summary>Marks and their neighbourhood are left out on both sides: the mark light reaches the blue and
        /// green bands and hides fibres under it. Half-width of the excluded zone, 0.5 mm units (2.5 mm: the
        /// 1 mm bar plus the 1.5 mm spot radius).</summary>
        public int MarkGuardUnits = 5;
        /// <summary>Measured events this close (0.5 mm units) are one crossing the analysis split by colour.</summary>
        public int SameEventUnits = 2;
        /// <summary>Past the last mark seen, positions are extrapolated at the last segment's speed for at most this
        /// far (0.5 mm units: one pitch), so a slow sweep that ends inside a segment still uses it.</summary>
        public int ExtrapolateUnits = 32;
        /// <summary>…with the tolerance widened by this share (permille) of the distance past the mark: the hand's
        /// speed wobbles ±20 % and ramps up to ±40 %/s.</summary>
        public int ExtrapolateTolerancePermille = 250;
        /// <summary>A sweep is fast when the head moves at least this far between samples (0.5 mm units, 3 mm: the
        /// 1 mm bar under the 3 mm spot can fall between two 20 ms UV integrations; at 40 mm/s, 1.8 mm, never).</summary>
        public int MarkMissableStepUnits = 6;
        /// <summary>A gap under this share (permille) of the median is no pitch: an extra red event, not a mark.</summary>
        public int SpuriousMarkGapPermille = 500;
        /// <summary>Where the edge guide typically puts the window before the start mark (0.5 mm units, 6 mm: it
        /// starts 4–8 mm before): the lead is one more gap when a fast sweep's marks are assigned.</summary>
        public int LeadUnits = 12;
        /// <summary>Readings of which mark is which (a fast sweep that missed marks) whose speed-change cost (squared relative
        /// change between gaps, permille²) lies within this of the best are all aligned; 90,000 is one 30 % change.</summary>
        public long CandidateCostMargin = 90000;

        /// <summary>Chance that a genuine sweep sees and pairs a registered event of each intensity class (weak,
        /// medium, strong) when the head moves at most <see cref="SpotUnits"/> between samples (permille; measured on
        /// seeds 7 and 101 at 12–40 mm/s, pairs of the alignment: 25–37 %, 53–54 %, 64–68 %; lowered for margin: README.md).</summary>
        public int[] DetectPermille = { 200, 500, 600 };
        /// <summary>Track mode (<see cref="TrackSampler"/>, ≈ 12 ms samples): the smallest tolerance of a pair, 0.5 mm
        /// units (plus half the head's step between samples, as above).</summary>
        public int TrackToleranceUnits = 2;
        /// <summary>Track mode: chance that a genuine sweep sees and pairs a registered event of each class (permille).</summary>
        public int[] TrackDetectPermille = { 150, 400, 600 };
        /// <summary>Above this step between samples (0.5 mm units, 2 mm), the detection chance falls with (this/step)²
        /// (measured, medium events: 54 % at 40 mm/s, 32 % at 80, 25 % at 120; the model gives 50 %, 16 %, 7 %).</summary>
        public int SpotUnits = 4;
        /// <summary>A registered event this close (0.5 mm units) after another of the same colour is counted at this
        /// share of its detection chance (permille): the 3 mm spot sees the two as one.</summary>
        public int MergeUnits = 8;
        public int MergedDetectPermille = 300;

        /// <summary>Registered events of a lower intensity class are left out of the comparison: the device pairs
        /// only 25 % of the weak ones (40 mm/s), so they add chance pairs more than evidence.</summary>
        public int MinRegisteredClass = 1;
        /// <summary>Layout 2: sweeps of one track that decide nothing because they could not be compared (too short,
        /// marks not found, unusable) are repeated up to this many attempts in all; then the next track follows.</summary>
        public int MaxAttemptsPerTrack = 3;
        /// <summary>Match when the chance that an unrelated sheet of the same paper pairs at least as many events is at
        /// most this, parts per billion (1000: 10⁻⁶).</summary>
        public int MatchChancePerBillion = 1000;
        /// <summary>Mismatch when the chance that the registered sheet itself pairs at most as many is at most this,
        /// parts per million (0.5 %); between the two: inconclusive, sweep again.</summary>
        public int MismatchGenuinePpm = 5000;
        /// <summary>…and only when the sweeps measured at least this share (permille) of the covered registered events'
        /// number: fewer is a detection failure, not another sheet's fibres.</summary>
        public int MismatchMinMeasuredPermille = 500;
        /// <summary>Chance pairing probability is capped at this (permille): one event never proves or disproves alone.</summary>
        public int MaxChancePermille = 900;

        /// <summary>A sample is inside a mark when its red excess exceeds this share of the brightest mark's excess.</summary>
        public int MarkLevelPermille = 80;
        /// <summary>…and this many times the typical red step between neighbouring samples (noise never makes a mark).</summary>
        public int MarkLevelNoiseFactor = 4;
        /// <summary>Marks must stand this many times above the typical red step between neighbouring samples.</summary>
        public int MarkNoiseFactor = 12;
        /// <summary>…and at least this much above the red background, cps16.</summary>
        public int MarkMinExcessCps16 = 64;

        public static FingerprintSettings Default() { return new FingerprintSettings(); }
    }
}
