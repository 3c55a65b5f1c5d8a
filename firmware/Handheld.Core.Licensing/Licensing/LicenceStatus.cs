namespace Handheld.Core.Licensing
{
    /// <summary>
    /// Outcome of one verification stage, or of the whole pipeline (the first failing stage). The numeric
    /// values are documented in docs/licence-format.md §4 and are stable: never renumber. Values ≥ 100 are
    /// warnings: they never make a licence invalid.
    /// </summary>
    public enum LicenceStatus : byte
    {
        Valid = 0,
        NotChecked = 1,

        NotLicenceQr = 10,
        InvalidCharacter = 11,
        BadBase45 = 12,
        Truncated = 13,
        Oversize = 14,
        UnsupportedFormatVersion = 15,
        UnknownAlgorithm = 16,

        UnknownKey = 20,
        KeyAlgorithmMismatch = 21,
        KeyNotValidAtInstant = 22,
        KeyNotAuthorisedForProvince = 23,
        KeyNotAuthorisedForSector = 24,

        BadSignature = 30,

        MalformedPayload = 40,
        UnknownCriticalField = 41,
        TemporaryTooLong = 42,

        ClockUnset = 50,
        NotYetValid = 51,
        Expired = 52,
        TrustListStale = 53,

        Revoked = 60,
        RevocationListStale = 61,
        /// <summary>The revocation list in force was signed by an issuer whose scope does not include the
        /// licence's province/sector: it cannot say the licence is not revoked (fail closed: UNVERIFIED).</summary>
        RevocationOutOfScope = 62,

        UsccCheckFailed = 100,
        RevocationNotChecked = 101,
        LicenceNumberUnparsed = 102,
        IgnoredFields = 103,
    }

    /// <summary>Names of <see cref="LicenceStatus"/> values: enum ToString gives a number on the device.</summary>
    public static class LicenceStatusNames
    {
        /// <summary>The code's name as in docs/licence-format.md §4, or "Unknown(n)".</summary>
        public static string Get(LicenceStatus status)
        {
            switch (status)
            {
                case LicenceStatus.Valid: return "Valid";
                case LicenceStatus.NotChecked: return "NotChecked";
                case LicenceStatus.NotLicenceQr: return "NotLicenceQr";
                case LicenceStatus.InvalidCharacter: return "InvalidCharacter";
                case LicenceStatus.BadBase45: return "BadBase45";
                case LicenceStatus.Truncated: return "Truncated";
                case LicenceStatus.Oversize: return "Oversize";
                case LicenceStatus.UnsupportedFormatVersion: return "UnsupportedFormatVersion";
                case LicenceStatus.UnknownAlgorithm: return "UnknownAlgorithm";
                case LicenceStatus.UnknownKey: return "UnknownKey";
                case LicenceStatus.KeyAlgorithmMismatch: return "KeyAlgorithmMismatch";
                case LicenceStatus.KeyNotValidAtInstant: return "KeyNotValidAtInstant";
                case LicenceStatus.KeyNotAuthorisedForProvince: return "KeyNotAuthorisedForProvince";
                case LicenceStatus.KeyNotAuthorisedForSector: return "KeyNotAuthorisedForSector";
                case LicenceStatus.BadSignature: return "BadSignature";
                case LicenceStatus.MalformedPayload: return "MalformedPayload";
                case LicenceStatus.UnknownCriticalField: return "UnknownCriticalField";
                case LicenceStatus.TemporaryTooLong: return "TemporaryTooLong";
                case LicenceStatus.ClockUnset: return "ClockUnset";
                case LicenceStatus.NotYetValid: return "NotYetValid";
                case LicenceStatus.Expired: return "Expired";
                case LicenceStatus.TrustListStale: return "TrustListStale";
                case LicenceStatus.Revoked: return "Revoked";
                case LicenceStatus.RevocationListStale: return "RevocationListStale";
                case LicenceStatus.RevocationOutOfScope: return "RevocationOutOfScope";
                case LicenceStatus.UsccCheckFailed: return "UsccCheckFailed";
                case LicenceStatus.RevocationNotChecked: return "RevocationNotChecked";
                case LicenceStatus.LicenceNumberUnparsed: return "LicenceNumberUnparsed";
                case LicenceStatus.IgnoredFields: return "IgnoredFields";
                default: return "Unknown(" + ((int)status).ToString() + ")";
            }
        }
    }
}
