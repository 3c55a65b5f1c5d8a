using Handheld.Core.Text;

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

        // Text fields are held as their UTF-8 bytes (what the payload signs, the revocation list hashes and the
        // record stores); the string properties convert on each use, for host tools and the display. Setting a
        // string with a lone surrogate (no valid UTF-8) leaves the field null, so the encoder refuses it.

        /// <summary>Licence number as printed: UTF-8 of field 0x01 (the canonical text for a compact field).</summary>
        public byte[] LicenceNumberUtf8 { get; set; }
        public byte[] EnterpriseNameUtf8 { get; set; }
        /// <summary>Unified Social Credit Code, 18 ASCII characters.</summary>
        public byte[] UsccUtf8 { get; set; }
        public byte[] LegalRepresentativeUtf8 { get; set; }
        public byte[] AddressUtf8 { get; set; }
        /// <summary>Licensed scope items, at least one, each UTF-8.</summary>
        public byte[][] ScopeItemsUtf8 { get; set; }
        public byte[] IssuingAuthorityUtf8 { get; set; }

        public string LicenceNumber { get { return Text(LicenceNumberUtf8); } set { LicenceNumberUtf8 = Utf8.Encode(value); } }
        public string EnterpriseName { get { return Text(EnterpriseNameUtf8); } set { EnterpriseNameUtf8 = Utf8.Encode(value); } }
        /// <summary>Unified Social Credit Code, 18 characters.</summary>
        public string Uscc { get { return Text(UsccUtf8); } set { UsccUtf8 = Utf8.Encode(value); } }
        public string LegalRepresentative { get { return Text(LegalRepresentativeUtf8); } set { LegalRepresentativeUtf8 = Utf8.Encode(value); } }
        public string Address { get { return Text(AddressUtf8); } set { AddressUtf8 = Utf8.Encode(value); } }
        public string IssuingAuthority { get { return Text(IssuingAuthorityUtf8); } set { IssuingAuthorityUtf8 = Utf8.Encode(value); } }

        /// <summary>Licensed scope items, at least one (a copy: assign a new array to change them).</summary>
        public string[] ScopeItems
        {
            get
            {
                byte[][] items = ScopeItemsUtf8;
                if (items == null)
                {
                    return null;
                }
                string[] texts = new string[items.Length];
                for (int i = 0; i < items.Length; i++)
                {
                    texts[i] = Text(items[i]);
                }
                return texts;
            }
            set
            {
                if (value == null)
                {
                    ScopeItemsUtf8 = null;
                    return;
                }
                byte[][] items = new byte[value.Length][];
                for (int i = 0; i < value.Length; i++)
                {
                    items[i] = Utf8.Encode(value[i]);
                }
                ScopeItemsUtf8 = items;
            }
        }

        public int IssueDay { get; set; }
        public int ValidFromDay { get; set; }
        public int ValidUntilDay { get; set; }
        public LicenceKind Kind { get; set; }
        /// <summary>Reissue number (1–255) when <see cref="Kind"/> is Reissue, else 0.</summary>
        public int ReissueSequence { get; set; }
        /// <summary>Safety-credit grade 'A'–'D', or '\0' when absent.</summary>
        public char CreditGrade { get; set; }
        public PhysicalProfile Physical { get; set; }
        /// <summary>The registered fibre fingerprint of the sheet (field 0x0C), or null when the licence has none.</summary>
        public FibreFingerprint Fibres { get; set; }
        /// <summary>Number of ignorable (tag ≥ 0x80) fields skipped while decoding.</summary>
        public int IgnoredFieldCount { get; set; }

        private static string Text(byte[] utf8)
        {
            return utf8 == null ? null : Utf8.Decode(utf8, 0, utf8.Length);
        }

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
