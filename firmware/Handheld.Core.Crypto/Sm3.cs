namespace Handheld.Core.Crypto
{
    /// <summary>
    /// SM3 (GB/T 32905-2016), the hash SM2 signatures are made over. Same shape and interface as
    /// <see cref="Sha256"/>: the eight working variables are locals and the rounds are unrolled by four with the
    /// variables renamed instead of rotated through assignments (SM3 moves B and F with a rotation, so four
    /// rounds bring the names back); the constants T_j are stored already rotated by j; the message expansion
    /// lives in a buffer allocated once. An instance is not thread-safe; the static <see cref="Hash"/> uses a fresh
    /// instance.
    /// </summary>
    public sealed class Sm3 : IHash256
    {
        /// <summary>Digest length in bytes.</summary>
        public const int HashSize = 32;

        // GB/T 32905 §4.2: T_j = 79CC4519 (j < 16) or 7A879D8A, here already rotated left by j mod 32.
        private static readonly uint[] T = new uint[]
        {
            0x79cc4519, 0xf3988a32, 0xe7311465, 0xce6228cb, 0x9cc45197, 0x3988a32f, 0x7311465e, 0xe6228cbc,
            0xcc451979, 0x988a32f3, 0x311465e7, 0x6228cbce, 0xc451979c, 0x88a32f39, 0x11465e73, 0x228cbce6,
            0x9d8a7a87, 0x3b14f50f, 0x7629ea1e, 0xec53d43c, 0xd8a7a879, 0xb14f50f3, 0x629ea1e7, 0xc53d43ce,
            0x8a7a879d, 0x14f50f3b, 0x29ea1e76, 0x53d43cec, 0xa7a879d8, 0x4f50f3b1, 0x9ea1e762, 0x3d43cec5,
            0x7a879d8a, 0xf50f3b14, 0xea1e7629, 0xd43cec53, 0xa879d8a7, 0x50f3b14f, 0xa1e7629e, 0x43cec53d,
            0x879d8a7a, 0x0f3b14f5, 0x1e7629ea, 0x3cec53d4, 0x79d8a7a8, 0xf3b14f50, 0xe7629ea1, 0xcec53d43,
            0x9d8a7a87, 0x3b14f50f, 0x7629ea1e, 0xec53d43c, 0xd8a7a879, 0xb14f50f3, 0x629ea1e7, 0xc53d43ce,
            0x8a7a879d, 0x14f50f3b, 0x29ea1e76, 0x53d43cec, 0xa7a879d8, 0x4f50f3b1, 0x9ea1e762, 0x3d43cec5,
        };

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _w = new uint[68];
        private readonly byte[] _buffer = new byte[64];
        private int _buffered;
        private long _totalBytes;

        /// <summary>Creates a hasher in its initial state.</summary>
        public Sm3()
        {
            Reset();
        }

        /// <summary>SM3 of <paramref name="count"/> bytes of <paramref name="data"/> from
        /// <paramref name="offset"/>; returns a new 32-byte array.</summary>
        public static byte[] Hash(byte[] data, int offset, int count)
        {
            Sm3 h = new Sm3();
            h.Update(data, offset, count);
            byte[] result = new byte[HashSize];
            h.Final(result, 0);
            return result;
        }

        /// <summary>Returns to the initial value IV (GB/T 32905 §4.1), discarding anything hashed so far.</summary>
        public void Reset()
        {
            uint[] s = _state;
            s[0] = 0x7380166f; s[1] = 0x4914b2b9; s[2] = 0x172442d7; s[3] = 0xda8a0600;
            s[4] = 0xa96f30bc; s[5] = 0x163138aa; s[6] = 0xe38dee4d; s[7] = 0xb0fb0e4e;
            _buffered = 0;
            _totalBytes = 0;
        }

        /// <summary>Adds <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new System.ArgumentException("data range");
            }
            _totalBytes += count;
            byte[] buf = _buffer;
            if (_buffered > 0)
            {
                int take = 64 - _buffered;
                if (take > count) take = count;
                System.Array.Copy(data, offset, buf, _buffered, take);
                _buffered += take;
                offset += take;
                count -= take;
                if (_buffered < 64) return;
                Compress(buf, 0);
                _buffered = 0;
            }
            while (count >= 64)
            {
                Compress(data, offset);
                offset += 64;
                count -= 64;
            }
            if (count > 0)
            {
                System.Array.Copy(data, offset, buf, 0, count);
                _buffered = count;
            }
        }

        /// <summary>Writes the 32-byte digest to <paramref name="output"/> at <paramref name="outputOffset"/>,
        /// then resets so the instance can hash the next message.</summary>
        public void Final(byte[] output, int outputOffset)
        {
            if (output == null || outputOffset < 0 || outputOffset > output.Length - HashSize)
            {
                throw new System.ArgumentException("output range");
            }
            long bits = _totalBytes << 3;
            byte[] buf = _buffer;
            int n = _buffered;
            buf[n++] = 0x80;
            if (n > 56)
            {
                while (n < 64) buf[n++] = 0;
                Compress(buf, 0);
                n = 0;
            }
            while (n < 56) buf[n++] = 0;
            for (int i = 7; i >= 0; i--)
            {
                buf[56 + i] = (byte)bits;
                bits >>= 8;
            }
            Compress(buf, 0);
            uint[] s = _state;
            for (int i = 0; i < 8; i++)
            {
                uint v = s[i];
                output[outputOffset] = (byte)(v >> 24);
                output[outputOffset + 1] = (byte)(v >> 16);
                output[outputOffset + 2] = (byte)(v >> 8);
                output[outputOffset + 3] = (byte)v;
                outputOffset += 4;
            }
            Reset();
        }

        // GB/T 32905 §5.3: expansion W0..W67 (W'j = Wj ^ Wj+4 is formed in the round), 64 rounds, V ^= ABCDEFGH.
        private void Compress(byte[] p, int o)
        {
            uint[] w = _w;
            uint[] t = T;
            // Expansion straight-line, the last sixteen words in locals (w0..w15 hold W[j] at j mod 16): array
            // loads cost the interpreter five instructions each, a local one.
            uint w0 = ((uint)p[o + 0] << 24) | ((uint)p[o + 1] << 16) | ((uint)p[o + 2] << 8) | p[o + 3];
            w[0] = w0;
            uint w1 = ((uint)p[o + 4] << 24) | ((uint)p[o + 5] << 16) | ((uint)p[o + 6] << 8) | p[o + 7];
            w[1] = w1;
            uint w2 = ((uint)p[o + 8] << 24) | ((uint)p[o + 9] << 16) | ((uint)p[o + 10] << 8) | p[o + 11];
            w[2] = w2;
            uint w3 = ((uint)p[o + 12] << 24) | ((uint)p[o + 13] << 16) | ((uint)p[o + 14] << 8) | p[o + 15];
            w[3] = w3;
            uint w4 = ((uint)p[o + 16] << 24) | ((uint)p[o + 17] << 16) | ((uint)p[o + 18] << 8) | p[o + 19];
            w[4] = w4;
            uint w5 = ((uint)p[o + 20] << 24) | ((uint)p[o + 21] << 16) | ((uint)p[o + 22] << 8) | p[o + 23];
            w[5] = w5;
            uint w6 = ((uint)p[o + 24] << 24) | ((uint)p[o + 25] << 16) | ((uint)p[o + 26] << 8) | p[o + 27];
            w[6] = w6;
            uint w7 = ((uint)p[o + 28] << 24) | ((uint)p[o + 29] << 16) | ((uint)p[o + 30] << 8) | p[o + 31];
            w[7] = w7;
            uint w8 = ((uint)p[o + 32] << 24) | ((uint)p[o + 33] << 16) | ((uint)p[o + 34] << 8) | p[o + 35];
            w[8] = w8;
            uint w9 = ((uint)p[o + 36] << 24) | ((uint)p[o + 37] << 16) | ((uint)p[o + 38] << 8) | p[o + 39];
            w[9] = w9;
            uint w10 = ((uint)p[o + 40] << 24) | ((uint)p[o + 41] << 16) | ((uint)p[o + 42] << 8) | p[o + 43];
            w[10] = w10;
            uint w11 = ((uint)p[o + 44] << 24) | ((uint)p[o + 45] << 16) | ((uint)p[o + 46] << 8) | p[o + 47];
            w[11] = w11;
            uint w12 = ((uint)p[o + 48] << 24) | ((uint)p[o + 49] << 16) | ((uint)p[o + 50] << 8) | p[o + 51];
            w[12] = w12;
            uint w13 = ((uint)p[o + 52] << 24) | ((uint)p[o + 53] << 16) | ((uint)p[o + 54] << 8) | p[o + 55];
            w[13] = w13;
            uint w14 = ((uint)p[o + 56] << 24) | ((uint)p[o + 57] << 16) | ((uint)p[o + 58] << 8) | p[o + 59];
            w[14] = w14;
            uint w15 = ((uint)p[o + 60] << 24) | ((uint)p[o + 61] << 16) | ((uint)p[o + 62] << 8) | p[o + 63];
            w[15] = w15;
            uint x;
            x = w0 ^ w7 ^ ((w13 << 15) | (w13 >> 17));
            w0 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w3 << 7) | (w3 >> 25)) ^ w10;
            w[16] = w0;
            x = w1 ^ w8 ^ ((w14 << 15) | (w14 >> 17));
            w1 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w4 << 7) | (w4 >> 25)) ^ w11;
            w[17] = w1;
            x = w2 ^ w9 ^ ((w15 << 15) | (w15 >> 17));
            w2 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w5 << 7) | (w5 >> 25)) ^ w12;
            w[18] = w2;
            x = w3 ^ w10 ^ ((w0 << 15) | (w0 >> 17));
            w3 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w6 << 7) | (w6 >> 25)) ^ w13;
            w[19] = w3;
            x = w4 ^ w11 ^ ((w1 << 15) | (w1 >> 17));
            w4 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w7 << 7) | (w7 >> 25)) ^ w14;
            w[20] = w4;
            x = w5 ^ w12 ^ ((w2 << 15) | (w2 >> 17));
            w5 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w8 << 7) | (w8 >> 25)) ^ w15;
            w[21] = w5;
            x = w6 ^ w13 ^ ((w3 << 15) | (w3 >> 17));
            w6 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w9 << 7) | (w9 >> 25)) ^ w0;
            w[22] = w6;
            x = w7 ^ w14 ^ ((w4 << 15) | (w4 >> 17));
            w7 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w10 << 7) | (w10 >> 25)) ^ w1;
            w[23] = w7;
            x = w8 ^ w15 ^ ((w5 << 15) | (w5 >> 17));
            w8 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w11 << 7) | (w11 >> 25)) ^ w2;
            w[24] = w8;
            x = w9 ^ w0 ^ ((w6 << 15) | (w6 >> 17));
            w9 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w12 << 7) | (w12 >> 25)) ^ w3;
            w[25] = w9;
            x = w10 ^ w1 ^ ((w7 << 15) | (w7 >> 17));
            w10 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w13 << 7) | (w13 >> 25)) ^ w4;
            w[26] = w10;
            x = w11 ^ w2 ^ ((w8 << 15) | (w8 >> 17));
            w11 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w14 << 7) | (w14 >> 25)) ^ w5;
            w[27] = w11;
            x = w12 ^ w3 ^ ((w9 << 15) | (w9 >> 17));
            w12 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w15 << 7) | (w15 >> 25)) ^ w6;
            w[28] = w12;
            x = w13 ^ w4 ^ ((w10 << 15) | (w10 >> 17));
            w13 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w0 << 7) | (w0 >> 25)) ^ w7;
            w[29] = w13;
            x = w14 ^ w5 ^ ((w11 << 15) | (w11 >> 17));
            w14 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w1 << 7) | (w1 >> 25)) ^ w8;
            w[30] = w14;
            x = w15 ^ w6 ^ ((w12 << 15) | (w12 >> 17));
            w15 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w2 << 7) | (w2 >> 25)) ^ w9;
            w[31] = w15;
            x = w0 ^ w7 ^ ((w13 << 15) | (w13 >> 17));
            w0 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w3 << 7) | (w3 >> 25)) ^ w10;
            w[32] = w0;
            x = w1 ^ w8 ^ ((w14 << 15) | (w14 >> 17));
            w1 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w4 << 7) | (w4 >> 25)) ^ w11;
            w[33] = w1;
            x = w2 ^ w9 ^ ((w15 << 15) | (w15 >> 17));
            w2 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w5 << 7) | (w5 >> 25)) ^ w12;
            w[34] = w2;
            x = w3 ^ w10 ^ ((w0 << 15) | (w0 >> 17));
            w3 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w6 << 7) | (w6 >> 25)) ^ w13;
            w[35] = w3;
            x = w4 ^ w11 ^ ((w1 << 15) | (w1 >> 17));
            w4 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w7 << 7) | (w7 >> 25)) ^ w14;
            w[36] = w4;
            x = w5 ^ w12 ^ ((w2 << 15) | (w2 >> 17));
            w5 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w8 << 7) | (w8 >> 25)) ^ w15;
            w[37] = w5;
            x = w6 ^ w13 ^ ((w3 << 15) | (w3 >> 17));
            w6 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w9 << 7) | (w9 >> 25)) ^ w0;
            w[38] = w6;
            x = w7 ^ w14 ^ ((w4 << 15) | (w4 >> 17));
            w7 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w10 << 7) | (w10 >> 25)) ^ w1;
            w[39] = w7;
            x = w8 ^ w15 ^ ((w5 << 15) | (w5 >> 17));
            w8 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w11 << 7) | (w11 >> 25)) ^ w2;
            w[40] = w8;
            x = w9 ^ w0 ^ ((w6 << 15) | (w6 >> 17));
            w9 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w12 << 7) | (w12 >> 25)) ^ w3;
            w[41] = w9;
            x = w10 ^ w1 ^ ((w7 << 15) | (w7 >> 17));
            w10 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w13 << 7) | (w13 >> 25)) ^ w4;
            w[42] = w10;
            x = w11 ^ w2 ^ ((w8 << 15) | (w8 >> 17));
            w11 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w14 << 7) | (w14 >> 25)) ^ w5;
            w[43] = w11;
            x = w12 ^ w3 ^ ((w9 << 15) | (w9 >> 17));
            w12 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w15 << 7) | (w15 >> 25)) ^ w6;
            w[44] = w12;
            x = w13 ^ w4 ^ ((w10 << 15) | (w10 >> 17));
            w13 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w0 << 7) | (w0 >> 25)) ^ w7;
            w[45] = w13;
            x = w14 ^ w5 ^ ((w11 << 15) | (w11 >> 17));
            w14 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w1 << 7) | (w1 >> 25)) ^ w8;
            w[46] = w14;
            x = w15 ^ w6 ^ ((w12 << 15) | (w12 >> 17));
            w15 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w2 << 7) | (w2 >> 25)) ^ w9;
            w[47] = w15;
            x = w0 ^ w7 ^ ((w13 << 15) | (w13 >> 17));
            w0 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w3 << 7) | (w3 >> 25)) ^ w10;
            w[48] = w0;
            x = w1 ^ w8 ^ ((w14 << 15) | (w14 >> 17));
            w1 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w4 << 7) | (w4 >> 25)) ^ w11;
            w[49] = w1;
            x = w2 ^ w9 ^ ((w15 << 15) | (w15 >> 17));
            w2 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w5 << 7) | (w5 >> 25)) ^ w12;
            w[50] = w2;
            x = w3 ^ w10 ^ ((w0 << 15) | (w0 >> 17));
            w3 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w6 << 7) | (w6 >> 25)) ^ w13;
            w[51] = w3;
            x = w4 ^ w11 ^ ((w1 << 15) | (w1 >> 17));
            w4 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w7 << 7) | (w7 >> 25)) ^ w14;
            w[52] = w4;
            x = w5 ^ w12 ^ ((w2 << 15) | (w2 >> 17));
            w5 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w8 << 7) | (w8 >> 25)) ^ w15;
            w[53] = w5;
            x = w6 ^ w13 ^ ((w3 << 15) | (w3 >> 17));
            w6 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w9 << 7) | (w9 >> 25)) ^ w0;
            w[54] = w6;
            x = w7 ^ w14 ^ ((w4 << 15) | (w4 >> 17));
            w7 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w10 << 7) | (w10 >> 25)) ^ w1;
            w[55] = w7;
            x = w8 ^ w15 ^ ((w5 << 15) | (w5 >> 17));
            w8 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w11 << 7) | (w11 >> 25)) ^ w2;
            w[56] = w8;
            x = w9 ^ w0 ^ ((w6 << 15) | (w6 >> 17));
            w9 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w12 << 7) | (w12 >> 25)) ^ w3;
            w[57] = w9;
            x = w10 ^ w1 ^ ((w7 << 15) | (w7 >> 17));
            w10 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w13 << 7) | (w13 >> 25)) ^ w4;
            w[58] = w10;
            x = w11 ^ w2 ^ ((w8 << 15) | (w8 >> 17));
            w11 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w14 << 7) | (w14 >> 25)) ^ w5;
            w[59] = w11;
            x = w12 ^ w3 ^ ((w9 << 15) | (w9 >> 17));
            w12 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w15 << 7) | (w15 >> 25)) ^ w6;
            w[60] = w12;
            x = w13 ^ w4 ^ ((w10 << 15) | (w10 >> 17));
            w13 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w0 << 7) | (w0 >> 25)) ^ w7;
            w[61] = w13;
            x = w14 ^ w5 ^ ((w11 << 15) | (w11 >> 17));
            w14 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w1 << 7) | (w1 >> 25)) ^ w8;
            w[62] = w14;
            x = w15 ^ w6 ^ ((w12 << 15) | (w12 >> 17));
            w15 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w2 << 7) | (w2 >> 25)) ^ w9;
            w[63] = w15;
            x = w0 ^ w7 ^ ((w13 << 15) | (w13 >> 17));
            w0 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w3 << 7) | (w3 >> 25)) ^ w10;
            w[64] = w0;
            x = w1 ^ w8 ^ ((w14 << 15) | (w14 >> 17));
            w1 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w4 << 7) | (w4 >> 25)) ^ w11;
            w[65] = w1;
            x = w2 ^ w9 ^ ((w15 << 15) | (w15 >> 17));
            w2 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w5 << 7) | (w5 >> 25)) ^ w12;
            w[66] = w2;
            x = w3 ^ w10 ^ ((w0 << 15) | (w0 >> 17));
            w3 = x ^ ((x << 15) | (x >> 17)) ^ ((x << 23) | (x >> 9)) ^ ((w6 << 7) | (w6 >> 25)) ^ w13;
            w[67] = w3;
            uint[] s = _state;
            uint a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
            uint a12, ss1, wj;
            // Each round leaves TT1 in the variable that was D and P0(TT2) in the one that was H; the names then
            // play (D, A, B, C, H, E, F, G), and after four rounds they are back in place.
            for (int j = 0; j < 16; j += 4)
            {
                a12 = ((a << 12) | (a >> 20));
                ss1 = a12 + e + t[j];
                ss1 = ((ss1 << 7) | (ss1 >> 25));
                wj = w[j];
                d += (a ^ b ^ c) + (ss1 ^ a12) + (wj ^ w[j + 4]);
                h += (e ^ f ^ g) + ss1 + wj;
                b = ((b << 9) | (b >> 23));
                f = ((f << 19) | (f >> 13));
                h ^= ((h << 9) | (h >> 23)) ^ ((h << 17) | (h >> 15));
                a12 = ((d << 12) | (d >> 20));
                ss1 = a12 + h + t[j + 1];
                ss1 = ((ss1 << 7) | (ss1 >> 25));
                wj = w[j + 1];
                c += (d ^ a ^ b) + (ss1 ^ a12) + (wj ^ w[j + 5]);
                g += (h ^ e ^ f) + ss1 + wj;
                a = ((a << 9) | (a >> 23));
                e = ((e << 19) | (e >> 13));
                g ^= ((g << 9) | (g >> 23)) ^ ((g << 17) | (g >> 15));
                a12 = ((c << 12) | (c >> 20));
                ss1 = a12 + g + t[j + 2];
                ss1 = ((ss1 << 7) | (ss1 >> 25));
                wj = w[j + 2];
                b += (c ^ d ^ a) + (ss1 ^ a12) + (wj ^ w[j + 6]);
                f += (g ^ h ^ e) + ss1 + wj;
                d = ((d << 9) | (d >> 23));
                h = ((h << 19) | (h >> 13));
                f ^= ((f << 9) | (f >> 23)) ^ ((f << 17) | (f >> 15));
                a12 = ((b << 12) | (b >> 20));
                ss1 = a12 + f + t[j + 3];
                ss1 = ((ss1 << 7) | (ss1 >> 25));
                wj = w[j + 3];
                a += (b ^ c ^ d) + (ss1 ^ a12) + (wj ^ w[j + 7]);
                e += (f ^ g ^ h) + ss1 + wj;
                c = ((c << 9) | (c >> 23));
                g = ((g << 19) | (g >> 13));
                e ^= ((e << 9) | (e >> 23)) ^ ((e << 17) | (e >> 15));
            }
            for (int j = 16; j < 64; j += 4)
            {
                a12 = ((a << 12) | (a >> 20));
                ss1 = a12 + e + t[j];
                ss1 = ((ss1 << 7) | (ss1 >> 25));
                wj = w[j];
                d += ((a & b) | (c & (a | b))) + (ss1 ^ a12) + (wj ^ w[j + 4]);
                h += (((f ^ g) & e) ^ g) + ss1 + wj;
                b = ((b << 9) | (b >> 23));
                f = ((f << 19) | (f >> 13));
                h ^= ((h << 9) | (h >> 23)) ^ ((h << 17) | (h >> 15));
                a12 = ((d << 12) | (d >> 20));
                ss1 = a12 + h + t[j + 1];
                ss1 = ((ss1 << 7) | (ss1 >> 25));
                wj = w[j + 1];
                c += ((d & a) | (b & (d | a))) + (ss1 ^ a12) + (wj ^ w[j + 5]);
                g += (((e ^ f) & h) ^ f) + ss1 + wj;
                a = ((a << 9) | (a >> 23));
                e = ((e << 19) | (e >> 13));
                g ^= ((g << 9) | (g >> 23)) ^ ((g << 17) | (g >> 15));
                a12 = ((c << 12) | (c >> 20));
                ss1 = a12 + g + t[j + 2];
                ss1 = ((ss1 << 7) | (ss1 >> 25));
                wj = w[j + 2];
                b += ((c & d) | (a & (c | d))) + (ss1 ^ a12) + (wj ^ w[j + 6]);
                f += (((h ^ e) & g) ^ e) + ss1 + wj;
                d = ((d << 9) | (d >> 23));
                h = ((h << 19) | (h >> 13));
                f ^= ((f << 9) | (f >> 23)) ^ ((f << 17) | (f >> 15));
                a12 = ((b << 12) | (b >> 20));
                ss1 = a12 + f + t[j + 3];
                ss1 = ((ss1 << 7) | (ss1 >> 25));
                wj = w[j + 3];
                a += ((b & c) | (d & (b | c))) + (ss1 ^ a12) + (wj ^ w[j + 7]);
                e += (((g ^ h) & f) ^ h) + ss1 + wj;
                c = ((c << 9) | (c >> 23));
                g = ((g << 19) | (g >> 13));
                e ^= ((e << 9) | (e >> 23)) ^ ((e << 17) | (e >> 15));
            }
            s[0] ^= a; s[1] ^= b; s[2] ^= c; s[3] ^= d; s[4] ^= e; s[5] ^= f; s[6] ^= g; s[7] ^= h;
        }
    }
}
