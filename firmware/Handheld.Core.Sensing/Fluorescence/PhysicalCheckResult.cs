namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// The physical verdict with its reasons and every figure behind it, so that an inspector or auditor can
    /// see why. Allocated once (event arrays of fixed capacity) and refilled by <see cref="PhysicalCheck.Run"/>.
    /// </summary>
    public sealed class PhysicalCheckResult
    {
        /// <summary>Events kept with their positions; more are still counted.</summary>
        public const int MaxEvents = 48;

        public PhysicalVerdict Verdict;
        /// <summary><see cref="PhysicalReason"/> flags.</summary>
        public int Reasons;
        /// <summary>0–100: how sure the verdict is (see README for the formula).</summary>
        public int ConfidencePercent;

        public PaperClass Paper;
        /// <summary>Paper background (lower quartile of unflagged samples), cps16.</summary>
        public int BackgroundBlue, BackgroundGreen, BackgroundRed;
        /// <summary>Background blue/green in permille.</summary>
        public int BalancePermille;
        /// <summary>Robust noise sigma per band (from differences of quiet neighbouring samples), cps16.</summary>
        public int NoiseBlue, NoiseGreen;
        /// <summary>Median predicted sigma per band (shot and read noise from the counts, SweepTrace.Sigma*), cps16;
        /// 0 when the trace carries no prediction.</summary>
        public int PredictedNoiseBlue, PredictedNoiseGreen;
        /// <summary>Event entry thresholds above the tracked baseline, cps16 (exit at half).</summary>
        public int ThresholdBlue, ThresholdGreen;

        public int SweepMs;
        public int TotalSamples, ValidSamples;
        public int SaturatedSamples, AmbientHighSamples, FaultSamples;
        /// <summary>Unflagged samples left out as ambient transients (a value far below zero and its neighbours).</summary>
        public int TransientSamples;
        /// <summary>Leading/trailing samples left out as off the sheet (brightened surface beyond its edge).</summary>
        public int OffSheetSamples;
        /// <summary>Flagged samples in runs of at most PhysicalCheckSettings.MaxIsolatedFlagged, dropped with their neighbours.</summary>
        public int IsolatedFlaggedSamples;
        /// <summary>Lowest and highest local paper level (blue, cps16) over windows of the sweep.</summary>
        public int LocalMinBlue, LocalMaxBlue;

        /// <summary>Fibre events per colour after classification.</summary>
        public int BlueEvents, GreenEvents, RedEvents;
        /// <summary>Events whose peak reached twice the entry threshold in their own band.</summary>
        public int StrongBlueEvents, StrongGreenEvents;
        /// <summary>Threshold crossings per band before merging and classification.</summary>
        public int BlueBandCrossings, GreenBandCrossings;
        /// <summary>Excursions longer than the longest fibre (print, stains), not counted as fibres.</summary>
        public int BroadEvents;
        /// <summary>Events whose summed green/blue excess lies near the paper's own ratio (kept, coloured by the plain split).</summary>
        public int GreyEvents;
        /// <summary>Colours found (FibreColours flags, a colour counts when it reached the minimum count).</summary>
        public int ColoursFound;
        public int ExpectedColours;
        public bool ExpectUvDullPaper;

        /// <summary>Daylight test (DaylightReflectance): unflagged samples with a white-LED reading, their median
        /// reflectance (cps16 at full LED duty) and the scatter of the blue and red chromaticity shares
        /// (1/SweepTrace.ChromaticityScale) the events' colour shifts were judged against.</summary>
        public int ReflectanceSamples, ReflectanceLevel, ReflectanceNoise, ChromaticityNoiseBlue, ChromaticityNoiseRed;
        /// <summary>Stored events whose daylight colour could be judged, and those visibly coloured
        /// (taken out of the colour counts above).</summary>
        public int DaylightEventsAssessed, ColouredEvents;
        /// <summary>Joint daylight statistic (DaylightReflectance): Σ over the colour pools (events by fibre colour) of
        /// the pooled colour shift's z² (hundredths; χ² with 2 degrees of freedom per pool on genuine sheets), how many
        /// pools entered it, and the pooled darkening under the events (signed z, hundredths; Σ over pools / √pools).</summary>
        public int DaylightChiSquareCenti, DaylightPools, DaylightDipZCenti;
        /// <summary>Shot-noise sigma of the blue and red shares the white readings imply (median over the sweep).</summary>
        public int ChromaticityPredictedBlue, ChromaticityPredictedRed;
        /// <summary>Pooled daylight colour shift per fibre colour (index 0 blue, 1 green, 2 red events) of the blue and
        /// red shares from the paper's, tenths of 1/SweepTrace.ChromaticityScale (0 when the pool is empty).</summary>
        public readonly int[] DaylightPoolShiftBlue = new int[3];
        public readonly int[] DaylightPoolShiftRed = new int[3];

        /// <summary>Number of events stored in the arrays below (≤ MaxEvents).</summary>
        public int EventCount;
        public readonly int[] EventStartMs = new int[MaxEvents];
        public readonly int[] EventEndMs = new int[MaxEvents];
        /// <summary>Largest excess above the baseline within the event, cps16.</summary>
        public readonly int[] EventPeakBlue = new int[MaxEvents];
        public readonly int[] EventPeakGreen = new int[MaxEvents];
        /// <summary>FibreColours value of each event.</summary>
        public readonly int[] EventColour = new int[MaxEvents];
        /// <summary>Daylight colour shift under each event from the paper beside it, tenths of the chromaticity
        /// sigma (DaylightReflectance; 0 when not judged).</summary>
        public readonly int[] EventColourShiftTenths = new int[MaxEvents];
        /// <summary>Daylight reflectance dip under each event, permille of the paper beside it (0 when not judged).</summary>
        public readonly int[] EventDipPermille = new int[MaxEvents];
        /// <summary>Bit e set: event e is visibly coloured (marker, coloured ink), not counted as a fibre.</summary>
        public long ColouredEventMask;
        /// <summary>FibreColours of the events taken out as coloured by daylight.</summary>
        public int ColouredColours;

        /// <summary>Event <paramref name="e"/> is visibly coloured by daylight (see ColouredEventMask).</summary>
        public bool EventColouredByDaylight(int e) { return e >= 0 && e < 64 && (ColouredEventMask & (1L << e)) != 0; }

        public void Clear()
        {
            Verdict = PhysicalVerdict.Inconclusive; Reasons = 0; ConfidencePercent = 0;
            Paper = PaperClass.Unknown; BackgroundBlue = 0; BackgroundGreen = 0; BackgroundRed = 0; BalancePermille = 0;
            NoiseBlue = 0; NoiseGreen = 0; PredictedNoiseBlue = 0; PredictedNoiseGreen = 0; ThresholdBlue = 0; ThresholdGreen = 0;
            SweepMs = 0; TotalSamples = 0; ValidSamples = 0; SaturatedSamples = 0; AmbientHighSamples = 0; FaultSamples = 0; TransientSamples = 0; OffSheetSamples = 0; IsolatedFlaggedSamples = 0; LocalMinBlue = 0; LocalMaxBlue = 0;
            BlueEvents = 0; GreenEvents = 0; RedEvents = 0; StrongBlueEvents = 0; StrongGreenEvents = 0; BlueBandCrossings = 0; GreenBandCrossings = 0; BroadEvents = 0; GreyEvents = 0;
            ColoursFound = 0; ExpectedColours = 0; ExpectUvDullPaper = false; EventCount = 0;
            ReflectanceSamples = 0; ReflectanceLevel = 0; ReflectanceNoise = 0; ChromaticityNoiseBlue = 0; ChromaticityNoiseRed = 0; DaylightEventsAssessed = 0; ColouredEvents = 0; DaylightChiSquareCenti = 0; DaylightPools = 0; DaylightDipZCenti = 0; ChromaticityPredictedBlue = 0; ChromaticityPredictedRed = 0; DaylightPoolShiftBlue[0] = 0; DaylightPoolShiftBlue[1] = 0; DaylightPoolShiftBlue[2] = 0; DaylightPoolShiftRed[0] = 0; DaylightPoolShiftRed[1] = 0; DaylightPoolShiftRed[2] = 0; ColouredEventMask = 0; ColouredColours = 0;
        }

        /// <summary>One line for logs and records, e.g. "Inconsistent [FalseLuminescence,UvDullPaperExpected] paper=Brightened ...".</summary>
        public string Summary()
        {
            return PhysicalNames.Verdict(Verdict) + " [" + PhysicalReason.Describe(Reasons) + "] conf=" + ConfidencePercent.ToString()
                + "% paper=" + PhysicalNames.Paper(Paper) + " bgB=" + BackgroundBlue.ToString() + " bgG=" + BackgroundGreen.ToString()
                + " noiseB=" + NoiseBlue.ToString() + " noiseG=" + NoiseGreen.ToString()
                + " predB=" + PredictedNoiseBlue.ToString() + " predG=" + PredictedNoiseGreen.ToString()
                + " thrB=" + ThresholdBlue.ToString() + " thrG=" + ThresholdGreen.ToString()
                + " fibres b/g/r=" + BlueEvents.ToString() + "/" + GreenEvents.ToString() + "/" + RedEvents.ToString()
                + " broad=" + BroadEvents.ToString() + " grey=" + GreyEvents.ToString() + " valid=" + ValidSamples.ToString() + "/" + TotalSamples.ToString()
                + " transient=" + TransientSamples.ToString() + " offSheet=" + OffSheetSamples.ToString()
                + " localB=" + LocalMinBlue.ToString() + ".." + LocalMaxBlue.ToString()
                + " daylight=" + ColouredEvents.ToString() + "/" + DaylightEventsAssessed.ToString()
                + " dayChi2=" + DaylightChiSquareCenti.ToString() + "/" + DaylightPools.ToString() + " refl=" + ReflectanceLevel.ToString()
                + " reflNoise=" + ReflectanceNoise.ToString() + " chromaNoise=" + ChromaticityNoiseBlue.ToString() + "/" + ChromaticityNoiseRed.ToString() + " sweep=" + SweepMs.ToString() + "ms";
        }
    }
}
