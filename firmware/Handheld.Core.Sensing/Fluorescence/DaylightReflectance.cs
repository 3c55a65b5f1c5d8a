namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// The daylight test: at each fibre event, the white-LED reflectance under the spot against the paper's
    /// reflectance on either side. Security fibres are invisible by daylight; marker strokes and most printed
    /// inks are coloured, so the spot reads darker while they are in it. Coloured events are not fibres: they
    /// are taken out of the colour counts, and when enough of the events are coloured the sweep is
    /// Inconsistent (FibresVisibleByDaylight). A missing, dead or stuck white LED is DaylightLedFault (never
    /// Consistent). Integer arithmetic; buffers allocated in the constructor.
    /// <para>Bound: with a per-event false "coloured" rate p₀ on genuine sheets (measured below 3 % in the
    /// simulator batch, seeds 7 and 101), N events give at least max(3, N/2) coloured ones with probability at
    /// most C(N,3)·p₀³ for N ≤ 6 (N = 6, p₀ = 3 %: 0.05 %) and far less for larger N; a marker forgery whose
    /// strokes each read coloured with probability q ≥ 0.7 falls below N/2 with probability under 8 % at N = 6
    /// and its leftover "fibres" then are too few for a colour (Inconsistent or Inconclusive, never Consistent
    /// unless at least two uncoloured events per colour remain).</para>
    /// </summary>
    public sealed class DaylightReflectance
    {
        private readonly DaylightSettings _s;
        private readonly int[] _idx;       // usable sample indices (unflagged, with a daylight reading)
        private readonly int[] _event;     // per usable sample: 1 + event number, 0 outside events
        private readonly int[] _scratch;

        public DaylightReflectance(DaylightSettings settings, int capacity)
        {
            _s = settings != null ? settings : new DaylightSettings();
            if (capacity < 1) capacity = 1;
            _idx = new int[capacity];
            _event = new int[capacity];
            _scratch = new int[capacity];
        }

        public DaylightSettings Settings { get { return _s; } }

        /// <summary>
        /// Assesses the events stored in <paramref name="r"/> (after the fibre classification) on the first
        /// <paramref name="n"/> samples of <paramref name="t"/>; removes coloured events from the colour counts and
        /// recomputes <see cref="PhysicalCheckResult.ColoursFound"/> with <paramref name="minEventsPerColour"/>.
        /// Returns the reasons: FibresVisibleByDaylight (evidence) or DaylightLedFault (doubt), or 0.
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
                if (t.Reflectance[i] == SweepTrace.ReflectanceMissing) { missing++; continue; }
                _idx[m++] = i;
            }
            r.ReflectanceSamples = m;
            if (m < 8 || (long)missing * 1000 > (long)(m + missing) * _s.MaxMissingPermille) return PhysicalReason.DaylightLedFault;
            for (int k = 0; k < m; k++) _scratch[k] = t.Reflectance[_idx[k]];
            r.ReflectanceLevel = IntSelect.Quantile(_scratch, m, 500);
            // An open or undriven LED reads ~0; one stuck on lights the ambient readings too, so the difference vanishes.
            if (r.ReflectanceLevel < _s.MinPaperReflectance) return PhysicalReason.DaylightLedFault;

            MarkEvents(t, m, r);
            r.ReflectanceNoise = Sigma(t, m);

            int assessed = 0, coloured = 0;
            for (int e = 0; e < r.EventCount; e++)
            {
                int dip = DipPermille(t, m, e + 1, r.ReflectanceNoise);
                r.EventDipPermille[e] = dip == int.MinValue ? 0 : dip;
                if (dip == int.MinValue) continue;            // no reading on the event or no paper beside it
                assessed++;
                if (!_coloured) continue;
                coloured++;
                r.ColouredEventMask |= 1L << e;
                Uncount(r, e);
            }
            r.DaylightEventsAssessed = assessed;
            r.ColouredEvents = coloured;
            int found = 0;
            if (r.BlueEvents >= minEventsPerColour || r.StrongBlueEvents > 0) found |= FibreColours.Blue;
            if (r.GreenEvents >= minEventsPerColour || r.StrongGreenEvents > 0) found |= FibreColours.Green;
            if (r.RedEvents >= minEventsPerColour) found |= FibreColours.Red;
            r.ColoursFound = found;
            if (coloured >= _s.MinColouredEvents && (long)coloured * 1000 >= (long)assessed * _s.ColouredSharePermille)
                return PhysicalReason.FibresVisibleByDaylight;
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
        private int Sigma(SweepTrace t, int m)
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

        private bool _coloured;

        /// <summary>
        /// Dip of event <paramref name="ev"/> (1-based) in permille of the paper's local reflectance (negative:
        /// brighter), int.MinValue when it cannot be judged; sets _coloured when the dip exceeds the threshold.
        /// The window takes one sample before the event as well (the white reading follows the UV-on one, so the
        /// spot has moved on). The paper's level is the mean of the upper envelopes (brightest of ReferenceSamples
        /// samples) of the two sides: marker strokes, print and stains only ever darken the spot, fibres do not
        /// change it, so the brightest neighbours are paper even among other strokes. It is judged only where
        /// the two envelopes agree within MaxStepPermille (or 5σ) and neither side spans more than twice that:
        /// on a step into a printed zone or beside print lines the paper is not flat, and a marker's 1–3 % cannot
        /// be told from the print.
        /// </summary>
        private int DipPermille(SweepTrace t, int m, int ev, int sigma)
        {
            _coloured = false;
            int a = -1, b = -1;
            for (int k = 0; k < m; k++)
            {
                if (_event[k] != ev) continue;
                if (a < 0) a = k;
                b = k;
            }
            if (a < 0) return int.MinValue;
            if (a > 0) a--;
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
            _coloured = dip > thr;
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
