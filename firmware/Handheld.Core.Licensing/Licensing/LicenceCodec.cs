using Handheld.Core.Text;

namespace Handheld.Core.Licensing
{
    /// <summary>
    /// The payload codec (docs/licence-format.md §2): TLV fields in ascending tag order, tags ≥ 0x80 ignorable.
    /// One codec for device and SDK: the encoder validates its output with the decoder.
    /// </summary>
    public static class LicenceCodec
    {
        public const byte TagLicenceNumber = 0x01;
        public const byte TagEnterpriseName = 0x02;
        public const byte TagUscc = 0x03;
        public const byte TagLegalRepresentative = 0x04;
        public const byte TagAddress = 0x05;
        public const byte TagScope = 0x06;
        public const byte TagIssuingAuthority = 0x07;
        public const byte TagDates = 0x08;
        public const byte TagKind = 0x09;
        public const byte TagCreditGrade = 0x0A;
        public const byte TagPhysicalProfile = 0x0B;
        /// <summary>Fibre fingerprint (format §2.4, revision 2). Critical: a verifier that cannot check it fails closed.</summary>
        public const byte TagFibreFingerprint = 0x0C;
        /// <summary>Tags at or above this are ignorable by a verifier that does not know them.</summary>
        public const int FirstIgnorableTag = 0x80;
        public const int MaxLicenceNumberBytes = 96;
        public const int MaxTextBytes = 255;

