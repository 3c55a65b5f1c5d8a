using System.Diagnostics;
using System.Text.Json;
using Handheld.Core.Crypto;
using Handheld.Sdk.Licensing;

namespace Handheld.Sdk.Tests.Licensing;

/// <summary>SM2 through the CLI: keys made by OpenSSL 3.0 (run for real) and by <c>keys generate --alg sm2</c>,
/// external signing with <c>openssl pkeyutl -sign -rawin -digest sm3</c>, trust and revocation lists under SM2
/// keys, and the key files crossing between the two tools.</summary>
public sealed class Sm2CliTests
{
    private static string Example => Path.Combine(CliHarness.RepoRoot, "docs", "examples", "licence.json");
    private const string At = "2027-01-01T00:00:00Z";

    [Fact]
    public void OpenSslKey_TbsSignedByPkeyutl_AssemblesAndVerifies_WrongIdentifierDoesNot()
    {
        using var cli = new CliHarness();
        OpenSsl(cli.Dir, "genpkey", "-algorithm", "SM2", "-out", "key.pem");
        OpenSsl(cli.Dir, "pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem");
        Assert.Equal(0, cli.Run("license", "tbs", "--data", Example, "--pub", cli.Path("pub.pem"), "--alg", "sm2", "--out", cli.Path("tbs.bin")).Exit);
        OpenSsl(cli.Dir, "pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678", "-inkey", "key.pem",
            "-in", "tbs.bin", "-out", "sig.der");
        Assert.Equal(0, cli.Run("license", "assemble", "--tbs", cli.Path("tbs.bin"), "--signature", cli.Path("sig.der"), "--out", cli.Path("l.txt")).Exit);
        var ok = cli.Run("license", "verify", "--qr-file", cli.Path("l.txt"), "--trust", cli.Path("pub.pem"), "--at", At, "--json");
        Assert.True(ok.Exit == 0, ok.Out + ok.Err);
        Assert.True(JsonDocument.Parse(ok.Out).RootElement.GetProperty("valid").GetBoolean());

        OpenSsl(cli.Dir, "pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-pkeyopt", "distid:ALICE123@YAHOO.COM", "-inkey", "key.pem",
            "-in", "tbs.bin", "-out", "sig-alice.der");
        Assert.Equal(0, cli.Run("license", "assemble", "--tbs", cli.Path("tbs.bin"), "--signature", cli.Path("sig-alice.der"), "--out", cli.Path("a.txt")).Exit);
        var bad = cli.Run("license", "verify", "--qr-file", cli.Path("a.txt"), "--trust", cli.Path("pub.pem"), "--at", At);
        Assert.Equal(1, bad.Exit);
        Assert.Contains("BadSignature", bad.Out);

        // The private key OpenSSL wrote signs through `license issue` too (read as SM2, not as a 256-bit ECDSA key).
        Assert.Equal(0, cli.Run("license", "issue", "--data", Example, "--key", cli.Path("key.pem"), "--out", cli.Path("i.txt")).Exit);
        Assert.Equal(0, cli.Run("license", "verify", "--qr-file", cli.Path("i.txt"), "--trust", cli.Path("pub.pem"), "--at", At).Exit);
        var inspect = cli.Run("license", "inspect", "--qr-file", cli.Path("i.txt"), "--json");
        Assert.Equal("sm2", JsonDocument.Parse(inspect.Out).RootElement.GetProperty("algorithm").GetString());
    }

