using System.Globalization;

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

    public static string ToHex(byte[] bytes) => Convert.ToHexString(bytes).ToLower(CultureInfo.InvariantCulture);
}
