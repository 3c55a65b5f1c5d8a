namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// The ambient-cancelled fluorescence samples of one sweep across the sheet: the measurement stage
    /// (UV-on/UV-off pairs) fills it, the analysis reads it. Allocated once with a fixed capacity and reused.
    /// Values are in "cps16": sensor counts per second at gain 1×, times 16 (integer fixed point), so that
    /// readings taken at different gains and integration times compare directly.
    /// </summary>
    public sealed class SweepTrace
    {
        /// <summary>Sample flag: a channel saturated in the UV-on or UV-off reading.</summary>
        public const byte FlagSaturated = 1;
        /// <summary>Sample flag: ambient light (UV-off reading) was so high that the difference is unreliable.</summary>
        public const byte FlagAmbientHigh = 2;
        /// <summary>Sample flag: the sensor did not answer for this sample (bus error, timeout).</summary>
        public const byte FlagSensorFault = 4;

        public SweepTrace(int capacity)
        {
            TimeMs = new int[capacity];
            Blue = new int[capacity];
            Green = new int[capacity];
            Red = new int[capacity];
            Clear = new int[capacity];
            AmbientClear = new int[capacity];
            Flags = new byte[capacity];
            SigmaBlue = new int[capacity];
            SigmaGreen = new int[capacity];
            Reflectance = new int[capacity];
            SigmaReflectance = new int[capacity];
            WhiteChromaticity = new int[capacity];
        }

        public int Capacity { get { return TimeMs.Length; } }

        /// <summary>Number of valid samples.</summary>
        public int Count;

        /// <summary>Milliseconds since the start of the sweep at the middle of the UV-on reading.</summary>
        public readonly int[] TimeMs;
        /// <summary>Blue band (AS7341 F2 445 nm; TCS34725 B), UV-on minus UV-off, cps16.</summary>
        public readonly int[] Blue;
        /// <summary>Green band (AS7341 F4 515 nm; TCS34725 G), UV-on minus UV-off, cps16.</summary>
        public readonly int[] Green;
        /// <summary>Red band (AS7341 F7 630 nm; TCS34725 R), UV-on minus UV-off, cps16.</summary>
        public readonly int[] Red;
        /// <summary>Clear (unfiltered) channel, UV-on minus UV-off, cps16.</summary>
        public readonly int[] Clear;
        /// <summary>Clear channel of the UV-off reading alone (ambient level), cps16.</summary>
        public readonly int[] AmbientClear;
        /// <summary>Per-sample flags (Flag* constants).</summary>
        public readonly byte[] Flags;
        /// <summary>Predicted noise sigma of the blue and green values (shot and read noise of the three readings
        /// behind each sample, from their counts), cps16; 0 when the producer does not know it.</summary>
        public readonly int[] SigmaBlue;
        public readonly int[] SigmaGreen;

        /// <summary>Value of <see cref="Reflectance"/> where no daylight reading exists for the sample (the white
        /// reading saturated, or the sampler skipped it).</summary>
        public const int ReflectanceMissing = -2147483647 - 1;

        /// <summary>True when the producer took white-LED readings (a head with the daylight LED); the samples'
        /// <see cref="Reflectance"/> values are then meaningful.</summary>
        public bool HasReflectance;
        /// <summary>Daylight reflectance: clear channel with the white LED on minus the mean of the UV-off (ambient)
        /// readings on either side, scaled to full LED duty, cps16; <see cref="ReflectanceMissing"/> when not read.</summary>
        public readonly int[] Reflectance;
        /// <summary>Predicted noise sigma of <see cref="Reflectance"/> (shot and read noise, same scaling), cps16.</summary>
        public readonly int[] SigmaReflectance;

        /// <summary>Scale of the chromaticity shares: a share of 1 is this many units.</summary>
        public const int ChromaticityScale = 10000;
        /// <summary>Value of <see cref="WhiteChromaticity"/> where the daylight reading gave no colour.</summary>
        public const int ChromaticityMissing = -1;
        /// <summary>Daylight chromaticity: the blue and the red channel's shares of R + G + B in the white-LED reading
        /// (ambient removed), each in 1/<see cref="ChromaticityScale"/>, packed as blue × 65536 + red (the green share
        /// is the rest); <see cref="ChromaticityMissing"/> when not read. Brightness (tilt, lift-off, grey print)
        /// scales all three channels alike and leaves it unchanged; a coloured stroke moves it.</summary>
        public readonly int[] WhiteChromaticity;

        /// <summary>Packs blue and red shares (each 0…ChromaticityScale) into a <see cref="WhiteChromaticity"/> value.</summary>
        public static int PackChromaticity(int blueShare, int redShare) { return (blueShare << 16) | (redShare & 0xFFFF); }
        public static int BlueShareOf(int chromaticity) { return chromaticity >> 16; }
        public static int RedShareOf(int chromaticity) { return chromaticity & 0xFFFF; }

        /// <summary>Chromaticity of net channel values (cps16): shares of R + G + B, or ChromaticityMissing when a
        /// channel is not positive (no light to judge a colour by).</summary>
        public static int ChromaticityOf(long red, long green, long blue)
        {
            if (red <= 0 || green <= 0 || blue <= 0) return ChromaticityMissing;
            long sum = red + green + blue;
            return PackChromaticity((int)(blue * ChromaticityScale / sum), (int)(red * ChromaticityScale / sum));
        }

        public void Reset() { Count = 0; HasReflectance = false; }

        /// <summary>Stores the daylight reflectance of sample <paramref name="index"/> (already added), without a colour.</summary>
        public void SetReflectance(int index, int reflectance, int sigma)
        {
            SetReflectance(index, reflectance, sigma, ChromaticityMissing);
        }

        /// <summary>Stores the daylight reflectance and chromaticity (<see cref="ChromaticityOf"/>) of sample <paramref name="index"/>.</summary>
        public void SetReflectance(int index, int reflectance, int sigma, int chromaticity)
        {
            if (index < 0 || index >= Count) return;
            Reflectance[index] = reflectance;
            SigmaReflectance[index] = sigma;
            WhiteChromaticity[index] = chromaticity;
        }

        /// <summary>Appends a sample; returns false (and stores nothing) when the trace is full.</summary>
        public bool Add(int timeMs, int blue, int green, int red, int clear, int ambientClear, byte flags)
        {
            return Add(timeMs, blue, green, red, clear, ambientClear, flags, 0, 0);
        }

        /// <summary>Appends a sample with its predicted blue and green noise sigma (cps16).</summary>
        public bool Add(int timeMs, int blue, int green, int red, int clear, int ambientClear, byte flags, int sigmaBlue, int sigmaGreen)
        {
            int i = Count;
            if (i >= TimeMs.Length) return false;
            TimeMs[i] = timeMs; Blue[i] = blue; Green[i] = green; Red[i] = red; Clear[i] = clear;
            AmbientClear[i] = ambientClear; Flags[i] = flags; SigmaBlue[i] = sigmaBlue; SigmaGreen[i] = sigmaGreen;
            Reflectance[i] = ReflectanceMissing; SigmaReflectance[i] = 0; WhiteChromaticity[i] = ChromaticityMissing;
            Count = i + 1;
            return true;
        }
    }
}
