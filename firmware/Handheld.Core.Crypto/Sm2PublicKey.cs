namespace Handheld.Core.Crypto
{
    /// <summary>
    /// An SM2 public key on the recommended curve (GB/T 32918.5) and signature verification with SM3
    /// (GB/T 32918.2 §7): t = (r + s) mod n, (x1, y1) = [s]G + [t]P, accept when (e + x1) mod n = r.
    /// The point is checked on the curve when prepared; Z (the signer's identifier and key hashed, GB/T 32918.2
    /// §5.5) and the table of multiples of P are computed on first use. Field arithmetic is <see cref="Sm2Field"/>
    /// (Montgomery domain, Jacobian coordinates, a = −3). Scratch buffers are allocated once: not thread-safe.
    /// </summary>
    internal sealed class Sm2PublicKey
    {
        /// <summary>The default distinguishing identifier (GB/T 35276 / GM/T 0009): ASCII "1234567812345678".</summary>
        internal static readonly byte[] DefaultId = new byte[]
        {
            0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38,
        };

        private static readonly byte[] ABytes = Hex("fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc");
        private static readonly byte[] BBytes = Hex("28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93");
        private static readonly byte[] NBytes = Hex("fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123");
        private static readonly byte[] PBytes = Hex("fffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff");
        private static readonly byte[] GxBytes = Hex("32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7");
        private static readonly byte[] GyBytes = Hex("bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0");

        // Sliding windows (right to left, odd digits): G, fixed and shared, uses width 5 (odd multiples up to
        // 31·G, one addition per ≈ 6 bits); P uses width 4 (multiples up to 15·P, ≈ 1 per 5 bits), whose table is
        // built per key: 13 additions and a doubling, where width 5 would need 30 and push key preparation past
        // its budget.
        private const int GWidth = 5;
        private const int QWidth = 4;

        // k·G (k = 1..31) and k·P (k = 1..15), affine, Montgomery domain. The G table is built by the first key
        // and shared (published whole, so a race only builds it twice).
        private static uint[][] s_gx, s_gy;
        private uint[][] _gx, _gy;
        private readonly uint[] _px, _py;   // the validated point, Montgomery domain
        private readonly byte[] _xy;        // the point's 64 bytes x‖y, for Z
        private bool _ready;
        private uint[][] _qx, _qy;
        private uint[] _one, _x, _y, _z;
        private uint[] _t1, _t2, _t3, _t4, _t5, _t6, _t7;
        private byte[] _r, _s, _t, _c;
        private byte[] _dg, _dq;
        private Sm2MessageHash _hash;

        private Sm2PublicKey()
        {
            _px = new uint[Sm2Field.Limbs];
            _py = new uint[Sm2Field.Limbs];
            _xy = new byte[64];
        }

        /// <summary>Parses the SPKI and validates the point (coordinates below p, on the curve); null otherwise.</summary>
        internal static Sm2PublicKey Create(byte[] spki)
        {
            int xy;
            if (!SubjectPublicKeyInfo.TryParseSm2(spki, out xy)) return null;
            Sm2PublicKey k = new Sm2PublicKey();
            return k.Load(spki, xy) ? k : null;
        }

        private bool Load(byte[] spki, int xy)
        {
            if (Compare32(spki, xy, PBytes) >= 0 || Compare32(spki, xy + 32, PBytes) >= 0) return false;
            System.Array.Copy(spki, xy, _xy, 0, 64);
            uint[] x = _px, y = _py;
            Sm2Field.FromBytes(spki, xy, x);
            Sm2Field.FromBytes(spki, xy + 32, y);
            Sm2Field.Mul(x, Sm2Field.R2, x);
            Sm2Field.Mul(y, Sm2Field.R2, y);
            // y² = x³ − 3x + b
            uint[] lhs = new uint[Sm2Field.Limbs], rhs = new uint[Sm2Field.Limbs], b = new uint[Sm2Field.Limbs];
            Sm2Field.Sqr(y, lhs);
            Sm2Field.Sqr(x, rhs);
            Sm2Field.Mul(rhs, x, rhs);
            Sm2Field.MulSmall(x, 3, b);
            Sm2Field.Sub(rhs, b, rhs);
            Sm2Field.FromBytes(BBytes, 0, b);
            Sm2Field.Mul(b, Sm2Field.R2, b);
            Sm2Field.Add(rhs, b, rhs);
            return Sm2Field.Equal(lhs, rhs, b);
        }

        /// <summary>Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) (GB/T 32918.2 §5.5) for an identifier of at most
        /// 8191 bytes (ENTL is its length in bits, two bytes); false for a longer one.</summary>
        internal bool ComputeZ(byte[] id, int offset, int length, byte[] z32)
        {
            if (id == null || length < 0 || length > 8191 || offset < 0 || offset > id.Length - length) return false;
            Sm3 h = new Sm3();
            byte[] entl = new byte[] { (byte)((length * 8) >> 8), (byte)(length * 8) };
            h.Update(entl, 0, 2);
            h.Update(id, offset, length);
            h.Update(ABytes, 0, 32);
            h.Update(BBytes, 0, 32);
            h.Update(GxBytes, 0, 32);
            h.Update(GyBytes, 0, 32);
            h.Update(_xy, 0, 64);
            h.Final(z32, 0);
            return true;
        }

        /// <summary>The key's message hash, reset to SM3 with Z (default identifier) already absorbed: the caller
        /// adds the message and takes e from <see cref="IHash256.Final"/>. The instance belongs to the key; Z is
        /// computed on the first call.</summary>
        internal IHash256 BeginMessage()
        {
            if (_hash == null)
            {
                byte[] z = new byte[32];
                ComputeZ(DefaultId, 0, DefaultId.Length, z);
                _hash = new Sm2MessageHash(z);
            }
            else
            {
                _hash.Reset();
            }
            return _hash;
        }

        // First use: scratch buffers, the multiples of P and (for the first key) of G.
        private void EnsureReady()
        {
            if (_ready) return;
            _one = New(); _x = New(); _y = New(); _z = New();
            _t1 = New(); _t2 = New(); _t3 = New(); _t4 = New(); _t5 = New(); _t6 = New(); _t7 = New();
            _r = new byte[32]; _s = new byte[32]; _t = new byte[32]; _c = new byte[32];
            _dg = new byte[256]; _dq = new byte[256];
            _one[0] = 1;
            Sm2Field.Mul(_one, Sm2Field.R2, _one);
            int qn = 1 << QWidth;
            _qx = new uint[qn][];
            _qy = new uint[qn][];
            for (int i = 1; i < qn; i++) { _qx[i] = New(); _qy[i] = New(); }
            Copy(_px, _qx[1]);
            Copy(_py, _qy[1]);
            BuildTable(_qx, _qy, qn);
            uint[][] gx = s_gx, gy = s_gy;
            if (gx == null)
            {
                int gn = 1 << GWidth;
                gx = new uint[gn][];
                gy = new uint[gn][];
                for (int i = 1; i < gn; i++) { gx[i] = New(); gy[i] = New(); }
                Sm2Field.FromBytes(GxBytes, 0, gx[1]);
                Sm2Field.FromBytes(GyBytes, 0, gy[1]);
                Sm2Field.Mul(gx[1], Sm2Field.R2, gx[1]);
                Sm2Field.Mul(gy[1], Sm2Field.R2, gy[1]);
                BuildTable(gx, gy, gn);
                s_gy = gy;
                s_gx = gx;
            }
            _gx = gx;
            _gy = gy;
            _ready = true;
        }

        // Fills x[k], y[k] (k = 2..count−1) with the affine k·P from P = (x[1], y[1]): Jacobian multiples (k·P as
        // (k−1)·P plus the affine P, a mixed addition), then one field inversion for all Z (Montgomery's
        // simultaneous inversion). P has prime order n, so no multiple below n is the point at infinity.
        private void BuildTable(uint[][] x, uint[][] y, int count)
        {
            uint[][] z = new uint[count][];
            uint[][] c = new uint[count][];
            for (int i = 1; i < count; i++) { z[i] = New(); c[i] = New(); }
            Copy(_one, z[1]);
            Copy(x[1], x[2]); Copy(y[1], y[2]); Copy(z[1], z[2]);
            Double(x[2], y[2], z[2]);
            for (int k = 3; k < count; k++)
            {
                Copy(x[k - 1], x[k]); Copy(y[k - 1], y[k]); Copy(z[k - 1], z[k]);
                MAdd(x[k], y[k], z[k], x[1], y[1]);
            }
            // c[k] = z[1]·…·z[k]; inv = 1/c[last]; walking down, 1/z[k] = inv·c[k−1], then inv ← inv·z[k].
            Copy(z[1], c[1]);
            for (int k = 2; k < count; k++) Sm2Field.Mul(c[k - 1], z[k], c[k]);
            uint[] inv = _t6, zi = _t7, zz = _t5;
            Invert(c[count - 1], inv);
            for (int k = count - 1; k >= 1; k--)
            {
                if (k > 1)
                {
                    Sm2Field.Mul(inv, c[k - 1], zi);
                    Sm2Field.Mul(inv, z[k], inv);
                }
                else
                {
                    Copy(inv, zi);
                }
                Sm2Field.Sqr(zi, zz);
                Sm2Field.Mul(x[k], zz, x[k]);
                Sm2Field.Mul(zz, zi, zz);
                Sm2Field.Mul(y[k], zz, y[k]);
            }
        }

        // r = a⁻¹ (Montgomery domain in and out) as a^(p−2) by an addition chain over the runs of p − 2 =
        // 1^31 0 1^128 0^32 1^62 0 1, with x_k = a^(2^k − 1): 256 squarings, 16 multiplications.
        // Uses _t1.._t4; r must be none of them.
        private void Invert(uint[] a, uint[] r)
        {
            uint[] x3 = _t1, x31 = _t2, x32 = _t3, t = _t4;
            Sm2Field.Sqr(a, t);
            Sm2Field.Mul(t, a, t);           // x2
            Sm2Field.Sqr(t, x3);
            Sm2Field.Mul(x3, a, x3);         // x3
            Copy(x3, t);
            SqrN(t, 3);
            Sm2Field.Mul(t, x3, t);          // x6
            Copy(t, x31);
            SqrN(x31, 6);
            Sm2Field.Mul(x31, t, x31);       // x12
            SqrN(x31, 3);
            Sm2Field.Mul(x31, x3, x31);      // x15
            Copy(x31, t);
            SqrN(t, 15);
            Sm2Field.Mul(t, x31, t);         // x30
            Sm2Field.Sqr(t, x31);
            Sm2Field.Mul(x31, a, x31);       // x31
            Sm2Field.Sqr(x31, x32);
            Sm2Field.Mul(x32, a, x32);       // x32
            Copy(x31, r);                    // 1^31
            SqrN(r, 1);                      // 0
            for (int i = 0; i < 4; i++)
            {
                SqrN(r, 32);
                Sm2Field.Mul(r, x32, r);     // 1^128
            }
            SqrN(r, 32);                     // 0^32
            SqrN(r, 31);
            Sm2Field.Mul(r, x31, r);
            SqrN(r, 31);
            Sm2Field.Mul(r, x31, r);         // 1^62
            SqrN(r, 2);
            Sm2Field.Mul(r, a, r);           // 0 1
        }

        private static void SqrN(uint[] r, int n)
        {
            for (int i = 0; i < n; i++) Sm2Field.Sqr(r, r);
        }

        /// <summary>Verifies r‖s (64 bytes) against e, the 32-byte SM3(Z ‖ M) (from <see cref="BeginMessage"/>).</summary>
        internal bool Verify(byte[] digest, byte[] sig, int offset, int length)
        {
            if (digest == null || digest.Length != 32 || sig == null || offset < 0 || length != 64
                || offset > sig.Length - length)
            {
                return false;
            }
            EnsureReady();
            byte[] r = _r, s = _s, t = _t, c = _c, n = NBytes;
            System.Array.Copy(sig, offset, r, 0, 32);
            System.Array.Copy(sig, offset + 32, s, 0, 32);
            // GB/T 32918.2 §7.1 B1, B2: r, s in [1, n − 1].
            if (IsZero32(r) || IsZero32(s) || Compare32(r, 0, n) >= 0 || Compare32(s, 0, n) >= 0) return false;
            // B5: t = (r + s) mod n, t ≠ 0. r + s < 2n, so one subtraction (the carry out of 256 bits included).
            int carry = Add32(r, s, t);
            if (carry != 0 || Compare32(t, 0, n) >= 0) Sub32(t, n, t);
            if (IsZero32(t)) return false;

            // B6: (x1, y1) = [s]G + [t]P, sliding windows on both scalars interleaved (Shamir/Straus).
            Recode(s, GWidth, _dg);
            Recode(t, QWidth, _dq);
            uint[] X = _x, Y = _y, Z = _z;
            for (int i = 0; i < Sm2Field.Limbs; i++) { X[i] = 0; Y[i] = 0; Z[i] = 0; }
            uint[][] gx = _gx, gy = _gy, qx = _qx, qy = _qy;
            byte[] dgs = _dg, dqs = _dq;
            bool started = false;
            for (int i = 255; i >= 0; i--)
            {
                if (started) Double(X, Y, Z);
                int dg = dgs[i];
                if (dg != 0) { MAdd(X, Y, Z, gx[dg], gy[dg]); started = true; }
                int dq = dqs[i];
                if (dq != 0) { MAdd(X, Y, Z, qx[dq], qy[dq]); started = true; }
            }
            if (Sm2Field.IsZero(Z, _t1)) return false;

            // B7: (e + x1) mod n = r ⇔ x1 ≡ r − e (mod n). x1 < p < 2n, so x1 is c = (r − e) mod n or c + n (when
            // below p); x1 = X/Z², so compare X with c·Z² in the field: no inversion.
            System.Array.Copy(digest, 0, c, 0, 32);
            if (Compare32(c, 0, n) >= 0) Sub32(c, n, c);   // e mod n (e < 2^256 < 2n)
            if (Sub32(r, c, c) != 0) Add32(c, n, c);       // c = (r − e) mod n
            uint[] zz = _t2, cand = _t3;
            Sm2Field.Sqr(Z, zz);
            if (MatchesX(c, zz, cand)) return true;
            if (Add32(c, n, c) != 0 || Compare32(c, 0, PBytes) >= 0) return false;
            return MatchesX(c, zz, cand);
        }

        private bool MatchesX(byte[] candidate, uint[] zz, uint[] scratch)
        {
            Sm2Field.FromBytes(candidate, 0, scratch);
            Sm2Field.Mul(scratch, Sm2Field.R2, scratch);
            Sm2Field.Mul(scratch, zz, scratch);
            return Sm2Field.Equal(scratch, _x, _t4);
        }

        // Right-to-left sliding window: digit d[i] odd, below 2^w, at the lowest bit of each window, zeros
        // between; k = Σ d[i]·2^i.
        private static void Recode(byte[] k, int w, byte[] d)
        {
            int mask = (1 << w) - 1;
            int i = 0;
            while (i < 256)
            {
                int at = 31 - (i >> 3), shift = i & 7;
                int bits = k[at] >> shift;
                if (at > 0) bits |= k[at - 1] << (8 - shift);
                if ((bits & 1) == 0)
                {
                    d[i++] = 0;
                    continue;
                }
                d[i] = (byte)(bits & mask);
                int end = i + w < 256 ? i + w : 256;
                for (int j = i + 1; j < end; j++) d[j] = 0;
                i = end;
            }
        }

        // Doubling, Jacobian, a = −3 ("dbl-2001-b", Bernstein–Lange EFD, with Z3 = 2·Y·Z): 4M + 4S, the
        // constant factors as single small multiplications.
        private void Double(uint[] x, uint[] y, uint[] z)
        {
            uint[] delta = _t1, gamma = _t2, beta = _t3, alpha = _t4, t = _t5;
            Sm2Field.Sqr(z, delta);
            Sm2Field.Sqr(y, gamma);
            Sm2Field.Mul(x, gamma, beta);
            Sm2Field.Sub(x, delta, t);
            Sm2Field.Add(x, delta, alpha);
            Sm2Field.Mul(t, alpha, alpha);
            Sm2Field.MulSmall(alpha, 3, alpha);    // α = 3(x − δ)(x + δ)
            Sm2Field.Mul(y, z, z);
            Sm2Field.Add(z, z, z);                 // z3 = 2yz
            Sm2Field.MulSmall(beta, 4, beta);      // 4β
            Sm2Field.Sqr(alpha, x);
            Sm2Field.Add(beta, beta, t);
            Sm2Field.Sub(x, t, x);                 // x3 = α² − 8β
            Sm2Field.Sub(beta, x, beta);
            Sm2Field.Mul(alpha, beta, y);
            Sm2Field.Sqr(gamma, gamma);
            Sm2Field.MulSmall(gamma, 8, gamma);
            Sm2Field.Sub(y, gamma, y);             // y3 = α(4β − x3) − 8γ²
        }

        // (x1, y1, z1) += (x2, y2, 1): mixed Jacobian–affine addition ("madd-2004-hmv", 8M + 3S), with the
        // special cases (accumulator at infinity, equal points → doubling, opposite points → infinity).
        private void MAdd(uint[] x1, uint[] y1, uint[] z1, uint[] x2, uint[] y2)
        {
            uint[] t1 = _t1, t2 = _t2, h = _t3, r = _t4, t5 = _t5;
            if (Sm2Field.IsZero(z1, t1))
            {
                Copy(x2, x1); Copy(y2, y1); Copy(_one, z1);
                return;
            }
            Sm2Field.Sqr(z1, t1);                  // Z1²
            Sm2Field.Mul(z1, t1, t2);              // Z1³
            Sm2Field.Mul(x2, t1, t1);              // U2 = X2·Z1²
            Sm2Field.Mul(y2, t2, t2);              // S2 = Y2·Z1³
            Sm2Field.Sub(t1, x1, h);               // H = U2 − X1
            Sm2Field.Sub(t2, y1, r);               // r = S2 − Y1
            if (Sm2Field.IsZero(h, t5))
            {
                if (Sm2Field.IsZero(r, t5)) Double(x1, y1, z1);
                else for (int i = 0; i < Sm2Field.Limbs; i++) z1[i] = 0;
                return;
            }
            Sm2Field.Mul(z1, h, z1);               // Z3 = Z1·H
            Sm2Field.Sqr(h, t1);                   // HH
            Sm2Field.Mul(h, t1, t2);               // HHH
            Sm2Field.Mul(x1, t1, t5);              // V = X1·HH
            Sm2Field.Sqr(r, x1);
            Sm2Field.Sub(x1, t2, x1);
            Sm2Field.Add(t5, t5, t1);
            Sm2Field.Sub(x1, t1, x1);              // X3 = r² − HHH − 2V
            Sm2Field.Sub(t5, x1, t5);
            Sm2Field.Mul(y1, t2, t2);              // Y1·HHH
            Sm2Field.Mul(r, t5, y1);
            Sm2Field.Sub(y1, t2, y1);              // Y3 = r(V − X3) − Y1·HHH
        }

        // ---- 256-bit big-endian integers (scalars mod n) ----

        private static int Compare32(byte[] a, int offset, byte[] b)
        {
            for (int i = 0; i < 32; i++)
            {
                int d = a[offset + i] - b[i];
                if (d != 0) return d;
            }
            return 0;
        }

        private static bool IsZero32(byte[] a)
        {
            for (int i = 0; i < 32; i++)
            {
                if (a[i] != 0) return false;
            }
            return true;
        }

        // r = a + b mod 2^256; returns the carry out. r may alias a or b.
        private static int Add32(byte[] a, byte[] b, byte[] r)
        {
            int c = 0;
            for (int i = 31; i >= 0; i--)
            {
                c += a[i] + b[i];
                r[i] = (byte)c;
                c >>= 8;
            }
            return c;
        }

        // r = a − b mod 2^256; returns the borrow out (1 when a < b). r may alias a or b.
        private static int Sub32(byte[] a, byte[] b, byte[] r)
        {
            int c = 0;
            for (int i = 31; i >= 0; i--)
            {
                c = a[i] - b[i] - c;
                r[i] = (byte)c;
                c = (c >> 8) & 1;
            }
            return c;
        }

        private static uint[] New()
        {
            return new uint[Sm2Field.Limbs];
        }

        private static void Copy(uint[] src, uint[] dst)
        {
            System.Array.Copy(src, 0, dst, 0, Sm2Field.Limbs);
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
