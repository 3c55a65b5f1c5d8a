using Handheld.Core.Text;

namespace Handheld.Core.Licensing
{
    /// <summary>
    /// A safety-production licence number split into its parts, e.g. <c>（鲁）JZ安许证字[2023]087974</c> →
    /// province 鲁 (GB/T 2260 code 37), sector JZ, year 2023, serial 087974 (docs/licence-format.md §2.3).
    /// </summary>
    public sealed class LicenceNumber
    {
        // Province abbreviations and their GB/T 2260 codes, index for index.
        private const string ProvinceAbbreviations = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔滇藏陕甘青宁新";
        private static readonly int[] ProvinceCodes =
        {
            11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
            61, 62, 63, 64, 65,
        };
        private const string Marker = "安许证字";

        private LicenceNumber(string province, int provinceCode, string sector, int year, string serial, string suffix)
        {
            Province = province;
            ProvinceCode = provinceCode;
            Sector = sector;
            Year = year;
            Serial = serial;
            Suffix = suffix;
        }

        /// <summary>Province abbreviation as printed, e.g. "鲁".</summary>
        public string Province { get; }
        /// <summary>GB/T 2260 code of the province (37 for 鲁), or 0 when the abbreviation is not in the table.</summary>
        public int ProvinceCode { get; }
        /// <summary>Sector code, ASCII capitals, e.g. "JZ".</summary>
        public string Sector { get; }
        public int Year { get; }
        /// <summary>Serial digits as printed (leading zeros kept).</summary>
        public string Serial { get; }
        /// <summary>Anything after the serial (e.g. a reissue marker); empty when none.</summary>
        public string Suffix { get; }

        /// <summary>The GB/T 2260 code for a province abbreviation, or 0.</summary>
        public static int ProvinceCodeOf(string abbreviation)
        {
            if (abbreviation == null || abbreviation.Length != 1)
            {
                return 0;
            }
            int i = ProvinceAbbreviations.IndexOf(abbreviation.ToCharArray()[0]);
            return i < 0 ? 0 : ProvinceCodes[i];
        }

        /// <summary>The abbreviation for a GB/T 2260 province code, or null.</summary>
        public static string ProvinceAbbreviationOf(int code)
        {
            for (int i = 0; i < ProvinceCodes.Length; i++)
            {
                if (ProvinceCodes[i] == code)
                {
                    return ProvinceAbbreviations.Substring(i, 1);
                }
            }
            return null;
        }

        /// <summary>The canonical printed form <c>（P）SS安许证字[YYYY]NNN</c> (full-width parentheses, ASCII
        /// brackets, no suffix) that the compact payload encoding reproduces.</summary>
        public static string Canonical(string province, string sector, int year, string serial)
        {
            return "\uFF08" + province + "\uFF09" + sector + Marker + "[" + year.ToString() + "]" + serial;
        }

        /// <summary>Parses a licence number held as a string (host tools): its UTF-8 bytes are parsed.</summary>
        public static bool TryParse(string text, out LicenceNumber number)
        {
            number = null;
            byte[] bytes = Utf8.Encode(text);
            return bytes != null && TryParse(bytes, 0, bytes.Length, out number);
        }

        // UTF-8 of the non-ASCII delimiters: full-width parentheses, 〔〕 and 【】 brackets, and the marker.
        private static readonly byte[] FullWidthOpen = { 0xEF, 0xBC, 0x88 };
        private static readonly byte[] FullWidthClose = { 0xEF, 0xBC, 0x89 };
        private static readonly byte[] TortoiseOpen = { 0xE3, 0x80, 0x94 };
        private static readonly byte[] TortoiseClose = { 0xE3, 0x80, 0x95 };
        private static readonly byte[] LenticularOpen = { 0xE3, 0x80, 0x90 };
        private static readonly byte[] LenticularClose = { 0xE3, 0x80, 0x91 };
        private static readonly byte[] MarkerUtf8 = Utf8.Encode(Marker);

