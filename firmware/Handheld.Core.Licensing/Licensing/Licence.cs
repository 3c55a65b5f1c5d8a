namespace Handheld.Core.Licensing
{
    /// <summary>
    /// The decoded payload of a licence QR (docs/licence-format.md §2). Also the input of the encoder.
    /// Day numbers count days since 1970-01-01 in China Standard Time (§2.2).
    /// </summary>
    public sealed class Licence
    {
        /// <summary>Longest temporary emergency licence, days inclusive.</summary>
        public const int MaxTemporaryDays = 30;
        /// <summary>China Standard Time offset: licence days start at 00:00 UTC+8.</summary>
        public const long ChinaOffsetSeconds = 8 * 3600;

        public string LicenceNumber { get; set; }
        public string EnterpriseName { get; set; }
        /// <summary>Unified Social Credit Code, 18 characters.</summary>
        public string Uscc { get; set; }
        public string LegalRepresentative { get; set; }
        public string Address { get; set; }
        /// <summary>Licensed scope items, at least one.</summary>
        public string[] ScopeItems { get; set; }
        public string IssuingAuthority { get; set; }
        public int IssueDay { get; set; }
        public int ValidFromDay { get; set; }
        public int ValidUntilDay { get; set; }
        public LicenceKind Kind { get; set; }
        /// <summary>Reissue number (1–255) when <see cref="Kind"/> is Reissue, else 0.</summary>
        public int ReissueSequence { get; set; }
        /// <summary>Safety-credit grade 'A'–'D', or '\0' when absent.</summary>
        public char CreditGrade { get; set; }
        public PhysicalProfile Physical { get; set; }
        /// <summary>Number of ignorable (tag ≥ 0x80) fields skipped while decoding.</summary>
        public int IgnoredFieldCount { get; set; }

        /// <summary>Unix seconds at which the licence becomes valid (start of the valid-from day, UTC+8).</summary>
        public long ValidFromUnix { get { return DayStartUnix(ValidFromDay); } }

        /// <summary>First unix second at which the licence is no longer valid (end of the valid-until day).</summary>
        public long ValidUntilEndUnix { get { return DayStartUnix(ValidUntilDay + 1); } }

        /// <summary>Unix seconds at the start (00:00 UTC+8) of a day number.</summary>
        public static long DayStartUnix(int day)
        {
            return (long)day * 86400 - ChinaOffsetSeconds;
        }

        /// <summary>The day number (UTC+8) containing a unix instant.</summary>
        public static int DayOf(long unixSeconds)
        {
            long t = unixSeconds + ChinaOffsetSeconds;
            long d = t / 86400;
            if (t < 0 && d * 86400 != t)
            {
                d--;
            }
            return (int)d;
        }
    }
}
