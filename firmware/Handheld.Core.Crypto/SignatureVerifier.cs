namespace Handheld.Core.Crypto
{
    /// <summary>
    /// One-call verification for integrators: parses the key, hashes the message (SHA-256, or SM3 with Z for SM2) and verifies.
    /// Prepares the key on every call (for RSA that costs more than the verification itself); code that
    /// verifies many messages under one key should keep a prepared key from <see cref="ManagedSignatureEngine"/>.
    /// </summary>
    public static class SignatureVerifier
    {
        /// <summary>True only for a valid signature. Never throws: malformed keys, signatures or arguments give
        /// false. RSA signatures are k bytes (the modulus length); ECDSA and SM2 signatures are r‖s, 64 bytes.</summary>
        public static bool Verify(SignatureAlgorithm alg, byte[] subjectPublicKeyInfoDer, byte[] message, byte[] signature)
        {
            if (subjectPublicKeyInfoDer == null || message == null || signature == null) return false;
            try
            {
                ManagedSignatureEngine engine = new ManagedSignatureEngine();
                object key = engine.PrepareKey(alg, subjectPublicKeyInfoDer);
                if (key == null) return false;
                byte[] digest = SignatureDigest.Compute(key, message, 0, message.Length);
                return engine.VerifyDigest(key, digest, signature, 0, signature.Length);
            }
            catch (System.Exception)
            {
                return false;
            }
        }
    }
}
