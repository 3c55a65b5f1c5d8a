using Handheld.Core.Fluorescence;

namespace Handheld.Core.Fingerprint
{
    /// <summary>
    /// Aligns the fibre events of one sweep with the fingerprint the licence registers, and decides from how likely
    /// the pairs are by chance. Time becomes distance through the track marks (red-emitting bars every 16 mm that the
    /// sensor sees in its red band): between two consecutive marks the position is interpolated linearly, so a change
    /// of speed moves events only within one segment; a mark a fast sweep missed is inferred from a double gap; past
    /// the last mark seen the last segment's speed is extrapolated for at most one segment (slow sweeps). The events
    /// are paired by a monotone dynamic-programming alignment (same colour, position within the measured event's
    /// tolerance). The decision compares the number of pairs k with two Poisson-binomial tails: the chance that an
    /// unrelated sheet of the same paper pairs ≥ k (each measured event lands near a registered one of its colour by
    /// chance with probability density × window), and the chance that the registered sheet pairs ≤ k (each registered
    /// event is seen with a detection chance by intensity class and sample step). Integer arithmetic only; all
    /// buffers are allocated in the constructor and <see cref="Run"/> allocates nothing.
    /// </summary>
    public sealed class FingerprintMatcher
    {
        private const int Rows = FingerprintResult.MaxMeasured + 1;
        private const int Cols = RegisteredFibres.Capacity + 1;
        /// <summary>Fixed-point scale of the probability tables (2^30 = 1).</summary>
        private const int OneShift = 30;

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
        private readonly int[] _increment = new int[FingerprintResult.MaxMarks];
        private readonly int[] _probability = new int[Cols];                        // permille, per event of a tail
        private readonly long[] _distribution = new long[Cols + 1];

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
            if (r.MarkCount > FingerprintResult.MaxMarks)
            {
                r.Reasons |= FingerprintReason.TooManyMarks;
                return;
            }
            if (r.MarkCount < 2)
            {
                r.Reasons |= FingerprintReason.MarksNotFound;
                return;
            }
            int samplePeriodMs = (trace.TimeMs[n - 1] - trace.TimeMs[0]) / (n - 1);
            if (!IndexMarks(trace, registered.MarkCount, pitch, samplePeriodMs, r))
            {
                r.Reasons |= FingerprintReason.TooManyMarks;
                return;
            }
            int last = r.MarkCount - 1;
            int lastMarkUnits = r.MarkIndex[last] * pitch;
            // Head step between samples over the marks seen (0.5 mm units): sets the tolerance and detection chance.
            int markSpan = r.MarkTimeMs[last] - r.MarkTimeMs[0];
            int step = markSpan <= 0 ? pitch : (int)((long)lastMarkUnits - r.MarkIndex[0] * pitch) * samplePeriodMs / markSpan;
            int trackEnd = (registered.MarkCount - 1) * pitch;
            r.PlacedUntilUnits = lastMarkUnits;
            if (lastMarkUnits < trackEnd)
            {
                int lastSpan = r.MarkTimeMs[last] - r.MarkTimeMs[last - 1];
                int lastUnits = (r.MarkIndex[last] - r.MarkIndex[last - 1]) * pitch;
                long beyond = lastSpan <= 0 ? 0 : (long)(trace.TimeMs[n - 1] - r.MarkTimeMs[last]) * lastUnits / lastSpan;
                int cap = _s.ExtrapolateUnits < pitch - _s.MarkGuardUnits ? _s.ExtrapolateUnits : pitch - _s.MarkGuardUnits;
                if (beyond > cap) beyond = cap;
                if (beyond > 0) r.PlacedUntilUnits = lastMarkUnits + (int)beyond;
            }
            r.CoveredUnits = r.PlacedUntilUnits - r.MarkIndex[0] * pitch;

            PlaceEvents(trace, n, detail, pitch, samplePeriodMs, lastMarkUnits, r);

            int m = 0;
            int firstUnits = r.MarkIndex[0] * pitch;
            for (int j = 0; j < registered.Count; j++)
            {
                int p = registered.Positions[j];
                if (p < firstUnits || p > r.PlacedUntilUnits || NearMark(p, pitch)) continue;
                if (registered.Classes[j] < _s.MinRegisteredClass) continue;
                _registered[m++] = j;
            }
            r.RegisteredCovered = m;
            if (m == 0)
            {
                r.Reasons |= FingerprintReason.TooLittleTrackCovered;
                return;
            }
            int typicalTolerance = _s.ToleranceUnits + step / 2;

