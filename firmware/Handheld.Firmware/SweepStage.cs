using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;
using Handheld.Firmware.Adapters;

namespace Handheld.Firmware
{
    /// <summary>
    /// Builds the physical stage: finds which colour sensor is fitted (TCS34725 at 0x29, else AS7341 at 0x39),
    /// puts the lamp behind Core's eye-safety guard (20 mA LED, current sense required) and wires sampler and
    /// analysis into the controller's <see cref="IPhysicalCheck"/>. All objects are created once at boot.
    /// </summary>
    public sealed class SweepStage
    {
        public const int SweepMs = SamplerSettings.SweepMs;
        public const int TraceCapacity = 128;
        /// <summary>Samples of the track sweep: ≈ 240 readings of ≈ 12.3 ms in 2.94 s, with margin.</summary>
        public const int TrackTraceCapacity = 320;

        public readonly IFluorescenceSensor Sensor;
        public readonly I2cRegisterBus SensorBus;
        public readonly UvLampGuard Lamp;
        public readonly FluorescenceSampler Sampler;
        /// <summary>Track mode sampler for the fingerprint sweep (issue 17).</summary>
        public readonly Handheld.Core.Fingerprint.TrackSampler Track;
        /// <summary>The sampler's calibration in force: its gains come from the stored tile calibration (CalibrationService).</summary>
        public readonly SensorCalibration ActiveCalibration;
        /// <summary>The physical check, shared by inspections and tile calibration (never both at once).</summary>
        public readonly PhysicalCheck Physical;
        public readonly FluorescenceProfileAnalysis Analysis;
        public readonly SweepPhysicalCheck Check;
        /// <summary>AS7341 only: the fibre spectra the paper declares (Fluorescence/README "Per-event spectrum"), filled
        /// from the trust list's catalogue at boot and after each list update (Program's ListReload,
        /// PaperCatalogue, docs/ble-protocol.md §6.1.1). Empty without a format-2 list carrying an intact FS
        /// block: the physical finding is then never Consistent on an AS7341 (fail closed). Null on the TCS34725.</summary>
        public readonly DeclaredSpectra Spectra;
        /// <summary>TCS34725 only: the fibre colour signatures the paper declares (Fluorescence/README "Colour
        /// signature"), filled from the trust list's catalogue at boot and after each list update (Program's
        /// ListReload, PaperCatalogue, docs/ble-protocol.md §6.1.1). Empty without a format-2 list carrying an intact
        /// FT block: the physical finding is then never Consistent on a TCS34725 (fail closed). Null on the AS7341.</summary>
        public readonly DeclaredColourShares ColourShares;

        public SweepStage(Board board)
        {
            SensorBus = board.OpenI2c(Tcs34725.DefaultI2cAddress);
            IFluorescenceSensor sensor = new Tcs34725(SensorBus, board.Clock);
            if (sensor.Initialise(50000) == SensorStatus.Absent)
            {
                SensorBus.Dispose();
                SensorBus = board.OpenI2c(As7341.DefaultI2cAddress);
                sensor = new As7341(SensorBus, board.Clock);
            }
            Sensor = sensor;

            LampLimits limits = new LampLimits();
            limits.ExpectedCurrentMa = 20;        // AL5809-20 regulator (hardware/bom.md #3)
            limits.RequireCurrentSense = true;    // the board has the INA180 sense path: an unmeasurable lamp is a fault
            Lamp = new UvLampGuard(board.Lamp, board.Clock, limits);

            // The settings the physical check was tuned and measured with (50 Hz mains: 20 ms integrations).
            ActiveCalibration = SensorCalibration.Identity(Sensor.Kind);
            Sampler = new FluorescenceSampler(Sensor, Lamp, board.Clock, ActiveCalibration, SamplerSettings.ForMains50Hz(), board.WhiteLed);
            PhysicalCheckSettings settings = PhysicalCheckSettings.For(Sensor.Kind);
            // This board has the daylight LED: a sweep without its readings must never be Consistent.
            settings.Daylight.Required = true;
            Physical = new PhysicalCheck(settings, TraceCapacity);
            Analysis = new FluorescenceProfileAnalysis(Physical,
                new Handheld.Core.Fingerprint.FingerprintMatcher(Handheld.Core.Fingerprint.FingerprintSettings.Default(), TraceCapacity));
            As7341 spectral = Sensor as As7341;
            if (spectral != null)
            {
                SpectralTrace channels = new SpectralTrace(TraceCapacity);
                SamplerSettings ss = Sampler.Settings;
                Sampler.Spectrum = new SpectrumSampling(spectral, channels, ss.ElectronsPerCountAt1x, ss.ReadNoiseMilliCounts);
                Spectra = new DeclaredSpectra();
                Analysis.UseSpectrum(new SpectrumCheck(new SpectrumSettings(), TraceCapacity), channels, Spectra);
            }
            else
            {
                ColourShares = new DeclaredColourShares();
                Analysis.UseColourSignature(new ColourSignatureCheck(new ColourSignatureSettings(), TraceCapacity), ColourShares);
            }
            Check = new SweepPhysicalCheck(Sampler, Analysis, TraceCapacity, SweepMs);
            // Track mode (issue 17): a licence with a fibre fingerprint is also swept along its track with the lamp on
            // throughout and back-to-back 10 ms readings (≈ 240 samples); the fingerprint is compared on that sweep.
            Track = new Handheld.Core.Fingerprint.TrackSampler(Sensor, Lamp, board.Clock, ActiveCalibration,
                new Handheld.Core.Fingerprint.TrackSamplerSettings());
            Analysis.UseTrackSweep(new Handheld.Core.Fingerprint.TrackExtractor(
                Handheld.Core.Fingerprint.TrackExtractorSettings.For(Sensor.Kind), TrackTraceCapacity));
            Check.UseTrackSweep(Track, Analysis, TrackTraceCapacity);
            Check.ConfirmEachTrack = true;   // the inspector moves to each track's edge and presses OK
        }
    }
}
