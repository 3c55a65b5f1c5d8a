using Handheld.Core.Drivers;

namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// Schedules the AS7341's spectral SMUX configurations inside the normal UV-on/UV-off sweep and fills a
    /// <see cref="SpectralTrace"/>. Two layouts:
    /// - <see cref="LayoutJoint"/> (default): every sample under SpectrumJoint (F1 and F5 beside the fluorescence
    ///   bands), loaded once at the sweep's start; an event's spectrum comes from all its own samples. The extra
    ///   filters' ambient is the mean of the UV-off readings before and after the UV-on one, as for the main bands.
    /// - <see cref="LayoutAlternating"/>: sample k is read under SpectrumA when k is even and SpectrumB when odd, so
    /// every fibre crossing the spot (2–4 samples at 40 mm/s) is seen under both. Both configurations keep F2,
    /// F4, F7 and Clear on the ADCs the sweep reads, so the fluorescence trace is unchanged; the switch costs one
    /// SMUX load (≈ 1 ms) per pair.
    /// Ambient for the two extra filters: the UV-off reading after the UV-on one has the same configuration, the
    /// one before it does not. With equally spaced readings OFF(k−2) ON(k−1) OFF(k−1) ON(k) OFF(k), the ambient
    /// at ON(k) is interpolated linearly from the two same-configuration UV-off readings around it:
    /// (OFF(k−2) + 3·OFF(k)) / 4, which cancels a linear drift as the two-sided mean does for the main bands;
    /// without an earlier one (the first sample of each half) OFF(k) alone is used.
    /// The sampler calls <see cref="SelectFor"/> before each UV-on reading, <see cref="AfterOn"/> right after
    /// it, <see cref="StoreFirstOff"/> after the sweep's first UV-off reading and <see cref="AddSample"/> right
    /// after each pair's UV-off reading is checked. Allocation-free.
    /// </summary>
    public sealed class SpectrumSampling
    {
        /// <summary>Layout: SpectrumA and SpectrumB pair by pair (F1, F3 / F5, F6; each event sees half its samples per filter).</summary>
        public const int LayoutAlternating = 0;
        /// <summary>Layout: SpectrumJoint on every sample (F1 and F5; every sample of an event reads both).</summary>
        public const int LayoutJoint = 1;

        private readonly As7341 _sensor;
        private readonly SpectralTrace _trace;
        private readonly int _electrons;
        private readonly long _readNoise;
        private readonly int _layout;

        // last UV-off extras per half (index 1 = A, 2 = B, 3 = joint): cps16 and predicted sigma; valid when set in _has
        private readonly int[] _offFirst = new int[4];
        private readonly int[] _offSecond = new int[4];
        private readonly long[] _offSigFirst = new long[4];
        private readonly long[] _offSigSecond = new long[4];
        private int _has; // bit h set: _off*[h] hold a reading of half h
        // the pending UV-on reading
        private byte _onHalf;
        private int _onFirst, _onSecond;
        private long _onSigFirst, _onSigSecond;
        private bool _prevHas;
        private int _prevFirst, _prevSecond;
        private long _prevSigFirst, _prevSigSecond;

        /// <param name="electronsPerCountAt1x">Noise model, as <see cref="SamplerSettings.ElectronsPerCountAt1x"/>.</param>
        public SpectrumSampling(As7341 sensor, SpectralTrace trace, int electronsPerCountAt1x, int readNoiseMilliCounts)
            : this(sensor, trace, electronsPerCountAt1x, readNoiseMilliCounts, LayoutJoint)
        {
        }

        /// <param name="layout"><see cref="LayoutJoint"/> or <see cref="LayoutAlternating"/>.</param>
        public SpectrumSampling(As7341 sensor, SpectralTrace trace, int electronsPerCountAt1x, int readNoiseMilliCounts, int layout)
        {
            _layout = layout == LayoutAlternating ? LayoutAlternating : LayoutJoint;
            _sensor = sensor;
            _trace = trace;
            _electrons = electronsPerCountAt1x;
            _readNoise = readNoiseMilliCounts;
        }

        public SpectralTrace Trace { get { return _trace; } }

        /// <summary>LayoutJoint or LayoutAlternating.</summary>
        public int Layout { get { return _layout; } }

        /// <summary>Half (SpectralTrace.HalfA/HalfB) sample <paramref name="index"/> is read under in the alternating layout.</summary>
        public static byte HalfFor(int index) { return (index & 1) == 0 ? SpectralTrace.HalfA : SpectralTrace.HalfB; }

        /// <summary>Half sample <paramref name="index"/> is read under in <paramref name="layout"/>.</summary>
        public static byte HalfFor(int index, int layout) { return layout == LayoutAlternating ? HalfFor(index) : SpectralTrace.HalfJoint; }

        /// <summary>Starts a sweep's trace. Joint layout: loads SpectrumJoint now, before the sweep's first UV-off
        /// reading, so that reading is sample 0's earlier ambient (a failure shows at <see cref="SelectFor"/>).</summary>
        public void BeginSweep()
        {
            _trace.Reset();
            _has = 0;
            _onHalf = SpectralTrace.HalfNone;
            if (_layout == LayoutJoint && _sensor.ChannelSet != As7341ChannelSet.SpectrumJoint)
                _sensor.SelectChannels(As7341ChannelSet.SpectrumJoint);
        }

        /// <summary>Loads the configuration of sample <paramref name="index"/> unless it is already active.</summary>
        public SensorStatus SelectFor(int index)
        {
            As7341ChannelSet want = _layout == LayoutJoint ? As7341ChannelSet.SpectrumJoint
                : HalfFor(index) == SpectralTrace.HalfA ? As7341ChannelSet.SpectrumA : As7341ChannelSet.SpectrumB;
            if (_sensor.ChannelSet == want) return SensorStatus.Ok;
            return _sensor.SelectChannels(want);
        }

        public void AfterOn(BandReading on)
        {
            _onHalf = CurrentHalf();
            if (_onHalf == SpectralTrace.HalfNone) return;
            int t = on.IntegrationTimeUs, g = on.GainMilli;
            _onFirst = BandReading.ToCps16(_sensor.LastChannel(0), t, g);
            _onSecond = BandReading.ToCps16(_sensor.LastChannel(5), t, g);
            _onSigFirst = Sigma(_sensor.LastChannel(0), t, g);
            _onSigSecond = Sigma(_sensor.LastChannel(5), t, g);
            _prevHas = (_has & (1 << _onHalf)) != 0;
            _prevFirst = _offFirst[_onHalf]; _prevSecond = _offSecond[_onHalf];
            _prevSigFirst = _offSigFirst[_onHalf]; _prevSigSecond = _offSigSecond[_onHalf];
        }

        /// <summary>The sweep's first UV-off reading. Alternating: it lies one reading before ON(0), not three, so
        /// it serves as an earlier ambient only for the other half (then it is three readings before ON(1)).
        /// Joint: it is the reading before ON(0) of the same configuration, the earlier ambient of sample 0 (when
        /// the configuration was loaded before it; else it belongs to no half and is ignored).</summary>
        public void StoreFirstOff(BandReading off)
        {
            StoreOff(off);
            if (_layout == LayoutAlternating) _has &= ~(1 << HalfFor(0));
        }

        /// <summary>Remembers a UV-off reading's extra channels under the active configuration.</summary>
        private void StoreOff(BandReading off)
        {
            int h = CurrentHalf();
            if (h == SpectralTrace.HalfNone) return;
            int t = off.IntegrationTimeUs, g = off.GainMilli;
            _offFirst[h] = BandReading.ToCps16(_sensor.LastChannel(0), t, g);
            _offSecond[h] = BandReading.ToCps16(_sensor.LastChannel(5), t, g);
            _offSigFirst[h] = Sigma(_sensor.LastChannel(0), t, g);
            _offSigSecond[h] = Sigma(_sensor.LastChannel(5), t, g);
            _has |= 1 << h;
        }

        /// <summary>Stores the pair's UV-off reading and appends the sample (HalfNone when the UV-on reading was
        /// not taken under a spectral configuration), so the spectral trace stays index-aligned with the sweep trace.</summary>
        public void AddSample(BandReading off)
        {
            byte h = _onHalf;
            if (h == SpectralTrace.HalfNone || CurrentHalf() != h)
            {
                StoreOff(off);
                _trace.Add(SpectralTrace.HalfNone, 0, 0, 0, 0);
                return;
            }
            StoreOff(off);
            int ambFirst = _offFirst[h], ambSecond = _offSecond[h];
            long varFirst = _offSigFirst[h] * _offSigFirst[h], varSecond = _offSigSecond[h] * _offSigSecond[h];
            if (_prevHas && h == SpectralTrace.HalfJoint)
            {
                // OFF(k−1) ON(k) OFF(k): the two-sided mean, as for the main bands.
                ambFirst = (int)(((long)_prevFirst + ambFirst) / 2);
                ambSecond = (int)(((long)_prevSecond + ambSecond) / 2);
                varFirst = (_prevSigFirst * _prevSigFirst + varFirst) / 4;
                varSecond = (_prevSigSecond * _prevSigSecond + varSecond) / 4;
            }
            else if (_prevHas)
            {
                ambFirst = (int)(((long)_prevFirst + 3L * ambFirst) / 4);
                ambSecond = (int)(((long)_prevSecond + 3L * ambSecond) / 4);
                varFirst = (_prevSigFirst * _prevSigFirst + 9 * varFirst) / 16;
                varSecond = (_prevSigSecond * _prevSigSecond + 9 * varSecond) / 16;
            }
            _trace.Add(h, _onFirst - ambFirst, _onSecond - ambSecond,
                Clamp(IntSqrt.Of(_onSigFirst * _onSigFirst + varFirst)), Clamp(IntSqrt.Of(_onSigSecond * _onSigSecond + varSecond)));
            _onHalf = SpectralTrace.HalfNone;
        }

        private byte CurrentHalf()
        {
            As7341ChannelSet s = _sensor.ChannelSet;
            if (s == As7341ChannelSet.SpectrumA) return SpectralTrace.HalfA;
            if (s == As7341ChannelSet.SpectrumB) return SpectralTrace.HalfB;
            if (s == As7341ChannelSet.SpectrumJoint) return SpectralTrace.HalfJoint;
            return SpectralTrace.HalfNone;
        }

        // The sampler's noise model (FluorescenceSampler.Sigma): shot noise √(counts·gain/E) and read noise, cps16.
        private long Sigma(int counts, int integrationTimeUs, int gainMilli)
        {
            if (_electrons <= 0 || integrationTimeUs <= 0 || gainMilli <= 0) return 0;
            long v = (long)(counts < 0 ? 0 : counts) * gainMilli * 1000 / _electrons + _readNoise * _readNoise;
            return BandReading.ToCps16((int)IntSqrt.Of(v), integrationTimeUs, gainMilli) / 1000;
        }

        private static int Clamp(long v) { return v > 0x3FFFFFFF ? 0x3FFFFFFF : (int)v; }
    }
}