            r.Matched = Align(registered, m, r);
            r.ScorePermille = (int)((long)r.Matched * 2000 / (r.MeasuredCount + m));

            // Chance: each measured event lands within its tolerance of a covered registered event of its colour with
            // probability (their count × window / track length); an unrelated sheet of the same paper pairs ≥ k of
            // them with the Poisson-binomial tail. Coverage, stated statistically: had every covered registered event
            // been measured and paired, could the sweep prove the sheet? If not, only a mismatch can be shown.
            int effective = EffectiveLength(r.CoveredUnits, pitch);
            for (int i = 0; i < r.MeasuredCount; i++)
                _probability[i] = ChancePermille(registered, m, r.MeasuredColour[i], r.MeasuredTolerance[i], effective);
            r.ChancePpm = UpperTailPpm(r.MeasuredCount, r.Matched);
            for (int j = 0; j < m; j++)
                _probability[j] = ChancePermille(registered, m, registered.Colours[_registered[j]], typicalTolerance, effective);
            bool provable = UpperTailPpm(m, m) <= _s.MatchChancePpm;

            int expected = 0;
            for (int j = 0; j < m; j++)
            {
                int q = DetectPermille(registered, _registered[j], j > 0 ? _registered[j - 1] : -1, step);
                _probability[j] = q;
                expected += q;
            }
            r.ExpectedTenths = expected / 100;
            r.GenuinePpm = LowerTailPpm(m, r.Matched);

            if (r.ChancePpm <= _s.MatchChancePpm)
            {
                r.Verdict = FingerprintVerdict.Match;
            }
            else if (r.GenuinePpm <= _s.MismatchGenuinePpm)
            {
                r.Verdict = FingerprintVerdict.Mismatch;
                r.Reasons |= FingerprintReason.FingerprintMismatch;
            }
            else if (!provable)
            {
                r.Reasons |= FingerprintReason.TooLittleTrackCovered;
            }
            else
            {
                r.Verdict = FingerprintVerdict.Inconclusive;
                r.Reasons |= FingerprintReason.ScoreInconclusive;
            }
        }

