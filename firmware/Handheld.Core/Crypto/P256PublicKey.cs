namespace Handheld.Core.Crypto
{
    /// <summary>
    /// An ECDSA P-256 public key (FIPS 186-4 §6.4 / SEC 1 §4.1.4 verification), point validated on the curve
    /// when prepared. Field and scalar arithmetic reuse <see cref="Montgomery"/> (12 limbs of 28 bits);
    /// coordinates are Jacobian in the Montgomery domain, curve a = −3. Scratch buffers are allocated once:
    /// not thread-safe.
    /// </summary>
    internal sealed class P256PublicKey
    {
        private static readonly byte[] PBytes = Hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
        private static readonly byte[] NBytes = Hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
        private static readonly byte[] BBytes = Hex("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");
        private static readonly byte[] GxBytes = Hex("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296");
        private static readonly byte[] GyBytes = Hex("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5");

        private readonly Montgomery _fp;
        private readonly Montgomery _fn;
        // Table for Shamir's trick, Jacobian, Montgomery domain: [1] = G, [2] = Q, [3] = G + Q.
        private readonly ulong[][] _tx = new ulong[4][];
        private readonly ulong[][] _ty = new ulong[4][];
        private readonly ulong[][] _tz = new ulong[4][];
        private readonly ulong[] _x, _y, _z;
        private readonly ulong[] _t1, _t2, _t3, _t4, _t5, _t6, _t7;
        private readonly ulong[] _r, _s, _e, _w, _u1, _u2;
        private readonly byte[] _nMinus2;

        private P256PublicKey()
        {
            _fp = new Montgomery(PBytes, 0, 32, 256);
            _fn = new Montgomery(NBytes, 0, 32, 256);
            for (int i = 0; i < 4; i++)
            {
                _tx[i] = _fp.NewLimbs();
                _ty[i] = _fp.NewLimbs();
                _tz[i] = _fp.NewLimbs();
            }
            _x = _fp.NewLimbs(); _y = _fp.NewLimbs(); _z = _fp.NewLimbs();
            _t1 = _fp.NewLimbs(); _t2 = _fp.NewLimbs(); _t3 = _fp.NewLimbs(); _t4 = _fp.NewLimbs();
            _t5 = _fp.NewLimbs(); _t6 = _fp.NewLimbs(); _t7 = _fp.NewLimbs();
            _r = _fn.NewLimbs(); _s = _fn.NewLimbs(); _e = _fn.NewLimbs(); _w = _fn.NewLimbs();
            _u1 = _fn.NewLimbs(); _u2 = _fn.NewLimbs();
            _nMinus2 = new byte[32];
            System.Array.Copy(NBytes, 0, _nMinus2, 0, 32);
            _nMinus2[31] -= 2;
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
            Montgomery f = _fp;
            ulong[] qx = _tx[2], qy = _ty[2], qz = _tz[2];
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
            One(qz);
            f.FromBytes(GxBytes, 0, 32, _tx[1]);
            f.FromBytes(GyBytes, 0, 32, _ty[1]);
            ToMont(_tx[1]);
            ToMont(_ty[1]);
            One(_tz[1]);
            // G + Q; Q = ±G gives doubling or the point at infinity, both handled by Add.
            Copy(_tx[1], _tx[3]); Copy(_ty[1], _ty[3]); Copy(_tz[1], _tz[3]);
            Add(_tx[3], _ty[3], _tz[3], qx, qy, qz);
            return true;
        }

        /// <summary>Verifies r‖s (64 bytes) over a 32-byte SHA-256 digest.</summary>
        internal bool Verify(byte[] digest, byte[] sig, int offset, int length)
        {
            if (digest == null || digest.Length != 32 || sig == null || offset < 0 || length != 64
                || offset > sig.Length - length)
            {
                return false;
            }
            Montgomery fn = _fn;
            ulong[] r = _r, s = _s, e = _e, w = _w, u1 = _u1, u2 = _u2;
            fn.FromBytes(sig, offset, 32, r);
            fn.FromBytes(sig, offset + 32, 32, s);
            // 1 ≤ r, s ≤ n − 1 (SEC 1 §4.1.4 step 1).
            if (fn.IsZero(r) || fn.IsZero(s) || fn.Compare(r, fn.N) >= 0 || fn.Compare(s, fn.N) >= 0) return false;
            // e = digest as an integer (256 bits, no truncation needed); below 2n, the multiplier input bound.
            fn.FromBytes(digest, 0, 32, e);
            // w = s^(n−2)·R (Fermat), then u1 = e·w·R⁻¹ = e/s and u2 = r/s, outside the Montgomery domain.
            ulong[] sm = u1;
            fn.Mul(s, fn.R2, sm);
            Copy(sm, w);
            byte[] x = _nMinus2;
            for (int bit = 254; bit >= 0; bit--)
            {
                fn.Mul(w, w, w);
                if (((x[31 - (bit >> 3)] >> (bit & 7)) & 1) != 0) fn.Mul(w, sm, w);
            }
            fn.Mul(e, w, u1);
            fn.ReduceOnce(u1);
            fn.Mul(r, w, u2);
            fn.ReduceOnce(u2);

            // Shamir's trick: R = u1·G + u2·Q, one doubling per bit and at most one addition.
            ulong[] X = _x, Y = _y, Z = _z;
            for (int i = 0; i < fn.Size; i++) { X[i] = 0; Y[i] = 0; Z[i] = 0; }
            X[0] = 1; Y[0] = 1; // any point with Z = 0 is the point at infinity
            int wbits = fn.W;
            for (int bit = 255; bit >= 0; bit--)
            {
                Double(X, Y, Z);
                int limb = bit / wbits, shift = bit - limb * wbits;
                int idx = (int)((u1[limb] >> shift) & 1) | ((int)((u2[limb] >> shift) & 1) << 1);
                if (idx != 0) Add(X, Y, Z, _tx[idx], _ty[idx], _tz[idx]);
            }
            Montgomery fp = _fp;
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

        // Doubling, Jacobian, a = −3 ("dbl-2001-b", Bernstein–Lange EFD).
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
            FAdd(y, z, z);
            FMul(z, z, z);
            FSub(z, gamma, z);
            FSub(z, delta, z);               // z3 = (y + z)² − γ − δ
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

        // (x1, y1, z1) += (x2, y2, z2), general Jacobian addition ("add-2007-bl"), with the special cases.
        private void Add(ulong[] x1, ulong[] y1, ulong[] z1, ulong[] x2, ulong[] y2, ulong[] z2)
        {
            Montgomery f = _fp;
            if (f.IsZero(z2)) return;
            if (f.IsZero(z1))
            {
                Copy(x2, x1); Copy(y2, y1); Copy(z2, z1);
                return;
            }
            ulong[] z1z1 = _t1, z2z2 = _t2, u1 = _t3, u2 = _t4, s1 = _t5, s2 = _t6, h = _t7;
            FMul(z1, z1, z1z1);
            FMul(z2, z2, z2z2);
            FMul(x1, z2z2, u1);
            FMul(x2, z1z1, u2);
            FMul(y1, z2, s1);
            FMul(s1, z2z2, s1);
            FMul(y2, z1, s2);
            FMul(s2, z1z1, s2);
            FSub(u2, u1, h);
            FSub(s2, s1, s2);                // s2 := S2 − S1
            if (f.IsZero(h))
            {
                if (f.IsZero(s2))
                {
                    Double(x1, y1, z1);
                }
                else
                {
                    for (int i = 0; i < f.Size; i++) z1[i] = 0;
                }
                return;
            }
            FAdd(s2, s2, s2);                // r = 2(S2 − S1)
            FAdd(z1, z2, z1);
            FMul(z1, z1, z1);
            FSub(z1, z1z1, z1);
            FSub(z1, z2z2, z1);
            FMul(z1, h, z1);                 // z3 = ((z1 + z2)² − z1z1 − z2z2)·H
            ulong[] i2 = z1z1, j = z2z2, v = u2;
            FAdd(h, h, i2);
            FMul(i2, i2, i2);                // I = (2H)²
            FMul(h, i2, j);                  // J = H·I
            FMul(u1, i2, v);                 // V = U1·I
            FMul(s2, s2, x1);
            FSub(x1, j, x1);
            FSub(x1, v, x1);
            FSub(x1, v, x1);                 // x3 = r² − J − 2V
            FSub(v, x1, v);
            FMul(s2, v, y1);
            FMul(s1, j, s1);
            FSub(y1, s1, y1);
            FSub(y1, s1, y1);                // y3 = r(V − x3) − 2·S1·J
        }

        private void FMul(ulong[] a, ulong[] b, ulong[] r)
        {
            _fp.Mul(a, b, r);
            _fp.ReduceOnce(r);
        }

        private void FAdd(ulong[] a, ulong[] b, ulong[] r)
        {
            _fp.Add(a, b, r);
            _fp.ReduceOnce(r);
        }

        private void FSub(ulong[] a, ulong[] b, ulong[] r)
        {
            Montgomery f = _fp;
            int w = f.W;
            ulong mask = f.Mask;
            ulong borrow = 0;
            for (int i = 0; i < f.L; i++)
            {
                ulong d = a[i] - b[i] - borrow;
                r[i] = d & mask;
                borrow = d >> 63;
            }
            if (borrow != 0)
            {
                ulong[] p = f.N;
                ulong carry = 0;
                for (int i = 0; i < f.L; i++)
                {
                    carry += r[i] + p[i];
                    r[i] = carry & mask;
                    carry >>= w;
                }
                // The carry out of the top limb cancels the borrow.
                r[f.L - 1] &= mask;
            }
        }

        private void ToMont(ulong[] a)
        {
            _fp.Mul(a, _fp.R2, a);
            _fp.ReduceOnce(a);
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

        private static byte[] Hex(string s)
        {
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
