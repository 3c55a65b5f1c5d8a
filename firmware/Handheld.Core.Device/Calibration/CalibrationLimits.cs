using Handheld.Core.Text;

namespace Handheld.Core.Calibration
{
    /// <summary>
    /// Why a tile calibration is out of limits (bit flags; 0 = within limits). docs/ble-protocol.md §5.8.
    /// Wire values; never renumber.
    /// </summary>
    public static class CalibrationLimits
    {
        public const int None = 0;
        /// <summary>A zone's sweep did not give a trustworthy reading (sampler fault, or the physical check found a sensor fault).</summary>
        public const int SweepFault = 1;
        /// <summary>Zone A is not UV-dull paper by the analysis' own limits (aged tile: brightener contamination, yellowing).</summary>
        public const int ZoneANotDull = 2;
        /// <summary>A derived gain lies outside <see cref="TileCalibrator.MinGainPermille"/>…<see cref="TileCalibrator.MaxGainPermille"/>.</summary>
        public const int GainOutOfRange = 4;
        /// <summary>Zone B's blue over zone A's is below the ratio that separates brightened from dull paper in the analysis.</summary>
        public const int BrightRatioLow = 8;
        /// <summary>Zone B does not read as brightened paper (weak lamp, blue channel).</summary>
        public const int ZoneBNotBrightened = 16;
        /// <summary>Zone C does not show both blue and green fibre events.</summary>
        public const int FibreColourMissing = 32;

        private static readonly string[] Names = new string[]
        {
            "sweep-fault", "zone-a-not-dull", "gain-out-of-range", "bright-ratio-low", "zone-b-not-brightened", "fibre-colour-missing"
        };

        /// <summary>Names of the set flags joined by ',' ("none" for 0), e.g. "zone-a-not-dull,gain-out-of-range".</summary>
        public static string Describe(int flags)
        {
            return FlagNames.Describe(flags, Names, "none");
        }
    }
}
