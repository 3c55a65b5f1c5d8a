using Handheld.Core.Crypto;
using Handheld.Core.Licensing;
using Handheld.Core.Ports;

namespace Handheld.Core.Inspection
{
    /// <summary>
    /// <see cref="IDigitalCheck"/> over Licensing.LicenceVerifier. <see cref="Begin"/> decodes the envelope and
    /// payload without the signature (cheap: the licence number for the micro-text prompt and the declared
    /// physical profile for the sweep); <see cref="Step"/> runs the whole verification pipeline on that same
    /// envelope (signature,
    /// key, dates, trust freshness, revocation) in one call — on the device inside ThreadedDigitalCheck's
    /// worker thread. The verifier's status maps onto verdict reasons (table in Inspection/README.md).
    /// Nothing decoded before the signature is trusted: the verdict needs SignatureValid for GENUINE/INVALID.
    /// </summary>
    public sealed class LicenceDigitalCheck : IDigitalCheck
    {
        private readonly LicenceVerifier _verifier;
        private DigitalResult _result;
        private byte[] _text;
        private int _textLength;
        private LicenceEnvelope _envelope;
        private long _unix;
        private ClockSource _source;

        public LicenceDigitalCheck(LicenceVerifier verifier) { _verifier = verifier; }

        /// <summary>The full verification result of the last completed check (for logs and the app).</summary>
        public LicenceVerificationResult LastVerification;

        public void Begin(byte[] qrText, int qrLength, long unixSeconds, ClockSource clockSource, DigitalResult result)
        {
            _result = result;
            _unix = unixSeconds;
            _source = clockSource;
            LastVerification = null;
            // The scanner's bytes as they are: decoding them to a string would cut at a NUL on nanoCLR.
            _text = qrText;
            _textLength = qrLength;
            _envelope = null;

            LicenceEnvelope envelope;
            if (LicenceEnvelope.TryDecode(qrText, 0, qrLength, out envelope) != LicenceStatus.Valid) return;
            _envelope = envelope;
            byte[] hash = Sha256.Hash(envelope.Bytes, 0, envelope.Bytes.Length);
            for (int i = 0; i < 32; i++) result.PayloadHash[i] = hash[i];
            Licence licence;
            if (LicenceCodec.TryDecode(envelope.Bytes, envelope.PayloadOffset, envelope.PayloadLength, out licence) != LicenceStatus.Valid
                || licence == null) return;
            result.LicenceNumber = licence.LicenceNumberUtf8;
            result.PhysicalProfile = ProfileOf(licence.Physical);
            FibresOf(licence.Fibres, result.Fibres);
        }

        public bool Step(long nowMs)
        {
            if (_result == null) return false;
            if (_result.Completed) return true;
            LicenceVerificationResult v = _verifier.Verify(_text, 0, _textLength, _envelope, _unix, _source);
            LastVerification = v;
            _result.SignatureValid = v.Signature == LicenceStatus.Valid;
            _result.Reasons |= ReasonsOf(v.Status);
            if (v.HasWarning(LicenceStatus.RevocationNotChecked)) _result.Reasons |= VerdictReason.RevocationListAbsent;
            if (v.Licence != null)
            {
                // Authenticated now: prefer the verified values over the pre-decoded ones.
                _result.LicenceNumber = v.Licence.LicenceNumberUtf8;
                _result.PhysicalProfile = ProfileOf(v.Licence.Physical);
                FibresOf(v.Licence.Fibres, _result.Fibres);
            }
            _result.Completed = true;
            return true;
        }

        public void Abort() { _result = null; }

        /// <summary>Verifier status → verdict reason bits.</summary>
        public static int ReasonsOf(LicenceStatus status)
        {
            switch (status)
            {
                case LicenceStatus.Valid: return 0;
                case LicenceStatus.BadSignature: return VerdictReason.SignatureInvalid;
                case LicenceStatus.UnknownKey:
                case LicenceStatus.KeyAlgorithmMismatch:
                case LicenceStatus.KeyNotValidAtInstant:
                case LicenceStatus.KeyNotAuthorisedForProvince:
                case LicenceStatus.KeyNotAuthorisedForSector: return VerdictReason.UnknownIssuerKey;
                case LicenceStatus.ClockUnset: return VerdictReason.ClockUnset;
                case LicenceStatus.NotYetValid: return VerdictReason.NotYetValid;
                case LicenceStatus.Expired: return VerdictReason.Expired;
                case LicenceStatus.TrustListStale:
                case LicenceStatus.RevocationListStale:
                case LicenceStatus.RevocationOutOfScope: return VerdictReason.TrustStale;
                case LicenceStatus.Revoked: return VerdictReason.Revoked;
                case LicenceStatus.NotChecked: return VerdictReason.DigitalIncomplete;
                default: return VerdictReason.PayloadMalformed; // decode and payload failures (10–16, 40–42)
            }
        }

        /// <summary>Licence fingerprint → the registered events the sweep is aligned with (cleared when absent).</summary>
        public static void FibresOf(FibreFingerprint f, Handheld.Core.Fingerprint.RegisteredFibres into)
        {
            into.Clear();
            if (f == null) return;
            into.MarkPitchUnits = FibreFingerprint.MarkPitchUnitsOf(f.Layout);
            into.MarkCount = FibreFingerprint.MarkCountOf(f.Layout);
            into.TrackCount = FibreFingerprint.TrackCountOf(f.Layout);
            for (int i = 0; i < f.Count; i++)
            {
                int colour = f.ColourAt(i) == FibreFingerprint.ColourGreen ? Handheld.Core.Fluorescence.FibreColours.Green
                    : Handheld.Core.Fluorescence.FibreColours.Blue;
                into.AddOnTrack(f.TrackAt(i), f.PositionAt(i), colour, f.ClassAt(i));
            }
        }

        /// <summary>Licence physical profile → <see cref="ProfileBits"/>.</summary>
        public static int ProfileOf(PhysicalProfile p)
        {
            if (p == null) return 0;
            int bits = (int)p.ExpectedFibres & ProfileBits.FibreColourMask;
            if (p.UvDullPaper) bits |= ProfileBits.UvDullPaper;
            if (p.MicroTextUtf8 != null && p.MicroTextUtf8.Length > 0) bits |= ProfileBits.MicroText;
            return bits;
        }
    }
}
