using Handheld.Sdk.Tests.Licensing;

namespace Handheld.Sdk.Tests.Trust;

/// <summary>`license verify` with a signed trust list: the authority's chain root → trust list → licence key.</summary>
public class SignedTrustListVerifyTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>Root and issuer keys, a trust list valid for 90 days from 2027-01-01 naming the issuer for 鲁/JZ,
    /// and a licence (docs/examples/licence.json, valid 2026-01-15 … 2029-01-14) signed by the issuer.</summary>
    private void Prepare(string provinces = "\"鲁\"", string rootAlgorithm = "p256")
    {
        Assert.Equal(0, _cli.Run("keys", "generate", "--alg", rootAlgorithm, "--out", _cli.Path("root")).Exit);
        Assert.Equal(0, _cli.Run("keys", "generate", "--alg", "p256", "--out", _cli.Path("issuer")).Exit);
        File.WriteAllText(_cli.Path("trust.json"), $$"""
            { "version": 3, "issuedAt": 1798761600, "lifetimeDays": 90,
              "keys": [ { "name": "Shandong", "publicKey": "issuer.pub.pem", "usage": ["licences"],
                          "validFrom": 1672531200, "validUntil": 1893456000, "provinces": [{{provinces}}], "sectors": ["JZ"] } ] }
            """);
        Assert.Equal(0, _cli.Run("trust", "build", _cli.Path("trust.json"), "--out", _cli.Path("trust.tbs")).Exit);
        Assert.Equal(0, _cli.Run("trust", "sign", _cli.Path("trust.tbs"), "--key", _cli.Path("root.key.pem"), "--out", _cli.Path("trust.bin")).Exit);
        var example = System.IO.Path.Combine(CliHarness.RepoRoot, "docs", "examples", "licence.json");
        Assert.Equal(0, _cli.Run("license", "issue", "--data", example, "--key", _cli.Path("issuer.key.pem"), "--out", _cli.Path("qr.txt")).Exit);
    }

    private (int Exit, string Out, string Err) Verify(string at, params string[] extra) =>
        _cli.Run(new[] { "license", "verify", "--qr-file", _cli.Path("qr.txt"), "--trust", _cli.Path("trust.bin"), "--at", at }.Concat(extra).ToArray());

    [Fact]
    public void Verify_SignedTrustListWithRoot_Valid()
    {
        Prepare();
        var (exit, output, _) = Verify("2027-02-01T00:00:00Z", "--root", _cli.Path("root.pub.pem"));
        Assert.True(exit == 0, output);
        Assert.StartsWith("VALID", output);
    }

    [Fact]
    public void Verify_TrustListSignedByRsaRoot_Valid()
    {
        Prepare(rootAlgorithm: "rsa2048");
        var (exit, output, _) = Verify("2027-02-01T00:00:00Z", "--root", _cli.Path("root.pub.pem"));
        Assert.True(exit == 0, output);
        Assert.StartsWith("VALID", output);
    }

    [Fact]
    public void Verify_TrustListPastItsLifetime_FailsClosed()
    {
        Prepare();
        var (exit, output, _) = Verify("2027-06-01T00:00:00Z", "--root", _cli.Path("root.pub.pem"));
        Assert.Equal(1, exit);
        Assert.Contains("TrustListStale", output);
    }

    [Fact]
    public void Verify_TrustListSignedByAnotherRoot_Refused()
    {
        Prepare();
        Assert.Equal(0, _cli.Run("keys", "generate", "--alg", "p256", "--out", _cli.Path("other")).Exit);
        var (exit, _, err) = Verify("2027-02-01T00:00:00Z", "--root", _cli.Path("other.pub.pem"));
        Assert.NotEqual(0, exit);
        Assert.Contains("does not verify", err);
    }

    [Fact]
    public void Verify_TrustListWithoutRoot_Refused()
    {
        Prepare();
        var (exit, _, err) = Verify("2027-02-01T00:00:00Z");
        Assert.NotEqual(0, exit);
        Assert.Contains("--root", err);
    }

    [Fact]
    public void Verify_KeyRestrictedToAnotherProvince_NotValid()
    {
        Prepare("\"苏\"");
        var (exit, output, _) = Verify("2027-02-01T00:00:00Z", "--root", _cli.Path("root.pub.pem"));
        Assert.Equal(1, exit);
        Assert.Contains("NotAuthorised", output);
    }
}
