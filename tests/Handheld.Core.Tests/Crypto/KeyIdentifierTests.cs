using System.Security.Cryptography;
using Handheld.Core.Crypto;

namespace Handheld.Core.Tests.Crypto;

public class KeyIdentifierTests
{
    [Fact]
    public void Compute_EcKey_IsFirstEightBytesOfSpkiSha256()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = ec.ExportSubjectPublicKeyInfo();
        var id = KeyIdentifier.Compute(spki);
        Assert.Equal(SHA256.HashData(spki)[..8], id);
    }

    [Fact]
    public void Compute_DifferentKeys_DifferentIds()
    {
        using var a = RSA.Create(2048);
        using var b = RSA.Create(2048);
        Assert.NotEqual(KeyIdentifier.Compute(a.ExportSubjectPublicKeyInfo()), KeyIdentifier.Compute(b.ExportSubjectPublicKeyInfo()));
    }

    [Fact]
    public void Compute_Null_ReturnsNull()
    {
        Assert.Null(KeyIdentifier.Compute(null!));
    }

    [Theory]
    [InlineData(-1, false)] // first byte differs
    [InlineData(7, false)]  // last byte differs
    [InlineData(8, true)]   // only the byte after the id differs
    public void Matches_IdAtOffset_ComparesExactlyEightBytes(int flipIndex, bool expected)
    {
        byte[] id = { 1, 2, 3, 4, 5, 6, 7, 8 };
        byte[] header = { 0xAA, 0xBB, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
        header[2 + (flipIndex < 0 ? 0 : flipIndex)] ^= 0x80;
        Assert.Equal(expected, KeyIdentifier.Matches(id, 0, header, 2));
    }
}
