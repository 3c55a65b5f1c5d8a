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
            if (text == null)
            {
                return -1;
            }
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
            int count = GetByteCount(text);
            if (count < 0)
            {
                return null;
            }
            byte[] result = new byte[count];
            Write(text, result, 0);
            return result;
        }

        /// <summary>Writes the UTF-8 bytes of <paramref name="text"/> at <paramref name="offset"/>; returns the
        /// number written, or -1 (nothing meaningful written) for a lone surrogate or too small a buffer.</summary>
        public static int Encode(string text, byte[] destination, int offset)
        {
            int count = GetByteCount(text);
            if (count < 0 || destination == null || offset < 0 || offset > destination.Length - count)
            {
                return -1;
            }
            Write(text, destination, offset);
            return count;
        }

        // Writes the bytes of a text already counted by GetByteCount (no lone surrogates, room checked).
        private static void Write(string text, byte[] destination, int offset)
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

        /// <summary>Decodes strictly; null when the bytes are not valid UTF-8 or the range is out of bounds.</summary>
        public static string Decode(byte[] data, int offset, int count)
        {
            if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
            {
                return null;
            }
            char[] chars = new char[count];
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
                    return null;
                }
                if (i + need >= end)
                {
                    return null;
                }
                for (int k = 1; k <= need; k++)
                {
                    int b = data[i + k];
                    if ((b & 0xC0) != 0x80)
                    {
                        return null;
                    }
                    cp = (cp << 6) | (b & 0x3F);
                }
                if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                {
                    return null;
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
            return new string(chars, 0, n);
        }
    }
}
