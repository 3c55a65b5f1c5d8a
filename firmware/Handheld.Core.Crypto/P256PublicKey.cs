namespace Handheld.Core.Crypto
{
    /// <summary>
    /// An ECDSA P-256 public key (FIPS 186-4 §6.4 / SEC 1 §4.1.4 verification), point validated on the curve
    /// when prepared. Field arithmetic is <see cref="P256Field"/> (normalised, unreduced values: the bounds in
    /// its summary are kept by the formulas here), scalar arithmetic <see cref="P256Scalar"/>; coordinates are
    /// Jacobian in the Montgomery domain, curve a = −3. u1·G + u2·Q interleaves a width-7 wNAF of u1 over the
    /// constant table <see cref="P256GTable"/> with a width-5 wNAF of u2 over this key's table of 1·Q … 15·Q.
    /// Scratch buffers are allocated once: not thread-safe.
    /// </summary>
    internal sealed class P256PublicKey
    {
        private static readonly byte[] PBytes = Hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
        private static readonly byte[] NBytes = Hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
        private static readonly byte[] BBytes = Hex("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");

        // Used only for parsing, comparisons and limb-wise add/subtract (never Mul, whose scratch buffer would
        // make sharing unsafe), so one pair serves every key.
        private static readonly Montgomery s_fp = new Montgomery(PBytes, 0, 32, 256);
        private static readonly Montgomery s_fn = new Montgomery(NBytes, 0, 32, 256);

        private const int GWidth = 7, QWidth = 5, QPoints = 8, Digits = 257;

        // The validated point (Montgomery domain, below 2p); everything below is allocated and filled on the
        // first verification: a trust list's keys are prepared at boot, most are not used before the next list.
        private readonly ulong[] _px, _py;
        private bool _ready;
        // Affine (2i + 1)·Q, i = 0..7, 10 limbs each at offset 10·i (below 2p).
        private ulong[] _qx, _qy;
        private ulong[] _x, _y, _z, _ax, _ay;
        private ulong[] _t1, _t2, _t3, _t4, _t5, _t6;
        private ulong[] _r, _s, _e, _w, _u1, _u2;
        private ulong[][] _pow;
        private sbyte[] _ng, _nq;

        private P256PublicKey()
        {
            _px = s_fp.NewLimbs();
            _py = s_fp.NewLimbs();
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
            ulong[] qx = _px, qy = _py;
            f.FromBytes(spki, xy, 32, qx);
            f.FromBytes(spki, xy + 32, 32, qy);
            if (f.Compare(qx, f.N) >= 0 || f.Compare(qy, f.N) >= 0) return false;
            P256Field.Mul(qx, P256Field.R2, qx);
            P256Field.Mul(qy, P256Field.R2, qy);
            // y² = x³ − 3x + b (scratch only for this check)
            ulong[] lhs = f.NewLimbs(), rhs = f.NewLimbs(), b = f.NewLimbs(), t = f.NewLimbs();
            P256Field.Sqr(qy, lhs);
            P256Field.Sqr(qx, rhs);
            P256Field.Mul(rhs, qx, rhs);
            P256Field.Add(qx, qx, t);
            P256Field.Add(t, qx, t);
            P256Field.Sub(rhs, t, rhs);
            f.FromBytes(BBytes, 0, 32, b);
            P256Field.Mul(b, P256Field.R2, b);
            P256Field.Add(rhs, b, rhs);
            P256Field.Canonical(lhs, t);
            P256Field.Canonical(rhs, b);
            return P256Field.Equal(t, b);
        }

        // First use: scratch buffers and the affine odd multiples of Q.
        private void EnsureReady()
        {
            if (_ready) return;
            Montgomery f = s_fp;
            _qx = new ulong[10 * QPoints];
            _qy = new ulong[10 * QPoints];
            _x = f.NewLimbs(); _y = f.NewLimbs(); _z = f.NewLimbs(); _ax = f.NewLimbs(); _ay = f.NewLimbs();
            _t1 = f.NewLimbs(); _t2 = f.NewLimbs(); _t3 = f.NewLimbs(); _t4 = f.NewLimbs();
            _t5 = f.NewLimbs(); _t6 = f.NewLimbs();
            _r = s_fn.NewLimbs(); _s = s_fn.NewLimbs(); _e = s_fn.NewLimbs(); _w = s_fn.NewLimbs();
            _u1 = s_fn.NewLimbs(); _u2 = s_fn.NewLimbs();
            _pow = new ulong[8][];
            for (int i = 0; i < 8; i++) _pow[i] = s_fn.NewLimbs();
            _ng = new sbyte[Digits];
            _nq = new sbyte[Digits];
            BuildTable();
            _ready = true;
        }

        // (2i + 1)·Q for i = 0..7: k·Q in Jacobian coordinates for k = 2..15 (a doubling, then mixed additions
        // of Q; no special case can arise below n), the odd ones kept, then one field inversion for all eight
        // Z (Montgomery's simultaneous inversion).
        private void BuildTable()
        {
            ulong[] x = _x, y = _y, z = _z;
            ulong[][] zs = new ulong[QPoints][], cs = new ulong[QPoints][];
            for (int i = 0; i < QPoints; i++)
            {
                zs[i] = new ulong[10];
                cs[i] = new ulong[10];
            }
            Copy(_px, x);
            Copy(_py, y);
            Copy(P256Field.One, z);
            Store(0, zs[0]);
            Double(x, y, z);
            for (int k = 3; k < 2 * QPoints; k++)
            {
                MAdd(false, _px, _py);
                if ((k & 1) != 0) Store(k >> 1, zs[k >> 1]);
            }
            // cs[i] = zs[0]·…·zs[i]; inv = 1/cs[7]; walking down, 1/zs[i] = inv·cs[i−1], then inv ← inv·zs[i].
            Copy(zs[0], cs[0]);
            for (int i = 1; i < QPoints; i++) P256Field.Mul(cs[i - 1], zs[i], cs[i]);
            ulong[] inv = _ax, zi = _ay, zz = _t6;
            Invert(cs[QPoints - 1], inv);
            for (int i = QPoints - 1; i >= 0; i--)
            {
                if (i > 0)
                {
                    P256Field.Mul(inv, cs[i - 1], zi);
                    P256Field.Mul(inv, zs[i], inv);
                }
                else
                {
                    Copy(inv, zi);
                }
                P256Field.Sqr(zi, zz);
                System.Array.Copy(_qx, 10 * i, x, 0, 10);
                P256Field.Mul(x, zz, x);
                System.Array.Copy(x, 0, _qx, 10 * i, 10);
                P256Field.Mul(zz, zi, zz);
                System.Array.Copy(_qy, 10 * i, y, 0, 10);
                P256Field.Mul(y, zz, y);
                System.Array.Copy(y, 0, _qy, 10 * i, 10);
            }
        }

        private void Store(int i, ulong[] zTo)
        {
            System.Array.Copy(_x, 0, _qx, 10 * i, 10);
            System.Array.Copy(_y, 0, _qy, 10 * i, 10);
            System.Array.Copy(_z, 0, zTo, 0, 10);
        }

        // r = a⁻¹ (Montgomery domain in and out) as a^(p−2) by an addition chain over the runs of ones in
        // p − 2 = 1^32 0^31 1 0^96 1^94 0 1: with x_k = a^(2^k − 1), 255 squarings and 13 multiplications.
        // Uses _t1.._t5.
        private void Invert(ulong[] a, ulong[] r)
        {
            ulong[] x2 = _t3, x8 = _t4, x32 = _t5, x16 = _t2, x4 = _t1;
            P256Field.Sqr(a, x2);
            P256Field.Mul(x2, a, x2);                 // x2
            Copy(x2, x4);
            SqrN(x4, 2);
            P256Field.Mul(x4, x2, x4);                // x4
            Copy(x4, x8);
            SqrN(x8, 4);
            P256Field.Mul(x8, x4, x8);                // x8
            Copy(x8, x16);
            SqrN(x16, 8);
            P256Field.Mul(x16, x8, x16);              // x16
            Copy(x16, x32);
            SqrN(x32, 16);
            P256Field.Mul(x32, x16, x32);             // x32
            Copy(x32, r);
            SqrN(r, 32);
            P256Field.Mul(r, a, r);                   // 1^32 0^31 1
            SqrN(r, 128);
            P256Field.Mul(r, x32, r);
            SqrN(r, 32);
            P256Field.Mul(r, x32, r);
            SqrN(r, 16);
            P256Field.Mul(r, x16, r);
            SqrN(r, 8);
            P256Field.Mul(r, x8, r);
            SqrN(r, 4);
            P256Field.Mul(r, x4, r);
            SqrN(r, 2);
            P256Field.Mul(r, x2, r);                  // 1^94
            SqrN(r, 2);
            P256Field.Mul(r, a, r);                   // 0 1
        }

        private static void SqrN(ulong[] r, int n)
        {
            for (int i = 0; i < n; i++) P256Field.Sqr(r, r);
        }

        /// <summary>Verifies r‖s (64 bytes) over a 32-byte SHA-256 digest.</summary>
        internal bool Verify(byte[] digest, byte[] sig, int offset, int length)
        {
            if (digest == null || digest.Length != 32 || sig == null || offset < 0 || length != 64
                || offset > sig.Length - length)
            {
                return false;
            }
            EnsureReady();
            Montgomery fn = s_fn;
            ulong[] r = _r, s = _s, e = _e, w = _w, u1 = _u1, u2 = _u2;
            fn.FromBytes(sig, offset, 32, r);
            fn.FromBytes(sig, offset + 32, 32, s);
            // 1 ≤ r, s ≤ n − 1 (SEC 1 §4.1.4 step 1).
            if (fn.IsZero(r) || fn.IsZero(s) || fn.Compare(r, fn.N) >= 0 || fn.Compare(s, fn.N) >= 0) return false;
            // e = digest as an integer (256 bits, no truncation needed); below 2n, the multiplier input bound.
            fn.FromBytes(digest, 0, 32, e);
            // w = s⁻¹·R, then u1 = e·w·R⁻¹ = e/s and u2 = r/s, outside the Montgomery domain.
            P256Scalar.Mul(s, P256Scalar.R2, u1);
            P256Scalar.Invert(u1, w, _pow, u2);
            P256Scalar.Mul(e, w, u1);
            fn.ReduceOnce(u1);
            P256Scalar.Mul(r, w, u2);
            fn.ReduceOnce(u2);

            sbyte[] ng = _ng, nq = _nq;
            Recode(u1, GWidth, ng);
            Recode(u2, QWidth, nq);
            int bit = Digits - 1;
            while (bit >= 0 && ng[bit] == 0 && nq[bit] == 0) bit--;
            bool infinity = true;
            for (; bit >= 0; bit--)
            {
                if (!infinity) Double(_x, _y, _z);
                int d = ng[bit];
                if (d != 0)
                {
                    LoadG(d);
                    infinity = MAdd(infinity, _ax, _ay);
                }
                d = nq[bit];
                if (d != 0)
                {
                    int o = d > 0 ? 5 * (d - 1) : 5 * (-d - 1);
                    System.Array.Copy(_qx, o, _ax, 0, 10);
                    System.Array.Copy(_qy, o, _ay, 0, 10);
                    if (d < 0) P256Field.Neg(_ay, _ay);
                    infinity = MAdd(infinity, _ax, _ay);
                }
            }
            if (infinity) return false;
            // x(R) mod n == r  ⇔  X == r·Z² or, when r + n < p, X == (r + n)·Z² (mod p): no inversion needed.
            ulong[] zz = _t1, cand = _t2, x = _t3, c = _t4;
            P256Field.Sqr(_z, zz);
            P256Field.Canonical(_x, x);
            P256Field.Mul(r, P256Field.R2, cand);
            P256Field.Mul(cand, zz, cand);
            P256Field.Canonical(cand, c);
            if (P256Field.Equal(c, x)) return true;
            Montgomery fp = s_fp;
            fn.Add(r, fn.N, cand);
            if (fp.Compare(cand, fp.N) >= 0) return false;
            P256Field.Mul(cand, P256Field.R2, cand);
            P256Field.Mul(cand, zz, cand);
            P256Field.Canonical(cand, c);
            return P256Field.Equal(c, x);
        }

        // _ax, _ay = ±(2i + 1)·G for the digit d = ±(2i + 1).
        private void LoadG(int d)
        {
            int o = d > 0 ? 5 * (d - 1) : 5 * (-d - 1);
            uint[] gx = P256GTable.X, gy = P256GTable.Y;
            ulong[] x = _ax, y = _ay;
            x[0] = gx[o]; x[1] = gx[o + 1]; x[2] = gx[o + 2]; x[3] = gx[o + 3]; x[4] = gx[o + 4];
            x[5] = gx[o + 5]; x[6] = gx[o + 6]; x[7] = gx[o + 7]; x[8] = gx[o + 8]; x[9] = gx[o + 9];
            y[0] = gy[o]; y[1] = gy[o + 1]; y[2] = gy[o + 2]; y[3] = gy[o + 3]; y[4] = gy[o + 4];
            y[5] = gy[o + 5]; y[6] = gy[o + 6]; y[7] = gy[o + 7]; y[8] = gy[o + 8]; y[9] = gy[o + 9];
            if (d < 0) P256Field.Neg(y, y);
        }

        // Width-w NAF of a scalar below n (normalised 28-bit limbs) into digits[0..256]: odd digits with
        // |d| < 2^(w−1), each followed by at least w − 1 zeros (the libsecp256k1 recoding).
        private static void Recode(ulong[] k, int width, sbyte[] digits)
        {
            System.Array.Clear(digits, 0, Digits);
            int carry = 0, bit = 0;
            while (bit < Digits)
            {
                int limb = bit / 28;
                int shift = bit - 28 * limb;
                ulong v = k[limb] >> shift;
                if ((int)(v & 1) == carry)
                {
                    bit++;
                    continue;
                }
                int now = Digits - bit;
                if (now > width) now = width;
                if (shift + now > 28) v |= k[limb + 1] << (28 - shift);
                int word = (int)(v & ((1UL << now) - 1)) + carry;
                carry = (word >> (width - 1)) & 1;
                word -= carry << width;
                digits[bit] = (sbyte)word;
                bit += now;
            }
        }

        // Doubling, Jacobian, a = −3 ("dbl-2001-b", Bernstein–Lange EFD, with Z3 = 2·Y·Z): 4M + 4S.
        // In: x, y below 34p, z below 4p; out the same (P256Field's bounds).
        private void Double(ulong[] x, ulong[] y, ulong[] z)
        {
            ulong[] delta = _t1, gamma = _t2, beta = _t3, alpha = _t4, u = _t5;
            P256Field.Sqr(z, delta);
            P256Field.Sqr(y, gamma);
            P256Field.Mul(x, gamma, beta);
            P256Field.Sub3(x, delta, alpha);
            P256Field.AddU(x, delta, u);
            P256Field.Mul(alpha, u, alpha);          // α = 3(x − δ)(x + δ)
            P256Field.Mul(y, z, z);
            P256Field.AddU(z, z, z);                 // z3 = 2yz
            P256Field.Sqr(alpha, x);
            P256Field.SubM8(x, beta, x);             // x3 = α² − 8β
            P256Field.Sub4(beta, x, beta);           // 4β − x3
            P256Field.Mul(alpha, beta, y);
            P256Field.Sqr(gamma, gamma);
            P256Field.SubM8(y, gamma, y);            // y3 = α(4β − x3) − 8γ²
        }

        // (_x, _y, _z) += (x2, y2, 1): mixed Jacobian–affine addition ("madd-2004-hmv", 8M + 3S), x2, y2 below
        // 32p. Returns whether the sum is the point at infinity; infinity in: the sum is the affine point;
        // equal points: a doubling; opposite points: infinity.
        private bool MAdd(bool infinity, ulong[] x2, ulong[] y2)
        {
            ulong[] x1 = _x, y1 = _y, z1 = _z;
            if (infinity)
            {
                Copy(x2, x1); Copy(y2, y1); Copy(P256Field.One, z1);
                return false;
            }
            ulong[] t1 = _t1, t2 = _t2, h = _t3, r = _t4, t5 = _t5, t6 = _t6;
            P256Field.Sqr(z1, t1);                   // Z1²
            P256Field.Mul(z1, t1, t2);               // Z1³
            P256Field.Mul(x2, t1, t1);               // U2 = X2·Z1²
            P256Field.Mul(y2, t2, t2);               // S2 = Y2·Z1³
            P256Field.SubU(t1, x1, h);                // H = U2 − X1
            P256Field.SubU(t2, y1, r);                // r = S2 − Y1
            P256Field.Mul(z1, h, t5);                // Z3 = Z1·H: zero exactly when H is (Z1 is not)
            if (P256Field.IsZeroOrP(t5))
            {
                P256Field.Canonical(r, t1);
                if (!s_fp.IsZero(t1)) return true;
                Double(x1, y1, z1);
                return false;
            }
            Copy(t5, z1);
            P256Field.Sqr(h, t1);                    // HH
            P256Field.Mul(h, t1, t2);                // HHH
            P256Field.Mul(x1, t1, t5);               // V = X1·HH
            P256Field.Sqr(r, x1);
            P256Field.SubM2(x1, t2, t5, x1);         // X3 = r² − HHH − 2V
            P256Field.SubU(t5, x1, t6);               // V − X3
            P256Field.Mul(y1, t2, t1);               // Y1·HHH
            P256Field.Mul(r, t6, y1);
            P256Field.SubM(y1, t1, y1);              // Y3 = r(V − X3) − Y1·HHH
            return false;
        }

        private static void Copy(ulong[] src, ulong[] dst)
        {
            System.Array.Copy(src, 0, dst, 0, 10);
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
