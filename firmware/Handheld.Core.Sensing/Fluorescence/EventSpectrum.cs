namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// The emission spectrum of one fibre event from the AS7341's filters: excess over the paper's local baseline
    /// per filter, summed over the event's samples.
    /// - Joint layout (SpectrumJoint on every sample): F1, F2, F4, F5 and F7 from every sample of the event;
    ///   F3 and F6 are not read (<see cref="Mask"/>).
    /// - Alternating layout: F1–F7, each half of the spectrum scaled by that half's own F2 + F4 excess so that
    ///   the two SMUX configurations compare although they saw different parts of the crossing.
    /// Result: permille shares of the read filters summing to 1000 and the noise of those shares from the sensor
    /// noise model. Allocation-free after construction.
    /// </summary>
    public sealed class EventSpectrum
    {
        // channel order of the vector: F1..F7
        private const int F1 = 0, F2 = 1, F3 = 2, F4 = 3, F5 = 4, F6 = 5, F7 = 6;
        /// <summary>Mask of all seven filters F1–F7 (bit c = channel c).</summary>
        public const int AllChannels = 0x7F;
        /// <summary>Mask of the filters the joint layout reads: F1, F2, F4, F5, F7.</summary>
        public const int JointChannels = (1 << F1) | (1 << F2) | (1 << F4) | (1 << F5) | (1 << F7);

        // A: F1 F3 F2 F4 F7 (0–4), B: F5 F6 F2 F4 F7 (5–9), joint: F1 F5 F2 F4 F7 (10–14)
        private readonly long[] _sum = new long[15];
        private readonly long[] _var = new long[15];
        private readonly long[] _x = new long[DeclaredSpectra.Channels];
        private readonly long[] _sx = new long[DeclaredSpectra.Channels];
        private int _jointSamples, _halfSamples;

        /// <summary>Shares (permille, sum 1000 over <see cref="Mask"/>) of the last <see cref="Compute"/>; 0 outside the mask.</summary>
        public readonly int[] Shares = new int[DeclaredSpectra.Channels];
        /// <summary>Predicted sigma of each share, permille.</summary>
        public readonly int[] Sigmas = new int[DeclaredSpectra.Channels];
        /// <summary>Filters the last <see cref="Compute"/> measured (bit c = F(c+1)): <see cref="AllChannels"/>
        /// (alternating layout) or <see cref="JointChannels"/>.</summary>
        public int Mask = AllChannels;
        /// <summary>Sum over the measured channels of the shares' predicted sigma, permille: the spread of the
        /// sum-of-absolute-differences that noise alone gives (its mean is 0.8 × this for Gaussian noise).</summary>
        public int NoisePermille;
        /// <summary>F2 + F4 excess of the A and B samples and their predicted sigma, cps16 (joint layout: both
        /// the joint samples' F2 + F4).</summary>
        public long ReferenceA, ReferenceB, SigmaA, SigmaB;

        /// <summary>Starts an empty spectrum.</summary>
        public void Reset()
        {
            for (int i = 0; i < 15; i++) { _sum[i] = 0; _var[i] = 0; }
            Events = 0;
            _jointSamples = 0; _halfSamples = 0;
        }

        /// <summary>Events accumulated since <see cref="Reset"/>.</summary>
        public int Events;

        /// <summary>Adds another spectrum's sums (pooling the events of one colour).</summary>
        public void Add(EventSpectrum other)
        {
            for (int i = 0; i < 15; i++) { _sum[i] += other._sum[i]; _var[i] += other._var[i]; }
            Events += other.Events;
            _jointSamples += other._jointSamples; _halfSamples += other._halfSamples;
        }

        /// <summary>As <see cref="Accumulate(SweepTrace,SpectralTrace,int,int,int[],int[],int[])"/> without joint samples.</summary>
        public void Accumulate(SweepTrace t, SpectralTrace s, int from, int to, int[] baseA, int[] baseB)
        {
            Accumulate(t, s, from, to, baseA, baseB, null);
        }

        /// <summary>
        /// Adds the excess of the samples <paramref name="from"/>…<paramref name="to"/> over the paper's
        /// baseline per half (<paramref name="baseA"/>, <paramref name="baseB"/>, <paramref name="baseJoint"/>:
        /// First, Second, Blue, Green, Red in cps16, from the quiet samples around the event, see
        /// <see cref="SpectrumCheck"/>; null = that half's samples are skipped).
        /// </summary>
        public void Accumulate(SweepTrace t, SpectralTrace s, int from, int to, int[] baseA, int[] baseB, int[] baseJoint)
        {
            Events++;
            for (int i = from; i <= to; i++)
            {
                if (t.Flags[i] != 0) continue;
                byte h = s.Half[i];
                int o;
                int[] b;
                if (h == SpectralTrace.HalfA) { o = 0; b = baseA; }
                else if (h == SpectralTrace.HalfB) { o = 5; b = baseB; }
                else if (h == SpectralTrace.HalfJoint) { o = 10; b = baseJoint; }
                else continue;
                if (b == null) continue;
                if (o == 10) _jointSamples++; else _halfSamples++;
                _sum[o] += s.First[i] - b[0];
                _sum[o + 1] += s.Second[i] - b[1];
                _sum[o + 2] += t.Blue[i] - b[2];
                _sum[o + 3] += t.Green[i] - b[3];
                _sum[o + 4] += t.Red[i] - b[4];
                // The baseline (mean of two quiet samples) adds half a sample's variance.
                _var[o] += Var(s.SigmaFirst[i]);
                _var[o + 1] += Var(s.SigmaSecond[i]);
                _var[o + 2] += Var(t.SigmaBlue[i]);
                _var[o + 3] += Var(t.SigmaGreen[i]);
                // F7 has no predicted sigma in the trace; its counts are at most F4's, so F4's sigma bounds it.
                _var[o + 4] += Var(t.SigmaGreen[i]);
            }
        }

        /// <summary>Shares and noise of the accumulated sums; false when the reference (F2 + F4 excess; in the
        /// alternating layout of each half) is not positive. Joint samples decide when there are any and no
        /// alternating ones.</summary>
        public bool Compute()
        {
            if (_jointSamples > 0 && _halfSamples == 0) return ComputeJoint();
            Mask = AllChannels;
            ReferenceA = _sum[2] + _sum[3];
            ReferenceB = _sum[7] + _sum[8];
            SigmaA = IntSqrt.Of(_var[2] + _var[3]);
            SigmaB = IntSqrt.Of(_var[7] + _var[8]);
            if (ReferenceA <= 0 || ReferenceB <= 0) return false;
            long refAll = ReferenceA + ReferenceB;
            // Shares relative to F2 + F4 (×1000), each half by its own reference.
            _x[F1] = _sum[0] * 1000 / ReferenceA;
            _x[F3] = _sum[1] * 1000 / ReferenceA;
            _x[F5] = _sum[5] * 1000 / ReferenceB;
            _x[F6] = _sum[6] * 1000 / ReferenceB;
            _x[F2] = (_sum[2] + _sum[7]) * 1000 / refAll;
            _x[F4] = (_sum[3] + _sum[8]) * 1000 / refAll;
            _x[F7] = (_sum[4] + _sum[9]) * 1000 / refAll;
            _sx[F1] = IntSqrt.Of(_var[0]) * 1000 / ReferenceA;
            _sx[F3] = IntSqrt.Of(_var[1]) * 1000 / ReferenceA;
            _sx[F5] = IntSqrt.Of(_var[5]) * 1000 / ReferenceB;
            _sx[F6] = IntSqrt.Of(_var[6]) * 1000 / ReferenceB;
            _sx[F2] = IntSqrt.Of(_var[2] + _var[7]) * 1000 / refAll;
            _sx[F4] = IntSqrt.Of(_var[3] + _var[8]) * 1000 / refAll;
            _sx[F7] = IntSqrt.Of(_var[4] + _var[9]) * 1000 / refAll;
            return Normalise();
        }

        private bool ComputeJoint()
        {
            Mask = JointChannels;
            long reference = _sum[12] + _sum[13];
            long sigma = IntSqrt.Of(_var[12] + _var[13]);
            ReferenceA = reference; ReferenceB = reference; SigmaA = sigma; SigmaB = sigma;
            if (reference <= 0) return false;
            _x[F3] = 0; _sx[F3] = 0; _x[F6] = 0; _sx[F6] = 0;
            _x[F1] = _sum[10] * 1000 / reference;
            _x[F5] = _sum[11] * 1000 / reference;
            _x[F2] = _sum[12] * 1000 / reference;
            _x[F4] = _sum[13] * 1000 / reference;
            _x[F7] = _sum[14] * 1000 / reference;
            _sx[F1] = IntSqrt.Of(_var[10]) * 1000 / reference;
            _sx[F5] = IntSqrt.Of(_var[11]) * 1000 / reference;
            _sx[F2] = IntSqrt.Of(_var[12]) * 1000 / reference;
            _sx[F4] = IntSqrt.Of(_var[13]) * 1000 / reference;
            _sx[F7] = IntSqrt.Of(_var[14]) * 1000 / reference;
            return Normalise();
        }

        private bool Normalise()
        {
            long total = 0;
            for (int c = 0; c < DeclaredSpectra.Channels; c++)
            {
                if (_x[c] < 0) _x[c] = 0;
                total += _x[c];
            }
            if (total <= 0) return false;
            long noise = 0;
            for (int c = 0; c < DeclaredSpectra.Channels; c++)
            {
                Shares[c] = (int)((_x[c] * 1000 + total / 2) / total);
                long sc = _sx[c] * 1000 / total;
                Sigmas[c] = sc > 100000 ? 100000 : (int)sc;
                noise += sc;
            }
            NoisePermille = noise > 100000 ? 100000 : (int)noise;
            return true;
        }

        private static long Var(int sigma)
        {
            long v = (long)sigma * sigma;
            return v + v / 2;
        }
    }
}
