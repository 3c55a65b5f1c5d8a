namespace Handheld.Core.Crypto
{
    /// <summary>
    /// SHA-256 (FIPS 180-4). The device has no SHA-256 class, so this is the one used everywhere in Core.
    /// Written for an interpreter: the eight working variables are locals, rounds are unrolled by eight so
    /// they never rotate through assignments, and the message schedule lives in a buffer allocated once.
    /// An instance is not thread-safe; the static <see cref="Hash"/> uses a fresh instance.
    /// </summary>
    public sealed class Sha256 : IHash256
    {
        /// <summary>Digest length in bytes.</summary>
        public const int HashSize = 32;

        // FIPS 180-4 §4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes.
        private static readonly uint[] K = new uint[]
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _w = new uint[64];
        private readonly byte[] _buffer = new byte[64];
        private int _buffered;
        private long _totalBytes;

        /// <summary>Creates a hasher in its initial state.</summary>
        public Sha256()
        {
            Reset();
        }

        /// <summary>SHA-256 of <paramref name="count"/> bytes of <paramref name="data"/> from
        /// <paramref name="offset"/>; returns a new 32-byte array.</summary>
        public static byte[] Hash(byte[] data, int offset, int count)
        {
            Sha256 h = new Sha256();
            h.Update(data, offset, count);
            byte[] result = new byte[HashSize];
            h.Final(result, 0);
            return result;
        }

        /// <summary>Returns to the initial state (FIPS 180-4 §5.3.3), discarding anything hashed so far.</summary>
        public void Reset()
        {
            uint[] s = _state;
            s[0] = 0x6a09e667; s[1] = 0xbb67ae85; s[2] = 0x3c6ef372; s[3] = 0xa54ff53a;
            s[4] = 0x510e527f; s[5] = 0x9b05688c; s[6] = 0x1f83d9ab; s[7] = 0x5be0cd19;
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

        private void Compress(byte[] p, int o)
        {
            uint[] w = _w;
            uint[] k = K;
            for (int i = 0; i < 16; i++)
            {
                w[i] = ((uint)p[o] << 24) | ((uint)p[o + 1] << 16) | ((uint)p[o + 2] << 8) | p[o + 3];
                o += 4;
            }
            for (int i = 16; i < 64; i++)
            {
                uint x = w[i - 15];
                uint y = w[i - 2];
                w[i] = w[i - 16] + w[i - 7]
                    + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3))
                    + (((y >> 17) | (y << 15)) ^ ((y >> 19) | (y << 13)) ^ (y >> 10));
            }
            uint[] s = _state;
            uint a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
            for (int t = 0; t < 64; t += 8)
            {
                h += ((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7));
                h += ((e & (f ^ g)) ^ g) + k[t + 0] + w[t + 0];
                d += h;
                h += (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10))) + ((a & b) | (c & (a | b)));
                g += ((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7));
                g += ((d & (e ^ f)) ^ f) + k[t + 1] + w[t + 1];
                c += g;
                g += (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10))) + ((h & a) | (b & (h | a)));
                f += ((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7));
                f += ((c & (d ^ e)) ^ e) + k[t + 2] + w[t + 2];
                b += f;
                f += (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10))) + ((g & h) | (a & (g | h)));
                e += ((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7));
                e += ((b & (c ^ d)) ^ d) + k[t + 3] + w[t + 3];
                a += e;
                e += (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10))) + ((f & g) | (h & (f | g)));
                d += ((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7));
                d += ((a & (b ^ c)) ^ c) + k[t + 4] + w[t + 4];
                h += d;
                d += (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10))) + ((e & f) | (g & (e | f)));
                c += ((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7));
                c += ((h & (a ^ b)) ^ b) + k[t + 5] + w[t + 5];
                g += c;
                c += (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10))) + ((d & e) | (f & (d | e)));
                b += ((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7));
                b += ((g & (h ^ a)) ^ a) + k[t + 6] + w[t + 6];
                f += b;
                b += (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10))) + ((c & d) | (e & (c | d)));
                a += ((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7));
                a += ((f & (g ^ h)) ^ h) + k[t + 7] + w[t + 7];
                e += a;
                a += (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10))) + ((b & c) | (d & (b | c)));

            }
            s[0] += a; s[1] += b; s[2] += c; s[3] += d; s[4] += e; s[5] += f; s[6] += g; s[7] += h;
        }
    }
}
