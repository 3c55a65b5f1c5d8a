namespace Handheld.Core.Text
{
    /// <summary>
    /// Strict UTF-8 (RFC 3629) for Core, which may not use System.Text.Encoding. Invalid input (lone
    /// surrogates when encoding; overlong forms, surrogates, values above U+10FFFF, truncated sequences when
    /// decoding) is reported, never replaced with U+FFFD: a signed text must round-trip exactly.
    /// </summary>
    public static class Utf8
    {
        /// <summary>Encoded length of <paramref name="text"/>, or -1 when it contains a lone surrogate.</summary>
        public static int GetByteCount(string text)
        {
            return text == null ? -1 : GetByteCount(text.ToCharArray());
        }

        // Walks the characters of ToCharArray(), never the string: on nanoCLR s[i] walks the UTF-8 from the start
        // and returns the high surrogate at the index of a low one, so an index loop over a string sees a lone
        // surrogate where .NET sees a supplementary character (nanoframework-facts.md §9).
        private static int GetByteCount(char[] text)
        {
            int count = 0;
            int n = text.Length;
            for (int i = 0; i < n; i++)
            {
                int c = text[i];
                if (c < 0x80)
                {
                    count += 1;
                }
                else if (c < 0x800)
                {
                    count += 2;
                }
                else if (c >= 0xD800 && c <= 0xDBFF)
                {
                    if (i + 1 >= n || text[i + 1] < 0xDC00 || text[i + 1] > 0xDFFF)
                    {
                        return -1;
                    }
                    i++;
                    count += 4;
                }
                else if (c >= 0xDC00 && c <= 0xDFFF)
                {
                    return -1;
                }
                else
                {
                    count += 3;
                }
            }
            return count;
        }

        /// <summary>UTF-8 bytes of <paramref name="text"/>, or null when it contains a lone surrogate.</summary>
        public static byte[] Encode(string text)
        {
            if (text == null)
            {
                return null;
            }
            char[] chars = text.ToCharArray();
            int count = GetByteCount(chars);
            if (count < 0)
            {
                return null;
            }
            byte[] result = new byte[count];
            Write(chars, result, 0);
            return result;
        }

        /// <summary>The UTF-8 nanoCLR holds for <paramref name="text"/> (nanoframework-facts.md §9): up to its first
        /// U+0000, each lone surrogate as U+FFFD. For protocol strings that must never fail; on the device, where
        /// a string holds neither, it equals <see cref="Encode(string)"/>. Null gives an empty array.</summary>
        public static byte[] EncodeAsHeld(string text)
        {
            if (text == null)
            {
                return new byte[0];
            }
            char[] chars = text.ToCharArray();
            int n = 0;
            while (n < chars.Length && chars[n] != '\0')
            {
                n++;
            }
            char[] held = new char[n];
            for (int i = 0; i < n; i++)
            {
                char c = chars[i];
                bool high = c >= 0xD800 && c <= 0xDBFF;
                bool low = c >= 0xDC00 && c <= 0xDFFF;
                if (high && i + 1 < n && chars[i + 1] >= 0xDC00 && chars[i + 1] <= 0xDFFF)
                {
                    held[i] = c;
                    held[i + 1] = chars[i + 1];
                    i++;
                    continue;
                }
                held[i] = high || low ? '\uFFFD' : c;
            }
            byte[] result = new byte[GetByteCount(held)];
            Write(held, result, 0);
            return result;
        }

        /// <summary>Writes the UTF-8 bytes of <paramref name="text"/> at <paramref name="offset"/>; returns the
        /// number written, or -1 (nothing meaningful written) for a lone surrogate or too small a buffer.</summary>
        public static int Encode(string text, byte[] destination, int offset)
        {
            if (text == null)
            {
                return -1;
            }
            char[] chars = text.ToCharArray();
            int count = GetByteCount(chars);
            if (count < 0 || destination == null || offset < 0 || offset > destination.Length - count)
            {
                return -1;
            }
            Write(chars, destination, offset);
            return count;
        }

        // Writes the bytes of a text already counted by GetByteCount (no lone surrogates, room checked).
        private static void Write(char[] text, byte[] destination, int offset)
        {
            int p = offset;
            int n = text.Length;
            for (int i = 0; i < n; i++)
            {
                int c = text[i];
                if (c < 0x80)
                {
                    destination[p++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    destination[p++] = (byte)(0xC0 | (c >> 6));
                    destination[p++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (c >= 0xD800 && c <= 0xDBFF)
                {
                    int cp = 0x10000 + ((c - 0xD800) << 10) + (text[++i] - 0xDC00);
                    destination[p++] = (byte)(0xF0 | (cp >> 18));
                    destination[p++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                    destination[p++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                    destination[p++] = (byte)(0x80 | (cp & 0x3F));
                }
                else
                {
                    destination[p++] = (byte)(0xE0 | (c >> 12));
                    destination[p++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    destination[p++] = (byte)(0x80 | (c & 0x3F));
                }
            }
        }

        /// <summary>Number of UTF-16 units (a supplementary character counts 2, as string.Length does on both
        /// runtimes) of strictly valid UTF-8 text, or -1 when the bytes are not valid, the range is out of
        /// bounds, or the text holds U+0000 (a nanoCLR string ends there) or U+FEFF (a byte-order mark or
        /// zero-width no-break space: invisible, so two texts that print alike would differ in bytes; refused
        /// anywhere, docs/licence-format.md §2.1).</summary>
        public static int Validate(byte[] data, int offset, int count)
        {
            if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
            {
                return -1;
            }
            int units = 0;
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int length = SequenceAt(data, i, end);
                if (length < 0)
                {
                    return -1;
                }
                units += length == 4 ? 2 : 1;
                i += length;
            }
            return units;
        }

        // Length of the valid sequence at i (1–4), or -1: overlong, surrogate, above U+10FFFF, truncated, NUL, BOM.
        private static int SequenceAt(byte[] data, int i, int end)
        {
            int b0 = data[i];
            if (b0 < 0x80)
            {
                return b0 == 0 ? -1 : 1;
            }
            int need;
            int cp;
            int min;
            if (b0 >= 0xC2 && b0 <= 0xDF)
            {
                need = 1;
                cp = b0 & 0x1F;
                min = 0x80;
            }
            else if (b0 >= 0xE0 && b0 <= 0xEF)
            {
                need = 2;
                cp = b0 & 0x0F;
                min = 0x800;
            }
            else if (b0 >= 0xF0 && b0 <= 0xF4)
            {
                need = 3;
                cp = b0 & 0x07;
                min = 0x10000;
            }
            else
            {
                return -1;
            }
            if (i + need >= end)
            {
                return -1;
            }
            for (int k = 1; k <= need; k++)
            {
                int b = data[i + k];
                if ((b & 0xC0) != 0x80)
                {
                    return -1;
                }
                cp = (cp << 6) | (b & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFEFF)
            {
                return -1;
            }
            return need + 1;
        }

        /// <summary>Decodes strictly (the rules of <see cref="Validate"/>); null when the bytes are not valid or the
        /// range is out of bounds. The string is built from a char[] holding only whole surrogate pairs and no NUL,
        /// so nanoCLR holds exactly what .NET does.</summary>
        public static string Decode(byte[] data, int offset, int count)
        {
            int units = Validate(data, offset, count);
            if (units < 0)
            {
                return null;
            }
            char[] chars = new char[units];
            int n = 0;
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int b0 = data[i];
                if (b0 < 0x80)
                {
                    chars[n++] = (char)b0;
                    i++;
                    continue;
                }
                int need = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : 1;
                int cp = b0 & (0x3F >> need);
                for (int k = 1; k <= need; k++)
                {
                    cp = (cp << 6) | (data[i + k] & 0x3F);
                }
                if (cp >= 0x10000)
                {
                    cp -= 0x10000;
                    chars[n++] = (char)(0xD800 + (cp >> 10));
                    chars[n++] = (char)(0xDC00 + (cp & 0x3FF));
                }
                else
                {
                    chars[n++] = (char)cp;
                }
                i += need + 1;
            }
            return new string(chars);
        }
    }
}
