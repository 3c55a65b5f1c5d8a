using Handheld.Sdk.Tests.Licensing;

namespace Handheld.Sdk.Tests.Trust;

/// <summary>`license verify --revocations LIST` (issue 13 finding 7): the revocation list is checked on the host with
/// Core's parser, signature check against the signed trust list and revocation index, so the result codes are the
/// device's; a list signed by a key the trust list does not name for revocations, or unsigned, is refused by name.</summary>
public class LicenseVerifyRevocationsTests : IDisposable
{
    private const string LicenceNumber = "（鲁）JZ安许证字[2023]087974"; // docs/examples/licence.json
    private const long IssuedAt = 1801440000; // 2027-02-01
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private void Prepare(string usage = "\"licences\", \"revocations\"")
    {
        Assert.Equal(0, _cli.Run("keys", "generate", "--alg", "p256", "--out", _cli.Path("root")).Exit);
        Assert.Equal(0, _cli.Run("keys", "generate", "--alg", "p256", "--out", _cli.Path("issuer")).Exit);
        File.WriteAllText(_cli.Path("trust.json"), $$"""
            { "version": 3, "issuedAt": 1798761600, "lifetimeDays": 90,
              "keys": [ { "name": "Shandong", "publicKey": "issuer.pub.pem", "usage": [{{usage}}],
                          "validFrom": 1672531200, "validUntil": 1893456000, "provinces": ["鲁"], "sectors": ["JZ"] } ] }
            """);
        Assert.Equal(0, _cli.Run("trust", "build", _cli.Path("trust.json"), "--out", _cli.Path("trust.tbs")).Exit);
        Assert.Equal(0, _cli.Run("trust", "sign", _cli.Path("trust.tbs"), "--key", _cli.Path("root.key.pem"), "--out", _cli.Path("trust.bin")).Exit);
        var example = Path.Combine(CliHarness.RepoRoot, "docs", "examples", "licence.json");
        Assert.Equal(0, _cli.Run("license", "issue", "--data", example, "--key", _cli.Path("issuer.key.pem"), "--out", _cli.Path("qr.txt")).Exit);
    }

    private void Revocations(string name, string signer, params string[] numbers)
    {
        File.WriteAllLines(_cli.Path(name + ".txt"), numbers);
        Assert.Equal(0, _cli.Run("revocations", "build", _cli.Path(name + ".txt"), "--version", "5", "--issued-at", IssuedAt.ToString(),
            "--lifetime-days", "7", "--issuer-public-key", _cli.Path("issuer.pub.pem"), "--out", _cli.Path(name + ".tbs")).Exit);
        Assert.Equal(0, _cli.Run("revocations", "sign", _cli.Path(name + ".tbs"), "--key", _cli.Path(signer + ".key.pem"), "--out", _cli.Path(name + ".bin")).Exit);
    }

    private (int Exit, string Out, string Err) Verify(string at, string list) =>
        _cli.Run("license", "verify", "--qr-file", _cli.Path("qr.txt"), "--trust", _cli.Path("trust.bin"), "--root", _cli.Path("root.pub.pem"),
            "--at", at, "--revocations", list);

    [Fact]
    public void Verify_LicenceOnSignedList_Revoked()
    {
        Prepare();
        Revocations("rev", "issuer", LicenceNumber, "（鲁）JZ安许证字[2023]000001");
        var (exit, output, _) = Verify("2027-02-03T00:00:00Z", _cli.Path("rev.bin"));
        Assert.Equal(1, exit);
        Assert.StartsWith("NOT VALID: Revoked", output);
    }

    [Fact]
    public void Verify_LicenceNotOnSignedList_Valid()
    {
        Prepare();
        Revocations("rev", "issuer", "（鲁）JZ安许证字[2023]000001");
        var (exit, output, _) = Verify("2027-02-03T00:00:00Z", _cli.Path("rev.bin"));
        Assert.True(exit == 0, output);
        Assert.StartsWith("VALID", output);
        Assert.DoesNotContain("RevocationNotChecked", output);
    }

    [Fact]
    public void Verify_ListPastItsLifetime_FailsClosedRevocationListStale()
    {
        Prepare();
        Revocations("rev", "issuer", "（鲁）JZ安许证字[2023]000001");
        var (exit, output, _) = Verify("2027-02-20T00:00:00Z", _cli.Path("rev.bin"));
        Assert.Equal(1, exit);
        Assert.Contains("RevocationListStale", output);
    }

    [Fact]
    public void Verify_ListSignedByAnotherKey_RefusedBadSignature()
    {
        Prepare();
        Assert.Equal(0, _cli.Run("keys", "generate", "--alg", "p256", "--out", _cli.Path("mallory")).Exit);
        Revocations("rev", "mallory", "（鲁）JZ安许证字[2023]000001");
        var (exit, _, err) = Verify("2027-02-03T00:00:00Z", _cli.Path("rev.bin"));
        Assert.Equal(2, exit);
        Assert.Contains("--revocations", err);
        Assert.Contains("BadSignature", err);
    }

    [Fact]
    public void Verify_IssuerNotNamedForRevocations_RefusedUnknownIssuer()
    {
        Prepare(usage: "\"licences\"");
        Revocations("rev", "issuer", "（鲁）JZ安许证字[2023]000001");
        var (exit, _, err) = Verify("2027-02-03T00:00:00Z", _cli.Path("rev.bin"));
        Assert.Equal(2, exit);
        Assert.Contains("UnknownIssuer", err);
    }

    [Fact]
    public void Verify_UnsignedList_Refused()
    {
        Prepare();
        Revocations("rev", "issuer", "（鲁）JZ安许证字[2023]000001");
        var (exit, _, err) = Verify("2027-02-03T00:00:00Z", _cli.Path("rev.tbs"));
        Assert.Equal(2, exit);
        Assert.Contains("--revocations", err);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Verify_RevocationsWithPemTrustOnly_RefusedNamingTrustList()
    {
        Prepare();
        Revocations("rev", "issuer", "（鲁）JZ安许证字[2023]000001");
        var (exit, _, err) = _cli.Run("license", "verify", "--qr-file", _cli.Path("qr.txt"), "--trust", _cli.Path("issuer.pub.pem"),
            "--at", "2027-02-03T00:00:00Z", "--revocations", _cli.Path("rev.bin"));
        Assert.Equal(2, exit);
        Assert.Contains("signed trust list", err);
    }
}
