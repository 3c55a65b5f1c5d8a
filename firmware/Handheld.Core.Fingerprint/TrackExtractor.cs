using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;

namespace Handheld.Core.Fingerprint
{
    /// <summary>Thresholds of <see cref="TrackExtractor"/> (how they were chosen: README.md).</summary>
    public sealed class TrackExtractorSettings
    {
        /// <summary>The local baseline is the lower envelope (a morphological opening: minimum, then maximum) over
        /// blocks of about this many ms…</summary>
        public int BlockMs = 60;
        /// <summary>…over this many blocks either side (2: the opening spans 5 blocks, 300 ms: wider than a fibre
        /// crossing at 12 mm/s, 3 mm spot + fibre ≈ 0.3 s, narrower than the ambient's changes under the shroud).</summary>
        public int EnvelopeHalfBlocks = 2;
        /// <summary>A fibre crossing stands this many times the typical step of blue + green between neighbouring
        /// samples above the baseline…</summary>
        public int EventNoiseFactor = 5;
        /// <summary>…and at least this much, cps16.</summary>
        public int EventMinExcessCps16 = 48;
        /// <summary>Once the marks give the speed, the blue and green baseline's blocks are this long on the track
        /// (0.5 mm units: 1.5 mm, the envelope spans 5 blocks = 7.5 mm, 2.5 spot widths)…</summary>
        public int BlockUnits = 3;
        /// <summary>…and the crossings are found in the blue + green excess smoothed over this much track (0.5 mm
        /// units: 1.5 mm, half the spot), at most MaxSmoothSamples.</summary>
        public int SmoothUnits = 3;
        public int MaxSmoothSamples = 9;
        /// <summary>Mark pitch of the track layout, 0.5 mm units (layout 1: 16 mm).</summary>
        public int PitchUnits = 32;
        /// <summary>A crossing's run extends while its excess stays above this share of the threshold (permille).</summary>
        public int RunLevelPermille = 500;
        /// <summary>Two crossings in one run are split at a valley below this share of the lower peak (permille).</summary>
        public int SplitValleyPermille = 600;
        /// <summary>Green when green excess ≥ this share of the blue excess (permille; the physical check's split).</summary>
        public int GreenSplitPermille = 800;
        /// <summary>A red run is a mark when its red excess is at least this share (permille) of its blue and of its green.</summary>
        public int RedSplitPermille = 1500;
        /// <summary>Marks: red excess above this share of the brightest (permille)…</summary>
        public int MarkLevelPermille = 250;
        /// <summary>…and this many times the typical red step.</summary>
        public int MarkLevelNoiseFactor = 4;
        /// <summary>The brightest mark must stand this many times the typical red step above the baseline…</summary>
        public int MarkNoiseFactor = 12;
        /// <summary>…and at least this much, cps16.</summary>
        public int MarkMinExcessCps16 = 64;

        public static TrackExtractorSettings For(SensorKind kind)
        {
            TrackExtractorSettings s = new TrackExtractorSettings();
            if (kind == SensorKind.As7341) s.GreenSplitPermille = 1000;
            return s;
        }
    }

    /// <summary>
    /// Finds the red track marks and the blue and green fibre crossings in a track-mode trace (<see cref="TrackSampler"/>:
    /// UV on throughout, ambient included). Each band's local baseline is its lower envelope over ≈ 300 ms (block
    /// minima, then an opening over the blocks, interpolated between block centres: a ramp of ambient is followed,
    /// a crossing is not); the excess over it is segmented into runs above a noise-scaled level, split at deep
    /// valleys, and each run's time is the centroid of its excess (finer than one sample). Integer arithmetic; the
    /// buffers are allocated in the constructor, <see cref="Run"/> allocates nothing.
    /// </summary>
    public sealed class TrackExtractor
    {
        private readonly TrackExtractorSettings _s;
        private readonly int[] _eB, _eG, _eR, _sum, _scratch, _blocks, _eroded, _base, _smoothed;

        public TrackExtractor(TrackExtractorSettings settings, int traceCapacity)
        {
            _s = settings != null ? settings : new TrackExtractorSettings();
            int n = traceCapacity < 4 ? 4 : traceCapacity;
            _eB = new int[n]; _eG = new int[n]; _eR = new int[n]; _sum = new int[n]; _scratch = new int[n];
            _blocks = new int[n]; _eroded = new int[n]; _base = new int[n]; _smoothed = new int[n];
        }

