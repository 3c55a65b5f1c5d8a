using Handheld.Core.Fingerprint;
using Handheld.Core.Fluorescence;

namespace Handheld.Core.Inspection
{
    /// <summary>Bits of <see cref="DigitalResult.PhysicalProfile"/>: the physical features the licence declares.
    /// Fibre colours use Fluorescence.FibreColours values (Blue 1, Green 2, Red 4).</summary>
    public static class ProfileBits
    {
        public const int FibreColourMask = FibreColours.Blue | FibreColours.Green | FibreColours.Red;
        /// <summary>The sheet is UV-dull security paper (no optical brightener).</summary>
        public const int UvDullPaper = 8;
        /// <summary>The sheet carries the micro-text line with the licence number.</summary>
        public const int MicroText = 16;
    }

    /// <summary>
    /// <see cref="IFluorescenceAnalysis"/> over Fluorescence.PhysicalCheck: paper class and fibre events against
    /// the declared profile, mapped onto the verdict's physical finding; when the licence registers a fibre
    /// fingerprint, the sweep's events are aligned with it too (Fingerprint.FingerprintMatcher): a mismatch makes
    /// the finding Inconsistent (FINGERPRINT_MISMATCH), an unreadable comparison keeps it from being Consistent
    /// (FINGERPRINT_UNREADABLE). Without a fingerprint the finding is the profile check's alone. Allocation-free per sweep.
    /// </summary>
    public sealed class FluorescenceProfileAnalysis : IFluorescenceAnalysis
    {
        private readonly PhysicalCheck _check;
        private readonly FingerprintMatcher _matcher;
        private readonly PhysicalCheckResult _detail = new PhysicalCheckResult();
        private readonly FingerprintResult _fingerprint = new FingerprintResult();
        private readonly SpectrumResult _spectrum = new SpectrumResult();
        private SpectrumCheck _spectrumCheck;
        private SpectralTrace _spectral;
        private DeclaredSpectra _declared;
        private readonly ColourSignatureResult _signature = new ColourSignatureResult();
        private ColourSignatureCheck _signatureCheck;
        private DeclaredColourShares _declaredShares;

        /// <summary>Without a matcher a registered fingerprint cannot be checked: such sweeps are never Consistent.</summary>
        public FluorescenceProfileAnalysis(PhysicalCheck check) : this(check, null) { }

        public FluorescenceProfileAnalysis(PhysicalCheck check, FingerprintMatcher matcher)
        {
            _check = check;
            _matcher = matcher;
        }

        private TrackExtractor _extractor;
        private readonly TrackEvents _trackEvents = new TrackEvents();

        /// <summary>Track mode: the fingerprint is compared on the track sweeps (<see cref="TrackSampler"/>, each handed
        /// to <see cref="CompareTrackSweep"/> before <see cref="Analyse"/>), not on the physical sweep. With a
        /// fingerprint and no track sweep compared the comparison is Unreadable [SweepUnusable]: never Consistent.</summary>
        public void UseTrackSweep(TrackExtractor extractor)
        {
            _extractor = extractor;
        }

        /// <summary>
        /// Layout 2 (and layout 1 the same way): compares the sweep of <paramref name="track"/> at once, so the inspection
        /// knows whether another track must be swept; the first track sweep of an inspection starts its evidence afresh. Returns the next
        /// track to sweep, or −1 when the comparison is decided (Match or Mismatch) or every track has been swept. The
        /// next <see cref="Analyse"/> reports this comparison. Without a matcher or track mode: −1 (and Analyse reports
        /// Unreadable, never Consistent).
        /// </summary>
        public int CompareTrackSweep(SweepTrace trace, SamplerFault fault, RegisteredFibres registered, int track, bool firstOfInspection)
        {
            if (_matcher == null || _extractor == null || registered == null || registered.Count == 0) return -1;
            if (firstOfInspection) _matcher.Reset();
            _extractor.Run(trace, trace == null ? SamplerFault.NotPrepared : fault, _trackEvents);
            _matcher.Run(_trackEvents, registered, track, _fingerprint);
            _trackCompared = true;
            return _fingerprint.NextTrack;
        }

        private bool _trackCompared;

        /// <summary>The marks and crossings of the last track sweep (track mode).</summary>
        public TrackEvents TrackEvents { get { return _trackEvents; } }

        /// <summary>The full analysis of the last sweep (events, thresholds, reasons) for logs and records.</summary>
        public PhysicalCheckResult Detail { get { return _detail; } }

