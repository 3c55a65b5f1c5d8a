namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// The daylight test: at each fibre event, the colour of the white-LED reflectance under the spot against the
    /// paper's colour on either side. Security fibres are invisible by daylight; marker strokes and most printed
    /// inks are coloured, so the spot's chromaticity (the R:G:B shares of the white reading) moves while they are
    /// in it, and they darken it. Tilt, lift-off, paper texture and grey print change the brightness of all three channels alike and
    /// leave the shares where they are. Coloured events are not fibres: they are taken out of the colour counts
    /// (EventColouredByDaylight), and when enough of the events are coloured the sweep is Inconsistent
    /// (FibresVisibleByDaylight). A missing, dead or stuck white LED is DaylightLedFault (never Consistent).
    /// Integer arithmetic; buffers allocated in the constructor.
    /// <para>Per event (unchanged): at least max(3, 0.2·N) of N judged events coloured → Inconsistent; with the measured
    /// per-event false "coloured" rate p₀ of genuine fibres (1.0 % TCS34725, 0.4–0.8 % AS7341, seeds 7/101) that is a
    /// binomial tail ≤ C(N,3)·p₀³ (N = 12, p₀ = 1 %: 0.02 %). A doubt at 2 of N (tail 0.6 %) was measured and left out:
    /// it caught 1 more two-colour marker sweep in 160 and cost 1–2 % of genuine sweeps.</para>
    /// <para>Joint statistic (issue 17, "daylight as evidence"): fine marker strokes move each event's colour by only
    /// 1–1.5 σ, under any per-event threshold, but all strokes of one ink move it the same way, while fibres leave it
    /// where it is (the pooled genuine shift is 0 ± 1/10,000 against σ 12–40). Per fibre colour (pool) the events'
    /// fluorescence-weighted mean shifts are added with inverse-variance weights; the pool's z² = (Δ̄b/σ̄b)² + (Δ̄r/σ̄r)² is
    /// χ² with 2 degrees of freedom on genuine sheets; summed over P pools, 2P. Evidence (FibresVisibleByDaylight) at a
    /// tail of 10⁻⁶, doubt (DaylightColourDoubtful) at 10⁻³ for that χ² plus the pooled darkening's one-sided z² (one
    /// more degree of freedom: fibres lie under the surface and never darken it; ink does). Each event enters clipped to
    /// 3 of its standard errors, so no single stroke of print or lift-off decides. Measured on genuine sweeps (seeds
    /// 7/101, 1,040 per sensor): χ² mean 3.5 for 4 degrees of freedom, 0 beyond the evidence limit; 0–1.9 % per class
    /// and seed beyond the doubt limit (the darkening has heavier tails than the model: tilt and lift-off at a back-and-forth reversal).</para>
    /// </summary>
    public sealed class DaylightReflectance
    {
        private readonly DaylightSettings _s;
        private readonly int[] _idx;       // usable sample indices (unflagged, with a daylight reading and colour)
        private readonly int[] _event;     // per usable sample: 1 + event number, 0 outside events
        private readonly int[] _scratch;
        private readonly int[] _sideRedShares;   // red shares of one side (the blue ones go to _scratch)

        public DaylightReflectance(DaylightSettings settings, int capacity)
        {
            _s = settings != null ? settings : new DaylightSettings();
            if (capacity < 1) capacity = 1;
            _idx = new int[capacity];
            _event = new int[capacity];
            _scratch = new int[capacity];
            _sideRedShares = new int[_s.ReferenceSamples > 0 ? _s.ReferenceSamples : 1];
        }

        public DaylightSettings Settings { get { return _s; } }

        /// <summary>
        /// Assesses the events stored in <paramref name="r"/> (after the fibre classification) on the first
        /// <paramref name="n"/> samples of <paramref name="t"/>; removes coloured events from the colour counts and
        /// recomputes <see cref="PhysicalCheckResult.ColoursFound"/> with <paramref name="minEventsPerColour"/>.
        /// Returns the reasons: FibresVisibleByDaylight (evidence) or DaylightLedFault (doubt), with
        /// EventColouredByDaylight (information) when any event read coloured, or 0.
        /// </summary>
        public int Run(SweepTrace t, int n, int minEventsPerColour, PhysicalCheckResult r)
        {
            if (!_s.Enabled) return 0;
            if (t == null || !t.HasReflectance) return _s.Required ? PhysicalReason.DaylightLedFault : 0;
            if (n > _idx.Length) n = _idx.Length;
            int m = 0, missing = 0;
            for (int i = 0; i < n; i++)
            {
                if (t.Flags[i] != 0) continue;
                if (t.Reflectance[i] == SweepTrace.ReflectanceMissing || t.WhiteChromaticity[i] == SweepTrace.ChromaticityMissing) { missing++; continue; }
                _idx[m++] = i;
            }
            r.ReflectanceSamples = m;
            if (m < 8 || (long)missing * 1000 > (long)(m + missing) * _s.MaxMissingPermille) return PhysicalReason.DaylightLedFault;
            for (int k = 0; k < m; k++) _scratch[k] = t.Reflectance[_idx[k]];
            r.ReflectanceLevel = IntSelect.Quantile(_scratch, m, 500);
            // An open or undriven LED reads ~0; one stuck on lights the ambient readings too, so the difference vanishes.
            if (r.ReflectanceLevel < _s.MinPaperReflectance) return PhysicalReason.DaylightLedFault;

            MarkEvents(t, m, r);
            for (int p = 0; p < 3; p++) { _poolBlue[p] = 0; _poolRed[p] = 0; _poolWeight[p] = 0; _poolEvents[p] = 0; _poolDip[p] = 0; _poolDipWeight[p] = 0; }
            _m = m;
            r.ReflectanceNoise = ReflectanceSigma(t, m);
            _relativeNoise = -1;
            r.ChromaticityNoiseBlue = Sigma(t, m, true);
            r.ChromaticityNoiseRed = Sigma(t, m, false);
            r.ChromaticityPredictedBlue = _predictedBlue;
            r.ChromaticityPredictedRed = _predictedRed;

            int assessed = 0, coloured = 0, cursor = 0;
            for (int e = 0; e < r.EventCount; e++)
            {
                // The event's usable samples [a, b] (events are in time order, so one pass over the samples serves
                // them all), with the sample before it.
                int a = -1, b = -1, k = cursor;
                for (; k < m && _event[k] <= e + 1; k++) if (_event[k] == e + 1) { if (a < 0) a = k; b = k; }
                cursor = k;
                r.EventDipPermille[e] = 0;
                r.EventColourShiftTenths[e] = 0;
                if (a < 0) continue;                // no reading on the event
                if (a > 0) a--;
                int dip = DipPermille(t, m, a, b, r.ReflectanceNoise);
                if (dip != int.MinValue) r.EventDipPermille[e] = dip;
                bool dark = _dark;
                int shift = ShiftTenths(t, m, a, b, r.ChromaticityNoiseBlue, r.ChromaticityNoiseRed);
                if (shift < 0) continue;            // no one paper colour beside it
                assessed++;
                Pool(t, a, b, r.EventColour[e], r);
                // Coloured: a darker spot whose colour moved beyond ShiftSigmaTenths (at the darkest sample, where the
                // stroke lies), or a colour shift alone beyond StrongShiftSigmaTenths (anywhere in the window). A grey
                // darkening (lift-off, tilt, print, texture) moves no colour.
                bool colouredDip = dark && _farEnough && shift > _s.ShiftSigmaTenths;
                r.EventColourShiftTenths[e] = colouredDip || _maxShiftTenths < shift ? shift : _maxShiftTenths;
                if (!colouredDip && _maxShiftTenths <= _s.StrongShiftSigmaTenths) continue;
                coloured++;
                r.ColouredEventMask |= 1L << e;
                Uncount(r, e);
            }
            r.DaylightEventsAssessed = assessed;
            r.ColouredEvents = coloured;
            PoolStatistics(r);
            int found = 0;
            if (r.BlueEvents >= minEventsPerColour || r.StrongBlueEvents > 0) found |= FibreColours.Blue;
            if (r.GreenEvents >= minEventsPerColour || r.StrongGreenEvents > 0) found |= FibreColours.Green;
            if (r.RedEvents >= minEventsPerColour) found |= FibreColours.Red;
            r.ColoursFound = found;
            int reasons = JointReasons(r);
            if (coloured == 0) return reasons;
            reasons |= PhysicalReason.EventColouredByDaylight;
            if (coloured >= _s.MinColouredEvents && (long)coloured * 1000 >= (long)assessed * _s.ColouredSharePermille)
                reasons |= PhysicalReason.FibresVisibleByDaylight;
            return reasons;
        }

        /// <summary>
        /// The decision on the joint statistic (PoolStatistics): the pooled colour shift's χ² with 2 degrees of freedom
        /// per pool beyond JointEvidenceChiSquareCenti → FibresVisibleByDaylight (evidence; only doubt when the sweep
        /// holds saturated, ambient-high or faulty samples: the white reading's ambient is then not what the OFF
        /// readings say); that χ² plus the pooled darkening's one-sided z² (one more degree of freedom) beyond
        /// JointDoubtChiSquareCenti → DaylightColourDoubtful (Inconclusive). Bound in the class summary.
        /// </summary>
        private int JointReasons(PhysicalCheckResult r)
        {
            int pools = r.DaylightPools;
            if (pools == 0) return 0;
            int dof = 2 * pools;
            int[] evidence = _s.JointEvidenceChiSquareCenti, doubt = _s.JointDoubtChiSquareCenti;
            bool flagged = r.SaturatedSamples + r.AmbientHighSamples + r.FaultSamples > 0;
            if (evidence != null && dof < evidence.Length && r.DaylightChiSquareCenti >= evidence[dof])
                return flagged ? PhysicalReason.DaylightColourDoubtful : PhysicalReason.FibresVisibleByDaylight;
            long dip = r.DaylightDipZCenti > 0 ? (long)r.DaylightDipZCenti * r.DaylightDipZCenti / 100 : 0;
            if (doubt != null && dof + 1 < doubt.Length && r.DaylightChiSquareCenti + dip >= doubt[dof + 1])
                return PhysicalReason.DaylightColourDoubtful;
            return 0;
        }

        /// <summary>Marks each usable sample with the event whose time span holds it.</summary>
        private void MarkEvents(SweepTrace t, int m, PhysicalCheckResult r)
        {
            int e = 0;
            for (int k = 0; k < m; k++)
            {
                int time = t.TimeMs[_idx[k]];
                while (e < r.EventCount && r.EventEndMs[e] < time) e++;
                _event[k] = e < r.EventCount && r.EventStartMs[e] <= time ? e + 1 : 0;
            }
        }

        /// <summary>Larger of the median predicted sigma and the scatter of neighbouring samples outside events
        /// (median |difference| × 1.048 for Gaussian noise): paper texture and print edges count as noise here
        /// (textured paper: 1–2 % from spot to spot, where the shot noise alone is 0.3 %).</summary>
        private int ReflectanceSigma(SweepTrace t, int m)
        {
            for (int k = 0; k < m; k++) _scratch[k] = t.SigmaReflectance[_idx[k]];
            int predicted = IntSelect.Quantile(_scratch, m, 500);
            int q = 0;
            for (int k = 1; k < m; k++)
            {
                if ((_event[k - 1] | _event[k]) != 0) continue;
                int d = t.Reflectance[_idx[k]] - t.Reflectance[_idx[k - 1]];
                _scratch[q++] = d < 0 ? -d : d;
            }
            if (q < 8) return predicted;
            long s = (long)IntSelect.Quantile(_scratch, q, 500) * 1048 / 1000;
            return s > predicted ? (int)(s > 0x3FFFFFFF ? 0x3FFFFFFF : s) : predicted;
        }

        private bool _dark;

        /// <summary>
        /// Dip of the event's window (usable samples [<paramref name="a"/>, <paramref name="b"/>]) in permille of the
        /// paper's local reflectance (negative: brighter), int.MinValue when it cannot be judged; sets _dark when the
        /// dip exceeds the threshold. The paper's level is the mean of the upper envelopes (brightest of ReferenceSamples
        /// samples) of the two sides: marker strokes, print and stains only ever darken the spot, fibres do not
        /// change it, so the brightest neighbours are paper even among other strokes. It is judged only where
        /// the two envelopes agree within MaxStepPermille (or 5σ) and neither side spans more than twice that:
        /// on a step into a printed zone or beside print lines the paper is not flat, and a marker's 1–3 % cannot
        /// be told from the print.
        /// </summary>
        private int DipPermille(SweepTrace t, int m, int a, int b, int sigma)
        {
            _dark = false;
            int low = 0x7FFFFFFF;
            for (int k = a; k <= b; k++) { int v = t.Reflectance[_idx[k]]; if (v < low) low = v; }
            // Upper envelope of each side: the brightest of its ReferenceSamples samples.
            long beforeHi, beforeLo, afterHi, afterLo;
            int nb = Side(t, a - 1, -1, m, out beforeHi, out beforeLo);
            int na = Side(t, b + 1, 1, m, out afterHi, out afterLo);
            if (nb < 2 || na < 2) return int.MinValue;               // paper on both sides, or a drift looks like a dip
            long reference = (beforeHi + afterHi) / 2;
            if (reference <= 0) return int.MinValue;
            long flat = reference * _s.MaxStepPermille / 1000;
            long noiseStep = (long)sigma * 5;
            if (noiseStep > flat) flat = noiseStep;
            long step = beforeHi - afterHi;
            if (step < 0) step = -step;
            if (step > flat || beforeHi - beforeLo > 2 * flat || afterHi - afterLo > 2 * flat) return int.MinValue;
            long dip = reference - low;
            long thr = (long)sigma * _s.DipSigmaTenths / 10;
            long rel = reference * _s.MinDipPermille / 1000;
            if (rel > thr) thr = rel;
            _dark = dip > thr;
            return (int)(dip * 1000 / reference);
        }

        /// <summary>Highest and lowest reflectance of up to ReferenceSamples samples from <paramref name="k"/> in
        /// direction <paramref name="step"/>; returns how many there were.</summary>
        private int Side(SweepTrace t, int k, int step, int m, out long hi, out long lo)
        {
            hi = long.MinValue; lo = long.MaxValue;
            int c = 0;
            while (k >= 0 && k < m && c < _s.ReferenceSamples)
            {
                long v = t.Reflectance[_idx[k]];
                if (v > hi) hi = v;
                if (v < lo) lo = v;
                c++;
                k += step;
            }
            return c;
        }

        /// <summary>Scatter of the blue (<paramref name="blue"/>) or red share between neighbouring samples outside
        /// events: median |difference| × 1.048 (σ of one sample for Gaussian noise), at least MinSigma. It holds the
        /// shot noise of the white reading and any colour variation of the paper and its print.</summary>
        private int Sigma(SweepTrace t, int m, bool blue)
        {
            // The larger of the estimates from the pairs outside events and from all pairs: a dense sheet leaves few
            // pairs between events, whose median may fall low by chance (a fibre does not change the colour; strokes
            // among all pairs only raise σ a little, the median being robust, which errs towards "not coloured").
            int q = Differences(t, m, blue, true);
            int s = q < 8 ? 0 : IntSelect.Quantile(_scratch, q, 500);
            q = Differences(t, m, blue, false);
            int all = q < 2 ? 0 : IntSelect.Quantile(_scratch, q, 500);
            if (all > s) s = all;
            s = (int)((long)s * 1048 / 1000);
            int predicted = PredictedSigma(t, m, blue);
            if (blue) _predictedBlue = predicted; else _predictedRed = predicted;
            long floor = (long)predicted * _s.PredictedSigmaFloorPermille / 1000;
            if (floor > s) s = (int)floor;
            return s < _s.MinSigma ? _s.MinSigma : s;
        }

        private int _predictedBlue, _predictedRed;

        /// <summary>The share's shot-noise sigma the white readings imply: √(p(1 − p)) · σ_clear / clear (a share of
        /// photo-electrons split binomially; the clear channel's predicted relative noise stands for the RGB sum's), with
        /// p the mean share and σ_clear / clear the median over the usable samples (one square root per sweep), in
        /// 1/ChromaticityScale; 0 without predictions.</summary>
        private int PredictedSigma(SweepTrace t, int m, bool blue)
        {
            if (_relativeNoise < 0)
            {
                int q = 0;
                for (int k = 0; k < m; k++)
                {
                    int i = _idx[k];
                    long refl = t.Reflectance[i], sig = t.SigmaReflectance[i];
                    if (refl <= 0 || sig <= 0) continue;
                    long v = sig * 1000000 / refl;               // millionths
                    _scratch[q++] = v > 0x7FFFFFFF ? 0x7FFFFFFF : (int)v;
                }
                _relativeNoise = q == 0 ? 0 : IntSelect.Quantile(_scratch, q, 500);
            }
            if (_relativeNoise == 0 || m < 1) return 0;
            long p = 0;
            for (int k = 0; k < m; k++) p += Share(t, k, blue);
            p /= m;                                  // mean share: p(1 − p) hardly moves with a few coloured samples
            if (p <= 0 || p >= SweepTrace.ChromaticityScale) return 0;
            long s = IntSqrt.Of(p * (SweepTrace.ChromaticityScale - p)) * _relativeNoise / 1000000;
            return s > 0x7FFFFFFF ? 0x7FFFFFFF : (int)s;
        }

        private int _relativeNoise;       // median σ_clear / clear of the sweep (millionths), -1 until computed

        /// <summary>|Difference| of the share between neighbouring samples into the scratch buffer (outside events
        /// only when <paramref name="outsideEvents"/>); returns how many.</summary>
        private int Differences(SweepTrace t, int m, bool blue, bool outsideEvents)
        {
            int q = 0;
            for (int k = 1; k < m; k++)
            {
                if (outsideEvents && (_event[k - 1] | _event[k]) != 0) continue;
                int c1 = t.WhiteChromaticity[_idx[k]], c0 = t.WhiteChromaticity[_idx[k - 1]];
                int d = blue ? SweepTrace.BlueShareOf(c1) - SweepTrace.BlueShareOf(c0) : SweepTrace.RedShareOf(c1) - SweepTrace.RedShareOf(c0);
                _scratch[q++] = d < 0 ? -d : d;
            }
            return q;
        }

        private int Share(SweepTrace t, int k, bool blue)
        {
            int c = t.WhiteChromaticity[_idx[k]];
            return blue ? SweepTrace.BlueShareOf(c) : SweepTrace.RedShareOf(c);
        }

        private bool _farEnough;

        /// <summary>
        /// Colour shift of the event's window (usable samples [<paramref name="a"/>, <paramref name="b"/>], the sample
        /// before the event included: the white reading follows the UV-on one, so the spot has moved on) from the
        /// paper beside it, in tenths of σ: √((Δb/σb)² + (Δr/σr)²) of the blue and red shares; -1 when it cannot be
        /// judged. It is read at the window's darkest sample (a stroke darkens the spot most where it lies centred;
        /// choosing by brightness does not pick the noisiest colour); the largest over the window goes to
        /// _maxShiftTenths. The paper's colour is the mean of the two sides' medians (ReferenceSamples samples
        /// each), judged only where the two agree within 4σ per share: on a step into a coloured print the paper is
        /// not one colour. Sets _farEnough when |Δb| + |Δr| ≥ MinShift at the darkest sample.
        /// </summary>
        private int ShiftTenths(SweepTrace t, int m, int a, int b, int sigmaBlue, int sigmaRed)
        {
            _farEnough = false;
            if (SideMedians(t, a - 1, -1, m) < 2) return -1;     // paper on both sides, or a drift looks like a shift
            int bb = _sideBlue, rb = _sideRed;
            if (SideMedians(t, b + 1, 1, m) < 2) return -1;
            int ba = _sideBlue, ra = _sideRed;
            int db = bb - ba, dr = rb - ra;
            if ((db < 0 ? -db : db) > 4 * sigmaBlue || (dr < 0 ? -dr : dr) > 4 * sigmaRed) return -1;
            int dark = a;
            for (int k = a + 1; k <= b; k++) if (t.Reflectance[_idx[k]] < t.Reflectance[_idx[dark]]) dark = k;
            int blue = (bb + ba) / 2, red = (rb + ra) / 2;
            _refBlue = blue; _refRed = red;
            long atDark = 0, max = 0;
            long vb = (long)sigmaBlue * sigmaBlue, vr = (long)sigmaRed * sigmaRed;
            for (int k = a; k <= b; k++)
            {
                long sb = Share(t, k, true) - blue, sr = Share(t, k, false) - red;
                bool far = (sb < 0 ? -sb : sb) + (sr < 0 ? -sr : sr) >= _s.MinShift;
                long z2 = sb * sb * 100 / vb + sr * sr * 100 / vr;          // (tenths of σ)²
                if (k == dark) { atDark = z2; _farEnough = far; }
                if (far && z2 > max) max = z2;
            }
            _maxShiftTenths = Tenths(max);
            return Tenths(atDark);
        }

        private static int Tenths(long z2)
        {
            long z = IntSqrt.Of(z2);
            return z > 0x7FFFFFFF ? 0x7FFFFFFF : (int)z;
        }

        // Largest shift (tenths of σ) of a window sample at least MinShift from the paper's colour (ShiftTenths).
        private int _maxShiftTenths;

        private int _sideBlue, _sideRed;
        private int _refBlue, _refRed;     // the paper's colour beside the event last judged (ShiftTenths)

        // Per colour pool (index 0 blue, 1 green, 2 red): Σu·Δblue, Σu·Δred (shares, 1/ChromaticityScale), Σu, events.
        private readonly long[] _poolBlue = new long[3];
        private readonly long[] _poolRed = new long[3];
        private readonly long[] _poolWeight = new long[3];
        private readonly int[] _poolEvents = new int[3];
        private readonly long[] _poolDip = new long[3];
        private readonly long[] _poolDipWeight = new long[3];
        private int _m;

        private static int PoolOf(int colour)
        {
            if (colour == FibreColours.Blue) return 0;
            if (colour == FibreColours.Green) return 1;
            if (colour == FibreColours.Red) return 2;
            return -1;
        }

        /// <summary>
        /// Adds the event's colour shift to its colour's pool: the mean of the window's shifts from the paper's colour
        /// (ShiftTenths' reference), each sample weighted by its fluorescence excess over the background (the event's
        /// own profile of how much of the stroke or fibre lies in the spot: a matched filter). Its variance is
        /// σ²·(Σw²/(Σw)² + RefVariancePermille/1000), the second term the paper reference's own noise; the pool adds
        /// the events with inverse-variance weights u = 10⁶ / that factor in permille.
        /// </summary>
        private void Pool(SweepTrace t, int a, int b, int colour, PhysicalCheckResult r)
        {
            int p = PoolOf(colour);
            if (p < 0) return;
            long sw = 0, sw2 = 0, sb = 0, sr = 0, sd = 0;
            long level = ReferenceLevel(t, a, b);
            for (int k = a; k <= b; k++)
            {
                int i = _idx[k];
                long w = (long)(t.Blue[i] - r.BackgroundBlue) + (t.Green[i] - r.BackgroundGreen) + (t.Red[i] - r.BackgroundRed);
                if (w <= 0) continue;
                w >>= 4;                            // cps16 → a weight that keeps Σw² within a long
                if (w > 0xFFFFF) w = 0xFFFFF;
                if (w == 0) w = 1;
                sw += w; sw2 += w * w;
                sb += w * (Share(t, k, true) - _refBlue);
                sr += w * (Share(t, k, false) - _refRed);
                if (level > 0) sd += w * (level - t.Reflectance[i]);
            }
            if (sw <= 0) return;
            long factor = sw2 * 1000 / sw / sw + _s.RefVariancePermille;   // permille
            if (factor < 1) factor = 1;
            long u = 1000000 / factor;
            // The event's mean shift (tenths of a share unit), each share clipped to ±ColourClipSigma of its own
            // standard error σ·√(factor/1000): one stroke of coloured print or one lift-off under window light at a
            // fibre may not decide the pool on its own; the pool then adds the events with weights u.
            long root = IntSqrt.Of(factor * 1000);
            _poolBlue[p] += u * Clip(sb * 10 / sw, (long)_s.ColourClipSigma * r.ChromaticityNoiseBlue * root / 10000);
            _poolRed[p] += u * Clip(sr * 10 / sw, (long)_s.ColourClipSigma * r.ChromaticityNoiseRed * root / 10000);
            _poolWeight[p] += u;
            _poolEvents[p]++;
            if (level <= 0) return;
            // The event's darkening (weighted mean, tenths of the reflectance sigma), clipped to ±DipClipSigma: a
            // lift-off or a print edge at one fibre may not outvote the others.
            long sigma = r.ReflectanceNoise > 0 ? r.ReflectanceNoise : 1;
            long dz = sd * 10 / sw / sigma;
            // the event's standard error is √(factor/1000) σ; the clip in tenths of σ
            _poolDip[p] += u * Clip(dz, (long)_s.DipClipSigma * root / 10000);
            _poolDipWeight[p] += u;
        }

        private static long Clip(long v, long limit)
        {
            if (v > limit) return limit;
            return v < -limit ? -limit : v;
        }

        /// <summary>The paper's reflectance beside the event window [a, b]: the mean of the two sides' medians
        /// (ReferenceSamples each); 0 when a side is missing.</summary>
        private long ReferenceLevel(SweepTrace t, int a, int b)
        {
            long before = SideMedianReflectance(t, a - 1, -1), after = SideMedianReflectance(t, b + 1, 1);
            if (before <= 0 || after <= 0) return 0;
            return (before + after) / 2;
        }

        private long SideMedianReflectance(SweepTrace t, int k, int step)
        {
            int c = 0;
            int most = _s.ReferenceSamples < _sideRedShares.Length ? _s.ReferenceSamples : _sideRedShares.Length;
            for (; k >= 0 && k < _m && c < most; k += step, c++) _sideRedShares[c] = t.Reflectance[_idx[k]];
            if (c < 2) return 0;
            return IntSelect.Quantile(_sideRedShares, c, 500);
        }

        /// <summary>
        /// The joint daylight statistic: per colour pool z² = (Δ̄b/σ̄b)² + (Δ̄r/σ̄r)², the pooled mean shift against its
        /// standard error σ·√(1000/U); their sum over the pools into DaylightChiSquareCenti (hundredths), with
        /// DaylightPools pools; the pooled darkening's signed z into DaylightDipZCenti. Security fibres are invisible by
        /// daylight: under them the pooled shift is noise, χ² with 2 degrees of freedom per pool.
        /// </summary>
        private void PoolStatistics(PhysicalCheckResult r)
        {
            long total = 0;
            int pools = 0;
            long vb = (long)r.ChromaticityNoiseBlue * r.ChromaticityNoiseBlue, vr = (long)r.ChromaticityNoiseRed * r.ChromaticityNoiseRed;
            if (vb < 1) vb = 1;
            if (vr < 1) vr = 1;
            for (int p = 0; p < 3; p++)
            {
                if (_poolEvents[p] < _s.MinPoolEvents || _poolWeight[p] <= 0) continue;
                long db = _poolBlue[p] / _poolWeight[p], dr = _poolRed[p] / _poolWeight[p];   // tenths of a share unit
                r.DaylightPoolShiftBlue[p] = (int)db; r.DaylightPoolShiftRed[p] = (int)dr;
                // z² in hundredths: Δ10² · U / (1000 σ²) (Δ10 in tenths: /100, ×100 for hundredths)
                long z2 = db * db * _poolWeight[p] / 1000 / vb + dr * dr * _poolWeight[p] / 1000 / vr;
                total += z2;
                pools++;
            }
            // Darkening: Σ of the pools' signed z (dip mean / its standard error) / √pools, hundredths.
            long zsum = 0; int dipPools = 0;
            for (int p = 0; p < 3; p++)
            {
                if (_poolEvents[p] < _s.MinPoolEvents || _poolDipWeight[p] <= 0) continue;
                // mean dz (tenths of σ per unit weight) × √(U/1000) = z in tenths → ×10 hundredths
                long mean10 = _poolDip[p] * 10 / _poolDipWeight[p];                 // hundredths of σ
                zsum += mean10 * IntSqrt.Of(_poolDipWeight[p] * 1000) / 1000;     // × √(U/1000)
                dipPools++;
            }
            r.DaylightDipZCenti = dipPools == 0 ? 0 : (int)(zsum * 1000 / IntSqrt.Of(dipPools * 1000000L));
            r.DaylightChiSquareCenti = total > 0x7FFFFFFF ? 0x7FFFFFFF : (int)total;
            r.DaylightPools = pools;
        }

        /// <summary>Median blue and red shares (into _sideBlue, _sideRed) of up to ReferenceSamples samples from
        /// <paramref name="k"/> in direction <paramref name="step"/>, read in one pass; returns how many there were.</summary>
        private int SideMedians(SweepTrace t, int k, int step, int m)
        {
            int c = 0;
            int most = _s.ReferenceSamples < _sideRedShares.Length ? _s.ReferenceSamples : _sideRedShares.Length;
            for (; k >= 0 && k < m && c < most; k += step, c++)
            {
                int v = t.WhiteChromaticity[_idx[k]];
                _scratch[c] = SweepTrace.BlueShareOf(v);
                _sideRedShares[c] = SweepTrace.RedShareOf(v);
            }
            _sideBlue = IntSelect.Quantile(_scratch, c, 500);
            _sideRed = IntSelect.Quantile(_sideRedShares, c, 500);
            return c;
        }

        /// <summary>
        /// True when an expected colour reported missing (<paramref name="missingReasons"/>: Blue/Green/RedFibresMissing)
        /// had events that were all taken out as coloured by daylight: its absence then rests on the daylight test,
        /// which is a doubt (a genuine fibre read coloured must not turn into a proven absence), not evidence.
        /// </summary>
        public static bool ExplainsMissing(int missingReasons, PhysicalCheckResult r)
        {
            int c = r.ColouredColours;
            return ((missingReasons & PhysicalReason.BlueFibresMissing) != 0 && (c & FibreColours.Blue) != 0)
                || ((missingReasons & PhysicalReason.GreenFibresMissing) != 0 && (c & FibreColours.Green) != 0)
                || ((missingReasons & PhysicalReason.RedFibresMissing) != 0 && (c & FibreColours.Red) != 0);
        }

        private static void Uncount(PhysicalCheckResult r, int e)
        {
            int c = r.EventColour[e];
            r.ColouredColours |= c;
            if (c == FibreColours.Blue)
            {
                r.BlueEvents--;
                if (r.EventPeakBlue[e] >= 2 * r.ThresholdBlue && r.StrongBlueEvents > 0) r.StrongBlueEvents--;
            }
            else if (c == FibreColours.Green)
            {
                r.GreenEvents--;
                if (r.EventPeakGreen[e] >= 2 * r.ThresholdGreen && r.StrongGreenEvents > 0) r.StrongGreenEvents--;
            }
            else if (c == FibreColours.Red) r.RedEvents--;
        }
    }
}
