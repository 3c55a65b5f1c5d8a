namespace Handheld.Core.Crypto
{
    /// <summary>
    /// The digest a prepared key verifies: SHA-256 of the message for RSA and P-256 keys; for an SM2 key
    /// e = SM3(Z ‖ M), Z from the signer's key and the default identifier 1234567812345678 (GB/T 32918.2 §6.1,
    /// the identifier rule of docs/licence-format.md). Callers hash through this so every list and licence
    /// path gets SM2 right without knowing about Z.
    /// </summary>
    public static class SignatureDigest
    {
        /// <summary>The hash to feed the signed bytes to: <paramref name="sha256"/> after Reset for RSA and P-256
        /// keys; the SM2 key's own SM3, with Z already absorbed, for an SM2 key (that instance belongs to the key:
        /// same thread rules as the key). Take the 32-byte digest with <see cref="IHash256.Final"/>.</summary>
        public static IHash256 Begin(object preparedKey, IHash256 sha256)
        {
            Sm2PublicKey sm2 = preparedKey as Sm2PublicKey;
            if (sm2 != null) return sm2.BeginMessage();
            sha256.Reset();
            return sha256;
        }

        /// <summary>The 32-byte digest of <paramref name="count"/> bytes at <paramref name="offset"/> for the key
        /// (see <see cref="Begin"/>), using Core's SHA-256 for RSA and P-256 keys.</summary>
        public static byte[] Compute(object preparedKey, byte[] data, int offset, int count)
        {
            Sm2PublicKey sm2 = preparedKey as Sm2PublicKey;
            if (sm2 == null) return Sha256.Hash(data, offset, count);
            IHash256 h = sm2.BeginMessage();
            h.Update(data, offset, count);
            byte[] digest = new byte[32];
            h.Final(digest, 0);
            return digest;
        }
    }
}
