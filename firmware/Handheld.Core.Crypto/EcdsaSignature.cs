namespace Handheld.Core.Crypto
{
    /// <summary>Conversion between the DER form of an ECDSA P-256 signature (SEQUENCE of two INTEGERs, as
    /// <c>openssl dgst -sign</c> emits) and the 64-byte r‖s form (IEEE P1363) the engines verify.</summary>
    public static class EcdsaSignature
    {
        /// <summary>Strict DER → r‖s (each 32 bytes, big-endian). False for any encoding error: indefinite or
        /// non-minimal length, negative or non-minimal integer, trailing bytes, value wider than 256 bits.</summary>
        public static bool TryDerToP1363(byte[] der, int offset, int length, byte[] output64)
        {
            if (der == null || output64 == null || output64.Length < 64 || offset < 0 || length < 0
                || offset > der.Length - length)
            {
                return false;
            }
            Der outer = new Der(der, offset, offset + length);
            int seqStart, seqLen;
            if (!outer.Read(0x30, out seqStart, out seqLen) || outer.Pos != offset + length) return false;
            Der inner = new Der(der, seqStart, seqStart + seqLen);
            int rs, rl, ss, sl;
            if (!inner.ReadUnsignedInteger(out rs, out rl) || !inner.ReadUnsignedInteger(out ss, out sl)) return false;
            if (inner.Pos != seqStart + seqLen || rl > 32 || sl > 32) return false;
            for (int i = 0; i < 64; i++) output64[i] = 0;
            System.Array.Copy(der, rs, output64, 32 - rl, rl);
            System.Array.Copy(der, ss, output64, 64 - sl, sl);
            return true;
        }

        /// <summary>r‖s (64 bytes at offset) → DER SEQUENCE { INTEGER r, INTEGER s }, minimally encoded.</summary>
        public static byte[] TryP1363ToDer(byte[] p1363, int offset)
        {
            if (p1363 == null || offset < 0 || offset > p1363.Length - 64) return null;
            byte[] tmp = new byte[72];
            int n = 2;
            n = PutInteger(p1363, offset, tmp, n);
            n = PutInteger(p1363, offset + 32, tmp, n);
            tmp[0] = 0x30;
            tmp[1] = (byte)(n - 2);
            byte[] result = new byte[n];
            System.Array.Copy(tmp, 0, result, 0, n);
            return result;
        }

        private static int PutInteger(byte[] src, int offset, byte[] dst, int n)
        {
            int skip = 0;
            while (skip < 31 && src[offset + skip] == 0) skip++;
            int len = 32 - skip;
            bool pad = (src[offset + skip] & 0x80) != 0;
            dst[n++] = 0x02;
            dst[n++] = (byte)(len + (pad ? 1 : 0));
            if (pad) dst[n++] = 0;
            System.Array.Copy(src, offset + skip, dst, n, len);
            return n + len;
        }
    }
}
