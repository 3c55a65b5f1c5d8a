using Handheld.Core.Crypto;
using Handheld.Core.Ports;
using Handheld.Core.Trust;

namespace Handheld.Core.Licensing
{
    /// <summary>
    /// The licence pipeline (docs/licence-format.md §3): decode → key → signature → payload → authorisation →
    /// clock → trust-list freshness → key window → dates → revocation. The instant is an argument, never read
    /// inside. Never throws for bad input; never reports Valid unless every stage passed.
    /// </summary>
    public sealed class LicenceVerifier
    {
        private readonly TrustStore _store;
        private readonly IRevocationChecker _revocation;

        /// <param name="store">Trusted keys; its engine verifies the signatures.</param>
        /// <param name="revocation">Optional revocation checker (null: warning RevocationNotChecked).</param>
        public LicenceVerifier(TrustStore store, IRevocationChecker revocation)
        {
            _store = store;
            _revocation = revocation;
        }

        /// <summary>Verifies a QR text held as a string (host tools) at the given instant.</summary>
        /// <param name="qrText">The QR text, without scanner framing (CR/LF).</param>
        /// <param name="unixSeconds">The verification instant (ignored when <paramref name="clockSource"/> is Unset).</param>
        public LicenceVerificationResult Verify(string qrText, long unixSeconds, ClockSource clockSource)
        {
            return Verify(qrText, null, unixSeconds, clockSource);
        }

        /// <summary>As <see cref="Verify(string,long,ClockSource)"/>, reusing the envelope the caller already
        /// decoded from the same text (null: decoded here), so an inspection decodes the QR once.</summary>
        public LicenceVerificationResult Verify(string qrText, LicenceEnvelope decoded, long unixSeconds, ClockSource clockSource)
        {
            LicenceEnvelope envelope = decoded;
            LicenceStatus decode = envelope != null ? LicenceStatus.Valid : LicenceEnvelope.TryDecode(qrText, out envelope);
            return Verify(decode, envelope, unixSeconds, clockSource);
        }

        /// <summary>Verifies scanned QR text — the scanner's bytes, as the device holds them — at the given
        /// instant, reusing <paramref name="decoded"/> when the caller already decoded the same bytes (null:
        /// decoded here).</summary>
        public LicenceVerificationResult Verify(byte[] qrText, int offset, int count, LicenceEnvelope decoded, long unixSeconds,
            ClockSource clockSource)
        {
            LicenceEnvelope envelope = decoded;
            LicenceStatus decode = envelope != null ? LicenceStatus.Valid : LicenceEnvelope.TryDecode(qrText, offset, count, out envelope);
            return Verify(decode, envelope, unixSeconds, clockSource);
        }

        private LicenceVerificationResult Verify(LicenceStatus decode, LicenceEnvelope envelope, long unixSeconds, ClockSource clockSource)
        {
            LicenceVerificationResult result = new LicenceVerificationResult();
            try
            {
                Run(result, decode, envelope, unixSeconds, clockSource);
            }
            catch (System.Exception)
            {
                // Defence in depth: a bug in an engine or codec must not escape or yield Valid.
                if (result.Status == LicenceStatus.Valid || result.Status == LicenceStatus.NotChecked)
                {
                    result.Status = LicenceStatus.MalformedPayload;
                }
                result.Licence = null;
            }
            return result;
        }

