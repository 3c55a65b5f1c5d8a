namespace Handheld.Core.Crypto
{
    /// <summary>
    /// Verifies signatures over a SHA-256 digest. The licence pipeline, trust lists and revocation lists all
    /// go through this interface, so the firmware can plug in a faster (native) engine without touching them.
    /// </summary>
    public interface ISignatureEngine
    {
        /// <summary>
        /// Parses a SubjectPublicKeyInfo (DER) and computes the per-key constants the arithmetic needs
        /// (e.g. Montgomery n′ and R² mod n), once, when the key enters the trust store.
        /// Returns null when the key is malformed or of an algorithm this engine cannot verify. An engine may keep
        /// a reference to the array and finish the preparation on first use, so it must not change afterwards.
        /// </summary>
        object PrepareKey(SignatureAlgorithm algorithm, byte[] subjectPublicKeyInfoDer);

        /// <summary>True only when <paramref name="signature"/> is a valid signature of the message whose
        /// digest is <paramref name="sha256Digest"/> (32 bytes) under <paramref name="preparedKey"/>: SHA-256 of the
        /// message for RSA and P-256, SM3(Z ‖ M) for SM2 (<see cref="SignatureDigest"/> picks the right one).
        /// Never throws for malformed signatures: they are simply invalid.</summary>
        bool VerifyDigest(object preparedKey, byte[] sha256Digest, byte[] signature, int signatureOffset, int signatureLength);
    }
}
