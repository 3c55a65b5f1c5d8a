using Handheld.Core.Crypto;

namespace Handheld.Firmware
{
    /// <summary>
    /// The firmware root public key: the only key that can sign trust lists (docs/ble-protocol.md §6).
    /// PLACEHOLDER: <see cref="SubjectPublicKeyInfo"/> is empty in the repository. Manufacturing replaces it
    /// with the production root's SubjectPublicKeyInfo DER (P-256) before building the release image (see
    /// README "Root key provisioning"). While it is empty, the engine cannot prepare a key, so no trust list
    /// ever verifies: the trust store stays empty and every licence reads UNKNOWN_ISSUER_KEY (fail closed).
    /// </summary>
    public static class RootKey
    {
        public const SignatureAlgorithm Algorithm = SignatureAlgorithm.EcdsaP256Sha256;

        /// <summary>True while the placeholder is still in place (logged at boot).</summary>
        public static bool IsPlaceholder { get { return SubjectPublicKeyInfo.Length == 0; } }

        /// <summary>
        /// MANUFACTURING REPLACES THIS: SubjectPublicKeyInfo DER of the root key (91 bytes for P-256,
        /// `30 59 30 13 06 07 2A 86 48 CE 3D 02 01 06 08 2A 86 48 CE 3D 03 01 07 03 42 00 04 X(32) Y(32)`).
        /// </summary>
        public static readonly byte[] SubjectPublicKeyInfo = new byte[0];
    }
}
