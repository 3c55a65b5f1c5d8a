using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Handheld.Core.Crypto;
using Handheld.Sdk.Licensing;

namespace Handheld.Sdk.Tests.Cli;

/// <summary>Scratch files for <see cref="BadInputTests"/>: the example licence and trust spec, keys, and every
/// broken variant issue 16 lists.</summary>
public sealed class BadInputFiles : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("handheld-bad-").FullName;

    public BadInputFiles()
    {
        string examples = Path.Combine(Licensing.CliHarness.RepoRoot, "docs", "examples");
        string licence = File.ReadAllText(Path.Combine(examples, "licence.json"));
        File.WriteAllText(P("licence.json"), licence);
        var (priv, pub) = KeyFiles.Generate(SignatureAlgorithm.EcdsaP256Sha256);
        File.WriteAllText(P("issuer.key.pem"), priv);
        File.WriteAllText(P("issuer.pub.pem"), pub);
        using (var rsa = RSA.Create(1024)) File.WriteAllText(P("rsa1024.key.pem"), rsa.ExportPkcs8PrivateKeyPem());
        File.WriteAllBytes(P("x.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
        File.WriteAllText(P("empty.txt"), "");

        Licence("scope-string.json", o => o["scope"] = "建筑施工");
        Licence("number-for-string.json", o => o["enterpriseName"] = 5);
        File.WriteAllText(P("lone-surrogate.json"), licence.Replace("\"enterpriseName\": \"", "\"enterpriseName\": \"\\ud800", StringComparison.Ordinal));
        Licence("too-big-for-qr.json", o => o["scope"] = new JsonArray(Enumerable.Range(0, 12).Select(i => (JsonNode)JsonValue.Create(new string('建', 80) + i)!).ToArray()));
        Licence("unknown-key.json", o => o["valdUntil"] = "2030-01-01");

        string spec = File.ReadAllText(Path.Combine(examples, "trust-spec.json"));
        File.WriteAllText(P("trust-spec.json"), spec);
        Spec("spec-date-only.json", k => k["validFrom"] = "2026-01-01");
        Spec("spec-number-as-string.json", k => k["validFrom"] = "1767225600");
        Spec("spec-usage-revoke.json", k => k["usage"] = new JsonArray("revoke"));
        Spec("spec-unknown-key.json", k => k["colour"] = "blue");
        Spec("spec-png-key.json", k => k["publicKey"] = "x.png");
        Spec("spec-private-key.json", k => k["publicKey"] = "issuer.key.pem");
        Spec("spec-missing-key.json", k => k["publicKey"] = "nobody.pub.pem");

        File.WriteAllText(P("fs-share-range.json"), """{"blue":[131,547,298,24,0,0,0],"green":[0,5,208,1606,173,8,0]}""");
        File.WriteAllText(P("fs-no-green.json"), """{"blue":[131,547,298,24,0,0,0]}""");
        File.WriteAllText(P("fs-six.json"), """{"blue":[131,547,298,24,0,0],"green":[0,5,208,606,173,8,0]}""");
        File.WriteAllText(P("fs-fraction.json"), """{"blue":[131,547,298,24,0,0,0],"green":[0,5,208,606,173,7.5,0.5]}""");
        File.WriteAllText(P("fs-sum.json"), """{"blue":[131,547,298,24,0,0,9],"green":[0,5,208,606,173,8,0]}""");
        File.WriteAllText(P("fs-purple.json"), """{"blue":[131,547,298,24,0,0,0],"green":[0,5,208,606,173,8,0],"purple":[]}""");
        File.WriteAllText(P("fs-array.json"), "[131, 547]");
        File.WriteAllText(P("fs-cut.json"), """{"blue":[131,""");
        File.Copy(Path.Combine(examples, "fibre-spectra.json"), P("fs-good.json"));
        File.WriteAllText(P("ft-share-range.json"), """{"blue":[0,194,806],"green":[27,1637,336]}""");
        File.WriteAllText(P("ft-no-blue.json"), """{"green":[27,637,336]}""");
        File.WriteAllText(P("ft-four.json"), """{"blue":[0,194,806,0],"green":[27,637,336]}""");
        File.WriteAllText(P("ft-fraction.json"), """{"blue":[0,194.5,805.5],"green":[27,637,336]}""");
        File.WriteAllText(P("ft-sum.json"), """{"blue":[0,194,806],"green":[27,512,336]}""");
        File.WriteAllText(P("ft-violet.json"), """{"blue":[0,194,806],"green":[27,637,336],"violet":[1,2,997]}""");
        File.WriteAllText(P("ft-string.json"), """{"blue":"0,194,806","green":[27,637,336]}""");
        File.WriteAllLines(P("too-many.txt"), Enumerable.Range(0, 65_536).Select(i => "（鲁）JZ安许证字[2023]" + i.ToString("D6")));
        File.WriteAllText(P("revoked.txt"), "（鲁）JZ安许证字[2023]087975\n");
        File.WriteAllText(P("devices.keys"), Convert.ToHexString(new byte[16]) + " " + Convert.ToHexString(new byte[32]) + "\n");
        File.WriteAllText(P("bad.keys"), "zz-not-hex 1234\n");
        File.WriteAllText(P("not-a.db"), "this is a text file, not SQLite\n");
    }

    public string P(string name) => Path.Combine(Dir, name);

    private void Licence(string name, Action<JsonObject> change)
    {
        var o = JsonNode.Parse(File.ReadAllText(P("licence.json")))!.AsObject();
        change(o);
        File.WriteAllText(P(name), o.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private void Spec(string name, Action<JsonObject> changeKey)
    {
        var o = JsonNode.Parse(File.ReadAllText(P("trust-spec.json")))!.AsObject();
        changeKey(o["keys"]![0]!.AsObject());
        File.WriteAllText(P(name), o.ToJsonString());
    }

    public void Dispose() => Directory.Delete(Dir, true);
}

/// <summary>Issue 16, "Bad input crashes or misleads": every input it lists, run in-process through
/// <c>Program.Run</c> (what <c>Main</c> does). Each must give its exit code and exactly one stderr line
/// <c>error: FIELD…</c> naming the option or field, and never a stack frame.</summary>
[Collection("Console")]
public sealed class BadInputTests(BadInputFiles files) : IClassFixture<BadInputFiles>
{
    // {d} is the scratch folder. No device is listening on port 1: commands that would open the link must fail
    // on their input first (exit 2), proving the check runs before the link.
    public static TheoryData<string, int, string, string> Cases => new()
    {
        { "issue: scope as a string", 2, "--data: scope", "license issue --data {d}/scope-string.json --key {d}/issuer.key.pem --out {d}/o.txt" },
        { "issue: a number where a string is expected", 2, "--data: enterpriseName", "license issue --data {d}/number-for-string.json --key {d}/issuer.key.pem --out {d}/o.txt" },
        { "issue: lone surrogate in a name", 2, "--data: enterpriseName", "license issue --data {d}/lone-surrogate.json --key {d}/issuer.key.pem --out {d}/o.txt" },
        { "issue: too big for a QR", 2, "--data", "license issue --data {d}/too-big-for-qr.json --key {d}/issuer.key.pem --out {d}/o.txt" },
        { "issue: unknown JSON key", 2, "--data: valdUntil", "license issue --data {d}/unknown-key.json --key {d}/issuer.key.pem --out {d}/o.txt" },
        { "issue: missing licence file", 2, "--data", "license issue --data {d}/nope.json --key {d}/issuer.key.pem --out {d}/o.txt" },
        { "issue: empty licence file", 2, "--data", "license issue --data {d}/empty.txt --key {d}/issuer.key.pem --out {d}/o.txt" },
        { "issue: PNG as licence", 2, "--data", "license issue --data {d}/x.png --key {d}/issuer.key.pem --out {d}/o.txt" },
        { "issue: RSA-1024 refused", 2, "--key", "license issue --data {d}/licence.json --key {d}/rsa1024.key.pem --out {d}/o.txt" },
        { "issue: a public key as --key", 2, "--key", "license issue --data {d}/licence.json --key {d}/issuer.pub.pem --out {d}/o.txt" },
        { "issue: a PNG as --key", 2, "--key", "license issue --data {d}/licence.json --key {d}/x.png --out {d}/o.txt" },
        { "issue: licence alias", 2, "--data: scope", "licence issue --data {d}/scope-string.json --key {d}/issuer.key.pem --out {d}/o.txt" },
        { "issue: mistyped flag", 2, "--dta: unknown option (did you mean --data?)", "license issue --dta {d}/licence.json --key {d}/issuer.key.pem --out {d}/o.txt" },
        { "tbs: a private key as --pub", 2, "--pub", "license tbs --data {d}/licence.json --pub {d}/issuer.key.pem --alg p256 --out {d}/t.bin" },
        { "verify: --at 2025-02-30", 2, "--at", "license verify --qr-file {d}/licence.json --trust {d}/issuer.pub.pem --at 2025-02-30" },
        { "verify: --at a date without time or offset", 2, "--at", "license verify --qr-file {d}/licence.json --trust {d}/issuer.pub.pem --at 2027-03-01" },
        { "verify: a private key as --trust", 2, "--trust", "license verify --qr-file {d}/licence.json --trust {d}/issuer.key.pem" },
        { "verify: a PNG as --trust", 2, "--trust", "license verify --qr-file {d}/licence.json --trust {d}/x.png" },
        { "trust build: missing spec", 2, "spec", "trust build {d}/nope.json --out {d}/t.tbs" },
        { "trust build: empty spec", 2, "spec", "trust build {d}/empty.txt --out {d}/t.tbs" },
        { "trust build: PNG spec", 2, "spec", "trust build {d}/x.png --out {d}/t.tbs" },
        { "trust build: ISO date without time as validFrom", 2, "spec: keys[0].validFrom", "trust build {d}/spec-date-only.json --out {d}/t.tbs" },
        { "trust build: number as string", 2, "spec: keys[0].validFrom", "trust build {d}/spec-number-as-string.json --out {d}/t.tbs" },
        { "trust build: usage revoke", 2, "spec: keys[0].usage", "trust build {d}/spec-usage-revoke.json --out {d}/t.tbs" },
        { "trust build: unknown key", 2, "spec: keys[0].colour", "trust build {d}/spec-unknown-key.json --out {d}/t.tbs" },
        { "trust build: PNG as public key", 2, "spec: keys[0].publicKey", "trust build {d}/spec-png-key.json --out {d}/t.tbs" },
        { "trust build: private key where a public one belongs", 2, "spec: keys[0].publicKey", "trust build {d}/spec-private-key.json --out {d}/t.tbs" },
        { "trust build: missing public key file", 2, "spec: keys[0].publicKey", "trust build {d}/spec-missing-key.json --out {d}/t.tbs" },
        { "trust build: fibre share above 1000", 2, "--fibre-spectra: \"green\"[3]", "trust build {d}/trust-spec.json --fibre-spectra {d}/fs-share-range.json --out {d}/t.tbs" },
        { "trust build: fibre colour missing", 2, "--fibre-spectra: \"green\"", "trust build {d}/trust-spec.json --fibre-spectra {d}/fs-no-green.json --out {d}/t.tbs" },
        { "trust build: six shares", 2, "--fibre-spectra: \"blue\"", "trust build {d}/trust-spec.json --fibre-spectra {d}/fs-six.json --out {d}/t.tbs" },
        { "trust build: fractional share", 2, "--fibre-spectra: \"green\"[5]", "trust build {d}/trust-spec.json --fibre-spectra {d}/fs-fraction.json --out {d}/t.tbs" },
        { "trust build: shares not summing to 1000", 2, "--fibre-spectra: \"blue\"", "trust build {d}/trust-spec.json --fibre-spectra {d}/fs-sum.json --out {d}/t.tbs" },
        { "trust build: unknown fibre colour", 2, "--fibre-spectra: \"purple\"", "trust build {d}/trust-spec.json --fibre-spectra {d}/fs-purple.json --out {d}/t.tbs" },
        { "trust build: fibre spectra not an object", 2, "--fibre-spectra", "trust build {d}/trust-spec.json --fibre-spectra {d}/fs-array.json --out {d}/t.tbs" },
        { "trust build: fibre spectra not JSON", 2, "--fibre-spectra: not JSON", "trust build {d}/trust-spec.json --fibre-spectra {d}/fs-cut.json --out {d}/t.tbs" },
        { "trust build: missing fibre spectra file", 2, "--fibre-spectra", "trust build {d}/trust-spec.json --fibre-spectra {d}/nope.json --out {d}/t.tbs" },
        { "trust build: PNG as fibre spectra", 2, "--fibre-spectra", "trust build {d}/trust-spec.json --fibre-spectra {d}/x.png --out {d}/t.tbs" },
        { "trust build: colour share above 1000", 2, "--fibre-colours: \"green\"[1]", "trust build {d}/trust-spec.json --fibre-colours {d}/ft-share-range.json --out {d}/t.tbs" },
        { "trust build: blue colour shares missing", 2, "--fibre-colours: \"blue\"", "trust build {d}/trust-spec.json --fibre-colours {d}/ft-no-blue.json --out {d}/t.tbs" },
        { "trust build: four colour shares", 2, "--fibre-colours: \"blue\": 4 shares, need 3", "trust build {d}/trust-spec.json --fibre-colours {d}/ft-four.json --out {d}/t.tbs" },
        { "trust build: fractional colour share", 2, "--fibre-colours: \"blue\"[1]", "trust build {d}/trust-spec.json --fibre-colours {d}/ft-fraction.json --out {d}/t.tbs" },
        { "trust build: colour shares not summing to 1000", 2, "--fibre-colours: \"green\": shares sum to 875", "trust build {d}/trust-spec.json --fibre-colours {d}/ft-sum.json --out {d}/t.tbs" },
        { "trust build: unknown colour in colour shares", 2, "--fibre-colours: \"violet\"", "trust build {d}/trust-spec.json --fibre-colours {d}/ft-violet.json --out {d}/t.tbs" },
        { "trust build: colour shares as a string", 2, "--fibre-colours: \"blue\": must be an array", "trust build {d}/trust-spec.json --fibre-colours {d}/ft-string.json --out {d}/t.tbs" },
        { "trust build: colour shares not JSON", 2, "--fibre-colours: not JSON", "trust build {d}/trust-spec.json --fibre-colours {d}/fs-cut.json --out {d}/t.tbs" },
        { "trust build: missing colour shares file", 2, "--fibre-colours", "trust build {d}/trust-spec.json --fibre-colours {d}/nope.json --out {d}/t.tbs" },
        { "trust build: bad colour shares beside good spectra", 2, "--fibre-colours: \"green\"[1]", "trust build {d}/trust-spec.json --fibre-spectra {d}/fs-good.json --fibre-colours {d}/ft-share-range.json --out {d}/t.tbs" },
        { "trust show: not a trust list", 2, "list", "trust show {d}/licence.json" },
        { "trust show: missing list", 2, "list", "trust show {d}/nope.bin" },
        { "trust sign: PNG as key", 2, "--key", "trust sign {d}/licence.json --key {d}/x.png --out {d}/t.bin" },
        { "revocations build: missing list", 2, "licences", "revocations build {d}/nope.txt --version 1 --issuer-public-key {d}/issuer.pub.pem --out {d}/r.tbs" },
        { "revocations build: PNG list", 2, "licences", "revocations build {d}/x.png --version 1 --issuer-public-key {d}/issuer.pub.pem --out {d}/r.tbs" },
        { "revocations build: missing issuer key", 2, "--issuer-public-key", "revocations build {d}/revoked.txt --version 1 --issuer-public-key {d}/nope.pem --out {d}/r.tbs" },
        { "revocations build: PNG as public key", 2, "--issuer-public-key", "revocations build {d}/revoked.txt --version 1 --issuer-public-key {d}/x.png --out {d}/r.tbs" },
        { "revocations build: private key as public key", 2, "--issuer-public-key", "revocations build {d}/revoked.txt --version 1 --issuer-public-key {d}/issuer.key.pem --out {d}/r.tbs" },
        { "revocations build: more than 65,535", 2, "licences", "revocations build {d}/too-many.txt --version 1 --issuer-public-key {d}/issuer.pub.pem --out {d}/r.tbs" },
        { "revocations build: negative lifetime", 2, "--lifetime-days", "revocations build {d}/revoked.txt --version 1 --lifetime-days -7 --issuer-public-key {d}/issuer.pub.pem --out {d}/r.tbs" },
        { "revocations build: --issued-at 2025-02-30", 2, "--issued-at", "revocations build {d}/revoked.txt --version 1 --issued-at 2025-02-30 --issuer-public-key {d}/issuer.pub.pem --out {d}/r.tbs" },
        { "revocations sign: missing input", 2, "unsigned", "revocations sign {d}/nope.tbs --key {d}/issuer.key.pem --out {d}/r.bin" },
        { "revocations sign: a public key given to sign", 2, "--key", "revocations sign {d}/revoked.txt --key {d}/issuer.pub.pem --out {d}/r.bin" },
        { "revocations sign: empty key file", 2, "--key", "revocations sign {d}/revoked.txt --key {d}/empty.txt --out {d}/r.bin" },
        { "device push-trust: missing file", 2, "file", "device push-trust {d}/nope.bin --port 1" },
        { "device push-trust: empty file", 2, "file", "device push-trust {d}/empty.txt --port 1" },
        { "device push-revocations: missing file", 2, "file", "device push-revocations {d}/nope.bin --port 1" },
        { "device sync: missing --keys", 2, "--keys", "device sync --keys {d}/nope.keys --db {d}/s.db --port 1" },
        { "device sync: empty --keys", 2, "--keys", "device sync --keys {d}/empty.txt --db {d}/s.db --port 1" },
        { "device sync: PNG as --keys", 2, "--keys", "device sync --keys {d}/x.png --db {d}/s.db --port 1" },
        { "device sync: malformed --keys", 2, "--keys", "device sync --keys {d}/bad.keys --db {d}/s.db --port 1" },
        { "device sync: --db not a database", 2, "--db", "device sync --keys {d}/devices.keys --db {d}/not-a.db --port 1" },
        { "device sync: --db in a missing folder", 2, "--db", "device sync --keys {d}/devices.keys --db {d}/no-such-folder/s.db --port 1" },
        { "device info: --port 70000", 2, "--port", "device info --port 70000" },
        { "device set-time: --at 2025-02-30", 2, "--at", "device set-time --at 2025-02-30T10:00:00+08:00 --port 1" },
        { "device info: nothing listening", 3, "link", "device info --port 1" },
        { "device calibrate: a value after --report-only", 2, "--report-only: 'yes' is not a value it takes", "device calibrate --report-only yes --port 1" },
        { "device calibrate: --port 70000", 2, "--port", "device calibrate --port 70000" },
        { "records list: --db not a database", 2, "--db", "records list --db {d}/not-a.db" },
        { "records list: --db in a missing folder", 2, "--db", "records list --db {d}/no-such-folder/r.db" },
        { "records list: --db typo", 2, "--db", "records list --db {d}/typo.db" },
        { "a required option left out", 2, "--out: Option '--out' is required", "trust build {d}/licence.json" },
        { "a subcommand left out", 2, "command: missing; one of: generate", "keys" },
        { "an option of another command", 2, "--trust: unknown option", "license inspect {d}/licence.json --trust {d}/issuer.pub.pem" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadInput_OneLineNamingTheField_DocumentedExitCode_NoStackTrace(string what, int exit, string field, string command)
    {
        var (code, stdout, stderr) = Run(command.Replace("{d}", files.Dir, StringComparison.Ordinal));
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("warning:", StringComparison.Ordinal)).ToArray();
        Assert.True(code == exit, $"{what}: exit {code}, expected {exit}; stderr: {stderr}");
        Assert.True(lines.Length == 1, $"{what}: expected one error line, got {lines.Length}: {stderr}");
        Assert.StartsWith("error: " + field, lines[0]);
        Assert.DoesNotContain("   at ", stdout + stderr);
        Assert.DoesNotContain("Exception", stderr);
    }

    [Fact]
    public void RecordsList_TypoDb_CreatesNoDatabase()
    {
        var path = files.P("typo2.db");
        var (code, _, _) = Run($"records list --db {path}");
        Assert.Equal(2, code);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void RootHelp_ListsTheExitCodes()
    {
        var (code, stdout, _) = Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("Exit codes: 0 success", stdout);
        Assert.Contains("3 environment failure", stdout);
    }

    internal static (int Code, string Out, string Err) Run(string commandLine)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(o);
        Console.SetError(e);
        try
        {
            int code = Handheld.Cli.Program.Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                new InvocationConfiguration { Output = o, Error = e });
            return (code, o.ToString(), e.ToString());
        }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }
}

/// <summary>Issue 16, keys: owner-only private keys, never overwritten without --force, encrypted PKCS#8 with a
/// passphrase from the environment, read back wherever a private key is read.</summary>
[Collection("Console")]
public sealed class KeyFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("handheld-keys-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Generate_PrivateKeyOwnerOnly_NotOverwrittenWithoutForce()
    {
        var stem = Path.Combine(_dir, "a");
        Assert.Equal(0, BadInputTests.Run($"keys generate --alg p256 --out {stem}").Code);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(stem + ".key.pem"));
        var before = File.ReadAllText(stem + ".key.pem");
        var again = BadInputTests.Run($"keys generate --alg p256 --out {stem}");
        Assert.Equal(2, again.Code);
        Assert.StartsWith("error: --out:", again.Err.Trim());
        Assert.Equal(before, File.ReadAllText(stem + ".key.pem"));
        Assert.Equal(0, BadInputTests.Run($"keys generate --alg p256 --out {stem} --force").Code);
        Assert.NotEqual(before, File.ReadAllText(stem + ".key.pem"));
    }

    [Fact]
    public void EncryptedKey_WrittenAndReadWithThePassphraseFromTheNamedVariable()
    {
        var stem = Path.Combine(_dir, "enc");
        Environment.SetEnvironmentVariable("HANDHELD_TEST_PASS", "correct horse battery staple");
        try
        {
            Assert.Equal(0, BadInputTests.Run($"keys generate --alg p256 --out {stem} --passphrase-env HANDHELD_TEST_PASS").Code);
            Assert.Contains("BEGIN ENCRYPTED PRIVATE KEY", File.ReadAllText(stem + ".key.pem"));
            var licence = Path.Combine(Licensing.CliHarness.RepoRoot, "docs", "examples", "licence.json");
            var qr = Path.Combine(_dir, "lic.txt");
            var issued = BadInputTests.Run($"license issue --data {licence} --key {stem}.key.pem --out {qr} --passphrase-env HANDHELD_TEST_PASS");
            Assert.True(issued.Code == 0, issued.Err);
            Assert.Equal(0, BadInputTests.Run($"license verify --qr-file {qr} --trust {stem}.pub.pem --at 2027-03-01T10:00:00+08:00").Code);

            var noPass = BadInputTests.Run($"license issue --data {licence} --key {stem}.key.pem --out {qr}");
            Assert.Equal(2, noPass.Code);
            Assert.StartsWith("error: --key: the private key is encrypted", noPass.Err.Trim());
            Environment.SetEnvironmentVariable("HANDHELD_TEST_PASS", "wrong");
            var wrong = BadInputTests.Run($"license issue --data {licence} --key {stem}.key.pem --out {qr} --passphrase-env HANDHELD_TEST_PASS");
            Assert.Equal(2, wrong.Code);
            Assert.StartsWith("error: --key: wrong passphrase", wrong.Err.Trim());
        }
        finally { Environment.SetEnvironmentVariable("HANDHELD_TEST_PASS", null); }
    }
}