        public TrackExtractorSettings Settings { get { return _s; } }

        /// <summary>Fills <paramref name="e"/> from <paramref name="trace"/>; a sampler fault or a trace too short
        /// leaves it <see cref="TrackEvents.Unusable"/>.</summary>
        public void Run(SweepTrace trace, SamplerFault fault, TrackEvents e)
        {
            e.Clear();
            if (trace == null || fault != SamplerFault.None || trace.Count < 8) { e.Unusable = true; return; }
            int n = trace.Count < _eB.Length ? trace.Count : _eB.Length;
            e.Samples = n;
            e.EndMs = trace.TimeMs[n - 1];
            e.SamplePeriodMs = (trace.TimeMs[n - 1] - trace.TimeMs[0]) / (n - 1);
            if (e.SamplePeriodMs <= 0) { e.Unusable = true; return; }
            int block = (_s.BlockMs + e.SamplePeriodMs / 2) / e.SamplePeriodMs;
            if (block < 1) block = 1;
            // Marks first (strong, red) over a fixed window; their red runs give the speed, and the blue and green
            // baseline and smoothing are then set in distance: blocks of BlockUnits, a smoothing of SmoothUnits.
            Excess(trace, trace.Red, n, block, _eR);
            int runs = FindRedRuns(trace, n);
            int perPitch = SamplesPerPitch(runs, e.SamplePeriodMs);   // samples × 16 per pitch, 0 when unknown
            int smooth = 1;
            int b = block;
            if (perPitch > 0)
            {
                b = (int)((long)perPitch * _s.BlockUnits / (16L * _s.PitchUnits));
                if (b < 1) b = 1;
                smooth = (int)((long)perPitch * _s.SmoothUnits / (16L * _s.PitchUnits));
                if (smooth > _s.MaxSmoothSamples) smooth = _s.MaxSmoothSamples;
                if (smooth < 1) smooth = 1;
            }
            Excess(trace, trace.Blue, n, b, _eB);
            Excess(trace, trace.Green, n, b, _eG);
            KeepMarks(trace, runs, e);
            for (int i = 0; i < n; i++) _sum[i] = _eB[i] + _eG[i];
            // A mark's light reaches the blue and green bands: inside a mark's run the sum is no crossing, and left
            // there it would join the crossings on both sides of the mark into one run.
            for (int r = 0; r < runs; r++)
                if (_runMark[r] != 0) for (int k = _runStart[r]; k < _runEnd[r]; k++) _sum[k] = 0;
            FindEvents(trace, n, smooth, e);
        }

