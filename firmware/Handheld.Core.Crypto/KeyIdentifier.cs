namespace Handheld.Core.Crypto
{
    /// <summary>Key identifier used in licence headers and trust lists: the first 8 bytes of SHA-256 over the
    /// key's SubjectPublicKeyInfo DER (as the EU DCC does).</summary>
    public static class KeyIdentifier
    {
        /// <summary>Length of a key identifier in bytes.</summary>
        public const int Length = 8;

        /// <summary>First 8 bytes of SHA-256(spkiDer). Returns null for a null argument.</summary>
        public static byte[] Compute(byte[] spkiDer)
        {
            if (spkiDer == null) return null;
            byte[] digest = Sha256.Hash(spkiDer, 0, spkiDer.Length);
            byte[] id = new byte[Length];
            System.Array.Copy(digest, 0, id, 0, Length);
            return id;
        }

        /// <summary>True when the <see cref="Length"/> bytes at <paramref name="aOffset"/> and
        /// <paramref name="bOffset"/> are equal (callers check the ranges).</summary>
        public static bool Matches(byte[] a, int aOffset, byte[] b, int bOffset)
        {
            for (int i = 0; i < Length; i++)
            {
                if (a[aOffset + i] != b[bOffset + i]) return false;
            }
            return true;
        }
    }
}
