namespace Handheld.Core.Crypto
{
    /// <summary>Signature algorithms a licence, trust list or revocation list may be signed with.
    /// The numeric values are the wire codes in docs/licence-format.md; never renumber.</summary>
    public enum SignatureAlgorithm : byte
    {
        /// <summary>RSA PKCS#1 v1.5 with SHA-256 (RFC 8017 §8.2), any modulus of 2048–4096 bits.</summary>
        RsaPkcs1Sha256 = 1,
        /// <summary>ECDSA over NIST P-256 with SHA-256; signature is r‖s, 32 bytes each (IEEE P1363).</summary>
        EcdsaP256Sha256 = 2,
        /// <summary>SM2 over the recommended curve sm2p256v1 with SM3 (GB/T 32918.2, GB/T 32905); signature is r‖s,
        /// 32 bytes each; the message digest is e = SM3(Z ‖ M) with Z from the default identifier
        /// 1234567812345678 (see <see cref="SignatureDigest"/>).</summary>
        Sm2Sm3 = 3,
    }
}
