namespace Handheld.Core.Crypto
{
    /// <summary>
    /// Montgomery multiplication modulo the P-256 group order n, unrolled like <see cref="P256Field"/>
    /// (10 limbs of 28 bits, R = 2^280 &gt; 4n, inputs below 2n give outputs below 2n); n′ = −n⁻¹ mod 2^28.
    /// Used for s⁻¹ (Fermat) and u1 = e/s, u2 = r/s.
    /// </summary>
    /// <remarks>Unrolled like the field routines (see tools/gen-p256.py for the field's generator).</remarks>
    internal static class P256Scalar
    {
        /// <summary>R² mod n for R = 2^280.</summary>
        internal static readonly ulong[] R2 = new ulong[] { 0xFB36926UL, 0x7FBC24CUL, 0x36A7AEAUL, 0xA0A7B86UL, 0x1D14956UL, 0x9076AB5UL, 0x1EC5961UL, 0x84A3D0BUL, 0x3B51C1EUL, 0x8UL, 0, 0, 0, 0, 0, 0 };

        /// <summary>r = a·b·R⁻¹ mod n (below 2n when a, b are below 2n); r may alias a or b.</summary>
        internal static void Mul(ulong[] a, ulong[] b, ulong[] r)
        {
            ulong a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6], a7 = a[7], a8 = a[8], a9 = a[9];
            ulong b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4], b5 = b[5], b6 = b[6], b7 = b[7], b8 = b[8], b9 = b[9];
            ulong c;
            c = a0 * b0;
            ulong m0 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m0 * 0xC632551UL;
            c = (c >> 28) + a0 * b1 + a1 * b0 + m0 * 0xB9CAC2FUL;
            ulong m1 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m1 * 0xC632551UL;
            c = (c >> 28) + a0 * b2 + a1 * b1 + a2 * b0 + m0 * 0x79E84F3UL + m1 * 0xB9CAC2FUL;
            ulong m2 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m2 * 0xC632551UL;
            c = (c >> 28) + a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0 + m0 * 0xFAADA71UL + m1 * 0x79E84F3UL + m2 * 0xB9CAC2FUL;
            ulong m3 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m3 * 0xC632551UL;
            c = (c >> 28) + a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0 + m0 * 0xFFFBCE6UL + m1 * 0xFAADA71UL + m2 * 0x79E84F3UL + m3 * 0xB9CAC2FUL;
            ulong m4 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m4 * 0xC632551UL;
            c = (c >> 28) + a0 * b5 + a1 * b4 + a2 * b3 + a3 * b2 + a4 * b1 + a5 * b0 + m0 * 0xFFFFFFFUL + m1 * 0xFFFBCE6UL + m2 * 0xFAADA71UL + m3 * 0x79E84F3UL + m4 * 0xB9CAC2FUL;
            ulong m5 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m5 * 0xC632551UL;
            c = (c >> 28) + a0 * b6 + a1 * b5 + a2 * b4 + a3 * b3 + a4 * b2 + a5 * b1 + a6 * b0 + m0 * 0xFFFFFFUL + m1 * 0xFFFFFFFUL + m2 * 0xFFFBCE6UL + m3 * 0xFAADA71UL + m4 * 0x79E84F3UL + m5 * 0xB9CAC2FUL;
            ulong m6 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m6 * 0xC632551UL;
            c = (c >> 28) + a0 * b7 + a1 * b6 + a2 * b5 + a3 * b4 + a4 * b3 + a5 * b2 + a6 * b1 + a7 * b0 + m1 * 0xFFFFFFUL + m2 * 0xFFFFFFFUL + m3 * 0xFFFBCE6UL + m4 * 0xFAADA71UL + m5 * 0x79E84F3UL + m6 * 0xB9CAC2FUL;
            ulong m7 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m7 * 0xC632551UL;
            c = (c >> 28) + a0 * b8 + a1 * b7 + a2 * b6 + a3 * b5 + a4 * b4 + a5 * b3 + a6 * b2 + a7 * b1 + a8 * b0 + m0 * 0xFFFFFFFUL + m2 * 0xFFFFFFUL + m3 * 0xFFFFFFFUL + m4 * 0xFFFBCE6UL + m5 * 0xFAADA71UL + m6 * 0x79E84F3UL + m7 * 0xB9CAC2FUL;
            ulong m8 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m8 * 0xC632551UL;
            c = (c >> 28) + a0 * b9 + a1 * b8 + a2 * b7 + a3 * b6 + a4 * b5 + a5 * b4 + a6 * b3 + a7 * b2 + a8 * b1 + a9 * b0 + m0 * 0xFUL + m1 * 0xFFFFFFFUL + m3 * 0xFFFFFFUL + m4 * 0xFFFFFFFUL + m5 * 0xFFFBCE6UL + m6 * 0xFAADA71UL + m7 * 0x79E84F3UL + m8 * 0xB9CAC2FUL;
            ulong m9 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m9 * 0xC632551UL;
            c = (c >> 28) + a1 * b9 + a2 * b8 + a3 * b7 + a4 * b6 + a5 * b5 + a6 * b4 + a7 * b3 + a8 * b2 + a9 * b1 + m1 * 0xFUL + m2 * 0xFFFFFFFUL + m4 * 0xFFFFFFUL + m5 * 0xFFFFFFFUL + m6 * 0xFFFBCE6UL + m7 * 0xFAADA71UL + m8 * 0x79E84F3UL + m9 * 0xB9CAC2FUL;
            r[0] = c & 0xFFFFFFFUL;
            c = (c >> 28) + a2 * b9 + a3 * b8 + a4 * b7 + a5 * b6 + a6 * b5 + a7 * b4 + a8 * b3 + a9 * b2 + m2 * 0xFUL + m3 * 0xFFFFFFFUL + m5 * 0xFFFFFFUL + m6 * 0xFFFFFFFUL + m7 * 0xFFFBCE6UL + m8 * 0xFAADA71UL + m9 * 0x79E84F3UL;
            r[1] = c & 0xFFFFFFFUL;
            c = (c >> 28) + a3 * b9 + a4 * b8 + a5 * b7 + a6 * b6 + a7 * b5 + a8 * b4 + a9 * b3 + m3 * 0xFUL + m4 * 0xFFFFFFFUL + m6 * 0xFFFFFFUL + m7 * 0xFFFFFFFUL + m8 * 0xFFFBCE6UL + m9 * 0xFAADA71UL;
            r[2] = c & 0xFFFFFFFUL;
            c = (c >> 28) + a4 * b9 + a5 * b8 + a6 * b7 + a7 * b6 + a8 * b5 + a9 * b4 + m4 * 0xFUL + m5 * 0xFFFFFFFUL + m7 * 0xFFFFFFUL + m8 * 0xFFFFFFFUL + m9 * 0xFFFBCE6UL;
            r[3] = c & 0xFFFFFFFUL;
            c = (c >> 28) + a5 * b9 + a6 * b8 + a7 * b7 + a8 * b6 + a9 * b5 + m5 * 0xFUL + m6 * 0xFFFFFFFUL + m8 * 0xFFFFFFUL + m9 * 0xFFFFFFFUL;
            r[4] = c & 0xFFFFFFFUL;
            c = (c >> 28) + a6 * b9 + a7 * b8 + a8 * b7 + a9 * b6 + m6 * 0xFUL + m7 * 0xFFFFFFFUL + m9 * 0xFFFFFFUL;
            r[5] = c & 0xFFFFFFFUL;
            c = (c >> 28) + a7 * b9 + a8 * b8 + a9 * b7 + m7 * 0xFUL + m8 * 0xFFFFFFFUL;
            r[6] = c & 0xFFFFFFFUL;
            c = (c >> 28) + a8 * b9 + a9 * b8 + m8 * 0xFUL + m9 * 0xFFFFFFFUL;
            r[7] = c & 0xFFFFFFFUL;
            c = (c >> 28) + a9 * b9 + m9 * 0xFUL;
            r[8] = c & 0xFFFFFFFUL;
            r[9] = c >> 28;
        }

        /// <summary>r = a²·R⁻¹ mod n, as <see cref="Mul"/>.</summary>
        internal static void Sqr(ulong[] a, ulong[] r)
        {
            ulong a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6], a7 = a[7], a8 = a[8], a9 = a[9];
            ulong c;
            c = a0 * a0;
            ulong m0 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m0 * 0xC632551UL;
            c = (c >> 28) + ((a0 * a1) << 1) + m0 * 0xB9CAC2FUL;
            ulong m1 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m1 * 0xC632551UL;
            c = (c >> 28) + ((a0 * a2) << 1) + a1 * a1 + m0 * 0x79E84F3UL + m1 * 0xB9CAC2FUL;
            ulong m2 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m2 * 0xC632551UL;
            c = (c >> 28) + ((a0 * a3 + a1 * a2) << 1) + m0 * 0xFAADA71UL + m1 * 0x79E84F3UL + m2 * 0xB9CAC2FUL;
            ulong m3 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m3 * 0xC632551UL;
            c = (c >> 28) + ((a0 * a4 + a1 * a3) << 1) + a2 * a2 + m0 * 0xFFFBCE6UL + m1 * 0xFAADA71UL + m2 * 0x79E84F3UL + m3 * 0xB9CAC2FUL;
            ulong m4 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m4 * 0xC632551UL;
            c = (c >> 28) + ((a0 * a5 + a1 * a4 + a2 * a3) << 1) + m0 * 0xFFFFFFFUL + m1 * 0xFFFBCE6UL + m2 * 0xFAADA71UL + m3 * 0x79E84F3UL + m4 * 0xB9CAC2FUL;
            ulong m5 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m5 * 0xC632551UL;
            c = (c >> 28) + ((a0 * a6 + a1 * a5 + a2 * a4) << 1) + a3 * a3 + m0 * 0xFFFFFFUL + m1 * 0xFFFFFFFUL + m2 * 0xFFFBCE6UL + m3 * 0xFAADA71UL + m4 * 0x79E84F3UL + m5 * 0xB9CAC2FUL;
            ulong m6 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m6 * 0xC632551UL;
            c = (c >> 28) + ((a0 * a7 + a1 * a6 + a2 * a5 + a3 * a4) << 1) + m1 * 0xFFFFFFUL + m2 * 0xFFFFFFFUL + m3 * 0xFFFBCE6UL + m4 * 0xFAADA71UL + m5 * 0x79E84F3UL + m6 * 0xB9CAC2FUL;
            ulong m7 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m7 * 0xC632551UL;
            c = (c >> 28) + ((a0 * a8 + a1 * a7 + a2 * a6 + a3 * a5) << 1) + a4 * a4 + m0 * 0xFFFFFFFUL + m2 * 0xFFFFFFUL + m3 * 0xFFFFFFFUL + m4 * 0xFFFBCE6UL + m5 * 0xFAADA71UL + m6 * 0x79E84F3UL + m7 * 0xB9CAC2FUL;
            ulong m8 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m8 * 0xC632551UL;
            c = (c >> 28) + ((a0 * a9 + a1 * a8 + a2 * a7 + a3 * a6 + a4 * a5) << 1) + m0 * 0xFUL + m1 * 0xFFFFFFFUL + m3 * 0xFFFFFFUL + m4 * 0xFFFFFFFUL + m5 * 0xFFFBCE6UL + m6 * 0xFAADA71UL + m7 * 0x79E84F3UL + m8 * 0xB9CAC2FUL;
            ulong m9 = ((c & 0xFFFFFFFUL) * 0xE00BC4FUL) & 0xFFFFFFFUL;
            c += m9 * 0xC632551UL;
            c = (c >> 28) + ((a1 * a9 + a2 * a8 + a3 * a7 + a4 * a6) << 1) + a5 * a5 + m1 * 0xFUL + m2 * 0xFFFFFFFUL + m4 * 0xFFFFFFUL + m5 * 0xFFFFFFFUL + m6 * 0xFFFBCE6UL + m7 * 0xFAADA71UL + m8 * 0x79E84F3UL + m9 * 0xB9CAC2FUL;
            r[0] = c & 0xFFFFFFFUL;
            c = (c >> 28) + ((a2 * a9 + a3 * a8 + a4 * a7 + a5 * a6) << 1) + m2 * 0xFUL + m3 * 0xFFFFFFFUL + m5 * 0xFFFFFFUL + m6 * 0xFFFFFFFUL + m7 * 0xFFFBCE6UL + m8 * 0xFAADA71UL + m9 * 0x79E84F3UL;
            r[1] = c & 0xFFFFFFFUL;
            c = (c >> 28) + ((a3 * a9 + a4 * a8 + a5 * a7) << 1) + a6 * a6 + m3 * 0xFUL + m4 * 0xFFFFFFFUL + m6 * 0xFFFFFFUL + m7 * 0xFFFFFFFUL + m8 * 0xFFFBCE6UL + m9 * 0xFAADA71UL;
            r[2] = c & 0xFFFFFFFUL;
            c = (c >> 28) + ((a4 * a9 + a5 * a8 + a6 * a7) << 1) + m4 * 0xFUL + m5 * 0xFFFFFFFUL + m7 * 0xFFFFFFUL + m8 * 0xFFFFFFFUL + m9 * 0xFFFBCE6UL;
            r[3] = c & 0xFFFFFFFUL;
            c = (c >> 28) + ((a5 * a9 + a6 * a8) << 1) + a7 * a7 + m5 * 0xFUL + m6 * 0xFFFFFFFUL + m8 * 0xFFFFFFUL + m9 * 0xFFFFFFFUL;
            r[4] = c & 0xFFFFFFFUL;
            c = (c >> 28) + ((a6 * a9 + a7 * a8) << 1) + m6 * 0xFUL + m7 * 0xFFFFFFFUL + m9 * 0xFFFFFFUL;
            r[5] = c & 0xFFFFFFFUL;
            c = (c >> 28) + ((a7 * a9) << 1) + a8 * a8 + m7 * 0xFUL + m8 * 0xFFFFFFFUL;
            r[6] = c & 0xFFFFFFFUL;
            c = (c >> 28) + ((a8 * a9) << 1) + m8 * 0xFUL + m9 * 0xFFFFFFFUL;
            r[7] = c & 0xFFFFFFFUL;
            c = (c >> 28) + a9 * a9 + m9 * 0xFUL;
            r[8] = c & 0xFFFFFFFUL;
            r[9] = c >> 28;
        }

        /// <summary>
        /// r = a^(n−2) = a⁻¹ in the Montgomery domain (a·R in, a⁻¹·R out; a below 2n, r below 2n). The high half
        /// of n − 2, 1^32 0^32 1^64, is an addition chain over x_k = a^(2^k − 1); the low half a sliding window
        /// over the odd powers a, a³, …, a¹⁵ (<see cref="P256ScalarChain"/>): 253 squarings, 39 multiplications.
        /// pow holds eight scratch arrays, t one more; r must not alias a.
        /// </summary>
        internal static void Invert(ulong[] a, ulong[] r, ulong[][] pow, ulong[] t)
        {
            Sqr(a, t);
            System.Array.Copy(a, 0, pow[0], 0, 10);
            for (int k = 1; k < 8; k++) Mul(pow[k - 1], t, pow[k]);   // pow[k] = a^(2k+1); pow[7] = x4
            System.Array.Copy(pow[7], 0, r, 0, 10);
            SqrN(r, 4);
            Mul(r, pow[7], r);                                         // x8
            System.Array.Copy(r, 0, t, 0, 10);
            SqrN(t, 8);
            Mul(t, r, t);                                              // x16
            System.Array.Copy(t, 0, r, 0, 10);
            SqrN(r, 16);
            Mul(r, t, t);                                              // x32
            System.Array.Copy(t, 0, r, 0, 10);
            SqrN(r, 64);
            Mul(r, t, r);                                              // 1^32 0^32 1^32
            SqrN(r, 32);
            Mul(r, t, r);                                              // 1^32 0^32 1^64
            byte[] steps = P256ScalarChain.Steps;
            for (int i = 0; i < steps.Length; i += 2)
            {
                SqrN(r, steps[i]);
                int d = steps[i + 1];
                if (d != 0) Mul(r, pow[d >> 1], r);
            }
        }

        private static void SqrN(ulong[] r, int n)
        {
            for (int i = 0; i < n; i++) Sqr(r, r);
        }
    }
}