        /// <summary>Encodes a licence's payload; returns Valid with the bytes, or the reason the decoder would
        /// reject it (MalformedPayload, TemporaryTooLong). Never throws for bad input.</summary>
        public static LicenceStatus TryEncode(Licence licence, out byte[] payload)
        {
            payload = null;
            if (licence == null || licence.Physical == null || licence.ScopeItemsUtf8 == null)
            {
                return LicenceStatus.MalformedPayload;
            }
            System.Collections.ArrayList parts = new System.Collections.ArrayList();
            byte[] compactNumber = CompactLicenceNumber(licence.LicenceNumberUtf8);
            if (compactNumber != null)
            {
                AddField(parts, TagLicenceNumber, compactNumber);
            }
            else if (!AddText(parts, TagLicenceNumber, licence.LicenceNumberUtf8))
            {
                return LicenceStatus.MalformedPayload;
            }
            if (!AddText(parts, TagEnterpriseName, licence.EnterpriseNameUtf8))
            {
                return LicenceStatus.MalformedPayload;
            }
            byte[] packedUscc = PackUscc(licence.UsccUtf8);
            if (packedUscc != null)
            {
                AddField(parts, TagUscc, packedUscc);
            }
            else if (!AddText(parts, TagUscc, licence.UsccUtf8))
            {
                return LicenceStatus.MalformedPayload;
            }
            if (!AddText(parts, TagLegalRepresentative, licence.LegalRepresentativeUtf8)
                || !AddText(parts, TagAddress, licence.AddressUtf8))
            {
                return LicenceStatus.MalformedPayload;
            }
            int scopeLength = 0;
            byte[][] items = licence.ScopeItemsUtf8;
            for (int i = 0; i < items.Length; i++)
            {
                if (items[i] == null || items[i].Length < 1 || items[i].Length > 255)
                {
                    return LicenceStatus.MalformedPayload;
                }
                scopeLength += 1 + items[i].Length;
            }
            byte[] scope = new byte[scopeLength];
            int p = 0;
            for (int i = 0; i < items.Length; i++)
            {
                scope[p++] = (byte)items[i].Length;
                System.Array.Copy(items[i], 0, scope, p, items[i].Length);
                p += items[i].Length;
            }
            AddField(parts, TagScope, scope);
            if (!AddText(parts, TagIssuingAuthority, licence.IssuingAuthorityUtf8))
            {
                return LicenceStatus.MalformedPayload;
            }
            if (!InDayRange(licence.IssueDay) || !InDayRange(licence.ValidFromDay) || !InDayRange(licence.ValidUntilDay))
            {
                return LicenceStatus.MalformedPayload;
            }
            if (licence.IssueDay == licence.ValidFromDay)
            {
                AddField(parts, TagDates, new byte[]
                {
                    (byte)(licence.ValidFromDay >> 8), (byte)licence.ValidFromDay,
                    (byte)(licence.ValidUntilDay >> 8), (byte)licence.ValidUntilDay,
                });
            }
            else
            {
                AddField(parts, TagDates, new byte[]
                {
                    (byte)(licence.IssueDay >> 8), (byte)licence.IssueDay,
                    (byte)(licence.ValidFromDay >> 8), (byte)licence.ValidFromDay,
                    (byte)(licence.ValidUntilDay >> 8), (byte)licence.ValidUntilDay,
                });
            }
            if (licence.Kind == LicenceKind.TemporaryEmergency)
            {
                AddField(parts, TagKind, new byte[] { 1 });
            }
            else if (licence.Kind == LicenceKind.Reissue)
            {
                if (licence.ReissueSequence < 1 || licence.ReissueSequence > 255)
                {
                    return LicenceStatus.MalformedPayload;
                }
                AddField(parts, TagKind, new byte[] { 2, (byte)licence.ReissueSequence });
            }
            else if (licence.Kind != LicenceKind.Regular)
            {
                return LicenceStatus.MalformedPayload;
            }
            if (licence.CreditGrade != '\0')
            {
                AddField(parts, TagCreditGrade, new byte[] { (byte)licence.CreditGrade });
            }
            byte[] micro = licence.Physical.MicroTextUtf8;
            if (micro == null || micro.Length > 255)
            {
                return LicenceStatus.MalformedPayload;
            }
            byte[] profile = new byte[2 + micro.Length];
            profile[0] = (byte)licence.Physical.ExpectedFibres;
            profile[1] = (byte)(licence.Physical.UvDullPaper ? 1 : 0);
            System.Array.Copy(micro, 0, profile, 2, micro.Length);
            AddField(parts, TagPhysicalProfile, profile);
            if (licence.Fibres != null)
            {
                byte[] fingerprint = licence.Fibres.Encode();
                if (fingerprint == null)
                {
                    return LicenceStatus.MalformedPayload;
                }
                AddField(parts, TagFibreFingerprint, fingerprint);
            }

            int total = 0;
            for (int i = 0; i < parts.Count; i++)
            {
                total += ((byte[])parts[i]).Length;
            }
            byte[] result = new byte[total];
            p = 0;
            for (int i = 0; i < parts.Count; i++)
            {
                byte[] part = (byte[])parts[i];
                System.Array.Copy(part, 0, result, p, part.Length);
                p += part.Length;
            }
            Licence check;
            LicenceStatus status = TryDecode(result, 0, result.Length, out check);
            if (status != LicenceStatus.Valid)
            {
                return status;
            }
            payload = result;
            return LicenceStatus.Valid;
        }

