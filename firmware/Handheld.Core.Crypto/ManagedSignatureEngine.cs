namespace Handheld.Core.Crypto
{
    /// <summary>
    /// The portable signature engine: RSA PKCS#1 v1.5 SHA-256 (2048–4096-bit moduli, any odd exponent ≥ 3)
    /// ECDSA P-256 SHA-256 and SM2 with SM3 (r‖s signatures), in managed code. For SM2 the digest handed to
    /// <see cref="VerifyDigest"/> is e = SM3(Z ‖ M), which <see cref="SignatureDigest"/> computes for a prepared key. Per-key constants are computed in
    /// <see cref="PrepareKey"/>; a prepared key holds its own scratch buffers, so one prepared key must not be
    /// used by two threads at once.
    /// </summary>
    public sealed class ManagedSignatureEngine : ISignatureEngine
    {
        /// <summary>Creates the engine (stateless; all state lives in prepared keys).</summary>
        public ManagedSignatureEngine()
        {
        }

        /// <inheritdoc />
        public object PrepareKey(SignatureAlgorithm algorithm, byte[] subjectPublicKeyInfoDer)
        {
            if (subjectPublicKeyInfoDer == null) return null;
            try
            {
                if (algorithm == SignatureAlgorithm.RsaPkcs1Sha256) return RsaPublicKey.Create(subjectPublicKeyInfoDer);
                if (algorithm == SignatureAlgorithm.EcdsaP256Sha256) return P256PublicKey.Create(subjectPublicKeyInfoDer);
                if (algorithm == SignatureAlgorithm.Sm2Sm3) return Sm2PublicKey.Create(subjectPublicKeyInfoDer);
            }
            catch (System.Exception)
            {
                // A malformed key must never escape as an exception; the parsers are bounds-checked, this is a
                // last line of defence.
            }
            return null;
        }

        /// <inheritdoc />
        public bool VerifyDigest(object preparedKey, byte[] sha256Digest, byte[] signature, int signatureOffset, int signatureLength)
        {
            try
            {
                RsaPublicKey rsa = preparedKey as RsaPublicKey;
                if (rsa != null) return rsa.Verify(sha256Digest, signature, signatureOffset, signatureLength);
                P256PublicKey ec = preparedKey as P256PublicKey;
                if (ec != null) return ec.Verify(sha256Digest, signature, signatureOffset, signatureLength);
                Sm2PublicKey sm2 = preparedKey as Sm2PublicKey;
                if (sm2 != null) return sm2.Verify(sha256Digest, signature, signatureOffset, signatureLength);
            }
            catch (System.Exception)
            {
                // Fail closed.
            }
            return false;
        }
    }
}
