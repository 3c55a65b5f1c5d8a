namespace Handheld.Core.Licensing
{
    /// <summary>Result of <see cref="Base45.Decode"/>.</summary>
    public enum Base45Result : byte
    {
        Ok = 0,
        /// <summary>A character outside the 45-character QR alphanumeric set.</summary>
        InvalidCharacter = 1,
        /// <summary>Length ≡ 1 (mod 3), or a group whose value is out of range (RFC 9285 §4).</summary>
        BadGroup = 2,
        /// <summary>The output buffer is too small.</summary>
        OutputTooSmall = 3,
    }

    /// <summary>Base45 (RFC 9285): bytes as QR alphanumeric-mode characters, 3 characters per 2 bytes.</summary>
    public static class Base45
    {
        /// <summary>The alphabet, in value order (RFC 9285 §4.2); exactly the QR alphanumeric set.</summary>
        public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

        /// <summary>Value of a character, or -1 when it is not in the alphabet.</summary>
        public static int ValueOf(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }
            if (c >= 'A' && c <= 'Z')
            {
                return c - 'A' + 10;
            }
            switch (c)
            {
                case ' ': return 36;
                case '$': return 37;
                case '%': return 38;
                case '*': return 39;
                case '+': return 40;
                case '-': return 41;
                case '.': return 42;
                case '/': return 43;
                case ':': return 44;
                default: return -1;
            }
        }

        /// <summary>Encoded length of <paramref name="byteCount"/> bytes.</summary>
        public static int EncodedLength(int byteCount)
        {
            return byteCount / 2 * 3 + (byteCount % 2) * 2;
        }

        /// <summary>Decoded length of a text of <paramref name="charCount"/> characters, or -1 when that length
        /// is impossible (≡ 1 mod 3).</summary>
        public static int DecodedLength(int charCount)
        {
            if (charCount < 0 || charCount % 3 == 1)
            {
                return -1;
            }
            return charCount / 3 * 2 + (charCount % 3 == 2 ? 1 : 0);
        }

        public static string Encode(byte[] data, int offset, int count)
        {
            char[] chars = new char[EncodedLength(count)];
            int p = 0;
            int end = offset + count;
            int i = offset;
            for (; i + 1 < end; i += 2)
            {
                int n = (data[i] << 8) | data[i + 1];
                chars[p++] = Alphabet[n % 45];
                n /= 45;
                chars[p++] = Alphabet[n % 45];
                chars[p++] = Alphabet[n / 45];
            }
            if (i < end)
            {
                int n = data[i];
                chars[p++] = Alphabet[n % 45];
                chars[p++] = Alphabet[n / 45];
            }
            return new string(chars);
        }

        /// <summary>Decodes <paramref name="count"/> characters of <paramref name="text"/> from
        /// <paramref name="start"/> into <paramref name="output"/>; never throws for bad input.</summary>
        /// <param name="written">Bytes written (valid only when the result is Ok).</param>
        public static Base45Result Decode(string text, int start, int count, byte[] output, int outputOffset, out int written)
        {
            written = 0;
            if (text == null || start < 0 || count < 0 || start > text.Length - count)
            {
                return Base45Result.BadGroup;
            }
            // Characters are checked before the structure so a foreign character is always reported as such.
            for (int k = 0; k < count; k++)
            {
                if (ValueOf(text[start + k]) < 0)
                {
                    return Base45Result.InvalidCharacter;
                }
            }
            int length = DecodedLength(count);
            if (length < 0)
            {
                return Base45Result.BadGroup;
            }
            if (output == null || outputOffset < 0 || outputOffset > output.Length - length)
            {
                return Base45Result.OutputTooSmall;
            }
            int p = outputOffset;
            int i = start;
            int end = start + count;
            for (; i + 2 < end; i += 3)
            {
                int n = ValueOf(text[i]) + ValueOf(text[i + 1]) * 45 + ValueOf(text[i + 2]) * 2025;
                if (n > 0xFFFF)
                {
                    return Base45Result.BadGroup;
                }
                output[p++] = (byte)(n >> 8);
                output[p++] = (byte)n;
            }
            if (i < end)
            {
                int n = ValueOf(text[i]) + ValueOf(text[i + 1]) * 45;
                if (n > 0xFF)
                {
                    return Base45Result.BadGroup;
                }
                output[p++] = (byte)n;
            }
            written = length;
            return Base45Result.Ok;
        }
    }
}
