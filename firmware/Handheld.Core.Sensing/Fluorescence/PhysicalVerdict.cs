using Handheld.Core.Text;

namespace Handheld.Core.Fluorescence
{
    /// <summary>Outcome of the physical (UV fluorescence) check against the profile the licence declares.</summary>
    public enum PhysicalVerdict
    {
        /// <summary>The measurement could not decide (fault, flags, too short, too noisy, ambiguous).</summary>
        Inconclusive = 0,
        /// <summary>Paper and fibres match the declared profile.</summary>
        Consistent = 1,
        /// <summary>Paper or fibres contradict the declared profile.</summary>
        Inconsistent = 2
    }

    /// <summary>What the background fluorescence says about the paper.</summary>
    public enum PaperClass
    {
        Unknown = 0,
        /// <summary>Weak, not blue-dominated background: security paper without optical brightener.</summary>
        UvDull = 1,
        /// <summary>Strong blue (420–470 nm) background: office paper with optical brightener.</summary>
        Brightened = 2
    }

    /// <summary>Fibre colour flags, as the licence profile declares them and as events are classified.</summary>
    public static class FibreColours
    {
        public const int None = 0;
        public const int Blue = 1;
        public const int Green = 2;
        public const int Red = 4;

        /// <summary>Text for a colour mask, e.g. "blue+green"; the device's Enum.ToString gives numbers.</summary>
        public static string Name(int mask)
        {
            if (mask == 0) return "none";
            string s = "";
            if ((mask & Blue) != 0) s = "blue";
            if ((mask & Green) != 0) s = s.Length == 0 ? "green" : s + "+green";
            if ((mask & Red) != 0) s = s.Length == 0 ? "red" : s + "+red";
            return s;
        }
    }

