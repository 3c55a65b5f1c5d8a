namespace Handheld.Core.Drivers
{
    /// <summary>
    /// Automatic gain for any <see cref="IFluorescenceSensor"/>: picks the highest gain whose predicted peak
    /// stays under a target fraction of full scale, from one reading. Integer arithmetic only.
    /// </summary>
    public static class AutoGain
    {
        /// <summary>Target peak, in percent of full scale, after a gain change (room for the signal to rise).</summary>
        public const int TargetPercent = 60;
        /// <summary>Above this percent of full scale the gain is lowered before the next reading.</summary>
        public const int HighPercent = 85;
        /// <summary>Below this percent of full scale the gain is raised, if a higher step stays under the target.</summary>
        public const int LowPercent = 15;

        /// <summary>
        /// Chooses the gain step for the next reading. A saturated reading only tells a lower bound, so it
        /// steps down by two (or to 0) rather than predicting.
        /// </summary>
        public static int ChooseLevel(IFluorescenceSensor sensor, int level, int peak, int fullScale, bool saturated)
        {
            if (saturated)
            {
                int down = level - 2;
                return down < 0 ? 0 : down;
            }
            if (fullScale <= 0) return level;
            long peakPercent = (long)peak * 100 / fullScale;
            if (peakPercent >= LowPercent && peakPercent <= HighPercent) return level;
            int gainNow = sensor.GainMilliAt(level);
            int best = 0;
            long limit = (long)fullScale * TargetPercent;
            for (int l = 0; l < sensor.GainLevelCount; l++)
            {
                // predicted peak × 100 at step l = peak × gain(l) / gain(now) × 100
                long predicted = (long)peak * sensor.GainMilliAt(l) / gainNow * 100;
                if (predicted <= limit) best = l;
            }
            return best;
        }

        /// <summary>
        /// Reads, adjusts the gain and reads again until the reading sits inside the working window or
        /// <paramref name="maxSteps"/> readings were taken. Returns the last reading taken.
        /// </summary>
        public static SensorStatus Measure(IFluorescenceSensor sensor, int maxSteps, out BandReading reading)
        {
            reading = new BandReading();
            for (int step = 0; step < maxSteps; step++)
            {
                SensorStatus s = sensor.StartIntegration();
                if (s != SensorStatus.Ok) return s;
                s = sensor.ReadWhenReady(out reading);
                if (s != SensorStatus.Ok) return s;
                int next = ChooseLevel(sensor, sensor.GainLevel, reading.Peak, reading.FullScale, reading.Saturated);
                if (next == sensor.GainLevel) return SensorStatus.Ok;
                s = sensor.SetGainLevel(next);
                if (s != SensorStatus.Ok) return s;
            }
            return SensorStatus.Ok;
        }
    }
}