        /// <summary>Decodes a payload; returns Valid with the licence, or MalformedPayload,
        /// UnknownCriticalField or TemporaryTooLong. Never throws for bad input.</summary>
        public static LicenceStatus TryDecode(byte[] data, int offset, int count, out Licence licence)
        {
            licence = null;
            if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
            {
                return LicenceStatus.MalformedPayload;
            }
            Licence l = new Licence();
            int end = offset + count;
            int p = offset;
            int previousTag = 0;
            bool haveDates = false;
            while (p < end)
            {
                int tag = data[p++];
                if (tag <= previousTag || p >= end)
                {
                    return LicenceStatus.MalformedPayload;
                }
                previousTag = tag;
                int length = data[p++];
                if (length >= 0x80)
                {
                    if (p >= end)
                    {
                        return LicenceStatus.MalformedPayload;
                    }
                    length = ((length & 0x7F) << 8) | data[p++];
                    if (length < 0x80)
                    {
                        return LicenceStatus.MalformedPayload;
                    }
                }
                if (length > end - p)
                {
                    return LicenceStatus.MalformedPayload;
                }
                byte[] text;
                switch (tag)
                {
                    case TagLicenceNumber:
                        text = length > 0 && data[p] == 0 ? ExpandLicenceNumber(data, p, length)
                            : ReadText(data, p, length, 1, MaxLicenceNumberBytes);
                        if (text == null) { return LicenceStatus.MalformedPayload; }
                        l.LicenceNumberUtf8 = text;
                        break;
                    case TagEnterpriseName:
                        text = ReadText(data, p, length, 1, MaxTextBytes);
                        if (text == null) { return LicenceStatus.MalformedPayload; }
                        l.EnterpriseNameUtf8 = text;
                        break;
                    case TagUscc:
                        text = length == PackedUsccLength ? UnpackUscc(data, p) : ReadText(data, p, length, Uscc.Length, Uscc.Length);
                        if (text == null || !IsUpperAlphanumeric(text)) { return LicenceStatus.MalformedPayload; }
                        l.UsccUtf8 = text;
                        break;
                    case TagLegalRepresentative:
                        text = ReadText(data, p, length, 1, MaxTextBytes);
                        if (text == null) { return LicenceStatus.MalformedPayload; }
                        l.LegalRepresentativeUtf8 = text;
                        break;
                    case TagAddress:
                        text = ReadText(data, p, length, 1, MaxTextBytes);
                        if (text == null) { return LicenceStatus.MalformedPayload; }
                        l.AddressUtf8 = text;
                        break;
                    case TagScope:
                        byte[][] items = ReadScope(data, p, length);
                        if (items == null) { return LicenceStatus.MalformedPayload; }
                        l.ScopeItemsUtf8 = items;
                        break;
                    case TagIssuingAuthority:
                        text = ReadText(data, p, length, 1, MaxTextBytes);
                        if (text == null) { return LicenceStatus.MalformedPayload; }
                        l.IssuingAuthorityUtf8 = text;
                        break;
                    case TagDates:
                        if (length == 4)
                        {
                            l.ValidFromDay = (data[p] << 8) | data[p + 1];
                            l.IssueDay = l.ValidFromDay;
                            l.ValidUntilDay = (data[p + 2] << 8) | data[p + 3];
                        }
                        else if (length == 6)
                        {
                            l.IssueDay = (data[p] << 8) | data[p + 1];
                            l.ValidFromDay = (data[p + 2] << 8) | data[p + 3];
                            l.ValidUntilDay = (data[p + 4] << 8) | data[p + 5];
                        }
                        else { return LicenceStatus.MalformedPayload; }
                        haveDates = true;
                        break;
                    case TagKind:
                        if (length == 1 && data[p] == 0) { l.Kind = LicenceKind.Regular; }
                        else if (length == 1 && data[p] == 1) { l.Kind = LicenceKind.TemporaryEmergency; }
                        else if (length == 2 && data[p] == 2 && data[p + 1] != 0)
                        {
                            l.Kind = LicenceKind.Reissue;
                            l.ReissueSequence = data[p + 1];
                        }
                        else { return LicenceStatus.MalformedPayload; }
                        break;
                    case TagCreditGrade:
                        if (length != 1 || data[p] < 'A' || data[p] > 'D') { return LicenceStatus.MalformedPayload; }
                        l.CreditGrade = (char)data[p];
                        break;
                    case TagPhysicalProfile:
                        if (length < 2 || (data[p] & 0xF8) != 0 || (data[p + 1] & 0xFE) != 0) { return LicenceStatus.MalformedPayload; }
                        byte[] micro = ReadText(data, p + 2, length - 2, 0, MaxTextBytes);
                        if (micro == null) { return LicenceStatus.MalformedPayload; }
                        l.Physical = PhysicalProfile.FromUtf8((FibreColours)data[p], data[p + 1] == 1, micro);
                        break;
                    case TagFibreFingerprint:
                        FibreFingerprint fibres;
                        LicenceStatus fs = FibreFingerprint.TryDecode(data, p, length, out fibres);
                        if (fs != LicenceStatus.Valid) { return fs; }
                        l.Fibres = fibres;
                        break;
                    default:
                        if (tag < FirstIgnorableTag)
                        {
                            return LicenceStatus.UnknownCriticalField;
                        }
                        l.IgnoredFieldCount++;
                        break;
                }
                p += length;
            }
            if (l.LicenceNumberUtf8 == null || l.EnterpriseNameUtf8 == null || l.UsccUtf8 == null || l.LegalRepresentativeUtf8 == null
                || l.AddressUtf8 == null || l.ScopeItemsUtf8 == null || l.IssuingAuthorityUtf8 == null || !haveDates
                || l.Physical == null)
            {
                return LicenceStatus.MalformedPayload;
            }
            if (l.ValidFromDay > l.ValidUntilDay || l.IssueDay > l.ValidUntilDay)
            {
                return LicenceStatus.MalformedPayload;
            }
            if (l.Kind == LicenceKind.TemporaryEmergency && l.ValidUntilDay - l.ValidFromDay + 1 > Licence.MaxTemporaryDays)
            {
                return LicenceStatus.TemporaryTooLong;
            }
            licence = l;
            return LicenceStatus.Valid;
        }

