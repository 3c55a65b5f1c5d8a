namespace Handheld.Core.Crypto
{
    /// <summary>
    /// Montgomery multiplication modulo the P-256 prime p = 2^256 − 2^224 + 2^192 + 2^96 − 1, fully unrolled.
    /// Same limb format as <see cref="Montgomery"/> (28-bit limbs in ulong, little-endian, arrays of 16 with
    /// the top limbs zero) but only L = 10 limbs: R = 2^280 &gt; 4p, so inputs below 2p give outputs below 2p.
    /// Product scanning: each output column is one expression (4 IL per multiply-accumulate, no array
    /// traffic); p ≡ −1 mod 2^28 makes the Montgomery factor n′ = 1, and the three zero limbs of p are
    /// skipped. Generated from the column pattern, hence the shape; 170 multiplies (Sqr: 125).
    /// </summary>
    internal static class P256Field
    {
        /// <summary>R² mod p for R = 2^280, to enter the Montgomery domain with one multiplication.</summary>
        internal static readonly ulong[] R2 = new ulong[] { 0x50000UL, 0x300000UL, 0x0UL, 0x0UL, 0xFFFFFFAUL, 0xFFFFFBFUL, 0xFFFFEFFUL, 0xFFFAFFFUL, 0x2FFFFUL, 0x0UL, 0, 0, 0, 0, 0, 0 };

        /// <summary>r = a·b·R⁻¹ mod p (below 2p when a, b are below 2p); r may alias a or b.</summary>
        internal static void Mul(ulong[] a, ulong[] b, ulong[] r)
        {
            ulong a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6], a7 = a[7], a8 = a[8], a9 = a[9];
            ulong b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4], b5 = b[5], b6 = b[6], b7 = b[7], b8 = b[8], b9 = b[9];
            ulong c;
            c = a0 * b0;
            ulong m0 = c & 0xFFFFFFFUL;
            c += m0 * 0xFFFFFFFUL;
            c = (c >> 28) + a0 * b1 + a1 * b0 + m0 * 0xFFFFFFFUL;
            ulong m1 = c & 0xFFFFFFFUL;
            c += m1 * 0xFFFFFFFUL;
            c = (c >> 28) + a0 * b2 + a1 * b1 + a2 * b0 + m0 * 0xFFFFFFFUL + m1 * 0xFFFFFFFUL;
            ulong m2 = c & 0xFFFFFFFUL;
            c += m2 * 0xFFFFFFFUL;
            c = (c >> 28) + a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0 + m0 * 0xFFFUL + m1 * 0xFFFFFFFUL + m2 * 0xFFFFFFFUL;
            ulong m3 = c & 0xFFFFFFFUL;
            c += m3 * 0xFFFFFFFUL;
            c = (c >> 28) + a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0 + m1 * 0xFFFUL + m2 * 0xFFFFFFFUL + m3 * 0xFFFFFFFUL;
            ulong m4 = c & 0xFFFFFFFUL;
            c += m4 * 0xFFFFFFFUL;
            c = (c >> 28) + a0 * b5 + a1 * b4 + a2 * b3 + a3 * b2 + a4 * b1 + a5 * b0 + m2 * 0xFFFUL + m3 * 0xFFFFFFFUL + m4 * 0xFFFFFFFUL;
            ulong m5 = c & 0xFFFFFFFUL;
            c += m5 * 0xFFFFFFFUL;
            c = (c >> 28) + a0 * b6 + a1 * b5 + a2 * b4 + a3 * b3 + a4 * b2 + a5 * b1 + a6 * b0 + m0 * 0x1000000UL + m3 * 0xFFFUL + m4 * 0xFFFFFFFUL + m5 * 0xFFFFFFFUL;
            ulong m6 = c & 0xFFFFFFFUL;
            c += m6 * 0xFFFFFFFUL;
            c = (c >> 28) + a0 * b7 + a1 * b6 + a2 * b5 + a3 * b4 + a4 * b3 + a5 * b2 + a6 * b1 + a7 * b0 + m1 * 0x1000000UL + m4 * 0xFFFUL + m5 * 0xFFFFFFFUL + m6 * 0xFFFFFFFUL;
            ulong m7 = c & 0xFFFFFFFUL;
            c += m7 * 0xFFFFFFFUL;
            c = (c >> 28) + a0 * b8 + a1 * b7 + a2 * b6 + a3 * b5 + a4 * b4 + a5 * b3 + a6 * b2 + a7 * b1 + a8 * b0 + m0 * 0xFFFFFFFUL + m2 * 0x1000000UL + m5 * 0xFFFUL + m6 * 0xFFFFFFFUL + m7 * 0xFFFFFFFUL;
            ulong m8 = c & 0xFFFFFFFUL;
            c += m8 * 0xFFFFFFFUL;
            c = (c >> 28) + a0 * b9 + a1 * b8 + a2 * b7 + a3 * b6 + a4 * b5 + a5 * b4 + a6 * b3 + a7 * b2 + a8 * b1 + a9 * b0 + m0 * 0xFUL + m1 * 0xFFFFFFFUL + m3 * 0x1000000UL + m6 * 0xFFFUL + m7 * 0xFFFFFFFUL + m8 * 0xFFFFFFFUL;
            ulong m9 = c & 0xFFFFFFFUL;
            c += m9 * 0xFFFFFFFUL;
            c = (c >> 28) + a1 * b9 + a2 * b8 + a3 * b7 + a4 * b6 + a5 * b5 + a6 * b4 + a7 * b3 + a8 * b2 + a9 * b1 + m1 * 0xFUL + m2 * 0xFFFFFFFUL + m4 * 0x1000000UL + m7 * 0xFFFUL + m8 * 0xFFFFFFFUL + m9 * 0xFFFFFFFUL;
            r[0] = c & 0xFFFFFFFUL;
            c = (c >> 28) + a2 * b9 + a3 * b8 + a4 * b7 + a5 * b6 + a6 * b5 + a7 * b4 + a8 * b3 + a9 * b2 + m2 * 0xFUL + m3 * 0xFFFFFFFUL + m5 * 0x1000000UL + m8 * 0xFFFUL + m9 * 0xFFFFFFFUL;
            r[1] = c & 0xFFFFFFFUL;
            c = (c >> 28) + a3 * b9 + a4 * b8 + a5 * b7 + a6 * b6 + a7 * b5 + a8 * b4 + a9 * b3 + m3 * 0xFUL + m4 * 0xFFFFFFFUL + m6 * 0x1000000UL + m9 * 0xFFFUL;
            r[2] = c & 0xFFFFFFFUL;
            c = (c >> 28) + a4 * b9 + a5 * b8 + a6 * b7 + a7 * b6 + a8 * b5 + a9 * b4 + m4 * 0xFUL + m5 * 0xFFFFFFFUL + m7 * 0x1000000UL;
            r[3] = c & 0xFFFFFFFUL;
            c = (c >> 28) + a5 * b9 + a6 * b8 + a7 * b7 + a8 * b6 + a9 * b5 + m5 * 0xFUL + m6 * 0xFFFFFFFUL + m8 * 0x1000000UL;
            r[4] = c & 0xFFFFFFFUL;
            c = (c >> 28) + a6 * b9 + a7 * b8 + a8 * b7 + a9 * b6 + m6 * 0xFUL + m7 * 0xFFFFFFFUL + m9 * 0x1000000UL;
            r[5] = c & 0xFFFFFFFUL;
            c = (c >> 28) + a7 * b9 + a8 * b8 + a9 * b7 + m7 * 0xFUL + m8 * 0xFFFFFFFUL;
            r[6] = c & 0xFFFFFFFUL;
            c = (c >> 28) + a8 * b9 + a9 * b8 + m8 * 0xFUL + m9 * 0xFFFFFFFUL;
            r[7] = c & 0xFFFFFFFUL;
            c = (c >> 28) + a9 * b9 + m9 * 0xFUL;
            r[8] = c & 0xFFFFFFFUL;
            r[9] = c >> 28;
        }

        /// <summary>r = a²·R⁻¹ mod p, as <see cref="Mul"/>.</summary>
        internal static void Sqr(ulong[] a, ulong[] r)
        {
            ulong a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6], a7 = a[7], a8 = a[8], a9 = a[9];
            ulong c;
            c = a0 * a0;
            ulong m0 = c & 0xFFFFFFFUL;
            c += m0 * 0xFFFFFFFUL;
            c = (c >> 28) + ((a0 * a1) << 1) + m0 * 0xFFFFFFFUL;
            ulong m1 = c & 0xFFFFFFFUL;
            c += m1 * 0xFFFFFFFUL;
            c = (c >> 28) + ((a0 * a2) << 1) + a1 * a1 + m0 * 0xFFFFFFFUL + m1 * 0xFFFFFFFUL;
            ulong m2 = c & 0xFFFFFFFUL;
            c += m2 * 0xFFFFFFFUL;
            c = (c >> 28) + ((a0 * a3 + a1 * a2) << 1) + m0 * 0xFFFUL + m1 * 0xFFFFFFFUL + m2 * 0xFFFFFFFUL;
            ulong m3 = c & 0xFFFFFFFUL;
            c += m3 * 0xFFFFFFFUL;
            c = (c >> 28) + ((a0 * a4 + a1 * a3) << 1) + a2 * a2 + m1 * 0xFFFUL + m2 * 0xFFFFFFFUL + m3 * 0xFFFFFFFUL;
            ulong m4 = c & 0xFFFFFFFUL;
            c += m4 * 0xFFFFFFFUL;
            c = (c >> 28) + ((a0 * a5 + a1 * a4 + a2 * a3) << 1) + m2 * 0xFFFUL + m3 * 0xFFFFFFFUL + m4 * 0xFFFFFFFUL;
            ulong m5 = c & 0xFFFFFFFUL;
            c += m5 * 0xFFFFFFFUL;
            c = (c >> 28) + ((a0 * a6 + a1 * a5 + a2 * a4) << 1) + a3 * a3 + m0 * 0x1000000UL + m3 * 0xFFFUL + m4 * 0xFFFFFFFUL + m5 * 0xFFFFFFFUL;
            ulong m6 = c & 0xFFFFFFFUL;
            c += m6 * 0xFFFFFFFUL;
            c = (c >> 28) + ((a0 * a7 + a1 * a6 + a2 * a5 + a3 * a4) << 1) + m1 * 0x1000000UL + m4 * 0xFFFUL + m5 * 0xFFFFFFFUL + m6 * 0xFFFFFFFUL;
            ulong m7 = c & 0xFFFFFFFUL;
            c += m7 * 0xFFFFFFFUL;
            c = (c >> 28) + ((a0 * a8 + a1 * a7 + a2 * a6 + a3 * a5) << 1) + a4 * a4 + m0 * 0xFFFFFFFUL + m2 * 0x1000000UL + m5 * 0xFFFUL + m6 * 0xFFFFFFFUL + m7 * 0xFFFFFFFUL;
            ulong m8 = c & 0xFFFFFFFUL;
            c += m8 * 0xFFFFFFFUL;
            c = (c >> 28) + ((a0 * a9 + a1 * a8 + a2 * a7 + a3 * a6 + a4 * a5) << 1) + m0 * 0xFUL + m1 * 0xFFFFFFFUL + m3 * 0x1000000UL + m6 * 0xFFFUL + m7 * 0xFFFFFFFUL + m8 * 0xFFFFFFFUL;
            ulong m9 = c & 0xFFFFFFFUL;
            c += m9 * 0xFFFFFFFUL;
            c = (c >> 28) + ((a1 * a9 + a2 * a8 + a3 * a7 + a4 * a6) << 1) + a5 * a5 + m1 * 0xFUL + m2 * 0xFFFFFFFUL + m4 * 0x1000000UL + m7 * 0xFFFUL + m8 * 0xFFFFFFFUL + m9 * 0xFFFFFFFUL;
            r[0] = c & 0xFFFFFFFUL;
            c = (c >> 28) + ((a2 * a9 + a3 * a8 + a4 * a7 + a5 * a6) << 1) + m2 * 0xFUL + m3 * 0xFFFFFFFUL + m5 * 0x1000000UL + m8 * 0xFFFUL + m9 * 0xFFFFFFFUL;
            r[1] = c & 0xFFFFFFFUL;
            c = (c >> 28) + ((a3 * a9 + a4 * a8 + a5 * a7) << 1) + a6 * a6 + m3 * 0xFUL + m4 * 0xFFFFFFFUL + m6 * 0x1000000UL + m9 * 0xFFFUL;
            r[2] = c & 0xFFFFFFFUL;
            c = (c >> 28) + ((a4 * a9 + a5 * a8 + a6 * a7) << 1) + m4 * 0xFUL + m5 * 0xFFFFFFFUL + m7 * 0x1000000UL;
            r[3] = c & 0xFFFFFFFUL;
            c = (c >> 28) + ((a5 * a9 + a6 * a8) << 1) + a7 * a7 + m5 * 0xFUL + m6 * 0xFFFFFFFUL + m8 * 0x1000000UL;
            r[4] = c & 0xFFFFFFFUL;
            c = (c >> 28) + ((a6 * a9 + a7 * a8) << 1) + m6 * 0xFUL + m7 * 0xFFFFFFFUL + m9 * 0x1000000UL;
            r[5] = c & 0xFFFFFFFUL;
            c = (c >> 28) + ((a7 * a9) << 1) + a8 * a8 + m7 * 0xFUL + m8 * 0xFFFFFFFUL;
            r[6] = c & 0xFFFFFFFUL;
            c = (c >> 28) + ((a8 * a9) << 1) + m8 * 0xFUL + m9 * 0xFFFFFFFUL;
            r[7] = c & 0xFFFFFFFUL;
            c = (c >> 28) + a9 * a9 + m9 * 0xFUL;
            r[8] = c & 0xFFFFFFFUL;
            r[9] = c >> 28;
        }

        /// <summary>r = a + b mod p for a, b below p (result below p); r may alias a or b.</summary>
        internal static void Add(ulong[] a, ulong[] b, ulong[] r)
        {
            ulong c = a[0] + b[0];
            ulong s0 = c & 0xFFFFFFFUL;
            c = (c >> 28) + a[1] + b[1];
            ulong s1 = c & 0xFFFFFFFUL;
            c = (c >> 28) + a[2] + b[2];
            ulong s2 = c & 0xFFFFFFFUL;
            c = (c >> 28) + a[3] + b[3];
            ulong s3 = c & 0xFFFFFFFUL;
            c = (c >> 28) + a[4] + b[4];
            ulong s4 = c & 0xFFFFFFFUL;
            c = (c >> 28) + a[5] + b[5];
            ulong s5 = c & 0xFFFFFFFUL;
            c = (c >> 28) + a[6] + b[6];
            ulong s6 = c & 0xFFFFFFFUL;
            c = (c >> 28) + a[7] + b[7];
            ulong s7 = c & 0xFFFFFFFUL;
            c = (c >> 28) + a[8] + b[8];
            ulong s8 = c & 0xFFFFFFFUL;
            c = (c >> 28) + a[9] + b[9];
            ulong s9 = c;
            ulong d = s0 - 0xFFFFFFFUL;
            ulong t0 = d & 0xFFFFFFFUL;
            d = s1 - 0xFFFFFFFUL - (d >> 63);
            ulong t1 = d & 0xFFFFFFFUL;
            d = s2 - 0xFFFFFFFUL - (d >> 63);
            ulong t2 = d & 0xFFFFFFFUL;
            d = s3 - 0xFFFUL - (d >> 63);
            ulong t3 = d & 0xFFFFFFFUL;
            d = s4 - (d >> 63);
            ulong t4 = d & 0xFFFFFFFUL;
            d = s5 - (d >> 63);
            ulong t5 = d & 0xFFFFFFFUL;
            d = s6 - 0x1000000UL - (d >> 63);
            ulong t6 = d & 0xFFFFFFFUL;
            d = s7 - (d >> 63);
            ulong t7 = d & 0xFFFFFFFUL;
            d = s8 - 0xFFFFFFFUL - (d >> 63);
            ulong t8 = d & 0xFFFFFFFUL;
            d = s9 - 0xFUL - (d >> 63);
            if ((d >> 63) != 0)
            {
                r[0] = s0;
                r[1] = s1;
                r[2] = s2;
                r[3] = s3;
                r[4] = s4;
                r[5] = s5;
                r[6] = s6;
                r[7] = s7;
                r[8] = s8;
                r[9] = s9;
            }
            else
            {
                r[0] = t0;
                r[1] = t1;
                r[2] = t2;
                r[3] = t3;
                r[4] = t4;
                r[5] = t5;
                r[6] = t6;
                r[7] = t7;
                r[8] = t8;
                r[9] = d;
            }
        }

        /// <summary>r = a − b mod p for a, b below p (result below p); r may alias a or b.</summary>
        internal static void Sub(ulong[] a, ulong[] b, ulong[] r)
        {
            ulong d = a[0] - b[0];
            ulong s0 = d & 0xFFFFFFFUL;
            d = a[1] - b[1] - (d >> 63);
            ulong s1 = d & 0xFFFFFFFUL;
            d = a[2] - b[2] - (d >> 63);
            ulong s2 = d & 0xFFFFFFFUL;
            d = a[3] - b[3] - (d >> 63);
            ulong s3 = d & 0xFFFFFFFUL;
            d = a[4] - b[4] - (d >> 63);
            ulong s4 = d & 0xFFFFFFFUL;
            d = a[5] - b[5] - (d >> 63);
            ulong s5 = d & 0xFFFFFFFUL;
            d = a[6] - b[6] - (d >> 63);
            ulong s6 = d & 0xFFFFFFFUL;
            d = a[7] - b[7] - (d >> 63);
            ulong s7 = d & 0xFFFFFFFUL;
            d = a[8] - b[8] - (d >> 63);
            ulong s8 = d & 0xFFFFFFFUL;
            d = a[9] - b[9] - (d >> 63);
            ulong s9 = d & 0xFFFFFFFUL;
            if ((d >> 63) != 0)
            {
                ulong c = s0 + 0xFFFFFFFUL;
                r[0] = c & 0xFFFFFFFUL;
                c = (c >> 28) + s1 + 0xFFFFFFFUL;
                r[1] = c & 0xFFFFFFFUL;
                c = (c >> 28) + s2 + 0xFFFFFFFUL;
                r[2] = c & 0xFFFFFFFUL;
                c = (c >> 28) + s3 + 0xFFFUL;
                r[3] = c & 0xFFFFFFFUL;
                c = (c >> 28) + s4;
                r[4] = c & 0xFFFFFFFUL;
                c = (c >> 28) + s5;
                r[5] = c & 0xFFFFFFFUL;
                c = (c >> 28) + s6 + 0x1000000UL;
                r[6] = c & 0xFFFFFFFUL;
                c = (c >> 28) + s7;
                r[7] = c & 0xFFFFFFFUL;
                c = (c >> 28) + s8 + 0xFFFFFFFUL;
                r[8] = c & 0xFFFFFFFUL;
                c = (c >> 28) + s9 + 0xFUL;
                r[9] = c & 0xFFFFFFFUL;
            }
            else
            {
                r[0] = s0;
                r[1] = s1;
                r[2] = s2;
                r[3] = s3;
                r[4] = s4;
                r[5] = s5;
                r[6] = s6;
                r[7] = s7;
                r[8] = s8;
                r[9] = s9;
            }
        }

        /// <summary>Reduces a value below 2p to below p.</summary>
        internal static void Reduce(ulong[] a)
        {
            ulong a9 = a[9];
            if (a9 < 0xFUL) return; // below 15·2^252 < p
            ulong d = a[0] - 0xFFFFFFFUL;
            ulong t0 = d & 0xFFFFFFFUL;
            d = a[1] - 0xFFFFFFFUL - (d >> 63);
            ulong t1 = d & 0xFFFFFFFUL;
            d = a[2] - 0xFFFFFFFUL - (d >> 63);
            ulong t2 = d & 0xFFFFFFFUL;
            d = a[3] - 0xFFFUL - (d >> 63);
            ulong t3 = d & 0xFFFFFFFUL;
            d = a[4] - (d >> 63);
            ulong t4 = d & 0xFFFFFFFUL;
            d = a[5] - (d >> 63);
            ulong t5 = d & 0xFFFFFFFUL;
            d = a[6] - 0x1000000UL - (d >> 63);
            ulong t6 = d & 0xFFFFFFFUL;
            d = a[7] - (d >> 63);
            ulong t7 = d & 0xFFFFFFFUL;
            d = a[8] - 0xFFFFFFFUL - (d >> 63);
            ulong t8 = d & 0xFFFFFFFUL;
            d = a9 - 0xFUL - (d >> 63);
            if ((d >> 63) != 0) return;
            a[0] = t0;
            a[1] = t1;
            a[2] = t2;
            a[3] = t3;
            a[4] = t4;
            a[5] = t5;
            a[6] = t6;
            a[7] = t7;
            a[8] = t8;
            a[9] = d;
        }
    }

    /// <summary>
    /// Montgomery multiplication modulo the P-256 group order n, unrolled like <see cref="P256Field"/>
    /// (10 limbs of 28 bits, R = 2^280 &gt; 4n, inputs below 2n give outputs below 2n); n′ = −n⁻¹ mod 2^28.
    /// Used for s⁻¹ (Fermat) and u1 = e/s, u2 = r/s.
    /// </summary>
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

    }
}
