namespace Handheld.Core.Tests.DeviceText;

/// <summary>
/// Device-code probes: the string idioms Core used before text stayed bytes (an encoder walking a string by
/// index, a decoder building its result with <c>new string(chars, 0, n)</c>). Run under
/// <see cref="DeviceRuntime"/> they must reproduce what the interpreter measured (issue 12), which shows
/// the model sees the device's behaviour.
/// </summary>
[DeviceCode]
public static class LegacyTextProbes
{
    /// <summary>UTF-8 length by walking the string with s[i] and pairing surrogates; -1 for a lone surrogate.</summary>
    public static int ByteCountByIndex(string text)
    {
        int count = 0;
        int n = text.Length;
        for (int i = 0; i < n; i++)
        {
            int c = text[i];
            if (c < 0x80) count += 1;
            else if (c < 0x800) count += 2;
            else if (c >= 0xD800 && c <= 0xDBFF)
            {
                if (i + 1 >= n || text[i + 1] < 0xDC00 || text[i + 1] > 0xDFFF) return -1;
                i++;
                count += 4;
            }
            else if (c >= 0xDC00 && c <= 0xDFFF) return -1;
            else count += 3;
        }
        return count;
    }

    /// <summary>The units of a string built from these chars, as the code sees them afterwards.</summary>
    public static int[] BuildAndRead(char[] chars)
    {
        string s = new string(chars, 0, chars.Length);
        int[] units = new int[s.Length];
        for (int i = 0; i < units.Length; i++) units[i] = s[i];
        return units;
    }

    /// <summary>A string literal holding a NUL, as the code sees it.</summary>
    public static int LiteralWithNulLength() => "SPL1:\0junk".Length;
}