        /// <summary>Excess of <paramref name="band"/> over its local lower envelope; flagged samples read 0.</summary>
        private void Excess(SweepTrace t, int[] band, int n, int block, int[] into)
        {
            int nb = (n + block - 1) / block;
            int last = int.MaxValue;
            for (int k = 0; k < nb; k++)
            {
                int m = int.MaxValue;
                int end = (k + 1) * block < n ? (k + 1) * block : n;
                byte[] fl = t.Flags;
                for (int i = k * block; i < end; i++)
                {
                    int v = band[i];
                    if (v < m && fl[i] == 0) m = v;
                }
                if (m == int.MaxValue) m = last;
                _blocks[k] = m;
                if (m != int.MaxValue) last = m;
            }
            // A leading run of fully flagged blocks takes the first valid minimum.
            int first = int.MaxValue;
            for (int k = 0; k < nb && first == int.MaxValue; k++) first = _blocks[k];
            for (int k = 0; k < nb && _blocks[k] == int.MaxValue; k++) _blocks[k] = first == int.MaxValue ? 0 : first;
            int h = _s.EnvelopeHalfBlocks;
            if (h == 2)
            {
                Window5(_blocks, _eroded, nb, false);
                Window5(_eroded, _base, nb, true);
            }
            else
            {
                for (int k = 0; k < nb; k++)
                {
                    int m = int.MaxValue;
                    int lo = k - h < 0 ? 0 : k - h, hi = k + h >= nb ? nb - 1 : k + h;
                    for (int j = lo; j <= hi; j++) if (_blocks[j] < m) m = _blocks[j];
                    _eroded[k] = m;
                }
                for (int k = 0; k < nb; k++)
                {
                    int m = int.MinValue;
                    int lo = k - h < 0 ? 0 : k - h, hi = k + h >= nb ? nb - 1 : k + h;
                    for (int j = lo; j <= hi; j++) if (_eroded[j] > m) m = _eroded[j];
                    _base[k] = m;
                }
            }
            // Interpolated between block centres (×2 to keep the half sample): at x2 = 2 × (i − centre of block 0) the
            // baseline is bs[k] + (bs[k+1] − bs[k]) · f / (2·block), k = x2 / (2·block), f = x2 − 2·k·block; flat before
            // the first centre (k = −1) and from the last (k = nb − 1). Segment by segment, so a sample costs one step
            // of d · f and no search for its block.
            byte[] flags = t.Flags;
            int[] bs = _base;
            long twoBlock = 2 * block;
            int at = 0;
            for (int k = -1; k < nb; k++)
            {
                int end;
                long b0, num = 0, step = 0;
                if (k < 0) { end = block / 2; b0 = bs[0]; }
                else if (k >= nb - 1) { end = n; b0 = bs[nb - 1]; }
                else
                {
                    end = (int)(((k + 1) * twoBlock + block) / 2);
                    b0 = bs[k];
                    long d = (long)bs[k + 1] - bs[k];
                    num = d * (2L * at - (block - 1) - k * twoBlock);
                    step = 2 * d;
                }
                if (end > n) end = n;
                for (; at < end; at++, num += step)
                {
                    if (flags[at] != 0) { into[at] = 0; continue; }
                    long v = band[at] - (b0 + num / twoBlock);
                    into[at] = v > 0x3FFFFFFF ? 0x3FFFFFFF : v < -0x3FFFFFFF ? -0x3FFFFFFF : (int)v;
                }
            }
        }

        /// <summary>dst[k] = the minimum (or maximum) of src over [k − 2, k + 2] clipped to [0, nb): the opening's
        /// passes for EnvelopeHalfBlocks = 2 with the five values in locals, shifted along (no inner loop). Outside
        /// the blocks the window holds a value that never wins, which is the clipped window.</summary>
        private static void Window5(int[] src, int[] dst, int nb, bool max)
        {
            int none = max ? int.MinValue : int.MaxValue;
            int a = none, b = none, c = src[0], d = nb > 1 ? src[1] : none;
            if (max)
            {
                for (int k = 0; k < nb; k++)
                {
                    int e = k + 2 < nb ? src[k + 2] : none;
                    int m = a;
                    if (b > m) m = b;
                    if (c > m) m = c;
                    if (d > m) m = d;
                    if (e > m) m = e;
                    dst[k] = m;
                    a = b; b = c; c = d; d = e;
                }
            }
            else
            {
                for (int k = 0; k < nb; k++)
                {
                    int e = k + 2 < nb ? src[k + 2] : none;
                    int m = a;
                    if (b < m) m = b;
                    if (c < m) m = c;
                    if (d < m) m = d;
                    if (e < m) m = e;
                    dst[k] = m;
                    a = b; b = c; c = d; d = e;
                }
            }
        }

        /// <summary>Median absolute difference between neighbouring unflagged samples of <paramref name="v"/>.</summary>
        private int TypicalStep(SweepTrace t, int[] v, int n)
        {
            int c = 0;
            byte[] flags = t.Flags;
            int[] scratch = _scratch;
            // The previous sample's value and flag carried along (one read of each per sample).
            int previous = n > 0 ? v[0] : 0;
            int previousFlag = n > 0 ? flags[0] : 1;
            for (int i = 1; i < n; i++)
            {
                int here = v[i], flag = flags[i];
                if ((flag | previousFlag) == 0)
                {
                    int d = here - previous;
                    scratch[c++] = d < 0 ? -d : d;
                }
                previous = here; previousFlag = flag;
            }
            return c == 0 ? 0 : IntSelect.Quantile(_scratch, c, 500);
        }

        private const int MaxRuns = 32;
        private readonly int[] _runStart = new int[MaxRuns];
        private readonly int[] _runEnd = new int[MaxRuns];
        private readonly int[] _runTimeMs = new int[MaxRuns];
        private readonly long[] _runRed = new long[MaxRuns];
        private readonly byte[] _runMark = new byte[MaxRuns];   // 1 = the run is a mark