        /// <summary>Length of a USCC packed as a 96-bit base-31 number.</summary>
        public const int PackedUsccLength = 12;

        // Compact licence number (format §2.1): 0x00, province code, year (2), serial digit count, serial (4),
        // sector ASCII (1–4). Used only when it reproduces the printed text exactly.
        private static byte[] CompactLicenceNumber(byte[] text)
        {
            LicenceNumber n;
            if (text == null || !LicenceNumber.TryParse(text, 0, text.Length, out n) || n.ProvinceCode == 0 || n.Serial.Length > 9
                || !SameBytes(Utf8.Encode(LicenceNumber.Canonical(n.Province, n.Sector, n.Year, n.Serial)), text))
            {
                return null;
            }
            char[] serialDigits = n.Serial.ToCharArray();
            char[] sector = n.Sector.ToCharArray();
            long serial = 0;
            for (int i = 0; i < serialDigits.Length; i++)
            {
                serial = serial * 10 + (serialDigits[i] - '0');
            }
            byte[] v = new byte[9 + sector.Length];
            v[1] = (byte)n.ProvinceCode;
            v[2] = (byte)(n.Year >> 8);
            v[3] = (byte)n.Year;
            v[4] = (byte)serialDigits.Length;
            v[5] = (byte)(serial >> 24);
            v[6] = (byte)(serial >> 16);
            v[7] = (byte)(serial >> 8);
            v[8] = (byte)serial;
            for (int i = 0; i < sector.Length; i++)
            {
                v[9 + i] = (byte)sector[i];
            }
            return v;
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }
            return true;
        }

        // The canonical text of a compact field, as UTF-8 (what revocation compares).
        private static byte[] ExpandLicenceNumber(byte[] data, int p, int length)
        {
            if (length < 10 || length > 13)
            {
                return null;
            }
            string province = LicenceNumber.ProvinceAbbreviationOf(data[p + 1]);
            int year = (data[p + 2] << 8) | data[p + 3];
            int digits = data[p + 4];
            long serial = ((long)data[p + 5] << 24) | ((long)data[p + 6] << 16) | ((long)data[p + 7] << 8) | data[p + 8];
            if (province == null || year > 9999 || year < 1000 || digits < 1 || digits > 9)
            {
                return null;
            }
            char[] sector = new char[length - 9];
            for (int i = 0; i < sector.Length; i++)
            {
                byte b = data[p + 9 + i];
                if (b < 'A' || b > 'Z')
                {
                    return null;
                }
                sector[i] = (char)b;
            }
            char[] serialChars = new char[digits];
            for (int i = digits - 1; i >= 0; i--)
            {
                serialChars[i] = (char)('0' + (int)(serial % 10));
                serial /= 10;
            }
            if (serial != 0)
            {
                return null;
            }
            return Utf8.Encode(LicenceNumber.Canonical(province, new string(sector), year, new string(serialChars)));
        }

