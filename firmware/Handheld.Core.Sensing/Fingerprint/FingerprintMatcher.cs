using Handheld.Core.Fluorescence;

namespace Handheld.Core.Fingerprint
{
    /// <summary>
    /// Aligns the fibre events of one sweep with the fingerprint the licence registers. Time becomes distance
    /// through the track marks (red-emitting bars every 16 mm that the sensor sees in its red band): between two
    /// consecutive marks the position is interpolated linearly, so a change of speed moves events only within one
    /// 16 mm segment. The events are then paired by a monotone dynamic-programming alignment on integer weights
    /// (missed and extra events cost nothing but earn nothing), and the score is compared with a threshold.
    /// Integer arithmetic only; all buffers are allocated in the constructor and <see cref="Run"/> allocates nothing.
    /// </summary>
    public sealed class FingerprintMatcher
    {
        private const int Rows = FingerprintResult.MaxMeasured + 1;
        private const int Cols = RegisteredFibres.Capacity + 1;

        private const int ColourMismatchPercent = 33;
        private readonly FingerprintSettings _s;
        private readonly int[] _scratch;
        private readonly int[] _table = new int[Rows * Cols];
        private readonly int[] _registered = new int[RegisteredFibres.Capacity];   // indices into RegisteredFibres
        private readonly int[] _peak = new int[FingerprintResult.MaxMeasured];
        private readonly int[] _startMs = new int[FingerprintResult.MaxMeasured];
        private readonly int[] _endMs = new int[FingerprintResult.MaxMeasured];
        private readonly int[] _colour = new int[FingerprintResult.MaxMeasured];
        private readonly int[] _markStartMs = new int[FingerprintResult.MaxMarks];
        private readonly int[] _markEndMs = new int[FingerprintResult.MaxMarks];

        public FingerprintMatcher(FingerprintSettings settings, int traceCapacity)
        {
            _s = settings == null ? FingerprintSettings.Default() : settings;
            _scratch = new int[traceCapacity < 1 ? 1 : traceCapacity];
        }

        public FingerprintSettings Settings { get { return _s; } }

        /// <summary>
        /// Compares the events of <paramref name="detail"/> (the physical check of <paramref name="trace"/>) with
        /// <paramref name="registered"/>. Never throws for bad input.
        /// </summary>
        public void Run(SweepTrace trace, PhysicalCheckResult detail, RegisteredFibres registered, FingerprintResult r)
        {
            r.Clear();
            if (registered == null || registered.Count == 0) return;
            r.Verdict = FingerprintVerdict.Unreadable;
            int pitch = registered.MarkPitchUnits;
            if (trace == null || detail == null || trace.Count < 3 || pitch <= 0 || registered.MarkCount < 2)
            {
                r.Reasons = FingerprintReason.SweepUnusable;
                return;
            }
            int gated = PhysicalReason.SensorFault | PhysicalReason.TooFewValidSamples | PhysicalReason.NoiseTooHigh;
            if ((detail.Reasons & gated) != 0)
            {
                r.Reasons = FingerprintReason.SweepUnusable;
                return;
            }
            int n = trace.Count < _scratch.Length ? trace.Count : _scratch.Length;

            FindMarks(trace, n, r);
            if (r.MarkCount > registered.MarkCount || r.MarkCount > FingerprintResult.MaxMarks)
            {
                r.Reasons |= FingerprintReason.TooManyMarks;
                return;
            }
            if (r.MarkCount < 2)
            {
                r.Reasons |= FingerprintReason.MarksNotFound;
                return;
            }
            r.CoveredUnits = (r.MarkCount - 1) * pitch;
            int samplePeriodMs = (trace.TimeMs[n - 1] - trace.TimeMs[0]) / (n - 1);

            PlaceEvents(trace, n, detail, pitch, samplePeriodMs, r);

            int m = 0;
            for (int j = 0; j < registered.Count; j++)
            {
                int p = registered.Positions[j];
                if (p > r.CoveredUnits || NearMark(p, pitch)) continue;
                _registered[m++] = j;
            }
            r.RegisteredCovered = m;
            if (m < _s.MinCoveredEvents)
            {
                r.Reasons |= FingerprintReason.TooLittleTrackCovered;
                return;
            }

            int sum = Align(registered, m, r);
            r.ScorePermille = (int)((long)sum * 20 / (r.MeasuredCount + m));
            if (r.ScorePermille >= _s.MatchThresholdPermille)
            {
                r.Verdict = FingerprintVerdict.Match;
            }
            else if (r.ScorePermille < _s.MismatchBelowPermille)
            {
                r.Verdict = FingerprintVerdict.Mismatch;
                r.Reasons |= FingerprintReason.FingerprintMismatch;
            }
            else
            {
                r.Verdict = FingerprintVerdict.Inconclusive;
                r.Reasons |= FingerprintReason.ScoreInconclusive;
            }
        }