        private void Run(LicenceVerificationResult r, LicenceStatus decode, LicenceEnvelope envelope, long now, ClockSource clockSource)
        {
            // 1. Decode.
            r.Decode = decode;
            if (r.Decode != LicenceStatus.Valid)
            {
                r.Status = r.Decode;
                return;
            }
            r.FormatVersion = envelope.FormatVersion;
            r.AlgorithmCode = (int)envelope.Algorithm;
            r.KeyId = envelope.CopyKeyId();

            // 2. Key.
            TrustedKey key = _store == null ? null : _store.Find(envelope.Bytes, LicenceEnvelope.KeyIdOffset);
            if (key == null || key.PreparedKey == null)
            {
                r.Key = LicenceStatus.UnknownKey;
                r.Status = r.Key;
                return;
            }
            if (key.Algorithm != envelope.Algorithm)
            {
                r.Key = LicenceStatus.KeyAlgorithmMismatch;
                r.Status = r.Key;
                return;
            }
            r.Key = LicenceStatus.Valid;

            // 3. Signature over the TBS: its SHA-256, or SM3(Z ‖ TBS) for an SM2 key.
            byte[] digest = SignatureDigest.Compute(key.PreparedKey, envelope.Bytes, 0, envelope.TbsLength);
            bool good = _store.Engine.VerifyDigest(key.PreparedKey, digest, envelope.Bytes, envelope.SignatureOffset,
                envelope.SignatureLength);
            r.Signature = good ? LicenceStatus.Valid : LicenceStatus.BadSignature;
            if (!good)
            {
                r.Status = r.Signature;
                return;
            }
            r.SignerKey = key;

            // 4. Payload (authenticated now, still parsed defensively).
            Licence licence;
            r.Payload = LicenceCodec.TryDecode(envelope.Bytes, envelope.PayloadOffset, envelope.PayloadLength, out licence);
            if (r.Payload != LicenceStatus.Valid)
            {
                r.Status = r.Payload;
                return;
            }
            r.Licence = licence;
            if (!Uscc.IsCheckCharacterValid(licence.Uscc))
            {
                r.AddWarning(LicenceStatus.UsccCheckFailed);
            }
            if (licence.IgnoredFieldCount > 0)
            {
                r.AddWarning(LicenceStatus.IgnoredFields);
            }

            // 5. Authorisation.
            LicenceNumber number;
            byte[] numberBytes = licence.LicenceNumberUtf8;
            if (LicenceNumber.TryParse(numberBytes, 0, numberBytes.Length, out number))
            {
                r.Number = number;
            }
            r.Authorisation = Authorise(key, number);
            if (number == null && r.Authorisation == LicenceStatus.Valid)
            {
                r.AddWarning(LicenceStatus.LicenceNumberUnparsed);
            }
            if (r.Authorisation != LicenceStatus.Valid)
            {
                r.Status = r.Authorisation;
                return;
            }

            // 6. Clock.
            if (clockSource == ClockSource.Unset)
            {
                r.Clock = LicenceStatus.ClockUnset;
                r.Status = r.Clock;
                return;
            }
            r.Clock = LicenceStatus.Valid;

            // 7. Trust list freshness.
            r.TrustList = _store.IsStaleAt(now) ? LicenceStatus.TrustListStale : LicenceStatus.Valid;
            if (r.TrustList != LicenceStatus.Valid)
            {
                r.Status = r.TrustList;
                return;
            }

            // 8. Key window: the key is trusted now, and its window overlaps the day the licence was issued.
            bool issuedInWindow = Licence.DayStartUnix(licence.IssueDay) <= key.ValidUntilUnix
                && Licence.DayStartUnix(licence.IssueDay + 1) > key.ValidFromUnix;
            r.KeyWindow = key.IsValidAt(now) && issuedInWindow ? LicenceStatus.Valid : LicenceStatus.KeyNotValidAtInstant;
            if (r.KeyWindow != LicenceStatus.Valid)
            {
                r.Status = r.KeyWindow;
                return;
            }

            // 9. Dates.
            if (now < licence.ValidFromUnix)
            {
                r.Dates = LicenceStatus.NotYetValid;
            }
            else if (now >= licence.ValidUntilEndUnix)
            {
                r.Dates = LicenceStatus.Expired;
            }
            else
            {
                r.Dates = LicenceStatus.Valid;
            }
            if (r.Dates != LicenceStatus.Valid)
            {
                r.Status = r.Dates;
                return;
            }

            // 10. Revocation.
            if (_revocation == null)
            {
                r.AddWarning(LicenceStatus.RevocationNotChecked);
            }
            else if (_revocation.IsStaleAt(now))
            {
                r.Revocation = LicenceStatus.RevocationListStale;
                r.Status = r.Revocation;
                return;
            }
            else if (!_revocation.Covers(number == null ? null : number.Province, number == null ? null : number.Sector))
            {
                r.Revocation = LicenceStatus.RevocationOutOfScope;
                r.Status = r.Revocation;
                return;
            }
            else
            {
                // The payload's own bytes (never re-encoded from a string), canonicalised by the checker.
                int listVersion;
                bool revoked = _revocation.IsRevoked(numberBytes, 0, numberBytes.Length, out listVersion);
                r.RevocationListVersion = listVersion;
                r.Revocation = revoked ? LicenceStatus.Revoked : LicenceStatus.Valid;
                if (revoked)
                {
                    r.Status = r.Revocation;
                    return;
                }
            }
            r.Status = LicenceStatus.Valid;
        }

        // An unrestricted list allows anything, a restricted one refuses an unparsed number (null): the
        // TrustedKey checks decide both.
        private static LicenceStatus Authorise(TrustedKey key, LicenceNumber number)
        {
            if (!key.AllowsProvince(number == null ? null : number.Province))
            {
                return LicenceStatus.KeyNotAuthorisedForProvince;
            }
            if (!key.AllowsSector(number == null ? null : number.Sector))
            {
                return LicenceStatus.KeyNotAuthorisedForSector;
            }
            return LicenceStatus.Valid;
        }
    }
}
