using System.Security.Cryptography;
using Handheld.Sdk.Licensing;

namespace Handheld.Sdk.Tests.Licensing;

public class LicenceIssuerDerTests
{
    [Fact]
    public void DerToP1363_DotNetDerSignature_SameAsDotNetP1363()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var data = new byte[] { 1, 2, 3 };
        for (int i = 0; i < 20; i++)
        {
            var der = ec.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            var p1363 = LicenceIssuer.DerToP1363(der);
            Assert.True(ec.VerifyData(data, p1363, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        }
    }

    [Theory]
    [InlineData("3006020101020101FF")]      // trailing byte
    [InlineData("300602018102010 1")]       // negative r
    [InlineData("")]
    public void DerToP1363_NotStrictDer_FormatException(string hex) =>
        Assert.Throws<FormatException>(() => LicenceIssuer.DerToP1363(Convert.FromHexString(hex.Replace(" ", ""))));
}
