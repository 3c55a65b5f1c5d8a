namespace Handheld.Core.Crypto
{
    /// <summary>
    /// An RSA public key prepared for PKCS#1 v1.5 SHA-256 verification (RFC 8017 §8.2.2): Montgomery
    /// constants computed once, scratch buffers allocated once. Not thread-safe (one verification at a time).
    /// </summary>
    internal sealed class RsaPublicKey
    {
        // DER of DigestInfo { AlgorithmIdentifier { id-sha256, NULL }, OCTET STRING (32) } (RFC 8017 §9.2 note 1).
        private static readonly byte[] Sha256DigestInfoPrefix = new byte[]
        {
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
        };

        /// <summary>Modulus length in bytes (k in RFC 8017).</summary>
        internal readonly int K;
        private readonly byte[] _exponent;
        private readonly int _exponentBits;
        // The modulus stays in the caller's SPKI until the first verification builds the Montgomery context
        // and the scratch buffers (≈ 9 KB in nanoCLR's layout): a 64-key trust list would not fit the heap.
        private readonly byte[] _spki;
        private readonly int _modulusOffset;
        private readonly int _modulusBits;
        private Montgomery _m;
        private ulong[] _s, _sR, _x, _em;
        private byte[] _emBytes;

        private RsaPublicKey(byte[] spki, int modulusOffset, int k, int modulusBits, byte[] exponent, int exponentBits)
        {
            _spki = spki;
            _modulusOffset = modulusOffset;
            K = k;
            _modulusBits = modulusBits;
            _exponent = exponent;
            _exponentBits = exponentBits;
        }

        /// <summary>The Montgomery context (built on first use).</summary>
        internal Montgomery M
        {
            get
            {
                EnsureReady();
                return _m;
            }
        }

        private void EnsureReady()
        {
            if (_m != null) return;
            Montgomery m = new Montgomery(_spki, _modulusOffset, K, _modulusBits);
            int k = K;
            _s = m.NewLimbs();
            _sR = m.NewLimbs();
            _x = m.NewLimbs();
            _em = m.NewLimbs();
            _emBytes = new byte[k];
            // The constant part of EM: 00 01 FF…FF 00 DigestInfo prefix; the digest goes at the end per call.
            _emBytes[1] = 0x01;
            int prefixAt = k - 32 - Sha256DigestInfoPrefix.Length;
            for (int i = 2; i < prefixAt - 1; i++) _emBytes[i] = 0xFF;
            System.Array.Copy(Sha256DigestInfoPrefix, 0, _emBytes, prefixAt, Sha256DigestInfoPrefix.Length);
            _m = m;
        }

        /// <summary>Parses and prepares; null when the SPKI is not a usable RSA key (modulus 2048–4096 bits,
        /// odd; exponent odd, at least 3 and below the modulus).</summary>
        internal static RsaPublicKey Create(byte[] spki)
        {
            int ns, nl, es, el;
            if (!SubjectPublicKeyInfo.TryParseRsa(spki, out ns, out nl, out es, out el)) return null;
            if (nl == 0 || el == 0) return null;
            int bits = nl * 8;
            int top = spki[ns];
            while ((top & 0x80) == 0) { bits--; top <<= 1; }
            if (bits < 2048 || bits > 4096 || (spki[ns + nl - 1] & 1) == 0) return null;
            if (el > nl || (spki[es + el - 1] & 1) == 0 || (el == 1 && spki[es] < 3)) return null;
            if (el == nl && !BelowModulus(spki, es, ns, nl)) return null;
            byte[] e = new byte[el];
            System.Array.Copy(spki, es, e, 0, el);
            int ebits = el * 8;
            int et = e[0];
            while ((et & 0x80) == 0) { ebits--; et <<= 1; }
            return new RsaPublicKey(spki, ns, nl, bits, e, ebits);
        }

        // Exponent and modulus of equal byte length (both without sign byte): e < n compared big-endian.
        private static bool BelowModulus(byte[] spki, int eStart, int nStart, int length)
        {
            for (int i = 0; i < length; i++)
            {
                if (spki[eStart + i] != spki[nStart + i]) return spki[eStart + i] < spki[nStart + i];
            }
            return false;
        }

        /// <summary>RSAVP1 then EMSA-PKCS1-v1_5 comparison; never throws for a bad signature.</summary>
        internal bool Verify(byte[] digest, byte[] sig, int offset, int length)
        {
            if (digest == null || digest.Length != 32 || sig == null || offset < 0 || length != K
                || offset > sig.Length - length)
            {
                return false;
            }
            EnsureReady();
            Montgomery m = _m;
            ulong[] s = _s, sR = _sR, x = _x;
            if (!m.FromBytes(sig, offset, length, s) || m.Compare(s, m.N) >= 0) return false;
            // Left-to-right binary exponentiation. sR = s·R; the last multiplication uses plain s, which
            // leaves the result outside the Montgomery domain with no conversion step.
            m.Mul(s, m.R2, sR);
            System.Array.Copy(sR, 0, x, 0, m.Size);
            byte[] e = _exponent;
            for (int bit = _exponentBits - 2; bit >= 0; bit--)
            {
                m.Sqr(x, x);
                if (((e[e.Length - 1 - (bit >> 3)] >> (bit & 7)) & 1) != 0)
                {
                    m.Mul(x, bit == 0 ? s : sR, x);
                }
            }
            m.ReduceOnce(x);
            // Re-encode the expected EM and compare the whole block; the decrypted block is never parsed.
            byte[] em = _emBytes;
            System.Array.Copy(digest, 0, em, K - 32, 32);
            ulong[] eml = _em;
            m.FromBytes(em, 0, K, eml);
            return m.Compare(x, eml) == 0;
        }
    }
}