        /// <summary>Marks: runs of unflagged samples whose red excess over the red background (lower quartile)
        /// exceeds a quarter of the brightest excess, when that stands well above the red noise; each mark's time
        /// is the excess-weighted centre of its run (finer than one sample).</summary>
        private void FindMarks(SweepTrace t, int n, FingerprintResult r)
        {
            int nv = 0;
            int peak = int.MinValue;
            for (int i = 0; i < n; i++)
            {
                if (t.Flags[i] != 0) continue;
                int v = t.Red[i];
                _scratch[nv++] = v;
                if (v > peak) peak = v;
            }
            if (nv < 3) return;
            int background = IntSelect.Quantile(_scratch, nv, 250);
            // Typical step between neighbouring unflagged samples: the median absolute difference.
            int steps = 0;
            int previous = 0;
            bool havePrevious = false;
            for (int i = 0; i < n; i++)
            {
                if (t.Flags[i] != 0) continue;
                if (havePrevious)
                {
                    int d = t.Red[i] - previous;
                    _scratch[steps++] = d < 0 ? -d : d;
                }
                previous = t.Red[i];
                havePrevious = true;
            }
            int step = steps > 0 ? IntSelect.Quantile(_scratch, steps, 500) : 0;
            long excessPeak = (long)peak - background;
            long needed = (long)step * _s.MarkNoiseFactor;
            if (needed < _s.MarkMinExcessCps16) needed = _s.MarkMinExcessCps16;
            if (excessPeak < needed) return;
            long level = excessPeak * _s.MarkLevelPermille / 1000;

            int count = 0;
            long sumE = 0, sumTE = 0;
            int startMs = 0, endMs = 0;
            bool inside = false;
            for (int i = 0; i <= n; i++)
            {
                bool above = false;
                long e = 0;
                if (i < n)
                {
                    if (t.Flags[i] != 0) continue;
                    e = (long)t.Red[i] - background;
                    above = e > level;
                }
                if (above)
                {
                    if (!inside) { inside = true; sumE = 0; sumTE = 0; startMs = t.TimeMs[i]; }
                    sumE += e;
                    sumTE += e * t.TimeMs[i];
                    endMs = t.TimeMs[i];
                }
                else if (inside)
                {
                    inside = false;
                    if (count < FingerprintResult.MaxMarks)
                    {
                        r.MarkTimeMs[count] = (int)(sumTE / sumE);
                        _markStartMs[count] = startMs;
                        _markEndMs[count] = endMs;
                    }
                    count++;
                }
            }
            r.MarkCount = count;
        }

        /// <summary>Measured fibre events (blue and green) between the first and the last mark, outside the mark
        /// zones, as positions along the track; each with its tolerance (at least half the distance between two
        /// samples in its segment) and intensity class (peak against the median peak of its colour).</summary>
        private void PlaceEvents(SweepTrace t, int n, PhysicalCheckResult d, int pitch, int samplePeriodMs, FingerprintResult r)
        {
            int merged = 0;
            for (int e = 0; e < d.EventCount && merged < FingerprintResult.MaxMeasured; e++)
            {
                int colour = d.EventColour[e];
                if (colour != FibreColours.Blue && colour != FibreColours.Green) continue;
                _startMs[merged] = d.EventStartMs[e];
                _endMs[merged] = d.EventEndMs[e];
                _colour[merged] = colour;
                _peak[merged] = colour == FibreColours.Blue ? d.EventPeakBlue[e] : d.EventPeakGreen[e];
                merged++;
            }

            int k = 0;
            int sample = 0;
            int lastMark = r.MarkCount - 1;
            for (int e = 0; e < merged; e++)
            {
                while (sample < n - 1 && t.TimeMs[sample] < _startMs[e]) sample++;
                int centre = Centre(t, n, sample, _endMs[e]);
                if (centre < r.MarkTimeMs[0] || centre > r.MarkTimeMs[lastMark]) continue;
                if (InsideMarkRun(_startMs[e], _endMs[e], r.MarkCount)) continue;
                while (k < lastMark - 1 && centre > r.MarkTimeMs[k + 1]) k++;
                int span = r.MarkTimeMs[k + 1] - r.MarkTimeMs[k];
                if (span <= 0) continue;
                int position = k * pitch + (int)((long)(centre - r.MarkTimeMs[k]) * pitch / span);
                if (NearMark(position, pitch)) continue;
                int tolerance = (int)((long)pitch * samplePeriodMs / span) / 2 + 1;
                if (tolerance < _s.ToleranceUnits) tolerance = _s.ToleranceUnits;
                int i = r.MeasuredCount;
                if (i > 0 && position - r.MeasuredPosition[i - 1] <= _s.SameEventUnits)
                {
                    // The analysis split one crossing where the sample colour flipped: one event, the colour of
                    // the part with the larger peak in its own band, midway.
                    r.MeasuredPosition[i - 1] = (r.MeasuredPosition[i - 1] + position) / 2;
                    if (_peak[e] > _peak[i - 1]) { _peak[i - 1] = _peak[e]; r.MeasuredColour[i - 1] = _colour[e]; }
                    continue;
                }
                r.MeasuredPosition[i] = position;
                r.MeasuredColour[i] = _colour[e];
                r.MeasuredTolerance[i] = tolerance;
                r.MatchOf[i] = -1;
                _peak[i] = _peak[e];
                r.MeasuredCount = i + 1;
            }
            ClassifyPeaks(r, FibreColours.Blue);
            ClassifyPeaks(r, FibreColours.Green);
        }

