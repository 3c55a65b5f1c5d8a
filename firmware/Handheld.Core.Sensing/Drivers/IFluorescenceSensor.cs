namespace Handheld.Core.Drivers
{
    /// <summary>
    /// What the fluorescence sampler needs from a colour sensor, so it does not care which chip is fitted.
    /// Both <see cref="Tcs34725"/> and <see cref="As7341"/> implement it. Every call is bounded in time and
    /// reports bus trouble as a <see cref="SensorStatus"/>; none throws for hardware faults.
    /// </summary>
    public interface IFluorescenceSensor
    {
        SensorKind Kind { get; }

        /// <summary>Identity check, power-up and configuration for the requested integration time
        /// (rounded to the chip's step; read the result from <see cref="IntegrationTimeUs"/>).</summary>
        SensorStatus Initialise(int integrationTimeUs);

        /// <summary>Integration time actually configured, in microseconds.</summary>
        int IntegrationTimeUs { get; }

        /// <summary>Full-scale count for the configured integration time.</summary>
        int FullScale { get; }

        /// <summary>Number of gain steps (0 = lowest gain).</summary>
        int GainLevelCount { get; }

        /// <summary>Current gain step.</summary>
        int GainLevel { get; }

        /// <summary>Gain of a step in thousandths (16× = 16000).</summary>
        int GainMilliAt(int level);

        SensorStatus SetGainLevel(int level);
        /// <summary>Changes the integration time of the next readings (one register write, no re-initialisation;
        /// rounded like <see cref="Initialise"/>): the daylight reading is short, the fluorescence ones long.</summary>
        SensorStatus SetIntegrationTime(int integrationTimeUs);

        /// <summary>Restarts the ADC so the next reading integrates only light that arrives from now on
        /// (used after the lamp is switched, so no reading mixes lamp-on and lamp-off light).</summary>
        SensorStatus StartIntegration();

        /// <summary>Waits (through the delay port, bounded) for the integration started by
        /// <see cref="StartIntegration"/> to complete and reads the bands.</summary>
        SensorStatus ReadWhenReady(out BandReading reading);

        /// <summary>Stops the ADC and powers the chip down (best effort).</summary>
        void PowerDown();
    }
}
