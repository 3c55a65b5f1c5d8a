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
            int i = ProvinceAbbreviations.IndexOf(abbreviation[0]);
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

        /// <summary>Parses a licence number; false (number null) when it is not in the expected shape.</summary>
        public static bool TryParse(string text, out LicenceNumber number)
        {
            number = null;
            if (text == null || text.Length < 12 || text.Length > 64)
            {
                return false;
            }
            int pos = 0;
            char open = text[pos++];
            char close;
            if (open == '\uFF08')
            {
                close = '\uFF09';
            }
            else if (open == '(')
            {
                close = ')';
            }
            else
            {
                return false;
            }
            int provStart = pos;
            while (pos < text.Length && text[pos] != close && pos - provStart <= 3)
            {
                pos++;
            }
            if (pos >= text.Length || text[pos] != close || pos == provStart || pos - provStart > 3)
            {
                return false;
            }
            string province = text.Substring(provStart, pos - provStart);
            pos++;
            int sectorStart = pos;
            while (pos < text.Length && text[pos] >= 'A' && text[pos] <= 'Z')
            {
                pos++;
            }
            int sectorLength = pos - sectorStart;
            if (sectorLength < 1 || sectorLength > 4)
            {
                return false;
            }
            string sector = text.Substring(sectorStart, sectorLength);
            if (pos + Marker.Length > text.Length || text.Substring(pos, Marker.Length) != Marker)
            {
                return false;
            }
            pos += Marker.Length;
            if (pos >= text.Length)
            {
                return false;
            }
            char bracket = text[pos++];
            char bracketClose;
            if (bracket == '[')
            {
                bracketClose = ']';
            }
            else if (bracket == '\u3014')
            {
                bracketClose = '\u3015';
            }
            else if (bracket == '\u3010')
            {
                bracketClose = '\u3011';
            }
            else
            {
                return false;
            }
            if (pos + 5 > text.Length)
            {
                return false;
            }
            int year = 0;
            for (int i = 0; i < 4; i++)
            {
                char c = text[pos + i];
                if (c < '0' || c > '9')
                {
                    return false;
                }
                year = year * 10 + (c - '0');
            }
            pos += 4;
            if (text[pos++] != bracketClose)
            {
                return false;
            }
            int serialStart = pos;
            while (pos < text.Length && text[pos] >= '0' && text[pos] <= '9')
            {
                pos++;
            }
            int serialLength = pos - serialStart;
            if (serialLength < 1 || serialLength > 10)
            {
                return false;
            }
            number = new LicenceNumber(province, ProvinceCodeOf(province), sector, year,
                text.Substring(serialStart, serialLength), text.Substring(pos));
            return true;
        }
    }
}
