using Handheld.Core.Ports;

namespace Handheld.Core.Fluorescence
{
    /// <summary>Outcome of a lamp request or check.</summary>
    public enum LampStatus : byte
    {
        Ok = 0,
        /// <summary>Switching on would exceed, or a check found, the continuous on-time limit; lamp is off.</summary>
        ContinuousLimit = 1,
        /// <summary>The duty budget over the sliding window is used up; lamp is off until it recovers.</summary>
        DutyLimit = 2,
        /// <summary>Lamp current far from the expected value (open or weak LED, driver fault); lamp is off.</summary>
        CurrentFault = 3,
        /// <summary>Current sensing is required but the hardware could not measure it; lamp is off.</summary>
        CurrentUnavailable = 4,
        /// <summary>Duty outside 1–1000 permille.</summary>
        InvalidDuty = 5,
    }

    /// <summary>Eye-safety and health limits for the UV lamp.</summary>
    public sealed class LampLimits
    {
        /// <summary>Longest the lamp may stay on without a break (a sweep is at most 3 s).</summary>
        public int MaxContinuousOnMs = 3500;
        /// <summary>Sliding window for the duty budget.</summary>
        public int WindowMs = 60000;
        /// <summary>Most full-power-equivalent on-time inside the window (25 % average duty by default).</summary>
        public int MaxOnMsPerWindow = 15000;
        /// <summary>LED current at 1000 permille duty, mA (0 = do not check current).</summary>
        public int ExpectedCurrentMa = 100;
        /// <summary>Accepted deviation from duty-scaled expected current, percent.</summary>
        public int CurrentTolerancePercent = 25;
        /// <summary>When true, a lamp whose current cannot be read is treated as faulty (fail closed).</summary>
        public bool RequireCurrentSense;
    }

    /// <summary>
    /// Wraps the UV lamp port and enforces the eye-safety on-time limits: a maximum continuous on-time and a
    /// duty budget over a sliding window (accounted in 60 buckets, allocation-free). Core has no timer, so
    /// the limit is enforced whenever the guard is called: the sampler calls <see cref="Check"/> on every
    /// reading; the firmware adapter should add a hardware one-shot as a second barrier. Every refusal or
    /// fault leaves the lamp switched off.
    /// </summary>
    public sealed class UvLampGuard
    {
        private const int Buckets = 60;
        private readonly IUvLamp _lamp;
        private readonly IMonotonicClock _clock;
        private readonly LampLimits _limits;
        private readonly long[] _bucketEpoch = new long[Buckets];
        private readonly long[] _bucketPermilleMs = new long[Buckets];
        private readonly int _bucketMs;
        private bool _on;
        private int _duty;
        private long _onSinceMs;
        private long _accountedToMs;

        public UvLampGuard(IUvLamp lamp, IMonotonicClock clock, LampLimits limits)
        {
            _lamp = lamp;
            _clock = clock;
            _limits = limits;
            int b = limits.WindowMs / Buckets;
            _bucketMs = b < 1 ? 1 : b;
            for (int i = 0; i < Buckets; i++) _bucketEpoch[i] = -1;
        }

        public bool IsOn { get { return _on; } }

        public LampLimits Limits { get { return _limits; } }

        /// <summary>Last fault or refusal (Ok when none since construction).</summary>
        public LampStatus LastFault { get; private set; }

        /// <summary>Current measured by the last current check, mA (-1 when not measured).</summary>
        public int LastCurrentMa { get; private set; }

        /// <summary>Full-power-equivalent milliseconds used in the current window.</summary>
        public long UsedOnMsInWindow
        {
            get
            {
                Account(_clock.NowMs);
                return SumWindow(_clock.NowMs) / 1000;
            }
        }

        /// <summary>Switches the lamp on at the given duty unless a limit forbids it.</summary>
        public LampStatus SwitchOn(int dutyPermille)
        {
            if (dutyPermille < 1 || dutyPermille > 1000) return Refuse(LampStatus.InvalidDuty);
            long now = _clock.NowMs;
            if (_on)
            {
                Account(now);
                if (now - _onSinceMs > _limits.MaxContinuousOnMs) return Refuse(LampStatus.ContinuousLimit);
            }
            if (SumWindow(now) >= (long)_limits.MaxOnMsPerWindow * 1000) return Refuse(LampStatus.DutyLimit);
            if (!_on)
            {
                _onSinceMs = now;
                _accountedToMs = now;
            }
            _on = true;
            _duty = dutyPermille;
            _lamp.SetDutyPermille(dutyPermille);
            return LampStatus.Ok;
        }

        /// <summary>Always switches the lamp off (safe to call at any time, also when already off).</summary>
        public void SwitchOff()
        {
            _lamp.SetDutyPermille(0);
            if (_on) Account(_clock.NowMs);
            _on = false;
            _duty = 0;
        }

        /// <summary>Enforces the limits while the lamp is on; switches it off and reports when exceeded.</summary>
        public LampStatus Check()
        {
            if (!_on) return LampStatus.Ok;
            long now = _clock.NowMs;
            Account(now);
            if (now - _onSinceMs > _limits.MaxContinuousOnMs) return Refuse(LampStatus.ContinuousLimit);
            if (SumWindow(now) > (long)_limits.MaxOnMsPerWindow * 1000) return Refuse(LampStatus.DutyLimit);
            return LampStatus.Ok;
        }

        /// <summary>
        /// Compares the lamp current with the duty-scaled expectation (call while on, after the driver settled).
        /// Open LED, weak LED or driver fault → lamp off and <see cref="LampStatus.CurrentFault"/>.
        /// </summary>
        public LampStatus CheckCurrent()
        {
            LastCurrentMa = -1;
            if (!_on || _limits.ExpectedCurrentMa <= 0) return LampStatus.Ok;
            int ma;
            if (!_lamp.TryReadCurrentMa(out ma))
            {
                return _limits.RequireCurrentSense ? Refuse(LampStatus.CurrentUnavailable) : LampStatus.Ok;
            }
            LastCurrentMa = ma;
            long expected = (long)_limits.ExpectedCurrentMa * _duty / 1000;
            long tolerance = expected * _limits.CurrentTolerancePercent / 100;
            if (ma < expected - tolerance || ma > expected + tolerance) return Refuse(LampStatus.CurrentFault);
            return LampStatus.Ok;
        }

        private LampStatus Refuse(LampStatus reason)
        {
            SwitchOff();
            LastFault = reason;
            return reason;
        }

        // Adds duty-weighted on-time from _accountedToMs to now into the buckets (permille·ms).
        private void Account(long now)
        {
            if (!_on) return;
            long t = _accountedToMs;
            while (t < now)
            {
                long epoch = t / _bucketMs;
                long end = (epoch + 1) * _bucketMs;
                if (end > now) end = now;
                int i = (int)(epoch % Buckets);
                if (_bucketEpoch[i] != epoch)
                {
                    _bucketEpoch[i] = epoch;
                    _bucketPermilleMs[i] = 0;
                }
                _bucketPermilleMs[i] += (end - t) * _duty;
                t = end;
            }
            _accountedToMs = now;
        }

        private long SumWindow(long now)
        {
            long current = now / _bucketMs;
            long sum = 0;
            for (int i = 0; i < Buckets; i++)
            {
                long e = _bucketEpoch[i];
                if (e >= 0 && e > current - Buckets && e <= current) sum += _bucketPermilleMs[i];
            }
            return sum;
        }
    }
}
