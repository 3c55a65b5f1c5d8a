using System.Globalization;
using System.Numerics;

namespace Handheld.Core.Tests.Crypto;

/// <summary>Locates and parses the crypto vectors copied from tests/TestData into the output folder.</summary>
internal static class CryptoTestData
{
    public static string PathOf(string area, string file) =>
        Path.Combine(AppContext.BaseDirectory, "TestData", area, file);

    public static IEnumerable<string[]> SemicolonRecords(string area, string file) =>
        File.ReadAllLines(PathOf(area, file))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split(';'));

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);

    /// <summary>Unsigned big-endian bytes of <paramref name="v"/>, left-padded with zeros to at least
    /// <paramref name="minLength"/>.</summary>
    public static byte[] Be(BigInteger v, int minLength)
    {
        var b = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        var r = new byte[Math.Max(minLength, b.Length)];
        b.CopyTo(r, r.Length - b.Length);
        return r;
    }

    public static string ToHex(byte[] bytes) => Convert.ToHexString(bytes).ToLower(CultureInfo.InvariantCulture);
}