        /// <summary>Parses a licence number from its UTF-8 bytes (payload field 0x01 as printed); false (number
        /// null) when it is not in the expected shape or not valid UTF-8. Works on the bytes, never on a string
        /// (nanoCLR indexes strings by walking their UTF-8, §9 of the platform facts): the same answer on both
        /// runtimes for any text. Lengths count UTF-16 units, as the string form always did: 12–64 in all, 1–3
        /// for the province.</summary>
        public static bool TryParse(byte[] text, int offset, int count, out LicenceNumber number)
        {
            number = null;
            int units = Utf8.Validate(text, offset, count);
            if (units < 12 || units > 64)
            {
                return false;
            }
            int end = offset + count;
            int pos = offset;
            byte[] close = null;
            if (text[pos] == '(')
            {
                pos++;
            }
            else if (Matches(text, pos, end, FullWidthOpen))
            {
                pos += FullWidthOpen.Length;
                close = FullWidthClose;
            }
            else
            {
                return false;
            }
            int provStart = pos;
            int provinceUnits = 0;
            while (pos < end && !(close == null ? text[pos] == ')' : Matches(text, pos, end, close)))
            {
                int length = SequenceLength(text[pos]);
                provinceUnits += length == 4 ? 2 : 1;
                if (provinceUnits > 3)
                {
                    return false;
                }
                pos += length;
            }
            if (pos >= end || pos == provStart)
            {
                return false;
            }
            string province = Utf8.Decode(text, provStart, pos - provStart);
            pos += close == null ? 1 : close.Length;
            int sectorStart = pos;
            while (pos < end && text[pos] >= 'A' && text[pos] <= 'Z')
            {
                pos++;
            }
            int sectorLength = pos - sectorStart;
            if (sectorLength < 1 || sectorLength > 4 || !Matches(text, pos, end, MarkerUtf8))
            {
                return false;
            }
            string sector = Utf8.Decode(text, sectorStart, sectorLength);
            pos += MarkerUtf8.Length;
            byte[] bracketClose = null;
            if (pos < end && text[pos] == '[')
            {
                pos++;
            }
            else if (Matches(text, pos, end, TortoiseOpen))
            {
                pos += TortoiseOpen.Length;
                bracketClose = TortoiseClose;
            }
            else if (Matches(text, pos, end, LenticularOpen))
            {
                pos += LenticularOpen.Length;
                bracketClose = LenticularClose;
            }
            else
            {
                return false;
            }
            if (pos + 4 > end)
            {
                return false;
            }
            int year = 0;
            for (int i = 0; i < 4; i++)
            {
                int c = text[pos + i];
                if (c < '0' || c > '9')
                {
                    return false;
                }
                year = year * 10 + (c - '0');
            }
            pos += 4;
            if (bracketClose == null ? pos >= end || text[pos] != ']' : !Matches(text, pos, end, bracketClose))
            {
                return false;
            }
            pos += bracketClose == null ? 1 : bracketClose.Length;
            int serialStart = pos;
            while (pos < end && text[pos] >= '0' && text[pos] <= '9')
            {
                pos++;
            }
            int serialLength = pos - serialStart;
            if (serialLength < 1 || serialLength > 10)
            {
                return false;
            }
            number = new LicenceNumber(province, ProvinceCodeOf(province), sector, year,
                Utf8.Decode(text, serialStart, serialLength), Utf8.Decode(text, pos, end - pos));
            return true;
        }

        private static bool Matches(byte[] text, int pos, int end, byte[] expected)
        {
            if (pos > end - expected.Length)
            {
                return false;
            }
            for (int i = 0; i < expected.Length; i++)
            {
                if (text[pos + i] != expected[i])
                {
                    return false;
                }
            }
            return true;
        }

        // Length of the UTF-8 sequence a (validated) lead byte starts.
        private static int SequenceLength(int lead)
        {
            return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        }
    }
}