        /// <summary>Runs of red excess above the mark level (a share of the brightest, held above the red noise),
        /// each with its centroid time; at most MaxRuns are kept.</summary>
        private int FindRedRuns(SweepTrace t, int n)
        {
            int peak = 0;
            for (int i = 0; i < n; i++) if (_eR[i] > peak) peak = _eR[i];
            int step = TypicalStep(t, _eR, n);
            long needed = (long)step * _s.MarkNoiseFactor;
            if (needed < _s.MarkMinExcessCps16) needed = _s.MarkMinExcessCps16;
            if (peak < needed) return 0;
            long level = (long)peak * _s.MarkLevelPermille / 1000;
            long floor = (long)step * _s.MarkLevelNoiseFactor;
            if (level < floor) level = floor;
            int count = 0;
            int i0 = -1;
            for (int i = 0; i <= n; i++)
            {
                bool above = i < n && _eR[i] > level;
                if (above) { if (i0 < 0) i0 = i; continue; }
                if (i0 < 0) continue;
                long sr = 0, st = 0;
                for (int k = i0; k < i; k++) { long r = _eR[k]; sr += r; st += r * t.TimeMs[k]; }
                if (count > 0 && sr > 0)
                {
                    // A dip inside one bar's crossing (noise, the bar's footprint under the spot) splits it: a gap no
                    // longer than the longer of the two runs is one mark (two marks are a pitch, 16 mm, apart).
                    int p = count - 1;
                    int longer = i - i0 > _runEnd[p] - _runStart[p] ? i - i0 : _runEnd[p] - _runStart[p];
                    if (i0 - _runEnd[p] <= longer)
                    {
                        long total = _runRed[p] + sr;
                        _runTimeMs[p] = (int)(((long)_runTimeMs[p] * _runRed[p] + st) / total);
                        _runRed[p] = total;
                        _runEnd[p] = i;
                        sr = 0;
                    }
                }
                if (sr > 0 && count < MaxRuns)
                {
                    _runStart[count] = i0; _runEnd[count] = i; _runRed[count] = sr; _runTimeMs[count] = (int)(st / sr);
                    count++;
                }
                i0 = -1;
            }
            return count;
        }

        /// <summary>Median gap between consecutive red runs in samples × 16 (0 with fewer than two).</summary>
        private int SamplesPerPitch(int runs, int periodMs)
        {
            if (runs < 2 || periodMs <= 0) return 0;
            for (int k = 0; k < runs - 1; k++) _scratch[k] = _runTimeMs[k + 1] - _runTimeMs[k];
            int gap = IntSelect.Quantile(_scratch, runs - 1, 500);
            return gap <= 0 ? 0 : (int)((long)gap * 16 / periodMs);
        }

        /// <summary>The red runs whose red excess is at least RedSplitPermille of their blue and of their green are marks.</summary>
        private void KeepMarks(SweepTrace t, int runs, TrackEvents e)
        {
            int count = 0;
            for (int r = 0; r < runs; r++)
            {
                long sb = 0, sg = 0;
                for (int k = _runStart[r]; k < _runEnd[r]; k++)
                {
                    if (_eB[k] > 0) sb += _eB[k];
                    if (_eG[k] > 0) sg += _eG[k];
                }
                long sr = _runRed[r];
                _runMark[r] = (byte)(sr * 1000 >= sb * _s.RedSplitPermille && sr * 1000 >= sg * _s.RedSplitPermille ? 1 : 0);
                if (_runMark[r] == 0) continue;
                if (count < FingerprintResult.MaxMarks)
                {
                    e.MarkTimeMs[count] = _runTimeMs[r];
                    e.MarkStartMs[count] = t.TimeMs[_runStart[r]];
                    e.MarkEndMs[count] = t.TimeMs[_runEnd[r] - 1];
                }
                count++;
            }
            e.MarkCount = count;
        }