        /// <summary>AS7341: compare each sweep's fibre spectra (<paramref name="spectral"/>, filled by the sampler's
        /// SpectrumSampling) with <paramref name="declared"/> (the trust data's catalogue; empty = fail closed).
        /// Not called on the TCS34725, which cannot measure spectra.</summary>
        public void UseSpectrum(SpectrumCheck check, SpectralTrace spectral, DeclaredSpectra declared)
        {
            _spectrumCheck = check;
            _spectral = spectral;
            _declared = declared;
        }

        /// <summary>TCS34725: compare each sweep's fibre events' R/G/B shares with <paramref name="declared"/> (the trust
        /// data's "FT" catalogue; empty = fail closed, never Consistent). Not called on the AS7341, whose spectrum
        /// check (<see cref="UseSpectrum"/>) sees more.</summary>
        public void UseColourSignature(ColourSignatureCheck check, DeclaredColourShares declared)
        {
            _signatureCheck = check;
            _declaredShares = declared;
        }

        /// <summary>The colour-signature comparison of the last sweep (NotAvailable without <see cref="UseColourSignature"/>).</summary>
        public ColourSignatureResult ColourSignature { get { return _signature; } }

        /// <summary>The spectrum comparison of the last sweep (NotAvailable without <see cref="UseSpectrum"/>).</summary>
        public SpectrumResult Spectrum { get { return _spectrum; } }

        /// <summary>The fingerprint comparison of the last sweep (NotChecked when the licence registers none).</summary>
        public FingerprintResult Fingerprint { get { return _fingerprint; } }

        public void Analyse(SweepTrace trace, int expectedProfile, PhysicalResult result)
        {
            _check.Run(trace, expectedProfile & ProfileBits.FibreColourMask, (expectedProfile & ProfileBits.UvDullPaper) != 0, _detail);
            if (_spectrumCheck != null) _spectrumCheck.Apply(trace, _spectral, _declared, _detail, _spectrum);
            else _spectrum.Clear();
            if (_signatureCheck != null) _signatureCheck.Apply(trace, _declaredShares, _detail, _signature);
            else _signature.Clear();
            result.DetailCode = _detail.Reasons;
            result.BackgroundBlue = _detail.BackgroundBlue;
            result.FibresBlue = _detail.BlueEvents;
            result.FibresGreen = _detail.GreenEvents;
            result.FibresRed = _detail.RedEvents;
            switch (_detail.Verdict)
            {
                case PhysicalVerdict.Consistent: result.Finding = PhysicalFinding.Consistent; break;
                case PhysicalVerdict.Inconsistent: result.Finding = PhysicalFinding.Inconsistent; break;
                default:
                    result.Finding = (_detail.Reasons & PhysicalReason.SensorFault) != 0 ? PhysicalFinding.SensorFault : PhysicalFinding.Inconclusive;
                    break;
            }
            RegisteredFibres registered = result.Registered;
            bool compared = _trackCompared;
            _trackCompared = false;
            if (registered == null || registered.Count == 0) { _fingerprint.Clear(); return; }
            if (compared)
            {
                // CompareTrackSweep decided on the tracks already swept: the result stands.
            }
            else if (_matcher == null)
            {
                _fingerprint.Clear();
                _fingerprint.Verdict = FingerprintVerdict.Unreadable;
            }
            else if (_extractor != null)
            {
                // Track mode without a track sweep compared: the physical sweep alone cannot confirm the fingerprint.
                _fingerprint.Clear();
                _fingerprint.Verdict = FingerprintVerdict.Unreadable;
                _fingerprint.Reasons = FingerprintReason.SweepUnusable;
            }
            else
            {
                _matcher.Run(trace, _detail, registered, _fingerprint);
            }
            result.Fingerprint = _fingerprint.Verdict;
            result.FingerprintScore = _fingerprint.ScorePermille;
            result.FingerprintChancePpb = _fingerprint.ChancePpb;
            if (_fingerprint.Verdict == FingerprintVerdict.Mismatch) result.Reasons |= VerdictReason.FingerprintMismatch;
            else if (_fingerprint.Verdict != FingerprintVerdict.Match) result.Reasons |= VerdictReason.FingerprintUnreadable;
            result.Finding = WithFingerprint(result.Finding, _fingerprint.Verdict);
        }

        /// <summary>The paper's finding once a registered fingerprint was compared: a mismatch makes it Inconsistent (a
        /// sensor fault stays one), anything short of a match keeps it from Consistent.</summary>
        public static PhysicalFinding WithFingerprint(PhysicalFinding finding, FingerprintVerdict fingerprint)
        {
            if (fingerprint == FingerprintVerdict.Mismatch) return finding == PhysicalFinding.SensorFault ? finding : PhysicalFinding.Inconsistent;
            if (fingerprint != FingerprintVerdict.Match && finding == PhysicalFinding.Consistent) return PhysicalFinding.Inconclusive;
            return finding;
        }
    }
}
