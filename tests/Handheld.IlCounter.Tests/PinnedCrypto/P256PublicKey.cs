namespace Handheld.Core.Crypto
{
    /// <summary>
    /// An ECDSA P-256 public key (FIPS 186-4 §6.4 / SEC 1 §4.1.4 verification), point validated on the curve
    /// when prepared. Field and scalar arithmetic are the unrolled <see cref="P256Field"/> and <see cref="P256Scalar"/>
    /// (10 limbs of 28 bits); coordinates are Jacobian in the Montgomery domain, curve a = −3. Scratch buffers are allocated once:
    /// not thread-safe.
    /// </summary>
    internal sealed class P256PublicKey
    {
        private static readonly byte[] PBytes = Hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
        private static readonly byte[] NBytes = Hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
        private static readonly byte[] BBytes = Hex("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");
        private static readonly byte[] GxBytes = Hex("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296");
        private static readonly byte[] GyBytes = Hex("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5");

        // Used only for parsing, comparisons and limb-wise add/subtract (never Mul, whose scratch buffer would
        // make sharing unsafe), so one pair serves every key.
        private static readonly Montgomery s_fp = new Montgomery(PBytes, 0, 32, 256);
        private static readonly Montgomery s_fn = new Montgomery(NBytes, 0, 32, 256);
        // Fermat exponents: field inversion a^(p−2), scalar inversion s^(n−2).
        private static readonly byte[] PMinus2 = Hex("ffffffff00000001000000000000000000000000fffffffffffffffffffffffd");
        private static readonly byte[] NMinus2 = Hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc63254f");

        // Affine multiples k·G and k·Q (k = 1..15, index k), Montgomery domain, for 4-bit fixed windows on
        // both scalars: 64 windows of 4 doublings and at most two mixed additions. The G table is the same for
        // every key: built by the first key and shared (published whole, so a race only builds it twice).
        private static ulong[][] s_gx, s_gy;
        private ulong[][] _gx, _gy;
        private readonly ulong[][] _qx = new ulong[16][];
        private readonly ulong[][] _qy = new ulong[16][];
        private readonly ulong[] _one;
        private readonly ulong[] _x, _y, _z;
        private readonly ulong[] _t1, _t2, _t3, _t4, _t5, _t6, _t7;
        private readonly ulong[] _r, _s, _e, _w, _u1, _u2;

        private P256PublicKey()
        {
            for (int i = 1; i < 16; i++)
            {
                _qx[i] = s_fp.NewLimbs();
                _qy[i] = s_fp.NewLimbs();
            }
            _one = s_fp.NewLimbs();
            _x = s_fp.NewLimbs(); _y = s_fp.NewLimbs(); _z = s_fp.NewLimbs();
            _t1 = s_fp.NewLimbs(); _t2 = s_fp.NewLimbs(); _t3 = s_fp.NewLimbs(); _t4 = s_fp.NewLimbs();
            _t5 = s_fp.NewLimbs(); _t6 = s_fp.NewLimbs(); _t7 = s_fp.NewLimbs();
            _r = s_fn.NewLimbs(); _s = s_fn.NewLimbs(); _e = s_fn.NewLimbs(); _w = s_fn.NewLimbs();
            _u1 = s_fn.NewLimbs(); _u2 = s_fn.NewLimbs();
        }

        /// <summary>Parses the SPKI and validates the point (coordinates below p, on the curve); null otherwise.</summary>
        internal static P256PublicKey Create(byte[] spki)
        {
            int xy;
            if (!SubjectPublicKeyInfo.TryParseP256(spki, out xy)) return null;
            P256PublicKey k = new P256PublicKey();
            return k.Load(spki, xy) ? k : null;
        }

        private bool Load(byte[] spki, int xy)
        {
            Montgomery f = s_fp;
            ulong[] qx = _qx[1], qy = _qy[1];
            f.FromBytes(spki, xy, 32, qx);
            f.FromBytes(spki, xy + 32, 32, qy);
            if (f.Compare(qx, f.N) >= 0 || f.Compare(qy, f.N) >= 0) return false;
            ToMont(qx);
            ToMont(qy);
            // y² = x³ − 3x + b
            ulong[] lhs = _t1, rhs = _t2, b = _t3;
            FMul(qy, qy, lhs);
            FMul(qx, qx, rhs);
            FMul(rhs, qx, rhs);
            FSub(rhs, qx, rhs);
            FSub(rhs, qx, rhs);
            FSub(rhs, qx, rhs);
            f.FromBytes(BBytes, 0, 32, b);
            ToMont(b);
            FAdd(rhs, b, rhs);
            if (f.Compare(lhs, rhs) != 0) return false;
            One(_one);
            BuildTable(_qx, _qy);
            ulong[][] gx = s_gx, gy = s_gy;
            if (gx == null)
            {
                gx = new ulong[16][];
                gy = new ulong[16][];
                for (int i = 1; i < 16; i++)
                {
                    gx[i] = f.NewLimbs();
                    gy[i] = f.NewLimbs();
                }
                f.FromBytes(GxBytes, 0, 32, gx[1]);
                f.FromBytes(GyBytes, 0, 32, gy[1]);
                ToMont(gx[1]);
                ToMont(gy[1]);
                BuildTable(gx, gy);
                s_gy = gy;
                s_gx = gx;
            }
            _gx = gx;
            _gy = gy;
            return true;
        }

        // Fills x[k], y[k] (k = 2..15) with the affine k·P from P = (x[1], y[1]): Jacobian multiples (k·P as
        // (k−1)·P plus the affine P, a mixed addition), then one
        // field inversion for all fifteen Z (Montgomery's simultaneous inversion). P has prime order n, so no
        // multiple below n is the point at infinity.
        private void BuildTable(ulong[][] x, ulong[][] y)
        {
            Montgomery f = s_fp;
            ulong[][] z = new ulong[16][];
            ulong[][] c = new ulong[16][];
            for (int i = 1; i < 16; i++)
            {
                z[i] = f.NewLimbs();
                c[i] = f.NewLimbs();
            }
            Copy(_one, z[1]);
            Copy(x[1], x[2]); Copy(y[1], y[2]); Copy(z[1], z[2]);
            Double(x[2], y[2], z[2]);
            for (int k = 3; k < 16; k++)
            {
                Copy(x[k - 1], x[k]); Copy(y[k - 1], y[k]); Copy(z[k - 1], z[k]);
                MAdd(x[k], y[k], z[k], x[1], y[1]);
            }
            // c[k] = z[1]·…·z[k]; inv = 1/c[15]; walking down, 1/z[k] = inv·c[k−1], then inv ← inv·z[k].
            Copy(z[1], c[1]);
            for (int k = 2; k < 16; k++) FMul(c[k - 1], z[k], c[k]);
            ulong[] inv = _t6, zi = _t7, zz = _t3;
            Invert(c[15], inv);
            for (int k = 15; k >= 1; k--)
            {
                if (k > 1)
                {
                    FMul(inv, c[k - 1], zi);
                    FMul(inv, z[k], inv);
                }
                else
                {
                    Copy(inv, zi);
                }
                FMul(zi, zi, zz);
                FMul(x[k], zz, x[k]);
                FMul(zz, zi, zz);
                FMul(y[k], zz, y[k]);
            }
        }

        // r = a⁻¹ (Montgomery domain in and out) as a^(p−2), left-to-right square-and-multiply.
        private void Invert(ulong[] a, ulong[] r)
        {
            byte[] x = PMinus2;
            Copy(a, r);
            for (int bit = 254; bit >= 0; bit--)
            {
                FMul(r, r, r);
                if (((x[31 - (bit >> 3)] >> (bit & 7)) & 1) != 0) FMul(r, a, r);
            }
        }

        /// <summary>Verifies r‖s (64 bytes) over a 32-byte SHA-256 digest.</summary>
        internal bool Verify(byte[] digest, byte[] sig, int offset, int length)
        {
            if (digest == null || digest.Length != 32 || sig == null || offset < 0 || length != 64
                || offset > sig.Length - length)
            {
                return false;
            }
            Montgomery fn = s_fn;
            ulong[] r = _r, s = _s, e = _e, w = _w, u1 = _u1, u2 = _u2;
            fn.FromBytes(sig, offset, 32, r);
            fn.FromBytes(sig, offset + 32, 32, s);
            // 1 ≤ r, s ≤ n − 1 (SEC 1 §4.1.4 step 1).
            if (fn.IsZero(r) || fn.IsZero(s) || fn.Compare(r, fn.N) >= 0 || fn.Compare(s, fn.N) >= 0) return false;
            // e = digest as an integer (256 bits, no truncation needed); below 2n, the multiplier input bound.
            fn.FromBytes(digest, 0, 32, e);
            // w = s^(n−2)·R (Fermat), then u1 = e·w·R⁻¹ = e/s and u2 = r/s, outside the Montgomery domain.
            ulong[] sm = u1;
            P256Scalar.Mul(s, P256Scalar.R2, sm);
            Copy(sm, w);
            byte[] x = NMinus2;
            for (int bit = 254; bit >= 0; bit--)
            {
                P256Scalar.Sqr(w, w);
                if (((x[31 - (bit >> 3)] >> (bit & 7)) & 1) != 0) P256Scalar.Mul(w, sm, w);
            }
            P256Scalar.Mul(e, w, u1);
            fn.ReduceOnce(u1);
            P256Scalar.Mul(r, w, u2);
            fn.ReduceOnce(u2);

            // R = u1·G + u2·Q with 4-bit fixed windows on both scalars (Shamir/Straus interleaving): 252
            // doublings and at most 128 mixed additions of affine table points.
            ulong[] X = _x, Y = _y, Z = _z;
            for (int i = 0; i < fn.Size; i++) { X[i] = 0; Y[i] = 0; Z[i] = 0; }
            ulong[][] gx = _gx, gy = _gy, qx = _qx, qy = _qy;
            bool started = false;
            int wbits = fn.W;
            for (int bit = 252; bit >= 0; bit -= 4)
            {
                if (started)
                {
                    Double(X, Y, Z);
                    Double(X, Y, Z);
                    Double(X, Y, Z);
                    Double(X, Y, Z);
                }
                int limb = bit / wbits, shift = bit - limb * wbits;
                int dg = (int)((u1[limb] >> shift) & 15);
                int dq = (int)((u2[limb] >> shift) & 15);
                if (dg != 0) { MAdd(X, Y, Z, gx[dg], gy[dg]); started = true; }
                if (dq != 0) { MAdd(X, Y, Z, qx[dq], qy[dq]); started = true; }
            }
            Montgomery fp = s_fp;
            if (fp.IsZero(Z)) return false;
            // x(R) mod n == r  ⇔  X == r·Z² or, when r + n < p, X == (r + n)·Z² (mod p): no inversion needed.
            ulong[] zz = _t1, cand = _t2;
            FMul(Z, Z, zz);
            Copy(r, cand);
            ToMont(cand);
            FMul(cand, zz, cand);
            if (fp.Compare(cand, X) == 0) return true;
            fn.Add(r, fn.N, cand);
            if (fp.Compare(cand, fp.N) >= 0) return false;
            ToMont(cand);
            FMul(cand, zz, cand);
            return fp.Compare(cand, X) == 0;
        }

        // Doubling, Jacobian, a = −3 ("dbl-2001-b", Bernstein–Lange EFD, with Z3 = 2·Y·Z): 4M + 4S.
        private void Double(ulong[] x, ulong[] y, ulong[] z)
        {
            ulong[] delta = _t1, gamma = _t2, beta = _t3, alpha = _t4, t = _t5;
            FMul(z, z, delta);
            FMul(y, y, gamma);
            FMul(x, gamma, beta);
            FSub(x, delta, t);
            FAdd(x, delta, alpha);
            FMul(t, alpha, alpha);
            FAdd(alpha, alpha, t);
            FAdd(alpha, t, alpha);           // alpha = 3(x − δ)(x + δ)
            FMul(y, z, z);
            FAdd(z, z, z);                   // z3 = 2yz (cheaper here than (y + z)² − γ − δ)
            FAdd(beta, beta, beta);
            FAdd(beta, beta, beta);          // 4β
            FMul(alpha, alpha, x);
            FSub(x, beta, x);
            FSub(x, beta, x);                // x3 = α² − 8β
            FSub(beta, x, beta);
            FMul(alpha, beta, y);
            FMul(gamma, gamma, gamma);
            FAdd(gamma, gamma, gamma);
            FAdd(gamma, gamma, gamma);
            FAdd(gamma, gamma, gamma);
            FSub(y, gamma, y);               // y3 = α(4β − x3) − 8γ²
        }

        // (x1, y1, z1) += (x2, y2, 1): mixed Jacobian–affine addition ("madd-2004-hmv", 8M + 3S), with the
        // special cases (accumulator at infinity, equal points → doubling, opposite points → infinity).
        private void MAdd(ulong[] x1, ulong[] y1, ulong[] z1, ulong[] x2, ulong[] y2)
        {
            Montgomery f = s_fp;
            if (f.IsZero(z1))
            {
                Copy(x2, x1); Copy(y2, y1); Copy(_one, z1);
                return;
            }
            ulong[] t1 = _t1, t2 = _t2, h = _t3, r = _t4, t5 = _t5;
            FMul(z1, z1, t1);                // Z1²
            FMul(z1, t1, t2);                // Z1³
            FMul(x2, t1, t1);                // U2 = X2·Z1²
            FMul(y2, t2, t2);                // S2 = Y2·Z1³
            FSub(t1, x1, h);                 // H = U2 − X1
            FSub(t2, y1, r);                 // r = S2 − Y1
            if (f.IsZero(h))
            {
                if (f.IsZero(r)) Double(x1, y1, z1);
                else for (int i = 0; i < f.Size; i++) z1[i] = 0;
                return;
            }
            FMul(z1, h, z1);                 // Z3 = Z1·H
            FMul(h, h, t1);                  // HH
            FMul(h, t1, t2);                 // HHH
            FMul(x1, t1, t5);                // V = X1·HH
            FMul(r, r, x1);
            FSub(x1, t2, x1);
            FSub(x1, t5, x1);
            FSub(x1, t5, x1);                // X3 = r² − HHH − 2V
            FSub(t5, x1, t5);
            FMul(y1, t2, t2);                // Y1·HHH
            FMul(r, t5, y1);
            FSub(y1, t2, y1);                // Y3 = r(V − X3) − Y1·HHH
        }

        private static void FMul(ulong[] a, ulong[] b, ulong[] r)
        {
            if (a == b) P256Field.Sqr(a, r);
            else P256Field.Mul(a, b, r);
            P256Field.Reduce(r);
        }

        private static void FAdd(ulong[] a, ulong[] b, ulong[] r)
        {
            P256Field.Add(a, b, r);
        }

        private static void FSub(ulong[] a, ulong[] b, ulong[] r)
        {
            P256Field.Sub(a, b, r);
        }

        private void ToMont(ulong[] a)
        {
            P256Field.Mul(a, P256Field.R2, a);
            P256Field.Reduce(a);
        }

        private void One(ulong[] a)
        {
            for (int i = 0; i < a.Length; i++) a[i] = 0;
            a[0] = 1;
            ToMont(a);
        }

        private static void Copy(ulong[] src, ulong[] dst)
        {
            System.Array.Copy(src, 0, dst, 0, src.Length);
        }

        private static byte[] Hex(string hex)
        {
            char[] s = hex.ToCharArray(); // never index a string in a loop: s[i] walks it on nanoCLR
            byte[] b = new byte[s.Length / 2];
            for (int i = 0; i < b.Length; i++) b[i] = (byte)((Nibble(s[2 * i]) << 4) | Nibble(s[2 * i + 1]));
            return b;
        }

        private static int Nibble(char c)
        {
            return c <= '9' ? c - '0' : c - 'a' + 10;
        }
    }
}