        /// <summary>The event's time as the centre of its light: the excess of blue + green over the lowest level
        /// within two samples, weighted over the event's samples and one on either side (finer than one sample,
        /// as the marks' times are).</summary>
        private static int Centre(SweepTrace t, int n, int first, int endMs)
        {
            int last = first;
            while (last < n - 1 && t.TimeMs[last + 1] <= endMs) last++;
            int lo = first > 0 ? first - 1 : 0, hi = last < n - 1 ? last + 1 : n - 1;
            int floorLo = lo > 2 ? lo - 2 : 0, floorHi = hi + 2 < n ? hi + 2 : n - 1;
            long floor = long.MaxValue;
            for (int i = floorLo; i <= floorHi; i++)
            {
                if (t.Flags[i] != 0) continue;
                long v = (long)t.Blue[i] + t.Green[i];
                if (v < floor) floor = v;
            }
            long sum = 0, sumT = 0;
            for (int i = lo; i <= hi; i++)
            {
                if (t.Flags[i] != 0) continue;
                long e = (long)t.Blue[i] + t.Green[i] - floor;
                if (e <= 0) continue;
                sum += e;
                sumT += e * t.TimeMs[i];
            }
            if (sum == 0) return (t.TimeMs[first] + endMs) / 2;
            return (int)(sumT / sum);
        }

        private bool InsideMarkRun(int startMs, int endMs, int marks)
        {
            int stored = marks < FingerprintResult.MaxMarks ? marks : FingerprintResult.MaxMarks;
            for (int k = 0; k < stored; k++)
            {
                if (startMs >= _markStartMs[k] && endMs <= _markEndMs[k]) return true;
            }
            return false;
        }

        private void ClassifyPeaks(FingerprintResult r, int colour)
        {
            int c = 0;
            for (int i = 0; i < r.MeasuredCount; i++)
            {
                if (r.MeasuredColour[i] == colour) _scratch[c++] = _peak[i];
            }
            if (c == 0) return;
            long median = IntSelect.Quantile(_scratch, c, 500);
            for (int i = 0; i < r.MeasuredCount; i++)
            {
                if (r.MeasuredColour[i] != colour) continue;
                long p = _peak[i];
                r.MeasuredClass[i] = p * 10 < median * 6 ? 0 : p * 10 > median * 16 ? 2 : 1;
            }
        }

        private bool NearMark(int position, int pitch)
        {
            int offset = position % pitch;
            if (offset < 0) offset += pitch;
            return offset < _s.MarkGuardUnits || pitch - offset < _s.MarkGuardUnits;
        }

        /// <summary>Monotone alignment (longest common subsequence with weights): a pair earns 100 less 50 per
        /// tolerance of position difference and 15 per class step when the difference is within the measured event's
        /// tolerance, a third of that when the colours differ. Fills MatchOf and Matched; returns the sum of weights.</summary>
        private int Align(RegisteredFibres reg, int m, FingerprintResult r)
        {
            int n = r.MeasuredCount;
            for (int j = 0; j <= m; j++) _table[j] = 0;
            for (int i = 1; i <= n; i++)
            {
                int row = i * Cols, up = (i - 1) * Cols;
                _table[row] = 0;
                for (int j = 1; j <= m; j++)
                {
                    int best = _table[up + j];
                    if (_table[row + j - 1] > best) best = _table[row + j - 1];
                    int w = Weight(reg, _registered[j - 1], r, i - 1);
                    if (w > 0 && _table[up + j - 1] + w > best) best = _table[up + j - 1] + w;
                    _table[row + j] = best;
                }
            }
            int a = n, b = m;
            while (a > 0 && b > 0)
            {
                int here = _table[a * Cols + b];
                if (here == _table[(a - 1) * Cols + b]) { a--; continue; }
                if (here == _table[a * Cols + b - 1]) { b--; continue; }
                r.MatchOf[a - 1] = _registered[b - 1];
                r.Matched++;
                a--; b--;
            }
            return _table[n * Cols + m];
        }

        private static int Weight(RegisteredFibres reg, int j, FingerprintResult r, int i)
        {
            int d = reg.Positions[j] - r.MeasuredPosition[i];
            if (d < 0) d = -d;
            int tolerance = r.MeasuredTolerance[i];
            if (d > tolerance) return 0;
            int c = reg.Classes[j] - r.MeasuredClass[i];
            if (c < 0) c = -c;
            int w = 100 - 50 * d / (tolerance + 1) - 15 * c;
            // The device's colour call is less sure than its position (greyish crossings, a fibre touching one
            // of the other colour): a pair of other colours is position evidence only, at a third of the weight.
            if (reg.Colours[j] != r.MeasuredColour[i]) w = w * ColourMismatchPercent / 100;
            return w < 1 ? 1 : w;
        }
    }
}