        private void FindEvents(SweepTrace t, int n, int smooth, TrackEvents e)
        {
            int step = TypicalStep(t, _sum, n);
            // Smoothed over `smooth` samples (a box as long as SmoothUnits of track): the noise falls by √smooth.
            if (smooth > 1)
            {
                int h = smooth / 2;
                int[] su = _sum, sm = _smoothed;
                long acc = 0;
                for (int k = 0; k <= h && k < n; k++) acc += su[k];
                // Running box over [j − h, j + h], clipped at the ends: count is its length, kept as it slides.
                int count = (h < n ? h : n - 1) + 1;
                for (int j = 0; j < n; j++)
                {
                    sm[j] = (int)(acc / count);
                    if (j + 1 + h < n) { acc += su[j + 1 + h]; count++; }
                    if (j - h >= 0) { acc -= su[j - h]; count--; }
                }
                int width = 2 * h + 1;
                step = (int)((long)step * 1000 / IntSqrt.Of((long)width * 1000000));
            }
            else for (int j = 0; j < n; j++) _smoothed[j] = _sum[j];
            long threshold = (long)step * _s.EventNoiseFactor;
            if (threshold < _s.EventMinExcessCps16) threshold = _s.EventMinExcessCps16;
            long low = threshold * _s.RunLevelPermille / 1000;
            int i = 0;
            while (i < n)
            {
                if (_smoothed[i] <= low) { i++; continue; }
                int start = i;
                while (i < n && _smoothed[i] > low) i++;
                // Split the run [start, i) at deep valleys between peaks.
                int segStart = start;
                int segPeak = _smoothed[start];
                int valley = 0, valleyAt = -1;
                for (int k = start + 1; k < i; k++)
                {
                    int v = _smoothed[k];
                    if (valleyAt < 0)
                    {
                        if (v >= segPeak) segPeak = v;
                        else { valley = v; valleyAt = k; }
                    }
                    else if (v < valley) { valley = v; valleyAt = k; }
                    else if ((long)valley * 1000 < (long)_s.SplitValleyPermille * segPeak
                        && (long)valley * 1000 < (long)_s.SplitValleyPermille * v)
                    {
                        // Rising again after a valley below the share of both sides: two crossings.
                        Close(t, segStart, valleyAt, threshold, e);
                        segStart = valleyAt;
                        segPeak = v;
                        valleyAt = -1;
                    }
                    else if (v > segPeak) { segPeak = v; valleyAt = -1; }
                }
                Close(t, segStart, i, threshold, e);
            }
        }

        /// <summary>One crossing over samples [a, b): kept when it reaches the threshold, is blue or green, and lies
        /// outside every mark's run.</summary>
        private void Close(SweepTrace t, int a, int b, long threshold, TrackEvents e)
        {
            long peak = 0, sb = 0, sg = 0, sr = 0, sum = 0, st = 0;
            int peakB = 0, peakG = 0;
            int[] sm = _smoothed, su = _sum, eb = _eB, eg = _eG, er = _eR, times = t.TimeMs;
            for (int k = a; k < b; k++)
            {
                if (sm[k] > peak) peak = sm[k];
                long v = su[k];
                if (v > 0) { sum += v; st += v * times[k]; }
                int vb = eb[k], vg = eg[k], vr = er[k];
                if (vb > 0) sb += vb;
                if (vg > 0) sg += vg;
                if (vr > 0) sr += vr;
                if (vb > peakB) peakB = vb;
                if (vg > peakG) peakG = vg;
            }
            if (peak < threshold || sum <= 0) return;
            if (sr * 1000 >= sb * _s.RedSplitPermille && sr * 1000 >= sg * _s.RedSplitPermille) return;
            int time = (int)(st / sum);
            int marks = e.MarkCount < FingerprintResult.MaxMarks ? e.MarkCount : FingerprintResult.MaxMarks;
            for (int m = 0; m < marks; m++) if (time >= e.MarkStartMs[m] && time <= e.MarkEndMs[m]) return;
            int i = e.EventCount;
            if (i >= TrackEvents.MaxEvents) return;
            bool green = sg * 1000 >= sb * _s.GreenSplitPermille;
            e.EventTimeMs[i] = time;
            e.EventColour[i] = green ? FibreColours.Green : FibreColours.Blue;
            e.EventPeak[i] = green ? peakG : peakB;
            e.EventStartMs[i] = t.TimeMs[a];
            e.EventEndMs[i] = t.TimeMs[b - 1];
            e.EventCount = i + 1;
        }
    }
}
