using Handheld.Core.Licensing;
using Handheld.Core.Ports;
using Handheld.Sdk.Licensing;

namespace Handheld.Sdk.Tests.Licensing;

/// <summary>Issue 15: licence-format.md §6 figures as measured, and §8.1 QR text file reading.</summary>
public class LicenceSpecFigureTests
{
    private static string Example => Path.Combine(CliHarness.RepoRoot, "docs", "examples", "licence.json");

    [Fact]
    public void Section6_ExampleFigures_AsMeasured()
    {
        var licence = LicenceJson.Parse(File.ReadAllText(Example));
        Assert.Equal(27, licence.Address.Length);
        Assert.Equal(14, licence.EnterpriseName.Length);
        Assert.Equal(11, licence.IssuingAuthority.Length);
        Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryEncode(licence, out var payload));
        Assert.Equal(266, payload.Length);
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        using var ec = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        string rsaText = LicenceIssuer.Issue(licence, rsa), ecText = LicenceIssuer.Issue(licence, ec);
        Assert.Equal((518, 806), (ecText.Length, rsaText.Length));
        Assert.Equal((342, 534), ((ecText.Length - 5) / 3 * 2, (rsaText.Length - 5) / 3 * 2)); // envelope bytes
        Assert.Equal((20, 26), (QrRenderer.Version(ecText), QrRenderer.Version(rsaText)));
        Assert.True(Uscc.IsWellFormed(licence.Uscc) && Uscc.ComputeCheckCharacter(licence.Uscc) == licence.Uscc[17]);
    }

    [Theory]
    [InlineData("SPL1:ABC\n", "SPL1:ABC")]
    [InlineData("SPL1:ABC\r\n", "SPL1:ABC")]
    [InlineData("SPL1:ABC", "SPL1:ABC")]
    [InlineData("SPL1:AB \n", "SPL1:AB ")]      // a space is a Base45 character: kept
    [InlineData("SPL1:ABC\n\n", "SPL1:ABC\n")]  // only one terminator is framing
    [InlineData("SPL1:ABC\t\n", "SPL1:ABC\t")]
    public void QrTextFile_StripsExactlyOneTrailingLineTerminator(string file, string text)
    {
        Assert.Equal(text, QrTextFile.FromBytes(System.Text.Encoding.UTF8.GetBytes(file)));
    }

    [Fact]
    public void QrTextFile_ByteOrderMarkKept_TheVerifierReportsIt()
    {
        byte[] raw = [0xEF, 0xBB, 0xBF, .. "SPL1:ABC\n"u8];
        string text = QrTextFile.FromBytes(raw);
        Assert.Equal('\uFEFF', text[0]);
        var store = new Handheld.Core.Trust.TrustStore(new Handheld.Core.Crypto.ManagedSignatureEngine(), 1);
        Assert.Equal(LicenceStatus.NotLicenceQr, new LicenceVerifier(store, null).Verify(text, 1_800_000_000, ClockSource.AppSynced).Status);
        // A trailing space the old reader trimmed is data: "SPL1:" + "AB " is a different (here: malformed) text.
        Assert.Equal(LicenceStatus.BadBase45, new LicenceVerifier(store, null).Verify(QrTextFile.FromBytes("SPL1:AB \n"u8.ToArray()), 1_800_000_000, ClockSource.AppSynced).Status);
    }
}
