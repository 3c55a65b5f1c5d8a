using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Core.Ports;

namespace Handheld.Core.Fingerprint
{
    /// <summary>Settings of <see cref="TrackSampler"/>.</summary>
    public sealed class TrackSamplerSettings
    {
        /// <summary>Sweep length asked for (the reading in progress is finished: ≈ 2,950 ms of lamp-on, under
        /// LampLimits.MaxContinuousOnMs 3,500).</summary>
        public const int SweepMs = 2940;

        /// <summary>
        /// Integration of every reading: 10 ms is one whole period of the 100 Hz flicker (50 Hz mains), so each
        /// reading sees the mean ambient level whatever its phase. The AS7341 takes 10 ms (ASTEP rounding:
        /// 9.99 ms); the TCS34725 rounds to 4 × 2.4 = 9.6 ms, which misses 0.4 ms of the period: the residual is
        /// at most m · sin(π·0.04) / (π·0.96) ≈ 4.2 % of the flicker's modulation amplitude m of the ambient leak,
        /// a ripple the local baseline follows only partly (README.md: measured under fluorescent light).
        /// </summary>
        public int IntegrationTimeUs = 10000;
        /// <summary>Lamp drive, permille (on for the whole sweep).</summary>
        public int LampDutyPermille = 1000;
        /// <summary>The lamp current is checked every this many readings (an ADC read on the device).</summary>
        public int CurrentCheckEveryReadings = 16;
        /// <summary>The lamp guard's limits are checked every this many readings (16 ≈ 200 ms: the sweep ends ≈ 550 ms
        /// before the continuous limit; the firmware's hardware one-shot is the second barrier).</summary>
        public int LampCheckEveryReadings = 16;
        /// <summary>This many consecutive identical raw readings (not at full scale) mean a stuck sensor: a live
        /// sensor under UV shows shot noise.</summary>
        public int StuckLimit = 5;
        /// <summary>More than this percent of samples saturated (after auto gain) fails the sweep.</summary>
        public int MaxSaturatedPercent = 10;
        /// <summary>Readings taken by auto gain in Prepare.</summary>
        public int AutoGainSteps = 4;
    }

    /// <summary>
    /// Track mode: the fingerprint sweep along the track with the UV lamp on for the whole sweep and back-to-back
    /// short readings (no UV-off or white readings), ≈ 12 ms apart instead of the physical sweep's ≈ 55 ms cycle.
    /// Each sample is the UV-on reading alone, normalised to cps16 and calibrated; ambient under the shroud stays
    /// in it as a slow baseline that <see cref="TrackExtractor"/> removes with a local lower envelope. Faults as
    /// <see cref="FluorescenceSampler"/>: a sensor that stops answering, stuck readings, saturation at the lowest
    /// gain or too often, a lamp limit or current fault end the sweep with a <see cref="SamplerFault"/>; the lamp is
    /// always left off. The trace is the caller's (preallocated); a sweep allocates nothing.
    /// </summary>
    public sealed class TrackSampler
    {
        private readonly IFluorescenceSensor _sensor;
        private readonly UvLampGuard _lamp;
        private readonly IMonotonicClock _clock;
        private readonly TrackSamplerSettings _settings;
        private SensorCalibration _calibration;
        private bool _prepared;
        private int _lastB = -1, _lastG, _lastR, _lastC;
        private int _stuckRun;
        private int _factorTimeUs, _factorGainMilli;
        private long _factorQ16;
        private int _topLevel, _topGainMilli;   // the sensor's highest gain step and its gain, read once per sweep

        public TrackSampler(IFluorescenceSensor sensor, UvLampGuard lamp, IMonotonicClock clock,
            SensorCalibration calibration, TrackSamplerSettings settings)
        {
            _sensor = sensor;
            _lamp = lamp;
            _clock = clock;
            _calibration = calibration != null ? calibration : SensorCalibration.Identity(sensor.Kind);
            _settings = settings != null ? settings : new TrackSamplerSettings();
        }

        public TrackSamplerSettings Settings { get { return _settings; } }

        public SensorCalibration Calibration
        {
            get { return _calibration; }
            set { _calibration = value != null ? value : SensorCalibration.Identity(_sensor.Kind); }
        }

