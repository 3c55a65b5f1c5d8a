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
        /// <summary>Measured events the evidence of all tracks of one inspection can hold (every track's sweep keeps at
        /// most MaxMeasured).</summary>
        private const int UnionMeasured = FingerprintResult.MaxMeasured * 4;
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
        // Permille per trial of a tail, and its distribution: the covered registered events of every swept track (the
        // ceiling and the genuine tail); Commit keeps at most Capacity earlier ones, the sweep adds at most Capacity.
        private readonly int[] _probability = new int[2 * RegisteredFibres.Capacity];
        private readonly long[] _distribution = new long[2 * RegisteredFibres.Capacity + 1];
        // Evidence of the earlier tracks of this inspection (layout 2): per tail window the measured events' chances
        // and the pairs within the window; the covered registered events' ceiling and detection chances; the pairs.
        private readonly long[] _priorScores;                                      // distribution of their closeness score
        private int _priorScore, _priorTop;
        private readonly int[] _priorCeiling = new int[RegisteredFibres.Capacity];
        private readonly int[] _priorDetect = new int[RegisteredFibres.Capacity];
        private int _priorMeasured, _priorCovered, _priorMatched, _priorTracks;
        private long _priorCandidates = 1;
        // The same of the sweep being decided (its best mark reading), kept by Evaluate for Commit.
        private readonly int[] _stageChance;
        private int _stageScore;
        /// <summary>Distribution of the closeness score under H₀ (Evaluate), 2^-30 steps; levels = windows.</summary>
        private readonly long[] _scores;
        private readonly long[] _levelChance;
        private readonly int _levels;
        private readonly int[] _stageCeiling = new int[RegisteredFibres.Capacity];
        private readonly int[] _stageDetect = new int[RegisteredFibres.Capacity];
        /// <summary>Track the sweep being decided follows; registered events of other tracks are left out.</summary>
        private int _track;
        private readonly int[] _columnColour = new int[RegisteredFibres.Capacity];     // Align's columns
        private readonly int[] _columnPosition = new int[RegisteredFibres.Capacity];

        public FingerprintMatcher(FingerprintSettings settings, int traceCapacity)
        {
            _s = settings == null ? FingerprintSettings.Default() : settings;
            _levels = _s.WindowUnits.Length + 1;
            _stageChance = new int[_levels * FingerprintResult.MaxMeasured];
            _levelChance = new long[_levels + 1];
            _scores = new long[_levels * UnionMeasured + 1];
            _priorScores = new long[_levels * UnionMeasured + 1];
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
            Reset();
            _track = 0;
            _trackMode = false;
            _traceEndMs = trace.TimeMs[n - 1];
            CollectPhysicalEvents(trace, n, detail);
            Decide(registered, (trace.TimeMs[n - 1] - trace.TimeMs[0]) / (n - 1), r);
        }

        /// <summary>
        /// Track mode: compares the marks and crossings <see cref="TrackExtractor"/> found in a track sweep
        /// (<see cref="TrackSampler"/>) with <paramref name="registered"/>. Positions come from the marks as in the
        /// physical-sweep comparison; the tolerance of an event is <see cref="FingerprintSettings.TrackToleranceUnits"/>
        /// plus half the head's step between samples, and a genuine sweep's detection chance is
        /// <see cref="FingerprintSettings.TrackDetectPermille"/>. Same decision rules and reason codes. Never throws.
        /// </summary>
        public void Run(TrackEvents events, RegisteredFibres registered, FingerprintResult r)
        {
            Reset();
            Run(events, registered, 0, r);
        }

        /// <summary>Forgets the evidence of earlier tracks: call before the first track sweep of an inspection.</summary>
        public void Reset()
        {
            _priorMeasured = 0; _priorCovered = 0; _priorMatched = 0; _priorTracks = 0; _priorCandidates = 1;
            _priorScore = 0; _priorTop = 0; _priorScores[0] = 1L << OneShift;
            _attemptTrack = -1; _attempts = 0;
        }

        private int _attemptTrack, _attempts;
        /// <summary>Set by Decide when it compared the sweep (layout 2 compares only a sweep of the whole track).</summary>
        private bool _compared;

        /// <summary>Tracks whose evidence is carried into the next sweep's decision (since <see cref="Reset"/>).</summary>
        public int TracksCombined { get { return _priorTracks; } }

        /// <summary>
        /// Layout 2: compares the sweep of track <paramref name="track"/> with that track's registered events and decides
        /// on the evidence of every track swept since <see cref="Reset"/> together (the tracks carry independent fibres,
        /// so under H₀ their chance pairs are independent: one Poisson-binomial tail over all their measured events).
        /// When the sweep decides nothing (not Match, not Mismatch) and was aligned, its evidence is kept for the next
        /// track and <see cref="FingerprintResult.NextTrack"/> names it (−1 when every track has been swept). Each
        /// track is to be swept once per inspection; the chance is multiplied by the layout's track count (one test
        /// after each track, Bonferroni).
        /// </summary>
        public void Run(TrackEvents events, RegisteredFibres registered, int track, FingerprintResult r)
        {
            r.Clear();
            if (registered == null || registered.Count == 0) return;
            _track = track;
            r.Track = track;
            r.TracksCombined = _priorTracks;
            r.NextTrack = registered.TrackCount > 1 && track + 1 < registered.TrackCount ? track + 1 : -1;
            r.Verdict = FingerprintVerdict.Unreadable;
            if (track < 0 || track >= registered.TrackCount)
            {
                r.Reasons = FingerprintReason.SweepUnusable;
                r.NextTrack = -1;
                return;
            }
            if (track != _attemptTrack) { _attemptTrack = track; _attempts = 0; }
            _attempts++;
            _compared = false;
            RunTrack(events, registered, r);
            if (r.Verdict == FingerprintVerdict.Match || r.Verdict == FingerprintVerdict.Mismatch) { r.NextTrack = -1; return; }
            if (!_compared && registered.TrackCount > 1 && _attempts < _s.MaxAttemptsPerTrack)
            {
                // Nothing was compared (too short, marks not found, unusable): the same track again.
                r.NextTrack = track;
                return;
            }
            if (r.NextTrack >= 0 && r.RegisteredCovered > 0) Commit(r);
        }

        private void RunTrack(TrackEvents events, RegisteredFibres registered, FingerprintResult r)
        {
            if (events == null || events.Unusable || events.SamplePeriodMs <= 0 || registered.MarkPitchUnits <= 0 || registered.MarkCount < 2)
            {
                r.Reasons = FingerprintReason.SweepUnusable;
                return;
            }

            r.MarkCount = events.MarkCount;
            int stored = events.MarkCount < FingerprintResult.MaxMarks ? events.MarkCount : FingerprintResult.MaxMarks;
            for (int k = 0; k < stored; k++)
            {
                r.MarkTimeMs[k] = events.MarkTimeMs[k];
                _markStartMs[k] = events.MarkStartMs[k];
                _markEndMs[k] = events.MarkEndMs[k];
            }
            _trackMode = true;
            r.SmoothPositions = true;
            _traceEndMs = events.EndMs;
            int c = events.EventCount < FingerprintResult.MaxMeasured ? events.EventCount : FingerprintResult.MaxMeasured;
            for (int e = 0; e < c; e++)
            {
                _centreMs[e] = events.EventTimeMs[e];
                _startMs[e] = events.EventStartMs[e];
                _endMs[e] = events.EventEndMs[e];
                _colour[e] = events.EventColour[e];
                _peak[e] = events.EventPeak[e];
            }
            _eventCount = c;
            Decide(registered, events.SamplePeriodMs, r);
        }

        /// <summary>Keeps the decided sweep's evidence (Evaluate's stage of its best mark reading) for the next track.</summary>
        private void Commit(FingerprintResult r)
        {
            int n = r.MeasuredCount;
            if (_priorMeasured + n > UnionMeasured) n = UnionMeasured - _priorMeasured;
            for (int i = 0; i < n; i++) _priorTop = AddEvent(_priorScores, _priorTop, i, int.MaxValue);
            _priorScore += _stageScore;
            _priorMeasured += n;
            int m = r.RegisteredCovered;
            for (int j = 0; j < m && _priorCovered < RegisteredFibres.Capacity; j++)
            {
                _priorCeiling[_priorCovered] = _stageCeiling[j];
                _priorDetect[_priorCovered] = _stageDetect[j];
                _priorCovered++;
            }
            _priorMatched += r.Matched;
            _priorCandidates *= r.Candidates < 1 ? 1 : r.Candidates;
            _priorTracks++;
        }

        private bool _trackMode;
        private int _traceEndMs;
        private int _eventCount;
        private readonly int[] _centreMs = new int[FingerprintResult.MaxMeasured];

        /// <summary>Blue and green events of the physical check with their centre times (light-weighted over the
        /// trace, finer than one sample).</summary>
        private void CollectPhysicalEvents(SweepTrace t, int n, PhysicalCheckResult d)
        {
            int merged = 0;
            int sample = 0;
            for (int e = 0; e < d.EventCount && merged < FingerprintResult.MaxMeasured; e++)
            {
                int colour = d.EventColour[e];
                if (colour != FibreColours.Blue && colour != FibreColours.Green) continue;
                _startMs[merged] = d.EventStartMs[e];
                _endMs[merged] = d.EventEndMs[e];
                _colour[merged] = colour;
                _peak[merged] = colour == FibreColours.Blue ? d.EventPeakBlue[e] : d.EventPeakGreen[e];
                while (sample < n - 1 && t.TimeMs[sample] < _startMs[merged]) sample++;
                _centreMs[merged] = Centre(t, n, sample, _endMs[merged]);
                merged++;
            }
            _eventCount = merged;
        }

        /// <summary>From the marks in r and the collected events: which mark is which, the alignment of each
        /// reading, and the verdict.</summary>
        private void Decide(RegisteredFibres registered, int samplePeriodMs, FingerprintResult r)
        {
            int pitch = registered.MarkPitchUnits;
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
            int candidates = IndexMarks(registered.MarkCount, pitch, samplePeriodMs, r);
            if (candidates == 0)
            {
                r.Reasons |= FingerprintReason.TooManyMarks;
                return;
            }
            // Several readings of which mark is which (a fast sweep that missed marks): the one whose alignment is
            // least likely by chance is kept, and its chance is multiplied by their number (the look-elsewhere cost).
            int best = 0;
            long bestChance = long.MaxValue;
            for (int k = 0; k < candidates; k++)
            {
                ApplyCandidate(k, registered.MarkCount, r);
                long chance = Evaluate(registered, pitch, samplePeriodMs, r);
                if (chance < bestChance) { bestChance = chance; best = k; }
            }
            if (best != candidates - 1)
            {
                ApplyCandidate(best, registered.MarkCount, r);
                Evaluate(registered, pitch, samplePeriodMs, r);
            }
            int trackEnd = (registered.MarkCount - 1) * pitch;
            bool wholeTrack = r.MarkIndex[0] == 0 && r.PlacedUntilUnits >= trackEnd;
            // Layout 2 (track mode): only a sweep that ran the whole track is compared, so every track is tested once.
            if (_trackMode && registered.TrackCount > 1 && !wholeTrack)
            {
                // Layout 2 compares each track once, on a sweep of the whole track: a shorter one is swept again.
                r.Reasons |= FingerprintReason.TooLittleTrackCovered | FingerprintReason.SweepTooShort;
                return;
            }
            _compared = true;
            if (r.RegisteredCovered == 0 && _priorCovered == 0)
            {
                r.Reasons |= FingerprintReason.TooLittleTrackCovered;
                return;
            }
            // Layout 2: one test after each of the layout's tracks (Bonferroni), and every earlier track's mark readings.
            long looks = (registered.TrackCount > 1 ? registered.TrackCount : 1) * _priorCandidates;
            long chanceTail = _chanceTail * candidates * looks;
            long ceilingTail = _ceilingTail * candidates * looks;
            r.ChancePpb = ToPpb(chanceTail);
            r.Candidates = candidates;
            long matchTail = ((long)_s.MatchChancePerBillion << OneShift) / 1000000000;

            if (chanceTail <= matchTail)
            {
                r.Verdict = FingerprintVerdict.Match;
            }
            else if (r.GenuinePpm <= _s.MismatchGenuinePpm
                // A sweep that measured far fewer events than the covered registered ones failed to see fibres (a
                // fluorescent table, faded fibres, lift-off): a blank of the same paper shows as many as the genuine
                // sheet, just elsewhere. So too few measured events are no proof of another sheet.
                && (long)(_priorMeasured + r.MeasuredCount) * 1000 >= (long)(_priorCovered + r.RegisteredCovered) * _s.MismatchMinMeasuredPermille)
            {
                r.Verdict = FingerprintVerdict.Mismatch;
                r.Reasons |= FingerprintReason.FingerprintMismatch;
            }
            else if (ceilingTail > matchTail)
            {
                // Even every covered registered event measured and paired would not prove the sheet: on a part of the
                // track the sweep cannot be read far enough (unreadable: sweep the whole track); over the whole track
                // the sweep was read but cannot decide (inconclusive: the steps were too coarse or the events too few).
                if (wholeTrack)
                {
                    r.Verdict = FingerprintVerdict.Inconclusive;
                    r.Reasons |= FingerprintReason.TooCoarseToProve;
                }
                else r.Reasons |= FingerprintReason.TooLittleTrackCovered;
            }
            else
            {
                r.Verdict = FingerprintVerdict.Inconclusive;
                r.Reasons |= FingerprintReason.ScoreInconclusive;
            }
        }

        private long _chanceTail, _ceilingTail;
        /// <summary>Covered registered events of each colour (ChancePermille's counts, once per reading).</summary>
        private int _coveredBlue, _coveredGreen;

        /// <summary>Places the events for the mark reading in r, aligns them with the covered registered events and
        /// fills the pairs, the genuine tail and the counts; returns the chance tail (2^-30 units) and leaves the
        /// ceiling (every covered registered event paired) in _ceilingTail.</summary>
        private long Evaluate(RegisteredFibres registered, int pitch, int samplePeriodMs, FingerprintResult r)
        {
            r.MeasuredCount = 0; r.Matched = 0; r.RegisteredCovered = 0; r.ScorePermille = 0;
            r.GenuinePpm = 1000000; r.ExpectedTenths = 0;
            _chanceTail = 1L << OneShift; _ceilingTail = 1L << OneShift;
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
                long beyond = lastSpan <= 0 ? 0 : (long)(_traceEndMs - r.MarkTimeMs[last]) * lastUnits / lastSpan;
                int cap = _s.ExtrapolateUnits < pitch - _s.MarkGuardUnits ? _s.ExtrapolateUnits : pitch - _s.MarkGuardUnits;
                if (beyond > cap) beyond = cap;
                if (beyond > 0) r.PlacedUntilUnits = lastMarkUnits + (int)beyond;
            }
            r.CoveredUnits = r.PlacedUntilUnits - r.MarkIndex[0] * pitch;

            PlaceEvents(pitch, samplePeriodMs, lastMarkUnits, r);

            int m = 0;
            int firstUnits = r.MarkIndex[0] * pitch;
            for (int j = 0; j < registered.Count; j++)
            {
                int p = registered.Positions[j];
                if (registered.Tracks[j] != _track) continue;
                if (p < firstUnits || p > r.PlacedUntilUnits || NearMark(p, pitch)) continue;
                if (registered.Classes[j] < _s.MinRegisteredClass) continue;
                _registered[m++] = j;
            }
            r.RegisteredCovered = m;
            if (m == 0 && _priorCovered == 0) return long.MaxValue;
            _coveredBlue = 0; _coveredGreen = 0;
            for (int j = 0; j < m; j++)
            {
                int c = registered.Colours[_registered[j]];
                if (c == FibreColours.Blue) _coveredBlue++;
                else if (c == FibreColours.Green) _coveredGreen++;
            }
            int typicalTolerance = (_trackMode ? _s.TrackToleranceUnits : _s.ToleranceUnits) + step / 2;

            r.Matched = Align(registered, m, r);
            r.ScorePermille = r.MeasuredCount + m == 0 ? 0 : (int)((long)r.Matched * 2000 / (r.MeasuredCount + m));

            // Chance: each measured event lands within a window of a covered registered event of its colour with
            // probability (their count × window / track length). Ceiling: had every covered registered event been
            // measured and paired, how small would the tail be? If not small enough, only a mismatch can be shown.
            int effective = EffectiveLength(r.CoveredUnits, pitch);
            // The closeness score: a pair within the narrowest window scores the number of windows, within the next one
            // less, within the event's tolerance 1. Under H₀ each measured event's own level (the narrowest window
            // holding a covered registered event of its colour) is independent of the others, with P(level ≥ ℓ) at
            // most its chance in that window, and the alignment's score is at most the sum of the levels (a pair is
            // never closer than the event's nearest registered neighbour): one tail of that sum, no test per window.
            int levels = _levels;
            int score = _priorScore;
            for (int i = 0; i < r.MeasuredCount; i++)
            {
                int full = r.MeasuredTolerance[i];
                int j = r.MatchOf[i];
                int d = -1;
                if (j >= 0) { d = registered.Positions[j] - r.MeasuredPosition[i]; if (d < 0) d = -d; }
                int level = 0;
                int previous = 0;
                for (int w = 0; w < levels; w++)
                {
                    int tolerance = w < levels - 1 && _s.WindowUnits[w] < full ? _s.WindowUnits[w] : full;
                    int chance = ChancePermille(registered, m, r.MeasuredColour[i], tolerance, effective);
                    if (chance < previous) chance = previous;
                    previous = chance;
                    _stageChance[w * FingerprintResult.MaxMeasured + i] = chance;
                    if (level == 0 && d >= 0 && d <= tolerance) level = levels - w;
                }
                score += level;
            }
            _stageScore = score - _priorScore;
            // Only P(score or more) is needed: every score at or above it is one entry (a sum never falls), so the
            // distribution is at most score + 1 entries long.
            int top = _priorTop;
            if (score == 0)
            {
                _chanceTail = 1L << OneShift;
            }
            else
            {
                int copied = top < score ? top : score;
                for (int x = 0; x < copied; x++) _scores[x] = _priorScores[x];
                long above = 0;
                for (int x = copied; x <= top; x++) above += _priorScores[x];
                _scores[copied] = above;
                top = copied;
                int kept = r.MeasuredCount;
                if (_priorMeasured + kept > UnionMeasured) kept = UnionMeasured - _priorMeasured;
                for (int i = 0; i < kept; i++) top = AddEvent(_scores, top, i, score);
                _chanceTail = top >= score ? _scores[score] : 0;
            }
            // Ceiling: every covered registered event measured and paired within the narrowest window.
            int narrowest = _s.WindowUnits.Length > 0 && _s.WindowUnits[0] < typicalTolerance ? _s.WindowUnits[0] : typicalTolerance;
            int priorCovered = _priorCovered;
            for (int j = 0; j < priorCovered; j++) _probability[j] = _priorCeiling[j];
            for (int j = 0; j < m; j++)
            {
                int c = ChancePermille(registered, m, registered.Colours[_registered[j]], narrowest, effective);
                _stageCeiling[j] = c;
                _probability[priorCovered + j] = c;
            }
            _ceilingTail = AllSucceed(priorCovered + m);

            int expected = 0;
            for (int j = 0; j < priorCovered; j++) _probability[j] = _priorDetect[j];
            for (int j = 0; j < m; j++)
            {
                int q = DetectPermille(registered, _registered[j], j > 0 ? _registered[j - 1] : -1, step);
                _stageDetect[j] = q;
                _probability[priorCovered + j] = q;
                expected += q;
            }
            r.ExpectedTenths = expected / 100;
            r.GenuinePpm = LowerTailPpm(priorCovered + m, _priorMatched + r.Matched);
            return _chanceTail;
        }

        /// <summary>Which printed mark each found mark is. On a slow sweep (every 1 mm bar the head passes is seen) the
        /// marks are consecutive, from the one the lead from the sweep start points at. On a fast sweep (the head can step over a bar between two samples) every
        /// assignment of the found marks to printed ones in order is tried, and the one whose speed changes least
        /// wins: a mark read as the wrong one doubles or halves the speed of a gap, while the hand's ramp (±40 %/s)
        /// and wobble (±20 %) change it gradually; the edge guide's lead (4–8 mm before the start mark) is one more
        /// gap. Interior mark times of a fast sweep (a mark in one or two samples, so its time is quantised to the
        /// sample period) are smoothed with their neighbours. False when the marks cannot be the layout's (a gap far
        /// shorter than the median: a red fibre or a lift-off in daylight; more marks than the track has).</summary>
        private int IndexMarks(int layoutMarks, int pitch, int samplePeriodMs, FingerprintResult r)
        {
            int c = r.MarkCount;
            if (c > layoutMarks) return 0;
            int shortest = int.MaxValue;
            for (int i = 0; i < c - 1; i++)
            {
                int g = r.MarkTimeMs[i + 1] - r.MarkTimeMs[i];
                if (g <= 0) return 0;
                if (g < shortest) shortest = g;
                _scratch[i] = g;
            }
            int median = IntSelect.Quantile(_scratch, c - 1, 500);
            if ((long)shortest * 1000 < (long)median * _s.SpuriousMarkGapPermille) return 0;
            for (int i = 0; i < c; i++) _rawMarkMs[i] = r.MarkTimeMs[i];
            // Step per sample if the median gap is one pitch: below MarkMissableStepUnits every bar is seen.
            _fast = (long)pitch * samplePeriodMs >= (long)_s.MarkMissableStepUnits * median;
            _candidateMask[0] = (1 << c) - 1;
            _candidateCost[0] = 0;
            int candidates = 1;
            // Fewer marks than printed: which were missed? On a slow sweep only the first ones can be (the head steps too
            // little per sample to miss an interior bar; a start mark lost in noise or daylight): the lead decides.
            if (layoutMarks <= MaxSearchedMarks && c < layoutMarks) candidates = AssignMarks(layoutMarks, pitch, samplePeriodMs, r);
            return candidates;
        }

        /// <summary>Sets the mark indices of candidate <paramref name="k"/> and the mark times (raw, or on a fast
        /// sweep smoothed as (t[k-1] + 2 t[k] + t[k+1]) / 4 where both gaps are one pitch: halves the quantisation,
        /// keeps a ramp).</summary>
        private void ApplyCandidate(int k, int layoutMarks, FingerprintResult r)
        {
            int c = r.MarkCount;
            int mask = _candidateMask[k];
            int i = 0;
            for (int b = 0; b < layoutMarks && i < c; b++) if ((mask & (1 << b)) != 0) r.MarkIndex[i++] = b;
            for (i = 0; i < c; i++) r.MarkTimeMs[i] = _rawMarkMs[i];
            if (!_fast) return;
            for (i = 1; i < c - 1; i++)
            {
                if (r.MarkIndex[i] - r.MarkIndex[i - 1] == 1 && r.MarkIndex[i + 1] - r.MarkIndex[i] == 1)
                    r.MarkTimeMs[i] = (_rawMarkMs[i - 1] + 2 * _rawMarkMs[i] + _rawMarkMs[i + 1]) / 4;
            }
        }

        private bool _fast;
        private readonly int[] _rawMarkMs = new int[FingerprintResult.MaxMarks];
        private readonly int[] _candidateMask = new int[MaxCandidates];
        private readonly long[] _candidateCost = new long[MaxCandidates];
        /// <summary>Readings of which mark is which that a fast sweep compares by alignment (the best by speed
        /// smoothness first).</summary>
        private const int MaxCandidates = 3;

        /// <summary>Marks the assignment search tries all subsets of (2^7 = 128 for layout 1).</summary>
        private const int MaxSearchedMarks = 10;

        /// <summary>Assignments of the found marks to printed ones (strictly increasing) ranked by how little the speed
        /// of consecutive gaps, the lead from the sweep start included, changes (sum of squared relative changes,
        /// permille²), a gap read as several pitches only where the head then stepped far enough per sample to miss a
        /// bar. Keeps the best <see cref="MaxCandidates"/> within <see cref="FingerprintSettings.CandidateCostMargin"/>
        /// of the best; returns their number.</summary>
        private int AssignMarks(int layoutMarks, int pitch, int samplePeriodMs, FingerprintResult r)
        {
            int c = r.MarkCount;
            int kept = 0;
            int masks = 1 << layoutMarks;
            int leadMs = r.MarkTimeMs[0];   // ms since the sweep start, when the window sat LeadUnits before mark 0
            for (int mask = 0; mask < masks; mask++)
            {
                if (BitCount(mask) != c) continue;
                int k = 0;
                for (int b = 0; b < layoutMarks; b++) if ((mask & (1 << b)) != 0) _increment[k++] = b;
                long worstKept = kept < MaxCandidates ? long.MaxValue : _candidateCost[kept - 1];
                long cost = 0;
                // The lead: the guide puts the window LeadUnits (typically 6 mm) before the start mark.
                long previous = leadMs <= 0 ? -1 : ((long)_s.LeadUnits + (long)_increment[0] * pitch) * 1000 / leadMs;
                for (int i = 0; i < c - 1 && cost < worstKept; i++)
                {
                    int pitches = _increment[i + 1] - _increment[i];
                    int gapMs = r.MarkTimeMs[i + 1] - r.MarkTimeMs[i];
                    // A bar is stepped over only on a fast sweep, where the head then moved at least MarkMissableStepUnits
                    // per sample (a slow sweep's gaps are one pitch each: two marks 1.1 s apart at 12 mm/s are no
                    // 64 mm at 57 mm/s).
                    if (pitches > 1 && (!_fast || (long)pitches * pitch * samplePeriodMs < (long)_s.MarkMissableStepUnits * gapMs)) { cost = long.MaxValue; break; }
                    long v = (long)pitches * pitch * 1000 / gapMs;
                    if (previous > 0)
                    {
                        long change = (v - previous) * 1000 / (v + previous);
                        cost += change * change;
                    }
                    previous = v;
                }
                if (cost >= worstKept) continue;
                // Insert in cost order.
                int at = kept < MaxCandidates ? kept : MaxCandidates - 1;
                while (at > 0 && _candidateCost[at - 1] > cost)
                {
                    _candidateCost[at] = _candidateCost[at - 1];
                    _candidateMask[at] = _candidateMask[at - 1];
                    at--;
                }
                _candidateCost[at] = cost;
                _candidateMask[at] = mask;
                if (kept < MaxCandidates) kept++;
            }
            if (kept == 0) { _candidateMask[0] = (1 << c) - 1; return 1; }
            int plausible = 1;
            while (plausible < kept && _candidateCost[plausible] - _candidateCost[0] <= _s.CandidateCostMargin) plausible++;
            return plausible;
        }

        private static int BitCount(int v)
        {
            int n = 0;
            while (v != 0) { v &= v - 1; n++; }
            return n;
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
            // A fast sweep meets a bar off-centre (the head steps 4.4 mm per sample at 80 mm/s, the bar's footprint
            // under the spot is 4 mm), so a mark can read at a tenth of the brightest: the level is low, held above
            // the red noise.
            long level = excessPeak * _s.MarkLevelPermille / 1000;
            long floor = (long)step * _s.MarkLevelNoiseFactor;
            if (level < floor) level = floor;

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
        private void PlaceEvents(int pitch, int samplePeriodMs, int lastMarkUnits, FingerprintResult r)
        {
            int merged = _eventCount;
            int k = 0;
            int lastMark = r.MarkCount - 1;
            int minimum = _trackMode ? _s.TrackToleranceUnits : _s.ToleranceUnits;
            for (int e = 0; e < merged; e++)
            {
                int centre = _centreMs[e];
                if (InsideMarkRun(_startMs[e], _endMs[e], r.MarkCount)) continue;
                int position = r.PositionAt(centre, pitch);
                if (position < 0 || NearMark(position, pitch)) continue;
                while (k < lastMark - 1 && centre > r.MarkTimeMs[k + 1]) k++;
                int span = r.MarkTimeMs[k + 1] - r.MarkTimeMs[k];
                int units = (r.MarkIndex[k + 1] - r.MarkIndex[k]) * pitch;
                int tolerance = minimum + (int)((long)units * samplePeriodMs / span) / 2;
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
                r.MeasuredTimeMs[i] = centre;
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
            int same = colour == FibreColours.Blue ? _coveredBlue : colour == FibreColours.Green ? _coveredGreen : 0;
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
            int[] table = _trackMode ? _s.TrackDetectPermille : _s.DetectPermille;
            if (cls >= table.Length) cls = table.Length - 1;
            long q = table[cls];
            if (step > _s.SpotUnits) q = q * _s.SpotUnits * _s.SpotUnits / ((long)step * step);
            if (previous >= 0 && reg.Colours[previous] == reg.Colours[j] && reg.Positions[j] - reg.Positions[previous] < _s.MergeUnits)
                q = q * _s.MergedDetectPermille / 1000;
            return q < 1 ? 1 : (int)q;
        }

        /// <summary>Convolves the closeness level of the decided sweep's event <paramref name="i"/> (chances per window in
        /// _stageChance) into <paramref name="d"/>, whose entries above <paramref name="top"/> are unused; entry
        /// <paramref name="cap"/> holds every score at or above it. Returns the new top. Downwards, so the lower entries
        /// read are still the previous distribution's.</summary>
        private int AddEvent(long[] d, int top, int i, int cap)
        {
            int levels = _levels;
            int[] chance = _stageChance;
            const int stride = FingerprintResult.MaxMeasured;
            int newTop = top + levels;
            if (newTop > cap) newTop = cap;
            for (int z = top + 1; z <= newTop; z++) d[z] = 0;
            int x0 = newTop;
            if (newTop == cap)
            {
                // The absorbing entry keeps its mass and gains every entry below that this event lifts to the cap:
                // P(level ≥ m) is the chance of window levels − m.
                long acc = d[cap] * 1000;
                for (int m = 1; m <= levels && m <= cap; m++)
                {
                    int from = cap - m;
                    if (from <= top) acc += d[from] * chance[(levels - m) * stride + i];
                }
                d[cap] = acc / 1000;
                x0 = cap - 1;
            }
            // Level ℓ (1..levels) has chance p[levels − ℓ] − p[levels − ℓ − 1] (p[−1] = 0), once per event.
            long none = 1000 - chance[(levels - 1) * stride + i];
            long[] lp = _levelChance;
            for (int level = 1; level <= levels; level++)
            {
                int w = levels - level;
                lp[level] = chance[w * stride + i] - (w > 0 ? chance[(w - 1) * stride + i] : 0);
            }
            int x = x0;
            if (levels == 3)
            {
                // The device's three windows: the sum unrolled (the hot loop of the decision).
                long p1 = lp[1], p2 = lp[2], p3 = lp[3];
                for (; x >= 3; x--) d[x] = (d[x] * none + d[x - 1] * p1 + d[x - 2] * p2 + d[x - 3] * p3) / 1000;
            }
            for (; x >= 0; x--)
            {
                long acc = d[x] * none;
                for (int level = 1; level <= levels && level <= x; level++) acc += d[x - level] * lp[level];
                d[x] = acc / 1000;
            }
            return newTop;
        }

        /// <summary>P(at most <paramref name="k"/> successes), parts per million (see <see cref="Distribution"/>).</summary>
        private int LowerTailPpm(int count, int k)
        {
            Distribution(count);
            long tail = 0;
            for (int x = 0; x <= k && x <= count; x++) tail += _distribution[x];
            return ToPpm(tail);
        }

        /// <summary>The Poisson-binomial distribution of <paramref name="count"/> independent trials with the chances in
        /// _probability (permille), in 2^-30 steps, into _distribution.</summary>
        private void Distribution(int count)
        {
            long[] d = _distribution;
            int[] probability = _probability;
            d[0] = 1L << OneShift;
            for (int x = 1; x <= count; x++) d[x] = 0;
            long thousand = 1000;
            for (int i = 0; i < count; i++)
            {
                long p = probability[i], q = thousand - p;
                // Downwards, so the d[x − 1] read at x is still the previous trial's; d[i + 1] is still 0. Two
                // entries a step (half the loop tests), the lower neighbour carried in a local.
                long lower = d[i];
                d[i + 1] = lower * p / thousand;
                int x = i;
                for (; x >= 2; x -= 2)
                {
                    long mid = d[x - 1];
                    d[x] = (lower * q + mid * p) / thousand;
                    lower = d[x - 2];
                    d[x - 1] = (mid * q + lower * p) / thousand;
                }
                if (x == 1)
                {
                    long upper = lower;
                    lower = d[0];
                    d[1] = (upper * q + lower * p) / thousand;
                }
                d[0] = lower * q / thousand;
            }
        }

        /// <summary>P(all <paramref name="count"/> succeed) as <see cref="Distribution"/>'s top entry (the same
        /// truncations: each step scales it by p / 1000), without the rest of the distribution.</summary>
        private long AllSucceed(int count)
        {
            long all = 1L << OneShift;
            for (int i = 0; i < count; i++) all = all * _probability[i] / 1000;
            return all;
        }

        private static int ToPpb(long tail)
        {
            long ppb = (tail * 1000000000L + (1L << (OneShift - 1))) >> OneShift;
            return ppb > 1000000000L ? 1000000000 : (int)ppb;
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
            int[] table = _table, colCol = _columnColour, colPos = _columnPosition;
            int[] mCol = r.MeasuredColour, mPos = r.MeasuredPosition, mTol = r.MeasuredTolerance;
            // The covered registered events' colours and positions once, not per cell (the table has n × m cells).
            for (int j = 0; j < m; j++) { int k = _registered[j]; colCol[j] = reg.Colours[k]; colPos[j] = reg.Positions[k]; }
            for (int j = 0; j <= m; j++) table[j] = 0;
            for (int i = 1; i <= n; i++)
            {
                int row = i * Cols, up = row - Cols;
                int colour = mCol[i - 1], position = mPos[i - 1], tolerance = mTol[i - 1];
                int left = 0;
                table[row] = 0;
                for (int j = 1; j <= m; j++)
                {
                    int best = table[up + j];
                    if (left > best) best = left;
                    if (colCol[j - 1] == colour)
                    {
                        // The pair's weight (1000 less up to 400 for its distance; above 600, never 0).
                        int d = colPos[j - 1] - position;
                        if (d < 0) d = -d;
                        if (d <= tolerance)
                        {
                            int w = table[up + j - 1] + 1000 - 400 * d / (tolerance + 1);
                            if (w > best) best = w;
                        }
                    }
                    table[row + j] = best;
                    left = best;
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
    }
}
