namespace Handheld.Core.Crypto
{
    /// <summary>
    /// Montgomery multiplication modulo an odd modulus, on fixed-width limbs written for a small interpreter.
    /// <para>Limbs are W = 28 bits (27 above 3470-bit moduli) held in ulong, little-endian, so a product fits in
    /// 56 bits and up to 2L + 8 products sum in one ulong without carry handling: carries are propagated once
    /// per multiplication, not per step. L is a multiple of four and the multiplication consumes four limbs
    /// of <c>a</c> (four Montgomery rows) per pass, so each inner step loads one limb of <c>b</c> and one of
    /// <c>n</c> and performs eight multiply-accumulates. R = 2^(W·L) &gt; 4n, so inputs below 2n give an output
    /// below 2n without any conditional subtraction (almost-Montgomery form).</para>
    /// <para>Every limb array has length <see cref="Size"/> = L + 4 and its top four limbs stay zero.
    /// The instance owns one scratch buffer, so it is not thread-safe.</para>
    /// </summary>
    internal sealed partial class Montgomery
    {
        internal readonly int W;
        internal readonly ulong Mask;
        /// <summary>Number of significant limbs (a multiple of 4).</summary>
        internal readonly int L;
        /// <summary>Length of every limb array used with this context.</summary>
        internal readonly int Size;
        internal readonly ulong[] N;
        private readonly int _bits;
        private ulong[] _r2;
        private readonly ulong _nInv;
        private readonly ulong[] _t;

        /// <summary>Builds the context for the odd modulus given big-endian; computes n′ and R² mod n.</summary>
        internal Montgomery(byte[] modulus, int offset, int length, int bitLength)
        {
            W = bitLength <= 3470 ? 28 : 27;
            Mask = (1UL << W) - 1;
            int l = (bitLength + 2 + W - 1) / W;
            L = (l + 3) & ~3;
            Size = L + 4;
            N = NewLimbs();
            FromBytes(modulus, offset, length, N);
            // n′ = −n⁻¹ mod 2^W by Newton iteration (each step doubles the correct low bits: 3→6→…→96).
            ulong n0 = N[0];
            ulong x = n0;
            for (int i = 0; i < 5; i++) x = x * (2 - n0 * x);
            _nInv = (0 - x) & Mask;
            _t = new ulong[Size];
            _bits = bitLength;
            InitSquare();
        }

        /// <summary>R² mod n (below n), to enter the Montgomery domain with one multiplication. Computed on first
        /// use: a trust list's keys are prepared at boot, most are never used before the next list.</summary>
        internal ulong[] R2
        {
            get
            {
                if (_r2 == null) _r2 = ComputeR2();
                return _r2;
            }
        }

        internal ulong[] NewLimbs()
        {
            return new ulong[Size];
        }

        /// <summary>r = a·b·R⁻¹ mod n (below 2n when a, b are below 2n). r may alias a or b.</summary>
        internal void Mul(ulong[] a, ulong[] b, ulong[] r)
        {
            ulong[] t = _t;
            ulong[] n = N;
            int len = L;
            int w = W;
            ulong mask = Mask;
            ulong ninv = _nInv;
            for (int i = 0; i < len; i++) t[i] = 0;
            ulong b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            ulong n0 = n[0], n1 = n[1], n2 = n[2], n3 = n[3];
            int end = len + 4;
            for (int i = 0; i < len; i += 4)
            {
                ulong a0 = a[i], a1 = a[i + 1], a2 = a[i + 2], a3 = a[i + 3];
                // The four low columns decide the four Montgomery quotients m0..m3; their low W bits cancel.
                ulong c = t[0] + a0 * b0;
                ulong m0 = ((c & mask) * ninv) & mask;
                c = (c + m0 * n0) >> w;
                c += t[1] + a0 * b1 + m0 * n1 + a1 * b0;
                ulong m1 = ((c & mask) * ninv) & mask;
                c = (c + m1 * n0) >> w;
                c += t[2] + a0 * b2 + m0 * n2 + a1 * b1 + m1 * n1 + a2 * b0;
                ulong m2 = ((c & mask) * ninv) & mask;
                c = (c + m2 * n0) >> w;
                c += t[3] + a0 * b3 + m0 * n3 + a1 * b2 + m1 * n2 + a2 * b1 + m2 * n1 + a3 * b0;
                ulong m3 = ((c & mask) * ninv) & mask;
                c = (c + m3 * n0) >> w;
                // Columns 4..L+3, written four limbs lower (the division by 2^(4W)). Unrolled by four with the
                // limbs of b (x) and n (y) kept in locals indexed by column mod 4, so nothing is shuffled.
                ulong x0 = 0, x1 = b1, x2 = b2, x3 = b3, y0 = 0, y1 = n1, y2 = n2, y3 = n3;
                for (int p = 4; p < end; p += 4)
                {
                    x0 = b[p];
                    y0 = n[p];
                    t[p - 4] = t[p] + a0 * x0 + a1 * x3 + a2 * x2 + a3 * x1 + m0 * y0 + m1 * y3 + m2 * y2 + m3 * y1;
                    x1 = b[p + 1];
                    y1 = n[p + 1];
                    t[p - 3] = t[p + 1] + a0 * x1 + a1 * x0 + a2 * x3 + a3 * x2 + m0 * y1 + m1 * y0 + m2 * y3 + m3 * y2;
                    x2 = b[p + 2];
                    y2 = n[p + 2];
                    t[p - 2] = t[p + 2] + a0 * x2 + a1 * x1 + a2 * x0 + a3 * x3 + m0 * y2 + m1 * y1 + m2 * y0 + m3 * y3;
                    x3 = b[p + 3];
                    y3 = n[p + 3];
                    t[p - 1] = t[p + 3] + a0 * x3 + a1 * x2 + a2 * x1 + a3 * x0 + m0 * y3 + m1 * y2 + m2 * y1 + m3 * y0;
                }
                t[0] += c;
            }
            ulong carry = 0;
            for (int i = 0; i < len; i++)
            {
                carry += t[i];
                r[i] = carry & mask;
                carry >>= w;
            }
        }