        /// <summary>Fault of the last Prepare or Sweep (None when it succeeded).</summary>
        public SamplerFault LastFault { get; private set; }
        public SensorStatus LastSensorStatus { get; private set; }
        public LampStatus LastLampStatus { get; private set; }
        public int SaturatedSamples { get; private set; }
        public int GainChanges { get; private set; }
        /// <summary>Duration of the last sweep on the monotonic clock (lamp on), ms.</summary>
        public int SweepDurationMs { get; private set; }

        /// <summary>Identity check, configuration at the track integration time, auto gain under UV.</summary>
        public SamplerFault Prepare()
        {
            _prepared = false;
            _lamp.SwitchOff();
            if (_calibration.Kind != _sensor.Kind) return Fail(SamplerFault.CalibrationMismatch);
            SensorStatus s = _sensor.Initialise(_settings.IntegrationTimeUs);
            if (s != SensorStatus.Ok) return Fail(SensorFault(s));
            try
            {
                LampStatus ls = _lamp.SwitchOn(_settings.LampDutyPermille);
                if (ls != LampStatus.Ok) return Fail(LampFault(ls));
                BandReading r;
                s = AutoGain.Measure(_sensor, _settings.AutoGainSteps, out r);
                if (s != SensorStatus.Ok) return Fail(SensorFault(s));
                ls = _lamp.CheckCurrent();
                if (ls == LampStatus.Ok) ls = _lamp.Check();
                if (ls != LampStatus.Ok) return Fail(LampFault(ls));
            }
            finally
            {
                _lamp.SwitchOff();
            }
            _prepared = true;
            LastFault = SamplerFault.None;
            return SamplerFault.None;
        }

        /// <summary>Samples for <paramref name="durationMs"/> (or until the trace is full) with the lamp on
        /// throughout. The trace holds every completed sample even when a fault ends the sweep early.</summary>
        public SamplerFault Sweep(SweepTrace trace, int durationMs)
        {
            if (trace == null) return Fail(SamplerFault.NotPrepared);
            trace.Reset();
            SaturatedSamples = 0;
            GainChanges = 0;
            SweepDurationMs = 0;
            _stuckRun = 0;
            _lastB = -1;
            if (!_prepared || durationMs <= 0) return Fail(SamplerFault.NotPrepared);
            long t0 = _clock.NowMs;
            _topLevel = _sensor.GainLevelCount - 1;
            _topGainMilli = _topLevel >= 0 ? _sensor.GainMilliAt(_topLevel) : 0;
            try
            {
                LampStatus ls = _lamp.SwitchOn(_settings.LampDutyPermille);
                if (ls != LampStatus.Ok) return Fail(LampFault(ls));
                int readings = 0;
                while (_clock.NowMs - t0 < durationMs && trace.Count < trace.Capacity)
                {
                    SamplerFault f = OneReading(trace, t0);
                    if (f != SamplerFault.None) return Fail(f);
                    readings++;
                    ls = readings % _settings.CurrentCheckEveryReadings == 1 ? _lamp.CheckCurrent() : LampStatus.Ok;
                    if (ls == LampStatus.Ok && readings % _settings.LampCheckEveryReadings == 0) ls = _lamp.Check();
                    if (ls != LampStatus.Ok) return Fail(LampFault(ls));
                }
            }
            finally
            {
                _lamp.SwitchOff();
                SweepDurationMs = (int)(_clock.NowMs - t0);
            }
            int n = trace.Count;
            if (n == 0) return Fail(SamplerFault.NotPrepared);
            if (SaturatedSamples * 100 > n * _settings.MaxSaturatedPercent) return Fail(SamplerFault.Saturated);
            LastFault = SamplerFault.None;
            return SamplerFault.None;
        }

