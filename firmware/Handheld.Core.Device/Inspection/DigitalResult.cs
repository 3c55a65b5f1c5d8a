using Handheld.Core.Fingerprint;

namespace Handheld.Core.Inspection
{
    /// <summary>
    /// What the digital check (QR payload, signature, key, dates, revocation) found, reduced to the
    /// facts the verdict needs. Filled by an <see cref="IDigitalCheck"/> adapter over the licence verifier.
    /// Reused between inspections (no allocation per inspection).
    /// </summary>
    public sealed class DigitalResult
    {
        /// <summary>True once the check has finished (whatever it found).</summary>
        public bool Completed;

        /// <summary>Signature verified under a trusted, in-date issuer key.</summary>
        public bool SignatureValid;

        /// <summary><see cref="VerdictReason"/> bits from the digital stage (SignatureInvalid, PayloadMalformed,
        /// UnknownIssuerKey, Expired, NotYetValid, Revoked, Suspended, ClockUnset, TrustStale,
        /// RevocationListAbsent, DigitalIncomplete).</summary>
        public int Reasons;

        /// <summary>Licence number decoded from the payload (available before the signature is checked), or null.</summary>
        public byte[] LicenceNumber;

        /// <summary>Physical features the licence declares (<see cref="ProfileBits"/>: fibre colours, UV-dull paper, micro-text).</summary>
        public int PhysicalProfile;

        /// <summary>SHA-256 of the scanned payload bytes (32 bytes) for the record; all zero when not computed.</summary>
        public readonly byte[] PayloadHash = new byte[32];

        /// <summary>The fibre fingerprint the licence registers (field 0x0C); Count 0 when it has none.</summary>
        public readonly RegisteredFibres Fibres = new RegisteredFibres();

        public void Reset()
        {
            Completed = false;
            SignatureValid = false;
            Reasons = 0;
            LicenceNumber = null;
            PhysicalProfile = 0;
            Fibres.Clear();
            for (int i = 0; i < PayloadHash.Length; i++) PayloadHash[i] = 0;
        }
    }
}
