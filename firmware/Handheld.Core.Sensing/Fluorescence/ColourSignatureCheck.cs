namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// TCS34725 per-event colour signature (README "Colour signature"): after
    /// <see cref="PhysicalCheck"/> found the fibre events, each event's R, G, B shares of its summed excess over
    /// the paper are compared with the signature declared for its colour (<see cref="DeclaredColourShares"/>).
    /// Printing inks emit broader bands (FWHM 65–70 nm) than security fibres (~45 nm), which moves light from the
    /// peak filter into its neighbours, and every printed dot carries the same ink mix, so the events of one colour
    /// are all off the same way; genuine fibres are on their template except where two fibres share the spot. The
    /// judged quantity is the noise-weighted mean broadening of a colour's events, measured off the mixture line
    /// of the expected colours (two fibres in the spot together are genuine). The physical result is amended:
    /// - a judged colour whose pooled broadening reaches MismatchLimitCenti sigmas → ColourSignatureMismatch,
    ///   Inconsistent (unless a gate — sensor fault, too few samples, too short, ambient too high — already made
    ///   it Inconclusive); between DoubtLimitCenti and that → ColourSignatureMismatch, Inconclusive;
    /// - an expected colour without a declared signature → ColourSharesNotDeclared, never Consistent (fail closed).
    /// Allocation-free after construction.
    /// </summary>
    public sealed class ColourSignatureCheck
    {
        private const int Gated = PhysicalReason.SensorFault | PhysicalReason.TooFewValidSamples
            | PhysicalReason.SweepTooShort | PhysicalReason.AmbientTooHigh;
        // Inverse-variance weights in units of 1/(WeightScale permille²): sigmas stay below 10⁵ ‰.
        private const long WeightScale = 1000000000000L;

        private readonly ColourSignatureSettings _s;
        private readonly byte[] _inEvent;
        private readonly int[] _from = new int[PhysicalCheckResult.MaxEvents];
        private readonly int[] _to = new int[PhysicalCheckResult.MaxEvents];
        private readonly int[] _template = new int[DeclaredColourShares.Channels];
        private readonly int[] _direction = new int[DeclaredColourShares.Channels];
        private readonly long[] _excess = new long[DeclaredColourShares.Channels];
        private readonly long[] _var = new long[DeclaredColourShares.Channels];

        public ColourSignatureCheck(ColourSignatureSettings settings, int capacity)
        {
            _s = settings != null ? settings : new ColourSignatureSettings();
            _inEvent = new byte[capacity];
        }

        public ColourSignatureSettings Settings { get { return _s; } }

        /// <param name="declared">Null or empty when the trust data declares none.</param>
        public void Apply(SweepTrace trace, DeclaredColourShares declared, PhysicalCheckResult r, ColourSignatureResult cr)
        {
            cr.Clear();
            if (trace == null) return;
            int expected = r.ExpectedColours;
            if (expected == 0) { cr.Status = ColourSignatureResult.StatusNotApplicable; return; }
            if (declared == null || (declared.Declared & expected) != expected)
            {
                cr.Status = ColourSignatureResult.StatusNotDeclared;
                r.Reasons |= PhysicalReason.ColourSharesNotDeclared;
                if (r.Verdict == PhysicalVerdict.Consistent) { r.Verdict = PhysicalVerdict.Inconclusive; r.ConfidencePercent = 0; }
                return;
            }
            cr.Status = ColourSignatureResult.StatusChecked;
            int n = trace.Count < _inEvent.Length ? trace.Count : _inEvent.Length;
            MarkEvents(trace, n, r);
            cr.EventCount = r.EventCount;
            for (int e = 0; e < r.EventCount; e++)
            {
                cr.EventRed[e] = 0; cr.EventGreen[e] = 0; cr.EventBlue[e] = 0;
                cr.EventBroadening[e] = ColourSignatureResult.Unjudged; cr.EventSigma[e] = 0;
                if (_from[e] < 0 || r.EventColouredByDaylight(e) || !declared.Has(r.EventColour[e])) continue;
                if (!Excess(trace, n, e)) continue;
                Judge(declared, expected, r.EventColour[e], e, cr);
            }
            for (int p = 0; p < 3; p++)
            {
                // Inverse-variance mean of the colour's (clipped) event broadenings: the events pooled, each by its own noise.
                int colour = 1 << p, k = 0;
                long weights = 0, weighted = 0, clipped = 0;
                for (int e = 0; e < r.EventCount; e++)
                {
                    if (r.EventColour[e] != colour || cr.EventBroadening[e] == ColourSignatureResult.Unjudged) continue;
                    long sigma = cr.EventSigma[e] < _s.SystematicPermille ? _s.SystematicPermille : cr.EventSigma[e];
                    long w = WeightScale / (sigma * sigma);
                    // For the significance each event counts at most EventClipCenti of its own sigma either way: a
                    // print's events are all a little off, while a single wild event (an ambient change under window
                    // light, a lift-off) is not print and must not decide alone. The size test uses the plain mean, so
                    // precise events (small sigma, clipped early) still show a print's full broadening.
                    long clip = sigma * _s.EventClipCenti / 100, d = cr.EventBroadening[e];
                    weighted += w * d;
                    if (d > clip) d = clip;
                    if (d < -clip) d = -clip;
                    weights += w;
                    clipped += w * d;
                    k++;
                }
                cr.ColourEvents[p] = k;
                if ((_s.JudgedColours & colour) == 0 || k < _s.MinEvents || weights <= 0) continue;
                cr.JudgedColours++;
                cr.PooledBroadening[p] = (int)(weighted / weights);
                cr.ClippedBroadening[p] = (int)(clipped / weights);
                cr.PooledSigma[p] = (int)IntSqrt.Of(WeightScale / weights);
                if (cr.PooledBroadening[p] <= _s.PooledLimitPermille) continue;
                long centi = (long)cr.ClippedBroadening[p] * 100;
                long pooledSigma = cr.PooledSigma[p] > 0 ? cr.PooledSigma[p] : 1;
                if (centi >= pooledSigma * _s.MismatchLimitCenti) cr.MismatchColours++;
                else if (centi >= pooledSigma * _s.DoubtLimitCenti) cr.DoubtColours++;
            }
            if (cr.MismatchColours == 0 && cr.DoubtColours == 0) return;
            r.Reasons |= PhysicalReason.ColourSignatureMismatch;
            if ((r.Reasons & Gated) != 0 || r.Verdict == PhysicalVerdict.Inconsistent) return;
            if (cr.MismatchColours > 0)
            {
                r.Verdict = PhysicalVerdict.Inconsistent;
                r.ConfidencePercent = cr.MismatchColours > 1 ? 90 : 80;
            }
            else
            {
                // A pooled signature between the limits is doubt, not evidence: genuine sweeps reach it too
                // (seeds 7/101: 1.3 %), and Inconclusive never yields GENUINE.
                r.Verdict = PhysicalVerdict.Inconclusive;
                r.ConfidencePercent = 0;
            }
        }

        // The event's summed R, G, B excess over the mean of the nearest quiet samples before and after it.
        private bool Excess(SweepTrace t, int n, int e)
        {
            int before = -1, after = -1;
            for (int i = _from[e] - 1; i >= 0 && i >= _from[e] - _s.MaxBaselineGap; i--)
                if (Quiet(t, i)) { before = i; break; }
            for (int i = _to[e] + 1; i < n && i <= _to[e] + _s.MaxBaselineGap; i++)
                if (Quiet(t, i)) { after = i; break; }
            if (before < 0 && after < 0) return false;
            if (before < 0) before = after;
            if (after < 0) after = before;
            long baseR = ((long)t.Red[before] + t.Red[after]) / 2, baseG = ((long)t.Green[before] + t.Green[after]) / 2;
            long baseB = ((long)t.Blue[before] + t.Blue[after]) / 2;
            for (int c = 0; c < DeclaredColourShares.Channels; c++) { _excess[c] = 0; _var[c] = 0; }
            for (int i = _from[e]; i <= _to[e]; i++)
            {
                if (t.Flags[i] != 0) continue;
                _excess[DeclaredColourShares.Red] += t.Red[i] - baseR;
                _excess[DeclaredColourShares.Green] += t.Green[i] - baseG;
                _excess[DeclaredColourShares.Blue] += t.Blue[i] - baseB;
                // The baseline (mean of two quiet samples) adds half a sample's variance: 1.5 × per sample.
                long sg = t.SigmaGreen[i], sb = t.SigmaBlue[i];
                _var[DeclaredColourShares.Green] += sg * sg * 3 / 2;
                _var[DeclaredColourShares.Blue] += sb * sb * 3 / 2;
                // Red has no predicted sigma in the trace; the green one stands in (similar counts on paper).
                _var[DeclaredColourShares.Red] += sg * sg * 3 / 2;
            }
            return true;
        }

        // Shares of the excess and their broadening against the colour's template. Broadening is the projection of
        // (shares − template) on the template's discrete broadening b_k = (T_{k−1} + T_{k+1}) / 2 − T_k over the
        // filters in wavelength order (B, G, R; zero beyond the ends). With two expected colours, a fibre of each in
        // the spot together is genuine and its shares lie on the line between their templates, so the projection is
        // taken on the in-plane normal of that line instead (oriented along b): mixtures give 0, a broad ink not.
        private void Judge(DeclaredColourShares declared, int expected, int colour, int e, ColourSignatureResult cr)
        {
            long total = 0, totalVar = 0;
            for (int c = 0; c < DeclaredColourShares.Channels; c++)
            {
                if (_excess[c] < 0) _excess[c] = 0;
                total += _excess[c];
                totalVar += _var[c];
            }
            if (total <= 0 || total * total < (long)_s.MinExcessSigmas * _s.MinExcessSigmas * totalVar) return;
            int r = (int)(_excess[DeclaredColourShares.Red] * 1000 / total);
            int g = (int)(_excess[DeclaredColourShares.Green] * 1000 / total);
            int b = 1000 - r - g;
            cr.EventRed[e] = r; cr.EventGreen[e] = g; cr.EventBlue[e] = b;
            for (int c = 0; c < DeclaredColourShares.Channels; c++) _template[c] = declared.At(colour, c);
            int tr = _template[DeclaredColourShares.Red], tg = _template[DeclaredColourShares.Green], tb = _template[DeclaredColourShares.Blue];
            _direction[DeclaredColourShares.Blue] = tg / 2 - tb;
            _direction[DeclaredColourShares.Green] = (tb + tr) / 2 - tg;
            _direction[DeclaredColourShares.Red] = tg / 2 - tr;
            int other = expected & ~colour;
            if ((expected & colour) != 0 && Single(other) && declared.Has(other))
            {
                // u = T_other − T_colour; normal w = u × (1, 1, 1) lies in the plane of shares (sum 1000).
                long ur = declared.At(other, DeclaredColourShares.Red) - tr, ug = declared.At(other, DeclaredColourShares.Green) - tg;
                long ub = declared.At(other, DeclaredColourShares.Blue) - tb;
                long wr = ug - ub, wg = ub - ur, wb = ur - ug;
                long along = wr * _direction[DeclaredColourShares.Red] + wg * _direction[DeclaredColourShares.Green] + wb * _direction[DeclaredColourShares.Blue];
                int sign = along < 0 ? -1 : 1;
                _direction[DeclaredColourShares.Red] = (int)(sign * wr);
                _direction[DeclaredColourShares.Green] = (int)(sign * wg);
                _direction[DeclaredColourShares.Blue] = (int)(sign * wb);
            }
            else if (!Single(expected & ~colour) && (expected & ~colour) != 0) return;   // three colours: every share is a mixture
            long dot = (long)(r - tr) * _direction[DeclaredColourShares.Red] + (long)(g - tg) * _direction[DeclaredColourShares.Green]
                + (long)(b - tb) * _direction[DeclaredColourShares.Blue];
            long norm = 0, varDot = 0;
            for (int c = 0; c < DeclaredColourShares.Channels; c++)
            {
                long d = _direction[c];
                norm += d * d;
                // Share sigma ≈ channel sigma / total (permille), floored by the systematic term.
                long sc = IntSqrt.Of(_var[c]) * 1000 / total;
                if (sc < _s.SystematicPermille) sc = _s.SystematicPermille;
                varDot += sc * sc * d * d;
            }
            long len = IntSqrt.Of(norm);
            if (len <= 0) return;
            cr.EventBroadening[e] = (int)(dot / len);
            cr.EventSigma[e] = (int)(IntSqrt.Of(varDot) / len);
        }

        private static bool Single(int colours) { return colours == FibreColours.Blue || colours == FibreColours.Green || colours == FibreColours.Red; }

        private bool Quiet(SweepTrace t, int i) { return t.Flags[i] == 0 && _inEvent[i] == 0; }

        // Sample ranges of the stored events (times → indices); _inEvent marks every sample inside an event.
        private void MarkEvents(SweepTrace t, int n, PhysicalCheckResult r)
        {
            for (int i = 0; i < n; i++) _inEvent[i] = 0;
            int k = 0, previousStart = int.MinValue;
            for (int e = 0; e < r.EventCount; e++)
            {
                int start = r.EventStartMs[e], end = r.EventEndMs[e];
                if (start < previousStart) k = 0;
                previousStart = start;
                while (k < n && t.TimeMs[k] < start) k++;
                int j = k;
                while (j < n && t.TimeMs[j] <= end) { _inEvent[j] = 1; j++; }
                _from[e] = k < j ? k : -1;
                _to[e] = j - 1;
            }
        }
    }
}
