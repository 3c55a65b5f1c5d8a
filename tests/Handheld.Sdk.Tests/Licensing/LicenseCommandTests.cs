using System.Diagnostics;
using System.Text.Json;
using Handheld.Sdk.Licensing;

namespace Handheld.Sdk.Tests.Licensing;

public class LicenseCommandTests
{
    private static string Example => Path.Combine(CliHarness.RepoRoot, "docs", "examples", "licence.json");

    [Theory]
    [InlineData("rsa2048")]
    [InlineData("p256")]
    [InlineData("sm2")]
    public void IssueThenVerify_ValidExitZero_WrongKeyExitOne(string alg)
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("keys", "generate", "--alg", alg, "--out", cli.Path("k")).Exit);
        Assert.Equal(0, cli.Run("keys", "generate", "--alg", alg, "--out", cli.Path("other")).Exit);
        var issue = cli.Run("license", "issue", "--data", Example, "--key", cli.Path("k.key.pem"), "--out", cli.Path("l.txt"),
            "--png", cli.Path("l.png"), "--svg", cli.Path("l.svg"));
        Assert.Equal(0, issue.Exit);
        Assert.True(new FileInfo(cli.Path("l.png")).Length > 100);
        Assert.Contains("<svg", File.ReadAllText(cli.Path("l.svg")));

        var ok = cli.Run("license", "verify", "--qr-file", cli.Path("l.txt"), "--trust", cli.Path("k.pub.pem"),
            "--at", "2027-01-01T00:00:00Z", "--json");
        Assert.Equal(0, ok.Exit);
        using var json = JsonDocument.Parse(ok.Out);
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal("（鲁）JZ安许证字[2023]087974", json.RootElement.GetProperty("licence").GetProperty("licenceNumber").GetString());

        var wrong = cli.Run("license", "verify", "--qr-file", cli.Path("l.txt"), "--trust", cli.Path("other.pub.pem"), "--at", "2027-01-01T00:00:00Z");
        Assert.Equal(1, wrong.Exit);
        Assert.Contains("UnknownKey", wrong.Out);

        var expired = cli.Run("license", "verify", "--qr-file", cli.Path("l.txt"), "--trust", cli.Path("k.pub.pem"), "--at", "2029-01-15T00:00:00+08:00");
        Assert.Equal(1, expired.Exit);
        Assert.Contains("Expired", expired.Out);

        var inspect = cli.Run("license", "inspect", "--qr-file", cli.Path("l.txt"));
        Assert.Equal(0, inspect.Exit);
        Assert.Contains("山东齐鲁建设工程集团有限公司", inspect.Out);
    }

    [Fact]
    public void Verify_MissingFile_ExitTwo()
    {
        using var cli = new CliHarness();
        var r = cli.Run("license", "verify", "--qr-file", cli.Path("nope.txt"), "--trust", cli.Path("nope.pem"));
        Assert.Equal(2, r.Exit);
    }

    [Fact]
    public void Verify_GarbageQr_ExitOneWithReason()
    {
        using var cli = new CliHarness();
        cli.Run("keys", "generate", "--alg", "p256", "--out", cli.Path("k"));
        File.WriteAllText(cli.Path("bad.txt"), "SPL1:hello");
        var r = cli.Run("license", "verify", "--qr-file", cli.Path("bad.txt"), "--trust", cli.Path("k.pub.pem"), "--json");
        Assert.Equal(1, r.Exit);
        Assert.Equal("InvalidCharacter", JsonDocument.Parse(r.Out).RootElement.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("rsa2048", "RSA", "rsa_keygen_bits:2048")]
    [InlineData("p256", "EC", "ec_paramgen_curve:P-256")]
    public void TbsSignedByOpenSsl_AssemblesAndVerifies(string alg, string opensslAlgorithm, string keyOption)
    {
        using var cli = new CliHarness();
        OpenSsl("genpkey", "-algorithm", opensslAlgorithm, "-pkeyopt", keyOption, "-out", cli.Path("key.pem"));
        OpenSsl("pkey", "-in", cli.Path("key.pem"), "-pubout", "-out", cli.Path("pub.pem"));

        Assert.Equal(0, cli.Run("license", "tbs", "--data", Example, "--pub", cli.Path("pub.pem"), "--alg", alg, "--out", cli.Path("tbs.bin")).Exit);
        OpenSsl("dgst", "-sha256", "-sign", cli.Path("key.pem"), "-out", cli.Path("sig.bin"), cli.Path("tbs.bin"));
        Assert.Equal(0, cli.Run("license", "assemble", "--tbs", cli.Path("tbs.bin"), "--signature", cli.Path("sig.bin"), "--out", cli.Path("l.txt")).Exit);
        var verify = cli.Run("license", "verify", "--qr-file", cli.Path("l.txt"), "--trust", cli.Path("pub.pem"), "--at", "2027-01-01T00:00:00Z");
        Assert.True(verify.Exit == 0, verify.Out + verify.Err);
    }

    private static void OpenSsl(params string[] args)
    {
        var psi = new ProcessStartInfo("/usr/bin/openssl") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "openssl " + string.Join(' ', args) + ": " + err);
    }

    [Fact]
    public void ExampleLicence_QrVersions_MeetTargets()
    {
        var licence = LicenceJson.Parse(File.ReadAllText(Example));
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        using var ec = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var rsaText = LicenceIssuer.Issue(licence, rsa);
        var ecText = LicenceIssuer.Issue(licence, ec);
        using var sm2 = Sm2Key.Generate();
        var sm2Text = LicenceIssuer.Issue(licence, sm2);
        Assert.Equal(806, rsaText.Length);
        Assert.Equal(518, ecText.Length);
        Assert.Equal(518, sm2Text.Length); // r‖s, 64 bytes, like P-256
        Assert.True(QrRenderer.Version(rsaText) <= 26);
        Assert.True(QrRenderer.Version(ecText) <= 20);
        Assert.Equal(20, QrRenderer.Version(sm2Text));
    }
}
