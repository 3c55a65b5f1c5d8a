namespace Handheld.Core.Drivers
{
    /// <summary>
    /// One raw reading of the four bands the fluorescence measurement uses, with the conditions it was taken
    /// at, so counts can be normalised across gain and integration time. A struct, so reading allocates nothing.
    /// </summary>
    public struct BandReading
    {
        /// <summary>Blue band raw counts (AS7341 F2 445 nm; TCS34725 B).</summary>
        public int Blue;
        /// <summary>Green band raw counts (AS7341 F4 515 nm; TCS34725 G).</summary>
        public int Green;
        /// <summary>Red band raw counts (AS7341 F7 630 nm; TCS34725 R).</summary>
        public int Red;
        /// <summary>Clear (unfiltered) channel raw counts.</summary>
        public int Clear;
        /// <summary>Largest count the ADC can report for this integration time.</summary>
        public int FullScale;
        /// <summary>Analog gain the reading was taken at, in thousandths (16× = 16000).</summary>
        public int GainMilli;
        /// <summary>Integration time the reading was taken at, in microseconds.</summary>
        public int IntegrationTimeUs;
        /// <summary>True when any band reached full scale: the counts are a lower bound only.</summary>
        public bool Saturated;

        /// <summary>Largest of the four band counts (auto-gain works on it).</summary>
        public int Peak
        {
            get
            {
                int p = Blue;
                if (Green > p) p = Green;
                if (Red > p) p = Red;
                if (Clear > p) p = Clear;
                return p;
            }
        }

        /// <summary>
        /// Converts raw counts to "cps16" (counts per second at gain 1×, times 16; see SweepTrace):
        /// counts × 16 × 10⁹ / (time µs × gain milli). 64-bit intermediate; exact integer arithmetic so the
        /// device and the host agree bit for bit.
        /// </summary>
        public static int ToCps16(int counts, int integrationTimeUs, int gainMilli)
        {
            if (integrationTimeUs <= 0 || gainMilli <= 0) return 0;
            long num = (long)counts * 16000000000L;
            long den = (long)integrationTimeUs * gainMilli;
            long q = num >= 0 ? (num + den / 2) / den : -((-num + den / 2) / den);
            if (q > int.MaxValue) return int.MaxValue;
            if (q < int.MinValue) return int.MinValue;
            return (int)q;
        }
    }
}