    [Fact]
    public void GeneratedKey_OpenSslVerifiesItsSignature()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("keys", "generate", "--alg", "sm2", "--out", cli.Path("k")).Exit);
        var text = OpenSsl(cli.Dir, "pkey", "-in", "k.key.pem", "-text", "-noout");
        Assert.Contains("ASN1 OID: SM2", text);
        using var key = (Sm2Key)KeyFiles.LoadPrivate(File.ReadAllText(cli.Path("k.key.pem")));
        byte[] data = "licence TBS stand-in"u8.ToArray();
        File.WriteAllBytes(cli.Path("data.bin"), data);
        File.WriteAllBytes(cli.Path("sig.der"), EcdsaSignature.TryP1363ToDer(key.Sign(data), 0));
        var verified = OpenSsl(cli.Dir, "pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678", "-pubin",
            "-inkey", "k.pub.pem", "-in", "data.bin", "-sigfile", "sig.der");
        Assert.Contains("Signature Verified Successfully", verified);
    }

    [Fact]
    public void KeyFiles_Sm2SpkiAndPrivateKey_ClassifiedAsSm2_NotP256()
    {
        using var cli = new CliHarness();
        OpenSsl(cli.Dir, "genpkey", "-algorithm", "SM2", "-out", "key.pem");
        OpenSsl(cli.Dir, "pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem");
        OpenSsl(cli.Dir, "ec", "-in", "key.pem", "-out", "sec1.pem");
        Assert.Equal(SignatureAlgorithm.Sm2Sm3, KeyFiles.LoadPublic(File.ReadAllText(cli.Path("pub.pem"))).Algorithm);
        // A private key where a public one belongs is refused (it would travel with the list), SM2 or not.
        Assert.Throws<FormatException>(() => KeyFiles.LoadPublic(File.ReadAllText(cli.Path("key.pem"))));
        using var sec1 = KeyFiles.LoadPrivate(File.ReadAllText(cli.Path("sec1.pem")));
        Assert.IsType<Sm2Key>(sec1);
        Assert.Equal(KeyFiles.LoadPublic(File.ReadAllText(cli.Path("pub.pem"))).Spki, sec1.ExportSubjectPublicKeyInfo());
        var wrongAlg = cli.Run("license", "tbs", "--data", Example, "--pub", cli.Path("pub.pem"), "--alg", "p256", "--out", cli.Path("t.bin"));
        Assert.Equal(2, wrongAlg.Exit);
        Assert.Contains("does not match the key (sm2)", wrongAlg.Err);
    }

    [Fact]
    public void TrustAndRevocationLists_SignedWithSm2_LicenceVerifiesAndRevokedOneIsRevoked()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("keys", "generate", "--alg", "sm2", "--out", cli.Path("root")).Exit);
        Assert.Equal(0, cli.Run("keys", "generate", "--alg", "sm2", "--out", cli.Path("issuer")).Exit);
        File.Copy(Path.Combine(CliHarness.RepoRoot, "docs", "examples", "trust-spec.json"), cli.Path("trust-spec.json"));
        File.WriteAllLines(cli.Path("revoked.txt"), ["（鲁）JZ安许证字[2023]087974"]);
        Assert.Equal(0, cli.Run("license", "issue", "--data", Example, "--key", cli.Path("issuer.key.pem"), "--out", cli.Path("l.txt")).Exit);
        Assert.Equal(0, cli.Run("trust", "build", cli.Path("trust-spec.json"), "--out", cli.Path("trust.tbs")).Exit);
        Assert.Equal(0, cli.Run("trust", "sign", cli.Path("trust.tbs"), "--key", cli.Path("root.key.pem"), "--out", cli.Path("trust.bin")).Exit);
        Assert.Equal(0, cli.Run("revocations", "build", cli.Path("revoked.txt"), "--version", "1", "--issuer-public-key", cli.Path("issuer.pub.pem"),
            "--out", cli.Path("rev.tbs")).Exit);
        Assert.Equal(0, cli.Run("revocations", "sign", cli.Path("rev.tbs"), "--key", cli.Path("issuer.key.pem"), "--out", cli.Path("rev.bin")).Exit);
        string now = DateTimeOffset.UtcNow.AddDays(1).ToString("O");
        var ok = cli.Run("license", "verify", "--qr-file", cli.Path("l.txt"), "--trust", cli.Path("trust.bin"), "--root", cli.Path("root.pub.pem"), "--at", now);
        Assert.True(ok.Exit == 0, ok.Out + ok.Err);
        var revoked = cli.Run("license", "verify", "--qr-file", cli.Path("l.txt"), "--trust", cli.Path("trust.bin"), "--root", cli.Path("root.pub.pem"),
            "--revocations", cli.Path("rev.bin"), "--at", now);
        Assert.Equal(1, revoked.Exit);
        Assert.Contains("Revoked", revoked.Out);
        // The list signed by the root, not the issuer named for revocations: refused in one line.
        Assert.Equal(0, cli.Run("revocations", "sign", cli.Path("rev.tbs"), "--key", cli.Path("root.key.pem"), "--out", cli.Path("rev-root.bin")).Exit);
        var wrongSigner = cli.Run("license", "verify", "--qr-file", cli.Path("l.txt"), "--trust", cli.Path("trust.bin"), "--root", cli.Path("root.pub.pem"),
            "--revocations", cli.Path("rev-root.bin"), "--at", now);
        Assert.Equal(2, wrongSigner.Exit);
        Assert.Single(wrongSigner.Err.Trim().Split('\n'));
    }

    private static string OpenSsl(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("/usr/bin/openssl") { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "openssl " + string.Join(' ', args) + ": " + err);
        return output;
    }
}
