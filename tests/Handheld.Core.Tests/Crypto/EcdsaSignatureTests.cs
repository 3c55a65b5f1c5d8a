using System.Security.Cryptography;
using Handheld.Core.Crypto;

namespace Handheld.Core.Tests.Crypto;

public class EcdsaSignatureTests
{
    [Fact]
    public void TryDerToP1363_DotNetDerSignatures_RoundTrip()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        for (int i = 0; i < 50; i++)
        {
            var msg = BitConverter.GetBytes(i);
            var der = ec.SignData(msg, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            var p1363 = new byte[64];
            Assert.True(EcdsaSignature.TryDerToP1363(der, 0, der.Length, p1363));
            Assert.True(ec.VerifyData(msg, p1363, HashAlgorithmName.SHA256));
            Assert.Equal(der, EcdsaSignature.TryP1363ToDer(p1363, 0));
        }
    }

    [Theory]
    [InlineData("3006020101020101", true)]
    [InlineData("300602010102010100", false)]           // trailing byte
    [InlineData("3080020101020101", false)]             // indefinite length
    [InlineData("30810602010102010100", false)]         // non-minimal length form
    [InlineData("30070201010202000101", false)]         // non-minimal integer (leading zero)
    [InlineData("3006020181020101", false)]             // negative r
    [InlineData("3006020101020100", true)]              // s = 0 decodes; verification rejects it
    [InlineData("3005020101020101", false)]             // sequence length short
    [InlineData("3003020101", false)]                   // s missing
    [InlineData("", false)]
    public void TryDerToP1363_Encoding_StrictDer(string hex, bool ok)
    {
        var der = Convert.FromHexString(hex);
        Assert.Equal(ok, EcdsaSignature.TryDerToP1363(der, 0, der.Length, new byte[64]));
    }

    [Fact]
    public void TryDerToP1363_IntegerWiderThan256Bits_False()
    {
        var der = new byte[] { 0x30, 0x26, 0x02, 0x21, 0x01 }.Concat(new byte[32]).Concat(new byte[] { 0x02, 0x01, 0x01 }).ToArray();
        Assert.False(EcdsaSignature.TryDerToP1363(der, 0, der.Length, new byte[64]));
    }
}