        // USCC packed as the big-endian 96-bit number Σ v_i·31^(17−i) (v = index in Uscc.Charset).
        private static byte[] PackUscc(byte[] utf8)
        {
            string code = utf8 == null || utf8.Length != Uscc.Length ? null : Utf8.Decode(utf8, 0, utf8.Length);
            if (!Uscc.IsWellFormed(code))
            {
                return null;
            }
            char[] chars = code.ToCharArray();
            byte[] v = new byte[PackedUsccLength];
            for (int i = 0; i < Uscc.Length; i++)
            {
                int carry = Uscc.ValueOf(chars[i]);
                for (int j = PackedUsccLength - 1; j >= 0; j--)
                {
                    int x = v[j] * 31 + carry;
                    v[j] = (byte)x;
                    carry = x >> 8;
                }
            }
            return v;
        }

        private static readonly char[] UsccCharset = Uscc.Charset.ToCharArray();

        private static byte[] UnpackUscc(byte[] data, int p)
        {
            byte[] v = new byte[PackedUsccLength];
            System.Array.Copy(data, p, v, 0, PackedUsccLength);
            byte[] chars = new byte[Uscc.Length];
            for (int i = Uscc.Length - 1; i >= 0; i--)
            {
                int remainder = 0;
                for (int j = 0; j < PackedUsccLength; j++)
                {
                    int x = (remainder << 8) | v[j];
                    v[j] = (byte)(x / 31);
                    remainder = x % 31;
                }
                chars[i] = (byte)UsccCharset[remainder];
            }
            for (int j = 0; j < PackedUsccLength; j++)
            {
                if (v[j] != 0)
                {
                    return null;
                }
            }
            return chars;
        }

        private static bool InDayRange(int day)
        {
            return day >= 0 && day <= 0xFFFF;
        }

        private static bool IsUpperAlphanumeric(byte[] s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                int c = s[i];
                if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')))
                {
                    return false;
                }
            }
            return true;
        }

        // A copy of a text field: strict UTF-8 (Utf8.Validate: no NUL, no U+FEFF) within [min, max] bytes and
        // without C0 controls or DEL; null otherwise.
        private static byte[] ReadText(byte[] data, int offset, int length, int min, int max)
        {
            if (length < min || length > max)
            {
                return null;
            }
            for (int i = 0; i < length; i++)
            {
                byte b = data[offset + i];
                if (b < 0x20 || b == 0x7F)
                {
                    return null;
                }
            }
            if (Utf8.Validate(data, offset, length) < 0)
            {
                return null;
            }
            byte[] text = new byte[length];
            System.Array.Copy(data, offset, text, 0, length);
            return text;
        }

        private static byte[][] ReadScope(byte[] data, int offset, int length)
        {
            int n = 0;
            int p = offset;
            int end = offset + length;
            while (p < end)
            {
                int itemLength = data[p];
                if (itemLength == 0 || itemLength > end - p - 1)
                {
                    return null;
                }
                p += 1 + itemLength;
                n++;
            }
            if (n == 0)
            {
                return null;
            }
            byte[][] items = new byte[n][];
            p = offset;
            for (int i = 0; i < n; i++)
            {
                int itemLength = data[p];
                items[i] = ReadText(data, p + 1, itemLength, 1, 255);
                if (items[i] == null)
                {
                    return null;
                }
                p += 1 + itemLength;
            }
            return items;
        }

        private static bool AddText(System.Collections.ArrayList parts, byte tag, byte[] bytes)
        {
            if (bytes == null || bytes.Length == 0 || bytes.Length > MaxTextBytes)
            {
                return false;
            }
            AddField(parts, tag, bytes);
            return true;
        }

        private static void AddField(System.Collections.ArrayList parts, byte tag, byte[] value)
        {
            int headerLength = value.Length < 0x80 ? 2 : 3;
            byte[] field = new byte[headerLength + value.Length];
            field[0] = tag;
            if (headerLength == 2)
            {
                field[1] = (byte)value.Length;
            }
            else
            {
                field[1] = (byte)(0x80 | (value.Length >> 8));
                field[2] = (byte)value.Length;
            }
            System.Array.Copy(value, 0, field, headerLength, value.Length);
            parts.Add(field);
        }
    }
}
