namespace Handheld.Core.Inspection
{
    /// <summary>
    /// Combines the three checks of 一证三验 (digital, physical, human) into one outcome with reasons.
    /// The decision table is in Inspection/README.md; rules are tried top to bottom, first match wins,
    /// and every reason that applied is reported. Fail closed: GENUINE only when every check positively
    /// passed; anything missing, skipped or faulty can never yield GENUINE.
    /// </summary>
    public static class Verdict
    {
        private const int DigitalInvalidReasons =
            VerdictReason.Expired | VerdictReason.NotYetValid | VerdictReason.Revoked | VerdictReason.Suspended;

        private const int DigitalSuspectReasons = VerdictReason.PayloadMalformed | VerdictReason.UnknownIssuerKey;

        private const int DeviceUnverifiedReasons = VerdictReason.ClockUnset | VerdictReason.TrustStale
            | VerdictReason.DigitalIncomplete | VerdictReason.SensorFault | VerdictReason.PhysicalInconclusive
            | VerdictReason.HumanChecksIncomplete | VerdictReason.LampFault;

        private const int HumanDeniedReasons =
            VerdictReason.MicroTextDenied | VerdictReason.HologramDenied | VerdictReason.ThermochromicDenied;

        /// <summary>Collects the reason bits of all three checks.</summary>
        public static int CollectReasons(DigitalResult digital, PhysicalResult physical, HumanChecklist human)
        {
            int r = digital.Reasons;
            if (!digital.Completed) r |= VerdictReason.DigitalIncomplete;
            else if (!digital.SignatureValid && (r & (VerdictReason.SignatureInvalid | DigitalSuspectReasons
                | VerdictReason.TrustStale)) == 0)
            {
                // A check that finished without a valid signature must say why; if it did not, treat it as
                // incomplete rather than let the verdict table fall through to GENUINE.
                r |= VerdictReason.DigitalIncomplete;
            }

            r |= physical.Reasons;
            switch (physical.Finding)
            {
                case PhysicalFinding.Consistent: break;
                case PhysicalFinding.Inconsistent: r |= VerdictReason.PaperInconsistent; break;
                case PhysicalFinding.SensorFault: r |= VerdictReason.SensorFault; break;
                default: r |= VerdictReason.PhysicalInconclusive; break;
            }

            r |= human.DeniedReasons();
            if (human.CountOf(PromptAnswer.Confirmed) < human.RequiredConfirmations) r |= VerdictReason.HumanChecksIncomplete;
            return r;
        }

        /// <summary>The outcome for a set of reason bits (the decision table).</summary>
        public static Outcome Decide(int reasons, bool signatureValid)
        {
            // 1. A signature that does not verify proves the QR was made or altered by someone without the key.
            if ((reasons & VerdictReason.SignatureInvalid) != 0) return Outcome.Forged;
            // 2. Wrong paper AND the inspector saw a security feature missing: two independent checks agree
            //    the sheet is a reproduction (typically a copy of a genuine QR).
            if ((reasons & VerdictReason.PaperInconsistent) != 0 && (reasons & HumanDeniedReasons) != 0) return Outcome.Forged;
            // 3. An authentic licence (signature valid) that is not in force.
            if (signatureValid && (reasons & DigitalInvalidReasons) != 0) return Outcome.Invalid;
            // 4. Evidence against the document that does not prove forgery on its own.
            if ((reasons & (VerdictReason.PaperInconsistent | HumanDeniedReasons | DigitalSuspectReasons)) != 0) return Outcome.Suspect;
            // 5. The device could not complete a check: never GENUINE.
            if ((reasons & DeviceUnverifiedReasons) != 0) return Outcome.Unverified;
            if (!signatureValid) return Outcome.Unverified;
            // 6. Everything positively passed.
            return Outcome.Genuine;
        }

        /// <summary>Collects reasons and decides.</summary>
        public static Outcome Combine(DigitalResult digital, PhysicalResult physical, HumanChecklist human, out int reasons)
        {
            reasons = CollectReasons(digital, physical, human);
            return Decide(reasons, digital.Completed && digital.SignatureValid);
        }
    }
}