    /// <summary>Reason codes of the physical check, as bit flags (a result carries several).</summary>
    public static class PhysicalReason
    {
        public const int None = 0;
        /// <summary>The profile expects fibres and no fibre event was seen although the sweep was sensitive enough.</summary>
        public const int FibresNotFound = 1;
        public const int BlueFibresMissing = 2;
        public const int GreenFibresMissing = 4;
        public const int RedFibresMissing = 8;
        /// <summary>Fibre events of one colour only where the profile expects several colours (highlighter "fibres").</summary>
        public const int SingleColourFibres = 16;
        /// <summary>Brightened paper: strong blue background luminescence over the whole sweep.</summary>
        public const int FalseLuminescence = 32;
        /// <summary>The profile declares UV-dull paper and the paper is not.</summary>
        public const int UvDullPaperExpected = 64;
        /// <summary>The background fits neither UV-dull nor brightened paper.</summary>
        public const int PaperUnknown = 128;
        public const int SweepTooShort = 256;
        public const int TooFewValidSamples = 512;
        public const int SensorFault = 1024;
        public const int AmbientTooHigh = 2048;
        public const int Saturated = 4096;
        /// <summary>The noise is so high that a fibre could pass undetected: absence proves nothing.</summary>
        public const int NoiseTooHigh = 8192;
        /// <summary>An expected colour was seen only once: too few to call present or absent.</summary>
        public const int FibresWeak = 16384;
        /// <summary>The paper's local level varies more than print and stains explain (bare and covered patches):
        /// the paper is not proven UV-dull.</summary>
        public const int PaperVaries = 32768;
        /// <summary>Brightener seen where the sweep's lower quartile looked dull: its blue-dominated spectrum
        /// through a coat, or bare brightened stretches between covered ones.</summary>
        public const int BrightenerUnderCover = 65536;
        /// <summary>Leading or trailing brightened stretch left out as off the sheet (the table beyond the edge).</summary>
        public const int OffSheetTrimmed = 131072;
        /// <summary>An expected colour is missing but the sweep met fewer fibres than
        /// PhysicalCheckSettings.MinEventsForAbsence: its absence is not evidence.</summary>
        public const int TooFewForAbsence = 262144;
        /// <summary>Enough of the fibre events are visibly coloured by daylight (white LED reflectance dips):
        /// marker strokes or coloured ink, not security fibres, which are invisible by daylight.</summary>
        public const int FibresVisibleByDaylight = 524288;
        /// <summary>The daylight test could not be made: white LED dead, stuck on or not fitted where required,
        /// or too many white readings saturated. Never Consistent.</summary>
        public const int DaylightLedFault = 1048576;
        /// <summary>AS7341: enough fibre events whose F1–F7 emission differs from every declared fibre spectrum
        /// (SpectrumCheck): markers, printed inks. Evidence: Inconsistent.</summary>
        public const int SpectrumMismatch = 2097152;
        /// <summary>AS7341: too few events with a spectrum precise enough to confirm the fibres (Inconclusive).</summary>
        public const int SpectrumUnreadable = 4194304;
        /// <summary>AS7341: an expected fibre colour has no declared spectrum (trust data): never Consistent.</summary>
        public const int SpectraNotDeclared = 8388608;
        /// <summary>Information: at least one fibre event read coloured by daylight (its white-LED chromaticity moved
        /// away from the paper's) and was left out of the fibre counts.</summary>
        public const int EventColouredByDaylight = 16777216;
        /// <summary>TCS34725: a fibre colour's events carry R/G/B shares broadened past its declared signature
        /// (ColourSignatureCheck): one broad ink mix printed, not fibre dyes. Evidence: Inconsistent.</summary>
        public const int ColourSignatureMismatch = 1 << 25;
        /// <summary>TCS34725: an expected fibre colour has no declared colour signature (trust data): never Consistent.</summary>
        public const int ColourSharesNotDeclared = 1 << 26;
        /// <summary>AS7341: the pooled fibre spectra are both broadened and far from the declared ones, each
        /// below its own mismatch limit (SpectrumCheck, SpectrumSettings.Doubt*): doubt, Inconclusive.</summary>
        public const int SpectrumDoubtful = 1 << 27;
        /// <summary>The events' pooled daylight colour shift and darkening (DaylightReflectance's joint statistic) lie
        /// beyond what genuine fibres give by chance once in 1,000 sweeps, short of evidence, or the joint evidence came
        /// from a sweep with flagged samples: doubt, Inconclusive.</summary>
        public const int DaylightColourDoubtful = 1 << 28;

        private static readonly string[] Names =
        {
            "FibresNotFound", "BlueFibresMissing", "GreenFibresMissing", "RedFibresMissing", "SingleColourFibres",
            "FalseLuminescence", "UvDullPaperExpected", "PaperUnknown", "SweepTooShort", "TooFewValidSamples",
            "SensorFault", "AmbientTooHigh", "Saturated", "NoiseTooHigh", "FibresWeak",
            "PaperVaries", "BrightenerUnderCover", "OffSheetTrimmed", "TooFewForAbsence", "FibresVisibleByDaylight",
            "DaylightLedFault",
            "SpectrumMismatch", "SpectrumUnreadable", "SpectraNotDeclared",
            "EventColouredByDaylight", "ColourSignatureMismatch", "ColourSharesNotDeclared", "SpectrumDoubtful",
            "DaylightColourDoubtful"
        };

        /// <summary>Comma-separated names of the reasons set in <paramref name="reasons"/>; "None" when empty.</summary>
        public static string Describe(int reasons)
        {
            return FlagNames.Describe(reasons, Names, "None");
        }
    }

    /// <summary>Text names of verdicts and paper classes (Enum.ToString gives numbers on the device).</summary>
    public static class PhysicalNames
    {
        public static string Verdict(PhysicalVerdict v)
        {
            if (v == PhysicalVerdict.Consistent) return "Consistent";
            if (v == PhysicalVerdict.Inconsistent) return "Inconsistent";
            return "Inconclusive";
        }

        public static string Paper(PaperClass p)
        {
            if (p == PaperClass.UvDull) return "UvDull";
            if (p == PaperClass.Brightened) return "Brightened";
            return "Unknown";
        }
    }
}
