using System.Text;

namespace Handheld.Core.Tests.DeviceText;

/// <summary>
/// How nanoCLR holds and reads strings (../shared/docs/nanoframework-facts.md §9, and nf-interpreter's
/// CLR_RT_UnicodeHelper / corlib_native_System_String), modelled on .NET strings so host tests see what the
/// device sees. A "device string" is the .NET string equal to what nanoCLR would hold: UTF-8 inside, so it ends
/// at the first U+0000 and holds no lone surrogate (each becomes U+FFFD). Length counts UTF-16 units (a
/// supplementary character counts 2, as CountNumberOfCharacters does); reading index i walks from the start,
/// and at the index of a low surrogate nanoCLR returns the high surrogate.
///
/// The <c>Shim*</c> methods replace System.String members in the Core assemblies that <see cref="DeviceRuntime"/>
/// rewrites. Where the device's result is known (§9) they return it; where §9 says only that the device is
/// wrong (Substring or IndexOf across a supplementary character, a string the device cannot hold reaching
/// Core) they record a divergence that the tests assert never happens, and return the .NET result.
/// </summary>
public static class DeviceString
{
    private static readonly List<string> Divergences = new();

    /// <summary>The string nanoCLR would hold for these UTF-16 units: cut at the first NUL, each lone surrogate
    /// replaced with U+FFFD.</summary>
    public static string Store(string text) => Store(text.ToCharArray(), 0, text.Length);

    public static string Store(char[] chars, int start, int count)
    {
        var sb = new StringBuilder(count);
        int end = start + count;
        for (int i = start; i < end; i++)
        {
            char c = chars[i];
            if (c == '\0')
            {
                break;
            }
            if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(chars[i + 1]))
            {
                sb.Append(c).Append(chars[++i]);
            }
            else
            {
                sb.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb.ToString();
    }

    /// <summary>The string nanoCLR builds from UTF-8 bytes (e.g. Encoding.UTF8.GetString in the firmware): ends
    /// at the first 0x00; an invalid sequence reads as U+FFFD.</summary>
    public static string FromUtf8(byte[] data, int offset, int count)
    {
        int end = offset + count;
        int n = offset;
        while (n < end && data[n] != 0)
        {
            n++;
        }
        return new UTF8Encoding(false, false).GetString(data, offset, n - offset);
    }

    /// <summary>True when nanoCLR could hold the string as it is (no NUL, no lone surrogate).</summary>
    public static bool IsDeviceString(string s) => s == null || Store(s) == s;

    /// <summary>What <c>s[index]</c> returns on nanoCLR.</summary>
    public static char CharAt(string s, int index)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (index < 0 || index >= s.Length)
        {
            throw new IndexOutOfRangeException();
        }
        return IsLowHalf(s, index) ? s[index - 1] : s[index];
    }

    /// <summary>Divergences recorded since the last call, cleared.</summary>
    public static string[] TakeDivergences()
    {
        lock (Divergences)
        {
            var all = Divergences.ToArray();
            Divergences.Clear();
            return all;
        }
    }

    // True when index points at the second half of a surrogate pair.
    private static bool IsLowHalf(string s, int index) =>
        index > 0 && index < s.Length && char.IsLowSurrogate(s[index]) && char.IsHighSurrogate(s[index - 1]);

    private static bool HasSupplementaryBefore(string s, int index)
    {
        for (int i = 0; i + 1 < index; i++)
        {
            if (char.IsHighSurrogate(s[i]) && char.IsLowSurrogate(s[i + 1]))
            {
                return true;
            }
        }
        return false;
    }

    private static void Diverge(string what)
    {
        lock (Divergences)
        {
            Divergences.Add(what);
        }
    }

    private static string? Checked(string? s, string member)
    {
        if (s != null && !IsDeviceString(s))
        {
            Diverge($"String.{member}: a string nanoCLR cannot hold reached Core (NUL or lone surrogate)");
        }
        return s;
    }

    // ---- replacements for System.String members (signatures must match the call sites; see DeviceRuntime) ----

    public static int ShimLength(string s) => Checked(s, "Length")!.Length;

    public static char ShimGetChars(string s, int index) => CharAt(Checked(s, "get_Chars")!, index);

    public static string ShimNew(char[] chars) => chars == null ? "" : Store(chars, 0, chars.Length);

    public static string ShimNew(char[] chars, int start, int count)
    {
        if (chars == null || chars.Length == 0)
        {
            return "";
        }
        _ = new string(chars, start, count); // same range checks and exceptions as the device
        return Store(chars, start, count);
    }

    public static string ShimLiteral(string literal) => Store(literal);

    public static string ShimConcat(string a, string b) => Store(Checked(a, "Concat") + Checked(b, "Concat"));

    public static string ShimConcat(string a, string b, string c) =>
        Store(Checked(a, "Concat") + Checked(b, "Concat") + Checked(c, "Concat"));

    public static string ShimConcat(string[] parts)
    {
        foreach (var p in parts)
        {
            Checked(p, "Concat");
        }
        return Store(string.Concat(parts));
    }

    public static bool ShimEquals(string a, string b) => string.Equals(Checked(a, "op_Equality"), Checked(b, "op_Equality"), StringComparison.Ordinal);

    public static bool ShimNotEquals(string a, string b) => !ShimEquals(a, b);

    // nanoCLR compares UTF-8 bytes; .NET's StartsWith(string) is culture-sensitive (it ignores NULs and other
    // zero-weight characters), so the device answer is the ordinal one.
    public static bool ShimStartsWith(string s, string prefix)
    {
        Checked(s, "StartsWith");
        ArgumentNullException.ThrowIfNull(s);
        bool ordinal = s.StartsWith(prefix, StringComparison.Ordinal);
        if (ordinal != s.StartsWith(prefix, StringComparison.CurrentCulture))
        {
            Diverge($"String.StartsWith: culture-sensitive .NET answer differs from the device's ordinal one for '{s}'");
        }
        return ordinal;
    }

    // Whole-string ToCharArray is right on nanoCLR (§9).
    public static char[] ShimToCharArray(string s) => Checked(s, "ToCharArray")!.ToCharArray();

    public static int ShimIndexOf(string s, char c)
    {
        int i = Checked(s, "IndexOf")!.IndexOf(c);
        if ((char.IsSurrogate(c) && s.Any(char.IsSurrogate)) || (i > 0 && HasSupplementaryBefore(s, i)))
        {
            Diverge("String.IndexOf after a supplementary character (wrong on nanoCLR, §9)");
        }
        return i;
    }

    public static string ShimSubstring(string s, int start) => ShimSubstring(s, start, Checked(s, "Substring")!.Length - start);

    public static string ShimSubstring(string s, int start, int length)
    {
        string r = Checked(s, "Substring")!.Substring(start, length);
        if (IsLowHalf(s, start) || IsLowHalf(s, start + length))
        {
            Diverge("String.Substring splitting a supplementary character (wrong on nanoCLR, §9)");
        }
        return Store(r);
    }
}
