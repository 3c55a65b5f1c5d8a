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
}