        /// <summary>Reduces a value below 2n to below n.</summary>
        internal void ReduceOnce(ulong[] a)
        {
            if (Compare(a, N) >= 0) Subtract(a, N);
        }

        /// <summary>Compares two normalised limb arrays of this context.</summary>
        internal int Compare(ulong[] a, ulong[] b)
        {
            for (int i = L - 1; i >= 0; i--)
            {
                if (a[i] != b[i]) return a[i] > b[i] ? 1 : -1;
            }
            return 0;
        }

        /// <summary>a −= b (requires a ≥ b).</summary>
        internal void Subtract(ulong[] a, ulong[] b)
        {
            ulong mask = Mask;
            ulong borrow = 0;
            for (int i = 0; i < L; i++)
            {
                ulong d = a[i] - b[i] - borrow;
                a[i] = d & mask;
                borrow = d >> 63;
            }
        }

        /// <summary>r = a + b without reduction (caller guarantees the sum fits below R).</summary>
        internal void Add(ulong[] a, ulong[] b, ulong[] r)
        {
            int w = W;
            ulong mask = Mask;
            ulong carry = 0;
            for (int i = 0; i < L; i++)
            {
                carry += a[i] + b[i];
                r[i] = carry & mask;
                carry >>= w;
            }
        }

        internal bool IsZero(ulong[] a)
        {
            for (int i = 0; i < L; i++)
            {
                if (a[i] != 0) return false;
            }
            return true;
        }

        /// <summary>Big-endian bytes to limbs; false when the value does not fit in L limbs.</summary>
        internal bool FromBytes(byte[] src, int offset, int length, ulong[] dst)
        {
            System.Array.Clear(dst, 0, Size);
            int w = W;
            ulong mask = Mask;
            ulong acc = 0;
            int bits = 0;
            int limb = 0;
            int i = offset + length - 1;
            if (w == 28)
            {
                // Seven bytes are exactly two limbs: 8 IL per byte instead of 36.
                int l = L - 1;
                while (i - 6 >= offset && limb < l)
                {
                    ulong v = src[i] | ((ulong)src[i - 1] << 8) | ((ulong)src[i - 2] << 16) | ((ulong)src[i - 3] << 24)
                        | ((ulong)src[i - 4] << 32) | ((ulong)src[i - 5] << 40) | ((ulong)src[i - 6] << 48);
                    dst[limb] = v & mask;
                    dst[limb + 1] = v >> 28;
                    limb += 2;
                    i -= 7;
                }
            }
            for (; i >= offset; i--)
            {
                acc |= (ulong)src[i] << bits;
                bits += 8;
                if (bits >= w)
                {
                    if (limb >= L) return false;
                    dst[limb++] = acc & mask;
                    acc >>= w;
                    bits -= w;
                }
            }
            if (acc != 0)
            {
                if (limb >= L) return false;
                dst[limb] = acc;
            }
            return true;
        }

        // R² mod n = 2^(2WL) mod n by long division one limb at a time: start from x = 2^e0 < n, with 2WL − e0 a
        // multiple of W, and multiply by 2^W mod n (2WL − e0)/W times (≈ 80 steps for RSA-2048). Each step shifts
        // x up one limb, estimates the quotient digit from the top 32 bits of n (the estimate is low by at most 2:
        // the window of x is below 2^60 and the one of n at least 2^31), subtracts q·n and then n while x ≥ n.
        private ulong[] ComputeR2()
        {
            int w = W;
            ulong mask = Mask;
            int len = L;
            ulong[] n = N;
            int target = 2 * w * len;
            int top = _bits - 1;
            int d = (target - top) % w;
            int e0 = d == 0 ? top : top - (w - d);
            ulong[] x = NewLimbs(), y = NewLimbs();
            x[e0 / w] = 1UL << (e0 % w);
            int pos = top - 31;
            ulong divisor = Window(n, pos) + 1;
            for (int step = (target - e0) / w; step > 0; step--)
            {
                // Two buffers, so the one-limb shift is a non-overlapping native copy.
                System.Array.Copy(x, 0, y, 1, len);
                y[0] = 0;
                ulong[] swap = x;
                x = y;
                y = swap;
                ulong q = Window(x, pos) / divisor;
                long carry = 0;
                for (int i = 0; i <= len; i++)
                {
                    long v = (long)x[i] - (long)(q * n[i]) + carry;
                    x[i] = (ulong)v & mask;
                    carry = v >> w;
                }
                while (Compare(x, n) >= 0) Subtract(x, n);
            }
            return x;
        }

        // Bits pos .. pos + 63 of a normalised limb array (the caller knows the value there is below 2^60).
        private ulong Window(ulong[] x, int pos)
        {
            int w = W;
            int limb = pos / w, sh = pos - limb * w;
            ulong v = (x[limb] >> sh) | (x[limb + 1] << (w - sh)) | (x[limb + 2] << (2 * w - sh));
            if (3 * w - sh < 64) v |= x[limb + 3] << (3 * w - sh);
            return v;
        }
    }
}