        private SamplerFault OneReading(SweepTrace trace, long t0)
        {
            long start = _clock.NowMs;
            SensorStatus s = _sensor.StartIntegration();
            if (s != SensorStatus.Ok) return SensorFault(s);
            BandReading on;
            s = _sensor.ReadWhenReady(out on);
            if (s != SensorStatus.Ok) return SensorFault(s);
            long end = _clock.NowMs;
            byte flags = 0;
            int peak = on.Peak;
            if (on.Saturated)
            {
                flags |= SweepTrace.FlagSaturated;
                SaturatedSamples++;
                if (_sensor.GainLevel == 0) return SamplerFault.Saturated;
            }
            else if (peak >= FluorescenceSampler.StuckMinPeak && on.Blue == _lastB && on.Green == _lastG
                && on.Red == _lastR && on.Clear == _lastC)
            {
                _stuckRun++;
                if (_stuckRun + 1 >= _settings.StuckLimit) return SamplerFault.StuckReadings;
            }
            else _stuckRun = 0;
            _lastB = on.Blue; _lastG = on.Green; _lastR = on.Red; _lastC = on.Clear;

            int t = on.IntegrationTimeUs, g = on.GainMilli;
            if (t != _factorTimeUs || g != _factorGainMilli)
            {
                // cps16 per count (16·10⁹ / (t·gain), Q16), once per gain or integration change: 240 readings a sweep.
                _factorTimeUs = t; _factorGainMilli = g;
                _factorQ16 = t <= 0 || g <= 0 ? 0 : (16000000000L << 16) / ((long)t * g);
            }
            SensorCalibration cal = _calibration;
            long f = _factorQ16;
            int blue = SensorCalibration.Apply((int)((on.Blue * f + 32768) >> 16), cal.DarkBlue, cal.GainBlueQ12);
            int green = SensorCalibration.Apply((int)((on.Green * f + 32768) >> 16), cal.DarkGreen, cal.GainGreenQ12);
            int red = SensorCalibration.Apply((int)((on.Red * f + 32768) >> 16), cal.DarkRed, cal.GainRedQ12);
            int clear = SensorCalibration.Apply((int)((on.Clear * f + 32768) >> 16), cal.DarkClear, cal.GainClearQ12);
            // The reading integrates the last IntegrationTimeUs before it became ready: its middle. No predicted
            // sigma (0: the extraction scales its thresholds by the trace's own step noise).
            int mid = (int)(end - t0) - (t + 999) / 2000;
            if (mid < (int)(start - t0)) mid = (int)(start - t0);
            trace.Add(mid, blue, green, red, clear, 0, flags, 0, 0);

            int level = _sensor.GainLevel;
            // At the top step with the peak at most the target, ChooseLevel keeps the step (its loop ends at the top
            // step, whose predicted peak is the peak itself): the usual track reading, dim fibres at the highest gain.
            int next = !on.Saturated && level == _topLevel && _topGainMilli > 0 && on.FullScale > 0
                && (long)peak * 100 <= (long)on.FullScale * AutoGain.TargetPercent
                ? level : AutoGain.ChooseLevel(_sensor, level, peak, on.FullScale, on.Saturated);
            if (next != level)
            {
                s = _sensor.SetGainLevel(next);
                if (s != SensorStatus.Ok) return SensorFault(s);
                GainChanges++;
            }
            return SamplerFault.None;
        }

        private SamplerFault SensorFault(SensorStatus s)
        {
            LastSensorStatus = s;
            switch (s)
            {
                case SensorStatus.Absent: return SamplerFault.SensorAbsent;
                case SensorStatus.WrongIdentity: return SamplerFault.WrongIdentity;
                case SensorStatus.DataTimeout: return SamplerFault.DataTimeout;
                case SensorStatus.NotInitialised: return SamplerFault.NotPrepared;
                default: return SamplerFault.BusError;
            }
        }

        private SamplerFault LampFault(LampStatus ls)
        {
            LastLampStatus = ls;
            return ls == LampStatus.CurrentFault || ls == LampStatus.CurrentUnavailable
                ? SamplerFault.LampFault : SamplerFault.LampLimit;
        }

        private SamplerFault Fail(SamplerFault f)
        {
            _lamp.SwitchOff();
            if (f == SamplerFault.BusError || f == SamplerFault.SensorAbsent || f == SamplerFault.DataTimeout
                || f == SamplerFault.WrongIdentity) _prepared = false;
            LastFault = f;
            return f;
        }
    }
}
