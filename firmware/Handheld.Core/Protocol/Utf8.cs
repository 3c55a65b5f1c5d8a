namespace Handheld.Core.Protocol
{
    /// <summary>UTF-8 without System.Text (not in Core's reference set). Invalid sequences decode as U+FFFD.</summary>
    public static class Utf8
    {
        public static byte[] Encode(string s)
        {
            int n = 0;
            for (int i = 0; i < s.Length; i++)
            {
                int c = s[i];
                if (c < 0x80) n += 1;
                else if (c < 0x800) n += 2;
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.Length && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) { n += 4; i++; }
                else n += 3;
            }
            byte[] b = new byte[n];
            int p = 0;
            for (int i = 0; i < s.Length; i++)
            {
                int c = s[i];
                if (c < 0x80) b[p++] = (byte)c;
                else if (c < 0x800)
                {
                    b[p++] = (byte)(0xC0 | (c >> 6));
                    b[p++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.Length && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
                {
                    int cp = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
                    i++;
                    b[p++] = (byte)(0xF0 | (cp >> 18));
                    b[p++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                    b[p++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                    b[p++] = (byte)(0x80 | (cp & 0x3F));
                }
                else
                {
                    b[p++] = (byte)(0xE0 | (c >> 12));
                    b[p++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    b[p++] = (byte)(0x80 | (c & 0x3F));
                }
            }
            return b;
        }

        public static string Decode(byte[] b, int offset, int count)
        {
            char[] chars = new char[count * 2];
            int n = 0;
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int c = b[i];
                int need;
                int cp;
                if (c < 0x80) { need = 0; cp = c; }
                else if ((c & 0xE0) == 0xC0) { need = 1; cp = c & 0x1F; }
                else if ((c & 0xF0) == 0xE0) { need = 2; cp = c & 0x0F; }
                else if ((c & 0xF8) == 0xF0) { need = 3; cp = c & 0x07; }
                else { chars[n++] = '\uFFFD'; i++; continue; }
                bool bad = false;
                for (int k = 1; k <= need; k++)
                {
                    if (i + k >= end || (b[i + k] & 0xC0) != 0x80) { bad = true; break; }
                    cp = (cp << 6) | (b[i + k] & 0x3F);
                }
                if (bad) { chars[n++] = '\uFFFD'; i++; continue; }
                i += need + 1;
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
            }
            return new string(chars, 0, n);
        }
    }
}