        /// <summary>Which printed mark each found mark is. Gaps are one pitch unless the head moved far enough between
        /// samples to miss a 1 mm bar and the gap is about a multiple of the median gap; a first mark reached later
        /// than the guide allows is the second one. On fast sweeps (a mark in one or two samples, so its time is
        /// quantised to the sample period) interior mark times are smoothed with their neighbours. False when the
        /// marks cannot be the layout's (a gap far shorter than the median: a red fibre or a lift-off in daylight;
        /// more pitches than the track has).</summary>
        private bool IndexMarks(SweepTrace t, int layoutMarks, int pitch, int samplePeriodMs, FingerprintResult r)
        {
            int c = r.MarkCount;
            int shortest = int.MaxValue;
            for (int i = 0; i < c - 1; i++)
            {
                int g = r.MarkTimeMs[i + 1] - r.MarkTimeMs[i];
                if (g <= 0) return false;
                if (g < shortest) shortest = g;
                _scratch[i] = g;
            }
            int median = IntSelect.Quantile(_scratch, c - 1, 500);
            if ((long)shortest * 1000 < (long)median * _s.SpuriousMarkGapPermille) return false;
            // Step per sample if the median gap is one pitch: below MarkMissableStepUnits every bar is seen.
            bool fast = (long)pitch * samplePeriodMs >= (long)_s.MarkMissableStepUnits * median;
            int unit = median;
            if (fast)
            {
                // The median of the gaps read as one pitch (a missed mark makes a gap about twice the others).
                int singles = 0;
                for (int i = 0; i < c - 1; i++)
                {
                    int g = r.MarkTimeMs[i + 1] - r.MarkTimeMs[i];
                    if ((long)g * 1000 < (long)median * _s.MissedMarkGapPermille) _scratch[singles++] = g;
                }
                if (singles > 0) unit = IntSelect.Quantile(_scratch, singles, 500);
            }
            for (int i = 0; i < c - 1; i++)
            {
                int g = r.MarkTimeMs[i + 1] - r.MarkTimeMs[i];
                _increment[i] = 1;
                if (fast && (long)g * 1000 >= (long)unit * _s.MissedMarkGapPermille) _increment[i] = (g + unit / 2) / unit;
            }
            int index = 0;
            long lead = (long)(r.MarkTimeMs[0] - t.TimeMs[0]) * pitch / unit;
            if (fast && lead > _s.MaxLeadUnits && lead < _s.MaxLeadUnits + pitch) index = 1;
            int pitches = index;
            for (int i = 0; i < c - 1; i++) pitches += _increment[i];
            // More pitches than the track has: the gap most over-read (increment × unit − gap largest) loses one,
            // then the lead, until they fit (a speed wobble of ±20 % makes 2.25 pitches round either way).
            while (pitches > layoutMarks - 1)
            {
                int worst = -1;
                long over = long.MinValue;
                for (int i = 0; i < c - 1; i++)
                {
                    if (_increment[i] < 2) continue;
                    long o = (long)_increment[i] * unit - (r.MarkTimeMs[i + 1] - r.MarkTimeMs[i]);
                    if (o > over) { over = o; worst = i; }
                }
                if (worst >= 0) _increment[worst]--;
                else if (index > 0) index = 0;
                else return false;
                pitches--;
            }
            for (int i = 0; i < c; i++)
            {
                r.MarkIndex[i] = index;
                if (i < c - 1) index += _increment[i];
            }
            if (fast)
            {
                // (t[k-1] + 2 t[k] + t[k+1]) / 4 where both gaps are one pitch: halves the quantisation, keeps a ramp.
                int previous = r.MarkTimeMs[0];
                for (int k = 1; k < c - 1; k++)
                {
                    int here = r.MarkTimeMs[k];
                    if (_increment[k - 1] == 1 && _increment[k] == 1) r.MarkTimeMs[k] = (previous + 2 * here + r.MarkTimeMs[k + 1]) / 4;
                    previous = here;
                }
            }
            return r.MarkIndex[c - 1] <= layoutMarks - 1;
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

        /// <summary>Measured fibre events (blue and green) from the first mark to the last placed position, outside the
        /// mark zones, as positions along the track; each with its tolerance (the minimum plus half the head's step
        /// between samples in its segment, widened past the last mark) and intensity class (peak against the median
        /// peak of its colour).</summary>
        private void PlaceEvents(SweepTrace t, int n, PhysicalCheckResult d, int pitch, int samplePeriodMs, int lastMarkUnits, FingerprintResult r)
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
                if (InsideMarkRun(_startMs[e], _endMs[e], r.MarkCount)) continue;
                int position = r.PositionAt(centre, pitch);
                if (position < 0 || NearMark(position, pitch)) continue;
                while (k < lastMark - 1 && centre > r.MarkTimeMs[k + 1]) k++;
                int span = r.MarkTimeMs[k + 1] - r.MarkTimeMs[k];
                int units = (r.MarkIndex[k + 1] - r.MarkIndex[k]) * pitch;
                int tolerance = _s.ToleranceUnits + (int)((long)units * samplePeriodMs / span) / 2;
                if (position > lastMarkUnits) tolerance += (position - lastMarkUnits) * _s.ExtrapolateTolerancePermille / 1000;
                int i = r.MeasuredCount;
                if (i > 0 && position - r.MeasuredPosition[i - 1] <= _s.SameEventUnits)
                {
                    // The analysis split one crossing where the sample colour flipped: one event, the colour of
                    // the part with the larger peak in its own band, midway.
                    r.MeasuredPosition[i - 1] = (r.MeasuredPosition[i - 1] + position) / 2;
                    if (_peak[e] > _peak[i - 1]) { _peak[i - 1] = _peak[e]; r.MeasuredColour[i - 1] = _colour[e]; }
                    continue;
                }
                if (i >= FingerprintResult.MaxMeasured) break;
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

        /// <summary>Track length events can lie on, mark zones left out (0.5 mm units, at least 1).</summary>
        private int EffectiveLength(int covered, int pitch)
        {
            long l = (long)covered * (pitch - 2 * _s.MarkGuardUnits) / pitch;
            return l < 1 ? 1 : (int)l;
        }

        /// <summary>Chance (permille) that an event of <paramref name="colour"/> at a random place on the covered track
        /// lies within ±<paramref name="tolerance"/> of a covered registered event of that colour: their count times
        /// the window over the length, capped (the monotone one-to-one alignment can only pair fewer).</summary>
        private int ChancePermille(RegisteredFibres reg, int m, int colour, int tolerance, int length)
        {
            int same = 0;
            for (int j = 0; j < m; j++) if (reg.Colours[_registered[j]] == colour) same++;
            long p = (long)same * (2 * tolerance + 1) * 1000 / length;
            if (p > _s.MaxChancePermille) p = _s.MaxChancePermille;
            return p < 1 ? 1 : (int)p;
        }

        /// <summary>Chance (permille) that a genuine sweep sees and pairs registered event <paramref name="j"/>: by
        /// intensity class, scaled by (spot/step)² when the head moves more than a spot between samples, and lowered
        /// when the event follows another of its colour closer than the spot resolves.</summary>
        private int DetectPermille(RegisteredFibres reg, int j, int previous, int step)
        {
            int cls = reg.Classes[j];
            if (cls < 0) cls = 0;
            if (cls >= _s.DetectPermille.Length) cls = _s.DetectPermille.Length - 1;
            long q = _s.DetectPermille[cls];
            if (step > _s.SpotUnits) q = q * _s.SpotUnits * _s.SpotUnits / ((long)step * step);
            if (previous >= 0 && reg.Colours[previous] == reg.Colours[j] && reg.Positions[j] - reg.Positions[previous] < _s.MergeUnits)
                q = q * _s.MergedDetectPermille / 1000;
            return q < 1 ? 1 : (int)q;
        }

        /// <summary>P(at least <paramref name="k"/> successes) of <paramref name="count"/> independent trials with the
        /// chances in _probability (permille), parts per million: the Poisson-binomial distribution in 2^-30 steps.</summary>
        private int UpperTailPpm(int count, int k)
        {
            Distribution(count);
            long tail = 0;
            for (int x = k; x <= count; x++) tail += _distribution[x];
            return ToPpm(tail);
        }

        /// <summary>P(at most <paramref name="k"/> successes), parts per million (see <see cref="UpperTailPpm"/>).</summary>
        private int LowerTailPpm(int count, int k)
        {
            Distribution(count);
            long tail = 0;
            for (int x = 0; x <= k && x <= count; x++) tail += _distribution[x];
            return ToPpm(tail);
        }

        private void Distribution(int count)
        {
            _distribution[0] = 1L << OneShift;
            for (int x = 1; x <= count; x++) _distribution[x] = 0;
            for (int i = 0; i < count; i++)
            {
                long p = _probability[i];
                for (int x = i + 1; x >= 1; x--)
                    _distribution[x] = (_distribution[x] * (1000 - p) + _distribution[x - 1] * p) / 1000;
                _distribution[0] = _distribution[0] * (1000 - p) / 1000;
            }
        }

        private static int ToPpm(long tail)
        {
            long ppm = (tail * 1000000 + (1L << (OneShift - 1))) >> OneShift;
            return ppm > 1000000 ? 1000000 : (int)ppm;
        }

        /// <summary>Monotone alignment (longest common subsequence with weights): a pair of the same colour within the
        /// measured event's tolerance earns 1000 less up to 400 for its distance (any pair outweighs the distance of
        /// two others, so the most pairs win). Fills MatchOf; returns the number of pairs.</summary>
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
            int pairs = 0;
            int a = n, b = m;
            while (a > 0 && b > 0)
            {
                int here = _table[a * Cols + b];
                if (here == _table[(a - 1) * Cols + b]) { a--; continue; }
                if (here == _table[a * Cols + b - 1]) { b--; continue; }
                r.MatchOf[a - 1] = _registered[b - 1];
                pairs++;
                a--; b--;
            }
            return pairs;
        }

        private static int Weight(RegisteredFibres reg, int j, FingerprintResult r, int i)
        {
            if (reg.Colours[j] != r.MeasuredColour[i]) return 0;
            int d = reg.Positions[j] - r.MeasuredPosition[i];
            if (d < 0) d = -d;
            int tolerance = r.MeasuredTolerance[i];
            if (d > tolerance) return 0;
            return 1000 - 400 * d / (tolerance + 1);
        }
    }
}
