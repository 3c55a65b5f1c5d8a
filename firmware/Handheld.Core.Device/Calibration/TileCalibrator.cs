using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;

namespace Handheld.Core.Calibration
{
    /// <summary>
    /// Measures the three-zone calibration tile (hardware/calibration.md) through the existing sampler and
    /// physical check and derives per-band gains from zone A, then checks the limits (docs/ble-protocol.md §5.8):
    /// A must be UV-dull paper by the analysis, B must read as brightened with B/A blue at least the ratio of the
    /// analysis' brightened and dull limits (BrightMinBlue / DullMaxBlue), C must show blue and green fibre
    /// events (MinEventsPerColour each), every gain within <see cref="MinGainPermille"/>…<see cref="MaxGainPermille"/>.
    /// Gain per band = nominal zone-A level of the sensor kind / measured zone-A level. Nothing allocated per call.
    /// </summary>
    public sealed class TileCalibrator
    {
        public const int MinGainPermille = 500;
        public const int MaxGainPermille = 2000;

        private readonly ITileSweep _sweep;
        private readonly PhysicalCheck _check;
        private readonly SweepTrace _trace;
        private readonly PhysicalCheckResult _result = new PhysicalCheckResult();

        /// <param name="check">The physical check of the fitted sensor (shared with inspections: both never run at once).</param>
        /// <param name="trace">A sweep trace (shared with inspections likewise).</param>
        public TileCalibrator(ITileSweep sweep, PhysicalCheck check, SweepTrace trace)
        {
            _sweep = sweep;
            _check = check;
            _trace = trace;
        }

        /// <summary>The physical check's result of the last zone swept (for logs).</summary>
        public PhysicalCheckResult LastZoneDetail { get { return _result; } }

        /// <summary>Zone A's nominal background (cps16) for a sensor kind, band 0 blue or 1 green: what a unit of
        /// nominal sensitivity reads on a new tile at unit gains (the HH-1 optics model, mean of seeds 1–5 of the
        /// emulated tile; docs/ble-protocol.md §5.8).</summary>
        public static int NominalA(SensorKind kind, int band)
        {
            if (kind == SensorKind.As7341) return band == 0 ? NominalAs7341Blue : NominalAs7341Green;
            return band == 0 ? NominalTcsBlue : NominalTcsGreen;
        }

        public const int NominalTcsBlue = 496, NominalTcsGreen = 401;
        public const int NominalAs7341Blue = 93, NominalAs7341Green = 127;

        /// <summary>Smallest zone-B / zone-A blue ratio (permille) for a sensor kind's thresholds.</summary>
        public static int MinBrightRatioPermille(PhysicalCheckSettings s)
        {
            return s.DullMaxBlue <= 0 ? 0 : (int)((long)s.BrightMinBlue * 1000 / s.DullMaxBlue);
        }

        /// <summary>Sweeps A, B and C into <paramref name="into"/> (readings, gains, limits; number and time untouched).</summary>
        public void Measure(TileCalibration into)
        {
            SensorKind kind = _sweep.Kind;
            PhysicalCheckSettings s = _check.Settings;
            into.Kind = kind;
            int limits = CalibrationLimits.None;
            for (int zone = 0; zone < TileZone.Count; zone++)
            {
                TileZone z = into.Zones[zone];
                z.Clear();
                SamplerFault f = _sweep.SweepZone(zone, _trace);
                int colours = zone == TileZone.C ? FibreColours.Blue | FibreColours.Green : FibreColours.None;
                _check.Run(_trace, f, colours, zone != TileZone.B, _result);
                z.Fault = f;
                z.Blue = _result.BackgroundBlue;
                z.Green = _result.BackgroundGreen;
                z.Red = _result.BackgroundRed;
                z.Paper = _result.Paper;
                z.BlueEvents = _result.BlueEvents;
                z.GreenEvents = _result.GreenEvents;
                z.RedEvents = _result.RedEvents;
                if (f != SamplerFault.None || (_result.Reasons & PhysicalReason.SensorFault) != 0) limits |= CalibrationLimits.SweepFault;
            }
            TileZone a = into.Zones[TileZone.A];
            TileZone b = into.Zones[TileZone.B];
            TileZone c = into.Zones[TileZone.C];
            into.GainBluePermille = Gain(NominalA(kind, 0), a.Blue);
            into.GainGreenPermille = Gain(NominalA(kind, 1), a.Green);
            // Red stays at unit gain: no zone of the tile emits red (dull pulp reads near zero there, 1–62 cps16),
            // so a gain from it would scale noise; red serves only red-fibre classification, a ratio of excesses.
            into.GainRedPermille = 1000;
            if (!InRange(into.GainBluePermille) || !InRange(into.GainGreenPermille))
                limits |= CalibrationLimits.GainOutOfRange;
            if (a.Paper != PaperClass.UvDull) limits |= CalibrationLimits.ZoneANotDull;
            long ratio = a.Blue > 0 ? (long)b.Blue * 1000 / a.Blue : 0;
            if (ratio < MinBrightRatioPermille(s)) limits |= CalibrationLimits.BrightRatioLow;
            if (b.Paper != PaperClass.Brightened) limits |= CalibrationLimits.ZoneBNotBrightened;
            if (c.BlueEvents < s.MinEventsPerColour || c.GreenEvents < s.MinEventsPerColour) limits |= CalibrationLimits.FibreColourMissing;
            into.Limits = limits;
        }

        // Gain that brings `measured` to `nominal`, permille, capped to what the u16 wire field holds (0 = no reading).
        private static int Gain(int nominal, int measured)
        {
            if (measured <= 0) return 0;
            long g = ((long)nominal * 1000 + measured / 2) / measured;
            return g > 65535 ? 65535 : (int)g;
        }

        private static bool InRange(int permille) { return permille >= MinGainPermille && permille <= MaxGainPermille; }
    }
}
