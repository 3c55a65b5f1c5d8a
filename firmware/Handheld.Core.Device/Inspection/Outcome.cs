using Handheld.Core.Text;

namespace Handheld.Core.Inspection
{
    /// <summary>The inspection verdict shown to the inspector and stored in the record. Wire values are
    /// stored in records: never renumber.</summary>
    public enum Outcome : byte
    {
        /// <summary>No verdict (inspection cancelled or still running).</summary>
        None = 0,
        /// <summary>Signature, dates, revocation, paper and the inspector's checks all agree.</summary>
        Genuine = 1,
        /// <summary>Something about the document is wrong but forgery is not proven.</summary>
        Suspect = 2,
        /// <summary>Proven forged: bad signature, or copied onto the wrong paper and denied by the inspector.</summary>
        Forged = 3,
        /// <summary>An authentic licence that is not in force: expired, revoked, suspended or not yet valid.</summary>
        Invalid = 4,
        /// <summary>The device cannot judge: clock not set, trust data stale, sensor fault, checks skipped.</summary>
        Unverified = 5,
    }

    /// <summary>Why a verdict was reached; a record carries every reason that applied (a bit set), not
    /// only the deciding one. Bit positions are stored in records: never renumber.</summary>
    public static class VerdictReason
    {
        public const int SignatureInvalid = 1 << 0;
        public const int PayloadMalformed = 1 << 1;
        public const int UnknownIssuerKey = 1 << 2;
        public const int Expired = 1 << 3;
        public const int NotYetValid = 1 << 4;
        public const int Revoked = 1 << 5;
        public const int Suspended = 1 << 6;
        public const int ClockUnset = 1 << 7;
        public const int TrustStale = 1 << 8;
        public const int RevocationListAbsent = 1 << 9;
        public const int DigitalIncomplete = 1 << 10;
        public const int PaperInconsistent = 1 << 11;
        public const int PhysicalInconclusive = 1 << 12;
        public const int SensorFault = 1 << 13;
        public const int MicroTextDenied = 1 << 14;
        public const int HologramDenied = 1 << 15;
        public const int ThermochromicDenied = 1 << 16;
        public const int HumanChecksIncomplete = 1 << 17;
        public const int LampFault = 1 << 18;
        public const int RecordNotStored = 1 << 19;
        /// <summary>The licence registers a fibre fingerprint and the sheet's fibres do not match it.</summary>
        public const int FingerprintMismatch = 1 << 20;
        /// <summary>The licence registers a fibre fingerprint and the sweep could not be aligned with it.</summary>
        public const int FingerprintUnreadable = 1 << 21;

        /// <summary>Number of defined reason bits.</summary>
        public const int Count = 22;

        private static readonly string[] Names =
        {
            "SIGNATURE_INVALID", "PAYLOAD_MALFORMED", "UNKNOWN_ISSUER_KEY", "EXPIRED", "NOT_YET_VALID",
            "REVOKED", "SUSPENDED", "CLOCK_UNSET", "TRUST_STALE", "REVOCATION_LIST_ABSENT", "DIGITAL_INCOMPLETE",
            "PAPER_INCONSISTENT", "PHYSICAL_INCONCLUSIVE", "SENSOR_FAULT", "MICROTEXT_DENIED", "HOLOGRAM_DENIED",
            "THERMOCHROMIC_DENIED", "HUMAN_CHECKS_INCOMPLETE", "LAMP_FAULT", "RECORD_NOT_STORED",
            "FINGERPRINT_MISMATCH", "FINGERPRINT_UNREADABLE",
        };

        /// <summary>Stable upper-case name of one reason bit (enum names are numbers on the device).</summary>
        public static string NameOf(int reasonBit)
        {
            for (int i = 0; i < Count; i++)
            {
                if (reasonBit == (1 << i)) return Names[i];
            }
            return "UNKNOWN";
        }

        /// <summary>Comma-separated names of every bit set in <paramref name="reasons"/>.</summary>
        public static string Describe(int reasons)
        {
            return FlagNames.Describe(reasons, Names, "");
        }
    }

    /// <summary>Names for <see cref="Outcome"/> (enum ToString gives a number on the device).</summary>
    public static class OutcomeNames
    {
        public static string Of(Outcome outcome)
        {
            switch (outcome)
            {
                case Outcome.Genuine: return "GENUINE";
                case Outcome.Suspect: return "SUSPECT";
                case Outcome.Forged: return "FORGED";
                case Outcome.Invalid: return "INVALID";
                case Outcome.Unverified: return "UNVERIFIED";
                default: return "NONE";
            }
        }
    }
}
