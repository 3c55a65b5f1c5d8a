namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// AS7341 per-event spectrum: after <see cref="PhysicalCheck.Run(SweepTrace,int,bool,PhysicalCheckResult)"/>
    /// found the fibre events, each event's F1–F7 spectrum (<see cref="EventSpectrum"/>) is compared with the
    /// spectra declared for the paper (<see cref="DeclaredSpectra"/>, <see cref="SpectrumMatch"/>) and the
    /// physical result is amended:
    /// - enough events mismatch (≥ MinMismatchEvents and ≥ MismatchSharePermille of the usable ones) →
    ///   Inconsistent, SpectrumMismatch (unless a gate — sensor fault, too few samples, too short, ambient too
    ///   high — already made the sweep Inconclusive);
    /// - a Consistent sweep with fewer than MinUsableEvents usable spectra → Inconclusive, SpectrumUnreadable;
    /// - an expected colour without a declared spectrum → SpectraNotDeclared, never Consistent (fail closed).
    /// Without a spectral trace (TCS34725) the check is not available and changes nothing. Allocation-free.
    /// </summary>
    public sealed class SpectrumCheck
    {
        private const int Gated = PhysicalReason.SensorFault | PhysicalReason.TooFewValidSamples
            | PhysicalReason.SweepTooShort | PhysicalReason.AmbientTooHigh;

        // √k × 1000 for k = 0…3 judged colour pools.
        private static readonly int[] RootThousandths = new int[] { 1000, 1000, 1414, 1732 };

        private readonly SpectrumSettings _s;
        private readonly EventSpectrum _spectrum = new EventSpectrum();
        private readonly EventSpectrum[] _pool = new EventSpectrum[] { new EventSpectrum(), new EventSpectrum(), new EventSpectrum() };
        private readonly byte[] _inEvent;
        private readonly int[] _from = new int[PhysicalCheckResult.MaxEvents];
        private readonly int[] _to = new int[PhysicalCheckResult.MaxEvents];
        private readonly int[] _baseA = new int[5];
        private readonly int[] _baseB = new int[5];
        private readonly int[] _baseJ = new int[5];
        private int _halves; // bit h: the last Baselines found half h's baseline
        private readonly int[] _template = new int[DeclaredSpectra.Channels];
        private readonly int[] _templates = new int[SpectrumMatch.MaxTemplates * DeclaredSpectra.Channels];
        private readonly int[] _templateColour = new int[SpectrumMatch.MaxTemplates];
        private int _templateCount, _templateMask; // _templateMask 0: not prepared for this check
        private DeclaredSpectra _declared;

        public SpectrumCheck(SpectrumSettings settings, int capacity)
        {
            _s = settings != null ? settings : new SpectrumSettings();
            _inEvent = new byte[capacity];
        }

        public SpectrumSettings Settings { get { return _s; } }

        /// <summary>Pooled spectrum of colour pool 0 (blue), 1 (green) or 2 (red) of the last check (audits, plots).</summary>
        public EventSpectrum PoolSpectrum(int pool) { return _pool[pool]; }

        /// <summary>The last event measured (for audits and tests).</summary>
        public EventSpectrum LastSpectrum { get { return _spectrum; } }

        /// <param name="spectral">Null when the sensor reads no spectra (TCS34725).</param>
        /// <param name="declared">Null or empty when the trust data declares none.</param>
        public void Apply(SweepTrace trace, SpectralTrace spectral, DeclaredSpectra declared, PhysicalCheckResult r, SpectrumResult sr)
        {
            sr.Clear();
            if (spectral == null || trace == null) return;
            int expected = r.ExpectedColours;
            if (expected == 0) { sr.Status = SpectrumResult.StatusNotApplicable; return; }
            if (declared == null || (declared.Declared & expected) != expected)
            {
                sr.Status = SpectrumResult.StatusNotDeclared;
                r.Reasons |= PhysicalReason.SpectraNotDeclared;
                if (r.Verdict == PhysicalVerdict.Consistent) { r.Verdict = PhysicalVerdict.Inconclusive; r.ConfidencePercent = 0; }
                return;
            }
            sr.Status = SpectrumResult.StatusChecked;
            _declared = declared;
            _templateMask = 0;
            int n = trace.Count;
            if (spectral.Count < n) n = spectral.Count;
            if (n > _inEvent.Length) n = _inEvent.Length;
            MarkEvents(trace, n, r.EventCount, r);

            for (int p = 0; p < 3; p++) _pool[p].Reset();
            for (int e = 0; e < r.EventCount; e++)
            {
                int dist = -1, noise = 0, limit = 0, broad = 0;
                _spectrum.Reset();
                // An event touching the sweep's first or last sample has paper on one side only: it may be the
                // desk or table beyond the sheet's edge (brightened, broad blue), shorter than the off-sheet trim's
                // window; its spectrum says nothing about the fibres, so it stays out of the pools (EdgeEvents).
                bool edge = _from[e] == 0 || _to[e] == n - 1;
                if (edge && _from[e] >= 0) sr.EdgeEvents++;
                if (_from[e] >= 0 && !edge && Baselines(trace, spectral, n, e))
                {
                    _spectrum.Accumulate(trace, spectral, _from[e], _to[e], Base(SpectralTrace.HalfA, _baseA),
                        Base(SpectralTrace.HalfB, _baseB), Base(SpectralTrace.HalfJoint, _baseJ));
                    // Only the colours the licence expects are pooled: an event of another colour (a red one on a
                    // blue/green sheet: red-rich window light changing between the UV-off readings) is no fibre
                    // of the profile, and its spectrum must not weigh in the joint statistic.
                    int p = (r.EventColour[e] & expected) != 0 ? Pool(r.EventColour[e]) : -1;
                    if (p >= 0) _pool[p].Add(_spectrum);
                    if (_spectrum.Compute() && Significant(_spectrum) && _spectrum.NoisePermille <= _s.MaxNoisePermille)
                    {
                        noise = _spectrum.NoisePermille;
                        dist = Judge(_spectrum, declared, out limit);
                        broad = Broadening(_spectrum);
                        sr.UsableEvents++;
                        if (dist > limit || broad > _s.BroadeningLimitCenti) sr.MismatchEvents++;
                    }
                }
                if (dist < 0) sr.UnusableEvents++;
                sr.EventDistance[e] = dist; sr.EventNoise[e] = noise; sr.EventLimit[e] = limit; sr.EventBroadening[e] = broad;
            }
            sr.EventCount = r.EventCount;
            // Pooled per colour: weak events, too noisy alone, are judged together.
            int judged = 0, farthest = -1;
            long zSum = 0;
            for (int p = 0; p < 3; p++)
            {
                sr.PoolDistance[p] = -1; sr.PoolNoise[p] = 0; sr.PoolEvents[p] = _pool[p].Events;
                if (_pool[p].Events < _s.MinPooledEvents || !_pool[p].Compute()) continue;
                sr.PoolNoise[p] = _pool[p].NoisePermille;
                if (!Significant(_pool[p])) continue;
                int limit;
                sr.PoolDistance[p] = Judge(_pool[p], declared, out limit);
                sr.PoolLimit[p] = limit;
                sr.PoolBroadening[p] = Broadening(_pool[p]);
                // The chi-square weighs the noise, so a noisy pool rarely mismatches; it confirms the fibres only
                // when precise enough that a broad dye would have shown.
                if (_pool[p].NoisePermille <= _s.MaxPooledNoisePermille) sr.UsablePools++;
                if (sr.PoolDistance[p] > limit) sr.MismatchPools++;
                judged++;
                zSum += sr.PoolBroadening[p];
                if (sr.PoolDistance[p] > farthest) farthest = sr.PoolDistance[p];
            }
            // The colours' broadenings combined: a sum of k independent standard normals divided by √k is
            // standard normal again, so one limit holds whatever the number of colours judged.
            sr.Broadening = judged == 0 ? 0 : (int)(zSum * 1000 / RootThousandths[judged]);
            if (judged > 0 && sr.Broadening > _s.BroadeningLimitCenti) sr.MismatchPools++;

            bool gated = (r.Reasons & Gated) != 0;
            bool eventsMismatch = sr.MismatchEvents >= _s.MinMismatchEvents
                && (long)sr.MismatchEvents * 1000 >= (long)sr.UsableEvents * _s.MismatchSharePermille;
            // The joint statistic: the colours' pooled broadening combined is the likelihood-ratio statistic of
            // "every event broadened alike" against the declared spectra, over all events with their noise.
            bool jointMismatch = judged > 0 && sr.Broadening > _s.JointEvidenceCenti;
            if (eventsMismatch || sr.MismatchPools > 0)
            {
                r.Reasons |= PhysicalReason.SpectrumMismatch;
                int strength = sr.MismatchEvents + 2 * sr.MismatchPools;
                if (!gated && r.Verdict != PhysicalVerdict.Inconsistent)
                {
                    if (eventsMismatch || jointMismatch || strength >= _s.MinEvidenceStrength)
                    {
                        r.Verdict = PhysicalVerdict.Inconsistent;
                        int c = 50 + 10 * strength;
                        r.ConfidencePercent = c > 95 ? 95 : c;
                    }
                    else
                    {
                        // One pooled indication alone (a pool or the combined broadening past its limit, at most one
                        // event beside it) is doubt, not evidence: genuine sweeps under harsh conditions reach it
                        // too, and accusing a genuine licence is the worse error. Inconclusive never yields GENUINE.
                        r.Verdict = PhysicalVerdict.Inconclusive;
                        r.ConfidencePercent = 0;
                    }
                }
                else if (gated && r.Verdict == PhysicalVerdict.Consistent)
                {
                    // A gate (isolated ambient-high samples) keeps the mismatch from convicting; it must not
                    // leave the sweep Consistent either (fail closed).
                    r.Verdict = PhysicalVerdict.Inconclusive;
                    r.ConfidencePercent = 0;
                }
            }
            else if (r.Verdict == PhysicalVerdict.Consistent && judged > 0
                     && ((sr.Broadening > _s.DoubtBroadeningCenti && farthest > _s.DoubtChiSquareCenti)
                         || sr.Broadening > _s.DoubtAloneCenti))
            {
                r.Reasons |= PhysicalReason.SpectrumDoubtful;
                r.Verdict = PhysicalVerdict.Inconclusive;
                r.ConfidencePercent = 0;
            }
            else if (r.Verdict == PhysicalVerdict.Consistent && sr.UsableEvents < _s.MinUsableEvents && sr.UsablePools == 0)
            {
                r.Reasons |= PhysicalReason.SpectrumUnreadable;
                r.Verdict = PhysicalVerdict.Inconclusive;
                r.ConfidencePercent = 0;
            }
        }

        private int Judge(EventSpectrum spectrum, DeclaredSpectra declared, out int limit)
        {
            int colour;
            limit = _s.MismatchChiSquareCenti;
            // The templates are the same for every spectrum of the sweep with the same filters: formed once.
            if (_templateMask != spectrum.Mask || _declared != declared)
            {
                _templateCount = SpectrumMatch.Templates(declared, spectrum.Mask, _templates, _templateColour);
                _templateMask = spectrum.Mask;
                _declared = declared;
            }
            return SpectrumMatch.Deviation(spectrum.Shares, spectrum.Sigmas, _s.SystematicPermille, _templates, _templateColour,
                _templateCount, spectrum.Mask, out colour, _template);
        }

        private bool Significant(EventSpectrum x)
        {
            return x.ReferenceA >= _s.MinReferenceSigmas * x.SigmaA && x.ReferenceB >= _s.MinReferenceSigmas * x.SigmaB;
        }

        // Against the nearest declared spectrum or mixture found by the last Judge.
        private int Broadening(EventSpectrum spectrum)
        {
            return SpectrumMatch.BroadeningCenti(spectrum.Shares, spectrum.Sigmas, _s.SystematicPermille, _template, spectrum.Mask);
        }

        private static int Pool(int colour)
        {
            if (colour == FibreColours.Blue) return 0;
            if (colour == FibreColours.Green) return 1;
            if (colour == FibreColours.Red) return 2;
            return -1;
        }

        // Sample ranges of the stored events (times → indices, events in time order), widened by the
        // neighbours that belong to no other event; _inEvent marks every sample inside an event.
        private void MarkEvents(SweepTrace t, int n, int count, PhysicalCheckResult r)
        {
            for (int i = 0; i < n; i++) _inEvent[i] = 0;
            int k = 0, previousStart = int.MinValue;
            for (int e = 0; e < count; e++)
            {
                int start = r.EventStartMs[e], end = r.EventEndMs[e];
                if (start < previousStart) k = 0;   // not in time order: search from the beginning
                previousStart = start;
                while (k < n && t.TimeMs[k] < start) k++;
                int j = k;
                while (j < n && t.TimeMs[j] <= end) { _inEvent[j] = 1; j++; }
                _from[e] = k < j ? k : -1;
                _to[e] = j - 1;
            }
            for (int e = 0; e < count; e++)
            {
                if (_from[e] < 0) continue;
                for (int w = 0; w < _s.NeighbourSamples; w++)
                {
                    int a = _from[e] - 1, b = _to[e] + 1;
                    if (a >= 0 && _inEvent[a] == 0) _from[e] = a;
                    if (b < n && _inEvent[b] == 0) _to[e] = b;
                }
            }
        }

        // Paper baseline per half: mean of the nearest quiet sample of that half before and after the widened
        // event (one side alone when the other has none within MaxBaselineGap). Usable with both alternating
        // halves' baselines, or with the joint one (SpectrumJoint on every sample).
        private bool Baselines(SweepTrace t, SpectralTrace s, int n, int e)
        {
            _halves = 0;
            // The event's first sample tells the layout (the sampler uses one per sweep).
            if (s.Half[_from[e]] == SpectralTrace.HalfJoint)
            {
                if (Baseline(t, s, n, e, SpectralTrace.HalfJoint, _baseJ)) _halves = 1 << SpectralTrace.HalfJoint;
                return _halves != 0;
            }
            if (Baseline(t, s, n, e, SpectralTrace.HalfA, _baseA) && Baseline(t, s, n, e, SpectralTrace.HalfB, _baseB))
                _halves |= (1 << SpectralTrace.HalfA) | (1 << SpectralTrace.HalfB);
            return _halves != 0;
        }

        private int[] Base(byte half, int[] values) { return (_halves & (1 << half)) != 0 ? values : null; }

        private bool Baseline(SweepTrace t, SpectralTrace s, int n, int e, byte half, int[] into)
        {
            int before = -1, after = -1;
            for (int i = _from[e] - 1; i >= 0 && i >= _from[e] - _s.MaxBaselineGap; i--)
                if (Quiet(t, s, i, half)) { before = i; break; }
            for (int i = _to[e] + 1; i < n && i <= _to[e] + _s.MaxBaselineGap; i++)
                if (Quiet(t, s, i, half)) { after = i; break; }
            if (before < 0 && after < 0) return false;
            if (before < 0) before = after;
            if (after < 0) after = before;
            into[0] = Mid(s.First[before], s.First[after]);
            into[1] = Mid(s.Second[before], s.Second[after]);
            into[2] = Mid(t.Blue[before], t.Blue[after]);
            into[3] = Mid(t.Green[before], t.Green[after]);
            into[4] = Mid(t.Red[before], t.Red[after]);
            return true;
        }

        private bool Quiet(SweepTrace t, SpectralTrace s, int i, byte half)
        {
            return t.Flags[i] == 0 && s.Half[i] == half && _inEvent[i] == 0;
        }

        private static int Mid(int a, int b) { return (int)(((long)a + b) / 2); }
    }
}
