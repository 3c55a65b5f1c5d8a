namespace Handheld.Core.Licensing
{
    /// <summary>
    /// The canonical form of a licence number used as a revocation key (docs/licence-format.md §2.4), computed
    /// on UTF-8 bytes: the same licence printed <c>（鲁）JZ安许证字[2023]087974</c>, <c>(鲁)JZ安许证字〔2023〕087974</c>
    /// or with full-width digits and spaces gives the same bytes, so a revocation entered one way matches a
    /// licence printed another. Rules, applied code point by code point:
    /// ASCII space, tab and U+3000 are dropped; ASCII <c>( )</c> become full-width <c>（ ）</c>;
    /// <c>〔 〕</c> (U+3014/3015) and <c>［ ］</c> (U+FF3B/FF3D) become ASCII <c>[ ]</c>; full-width digits and
    /// Latin letters (U+FF10–FF19, U+FF21–FF3A, U+FF41–FF5A) become ASCII; ASCII lower-case letters become
    /// upper-case. Every other byte is kept as it is (so a malformed sequence still maps to itself).
    /// A number already in the printed canonical form (<see cref="LicenceNumber.Canonical"/>) is unchanged.
    /// </summary>
    public static class LicenceNumberKey
    {
        /// <summary>The canonical form is never longer than three times the input.</summary>
        public const int MaxExpansion = 3;

        /// <summary>Writes the canonical form of <paramref name="count"/> bytes at <paramref name="offset"/> into
        /// <paramref name="output"/> (at least <see cref="MaxExpansion"/> × count bytes) and returns its length,
        /// or -1 when the output is too small.</summary>
        public static int Canonicalize(byte[] utf8, int offset, int count, byte[] output)
        {
            if (utf8 == null || output == null || offset < 0 || count < 0 || offset + count > utf8.Length) return -1;
            int end = offset + count;
            int o = 0;
            int i = offset;
            while (i < end)
            {
                if (o + MaxExpansion > output.Length) return -1;
                byte b = utf8[i];
                if (b == 0x20 || b == 0x09)
                {
                    i++;
                    continue;
                }
                if (b == (byte)'(' || b == (byte)')')
                {
                    output[o++] = 0xEF;
                    output[o++] = 0xBC;
                    output[o++] = b == (byte)'(' ? (byte)0x88 : (byte)0x89;
                    i++;
                    continue;
                }
                if (b >= (byte)'a' && b <= (byte)'z')
                {
                    output[o++] = (byte)(b - 0x20);
                    i++;
                    continue;
                }
                if (i + 2 < end)
                {
                    byte b1 = utf8[i + 1];
                    byte b2 = utf8[i + 2];
                    if (b == 0xE3 && b1 == 0x80)
                    {
                        if (b2 == 0x80) { i += 3; continue; }                                 // U+3000 ideographic space
                        if (b2 == 0x94) { output[o++] = (byte)'['; i += 3; continue; }         // 〔
                        if (b2 == 0x95) { output[o++] = (byte)']'; i += 3; continue; }         // 〕
                    }
                    if (b == 0xEF && b1 == 0xBC)
                    {
                        if (b2 >= 0x90 && b2 <= 0x99) { output[o++] = (byte)('0' + (b2 - 0x90)); i += 3; continue; } // ０–９
                        if (b2 >= 0xA1 && b2 <= 0xBA) { output[o++] = (byte)('A' + (b2 - 0xA1)); i += 3; continue; } // Ａ–Ｚ
                        if (b2 == 0xBB) { output[o++] = (byte)'['; i += 3; continue; }                               // ［
                        if (b2 == 0xBD) { output[o++] = (byte)']'; i += 3; continue; }                               // ］
                    }
                    if (b == 0xEF && b1 == 0xBD && b2 >= 0x81 && b2 <= 0x9A)
                    {
                        output[o++] = (byte)('A' + (b2 - 0x81));                                                     // ａ–ｚ
                        i += 3;
                        continue;
                    }
                }
                output[o++] = b;
                i++;
            }
            return o;
        }

        /// <summary>The canonical form as a new array (host tools and tests).</summary>
        public static byte[] Canonical(byte[] utf8, int offset, int count)
        {
            byte[] buffer = new byte[count * MaxExpansion + MaxExpansion];
            int n = Canonicalize(utf8, offset, count, buffer);
            if (n < 0) return null;
            byte[] r = new byte[n];
            System.Array.Copy(buffer, 0, r, 0, n);
            return r;
        }
    }
}
