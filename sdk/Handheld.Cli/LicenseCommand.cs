using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Handheld.Cli.Conventions;
using Handheld.Core.Crypto;
using Handheld.Core.Licensing;
using Handheld.Core.Ports;
using Handheld.Sdk.Licensing;
using Handheld.Sdk.Trust;

namespace Handheld.Cli;

/// <summary><c>handheld license issue|tbs|assemble|verify|inspect</c> (docs/licence-format.md).</summary>
public static class LicenseCommand
{
    /// <summary>Exit codes: 0 valid/success, 1 licence not valid, 2 usage or input error.</summary>
    public const int ExitInvalid = 1;
    public const int ExitError = 2;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Build() => new("license", "Issue, verify and inspect signed licence QR codes.")
    {
        Issue(), Tbs(), Assemble(), Verify(), Inspect(), RegisterFibres(),
    };

    private static Command RegisterFibres()
    {
        var into = new Option<string?>("--into") { Description = "licence JSON to write the field into (physical.fibreFingerprint)" };
        var json = new Option<bool>("--json") { Description = "print the events and the field as JSON" };
        var cmd = new Command("register-fibres",
            "Register the fibre fingerprint (field 0x0C) from UV scans of the tracks, for 'license issue': one scan (layout 1, track 0) "
            + "or four (layout 2: tracks 0 bottom, 1 top, 2 left, 3 right edge, in that order).") { into, json };
        var scans = MainInputs.AddTo(cmd, "scan", "--scan",
            "UV scan of a fingerprint track (PNG/JPEG, start mark on the left; docs/licence-format.md §2.4): 1 file, or 4 for tracks 0–3", FibreFingerprint.Layout2Tracks);
        cmd.SetAction(pr =>
        {
            FibreScanResult result;
            try { result = FibreScan.Read(scans.Values(pr)); }
            catch (FibreScanException e)
            {
                pr.InvocationConfiguration.Error.WriteLine("error: " + scans.Field(pr) + ": " + e.Message);
                return ExitError;
            }
            string hex = Convert.ToHexStringLower(result.FieldValue);
            return Run(pr, () =>
            {
                if (pr.GetValue(into) is { } path)
                {
                    var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path)) as System.Text.Json.Nodes.JsonObject
                        ?? throw new FormatException(path + ": not a licence JSON object");
                    if (node["physical"] is not System.Text.Json.Nodes.JsonObject physical) throw new FormatException(path + ": physical: required");
                    physical["fibreFingerprint"] = hex;
                    File.WriteAllText(path, node.ToJsonString(Json) + "\n");
                }
                var o = pr.InvocationConfiguration.Output;
                if (pr.GetValue(json))
                {
                    o.WriteLine(JsonSerializer.Serialize(new
                    {
                        fibreFingerprint = hex, bytes = result.FieldValue.Length, layout = result.Fingerprint.Layout,
                        pixelsPerMm = Math.Round(result.PixelsPerMm, 2),
                        eventsPerTrack = result.EventsPerTrack,
                        events = result.Events.Select(e => new { track = e.Track, positionMm = Math.Round(e.PositionMm, 1), colour = e.ColourName, intensity = e.ClassName }),
                    }, new JsonSerializerOptions(Json) { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
                }
                else
                {
                    if (result.EventsPerTrack.Count == 1)
                        o.WriteLine($"{result.Events.Count} fibre events on the track ({result.PixelsPerMm:0.0} px/mm), field 0x0C {result.FieldValue.Length} bytes");
                    else
                        o.WriteLine($"{result.Events.Count} fibre events on {result.EventsPerTrack.Count} tracks ({string.Join(" + ", result.EventsPerTrack)}, "
                            + $"tracks 0–{result.EventsPerTrack.Count - 1}), field 0x0C {result.FieldValue.Length} bytes");
                    o.WriteLine("fibreFingerprint: " + hex);
                    if (pr.GetValue(into) is { } p) o.WriteLine("written into " + p + " (physical.fibreFingerprint)");
                }
                return 0;
            });
        });
        return cmd;
    }

    private static Command Issue()
    {
        var key = new Option<string>("--key") { Description = "private key PEM (PKCS#8)", Required = true };
        var output = new Option<string>("--out") { Description = "QR text output file", Required = true };
        var png = new Option<string?>("--png") { Description = "also write a PNG QR (level H)" };
        var svg = new Option<string?>("--svg") { Description = "also write an SVG QR (level H)" };
        var cmd = new Command("issue", "Sign a licence and write its QR text (and images).") { key, output, png, svg };
        var data = MainInput.AddTo(cmd, "licence", "--data", "licence JSON (see docs/examples/licence.json)");
        cmd.SetAction(pr => Run(pr, () =>
        {
            var licence = InputFiles.Parse(data.Field(pr), data.Value(pr), LicenceJson.Parse);
            var passphrase = KeyPassphrase.Resolve(pr);
            using var privateKey = InputFiles.Parse("--key", pr.GetValue(key)!, pem => KeyFiles.LoadPrivate(pem, passphrase));
            IssueKeyCheck.Check("--key", privateKey);
            InputFiles.CheckOutput("--out", pr.GetValue(output)!);
            var text = InputFiles.Guard(data.Field(pr), () => LicenceIssuer.Issue(licence, privateKey));
            WriteOutputs(pr, text, pr.GetValue(output)!, pr.GetValue(png), pr.GetValue(svg));
            return 0;
        }));
        return cmd;
    }

    private static Command Tbs()
    {
        var pub = new Option<string>("--pub") { Description = "signer's public key PEM (SPKI)", Required = true };
        var alg = new Option<string>("--alg") { Description = "rsa2048, p256 or sm2", Required = true };
        var output = new Option<string>("--out") { Description = "TBS output file (the exact bytes to sign)", Required = true };
        var cmd = new Command("tbs", "Write the exact bytes to sign, for signing outside (HSM, openssl).") { pub, alg, output };
        var data = MainInput.AddTo(cmd, "licence", "--data", "licence JSON");
        cmd.SetAction(pr => Run(pr, () =>
        {
            var licence = InputFiles.Parse(data.Field(pr), data.Value(pr), LicenceJson.Parse);
            var (spki, keyAlgorithm) = InputFiles.Parse("--pub", pr.GetValue(pub)!, KeyFiles.LoadPublic);
            var algorithm = InputFiles.Guard("--alg", () => KeyFiles.ParseAlgorithm(pr.GetValue(alg)!));
            if (algorithm != keyAlgorithm)
            {
                throw new FormatException($"--alg {KeyFiles.AlgorithmName(algorithm)} does not match the key ({KeyFiles.AlgorithmName(keyAlgorithm)})");
            }
            var tbs = InputFiles.Guard(data.Field(pr), () => LicenceIssuer.BuildTbs(licence, spki, algorithm));
            File.WriteAllBytes(pr.GetValue(output)!, tbs);
            pr.InvocationConfiguration.Output.WriteLine(algorithm == SignatureAlgorithm.Sm2Sm3
                ? $"wrote {tbs.Length} bytes to sign; sign with: openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt distid:1234567812345678 -inkey KEY.pem -in {pr.GetValue(output)} -out sig.der"
                : $"wrote {tbs.Length} bytes to sign; sign with: openssl dgst -sha256 -sign KEY.pem -out sig.bin {pr.GetValue(output)}");
            return 0;
        }));
        return cmd;
    }

    private static Command Assemble()
    {
        var sig = new Option<string>("--signature") { Description = "signature file (RSA PKCS#1 v1.5; ECDSA or SM2: DER or r||s)", Required = true };
        var output = new Option<string>("--out") { Description = "QR text output file", Required = true };
        var png = new Option<string?>("--png") { Description = "also write a PNG QR (level H)" };
        var svg = new Option<string?>("--svg") { Description = "also write an SVG QR (level H)" };
        var cmd = new Command("assemble", "Build the QR text from TBS bytes and an external signature.") { sig, output, png, svg };
        var tbs = MainInput.AddTo(cmd, "tbs", "--tbs", "TBS file from 'license tbs'");
        cmd.SetAction(pr => Run(pr, () =>
        {
            var tbsBytes = InputFiles.ReadBytes(tbs.Field(pr), tbs.Value(pr));
            var sigBytes = InputFiles.ReadBytes("--signature", pr.GetValue(sig)!);
            var text = InputFiles.Guard(tbs.Field(pr), () => LicenceIssuer.Assemble(tbsBytes, sigBytes));
            WriteOutputs(pr, text, pr.GetValue(output)!, pr.GetValue(png), pr.GetValue(svg));
            return 0;
        }));
        return cmd;
    }

    private static Command Verify()
    {
        var trust = new Option<string[]>("--trust") { Description = "trusted keys: PEM public keys (or trust-list files)", Required = true, AllowMultipleArgumentsPerToken = true };
        var root = new Option<string?>("--root") { Description = "root public key (PEM) that signs the trust lists given with --trust" };
        var at = new Option<string?>("--at") { Description = "verification instant, " + CliTime.Help + " (default: now)" };
        var revocations = new Option<string?>("--revocations") { Description = "signed revocation list file, checked against the trust list given with --trust/--root (as the device does)" };
        var json = new Option<bool>("--json") { Description = "JSON output" };
        var cmd = new Command("verify", "Verify a licence QR offline. Exit code 0 only when valid.") { trust, root, at, revocations, json };
        var qr = MainInput.AddTo(cmd, "qr-file", "--qr-file", "file with the QR text");
        cmd.SetAction(pr => Run(pr, () =>
        {
            var source = new TrustSource(new ManagedSignatureEngine());
            var rootPath = pr.GetValue(root);
            var rootPem = rootPath is null ? null : InputFiles.ReadText("--root", rootPath);
            var atText = pr.GetValue(at);
            var instant = atText is null ? DateTimeOffset.UtcNow : CliTime.Parse("--at", atText);
            foreach (var path in pr.GetValue(trust)!)
            {
                InputFiles.ReadBytes("--trust", path);
                InputFiles.Guard("--trust", () => { source.AddFile(path, rootPem); return 0; });
            }
            var text = ReadQrText(qr.Value(pr), qr.Field(pr));
            Handheld.Core.Trust.RevocationIndex? revocationIndex = null;
            if (pr.GetValue(revocations) is string revocationPath)
            {
                if (!File.Exists(revocationPath)) throw new FormatException($"--revocations: no such file: {revocationPath}");
                revocationIndex = RevocationListFile.Load(File.ReadAllBytes(revocationPath), source.SignedList, source.Store.Engine,
                    "--revocations: " + Path.GetFileName(revocationPath));
            }
            var result = new LicenceVerifier(source.Store, revocationIndex).Verify(text, instant.ToUnixTimeSeconds(), ClockSource.AppSynced);
            var o = pr.InvocationConfiguration.Output;
            if (pr.GetValue(json))
            {
                o.WriteLine(JsonSerializer.Serialize(ResultObject(result, instant), Json));
            }
            else
            {
                o.WriteLine((result.IsValid ? "VALID" : "NOT VALID") + ": " + LicenceStatusNames.Get(result.Status));
                foreach (var (stage, status) in Stages(result))
                {
                    o.WriteLine($"  {stage,-14} {LicenceStatusNames.Get(status)}");
                }
                for (int i = 0; i < result.WarningCount; i++)
                {
                    o.WriteLine("  warning        " + LicenceStatusNames.Get(result.GetWarning(i)));
                }
                if (result.Licence is not null)
                {
                    WriteLicence(o, result.Licence);
                }
            }
            return result.IsValid ? 0 : ExitInvalid;
        }));
        return cmd;
    }

    private static Command Inspect()
    {
        var json = new Option<bool>("--json") { Description = "JSON output" };
        var cmd = new Command("inspect", "Decode and show every field without judging (signature NOT checked).") { json };
        var qr = MainInput.AddTo(cmd, "qr-file", "--qr-file", "file with the QR text");
        cmd.SetAction(pr => Run(pr, () =>
        {
            var text = ReadQrText(qr.Value(pr), qr.Field(pr));
            var o = pr.InvocationConfiguration.Output;
            var status = LicenceEnvelope.TryDecode(text, out var envelope);
            if (status != LicenceStatus.Valid)
            {
                o.WriteLine("cannot decode: " + LicenceStatusNames.Get(status));
                return ExitInvalid;
            }
            var payloadStatus = LicenceCodec.TryDecode(envelope.Bytes, envelope.PayloadOffset, envelope.PayloadLength, out var licence);
            var info = new Dictionary<string, object?>
            {
                ["formatVersion"] = envelope.FormatVersion,
                ["algorithm"] = KeyFiles.AlgorithmName(envelope.Algorithm),
                ["keyId"] = Convert.ToHexStringLower(envelope.CopyKeyId()),
                ["payloadBytes"] = envelope.PayloadLength,
                ["signatureBytes"] = envelope.SignatureLength,
                ["qrCharacters"] = text.Length,
                ["qrVersionLevelH"] = QrRenderer.Version(text),
                ["payloadStatus"] = LicenceStatusNames.Get(payloadStatus),
                ["licence"] = licence is null ? null : LicenceJson.ToObject(licence),
            };
            if (pr.GetValue(json))
            {
                o.WriteLine(JsonSerializer.Serialize(info, Json));
            }
            else
            {
                o.WriteLine("NOT VERIFIED (inspect only)");
                foreach (var (k, v) in info.Where(kv => kv.Key != "licence"))
                {
                    o.WriteLine($"  {k,-16} {v}");
                }
                if (licence is not null)
                {
                    WriteLicence(o, licence);
                }
            }
            return payloadStatus == LicenceStatus.Valid ? 0 : ExitInvalid;
        }));
        return cmd;
    }

    private static int Run(ParseResult pr, Func<int> action)
    {
        try
        {
            return action();
        }
        // Typed errors (CliException) and everything else go to the shared wrapper (CliHost), which names the field.
        catch (Exception ex) when (ex is not CliException && ex.Message.StartsWith("--", StringComparison.Ordinal) && ex is FormatException or IOException or UnauthorizedAccessException or JsonException
                                       or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            pr.InvocationConfiguration.Error.WriteLine("error: " + ex.Message);
            return ExitError;
        }
    }

    /// <summary>Reads a QR text file: one trailing LF or CR LF is framing; spaces and a BOM are data (§8.1). A missing,
    /// empty or unreadable file is refused naming --qr-file.</summary>
    private static string ReadQrText(string path, string field) => Handheld.Sdk.Licensing.QrTextFile.FromBytes(InputFiles.ReadBytes(field, path));

    private static void WriteOutputs(ParseResult pr, string text, string output, string? png, string? svg)
    {
        if (png is not null) InputFiles.CheckOutput("--png", png);
        if (svg is not null) InputFiles.CheckOutput("--svg", svg);
        File.WriteAllText(output, text + "\n");
        if (png is not null)
        {
            File.WriteAllBytes(png, QrRenderer.Png(text));
        }
        if (svg is not null)
        {
            File.WriteAllText(svg, QrRenderer.Svg(text));
        }
        pr.InvocationConfiguration.Output.WriteLine($"wrote {output}: {text.Length} characters, QR version {QrRenderer.Version(text)} at level H");
    }

    private static IEnumerable<(string, LicenceStatus)> Stages(LicenceVerificationResult r) =>
    [
        ("decode", r.Decode), ("key", r.Key), ("signature", r.Signature), ("payload", r.Payload),
        ("authorisation", r.Authorisation), ("clock", r.Clock), ("trustList", r.TrustList),
        ("keyWindow", r.KeyWindow), ("dates", r.Dates), ("revocation", r.Revocation),
    ];

    private static Dictionary<string, object?> ResultObject(LicenceVerificationResult r, DateTimeOffset at)
    {
        var warnings = new List<string>();
        for (int i = 0; i < r.WarningCount; i++)
        {
            warnings.Add(LicenceStatusNames.Get(r.GetWarning(i)));
        }
        return new Dictionary<string, object?>
        {
            ["valid"] = r.IsValid,
            ["status"] = LicenceStatusNames.Get(r.Status),
            ["at"] = at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["stages"] = Stages(r).ToDictionary(s => s.Item1, s => LicenceStatusNames.Get(s.Item2)),
            ["warnings"] = warnings,
            ["keyId"] = r.KeyId is null ? null : Convert.ToHexStringLower(r.KeyId),
            ["signer"] = r.SignerKey?.Name,
            ["licence"] = r.Licence is null ? null : LicenceJson.ToObject(r.Licence),
        };
    }

    private static void WriteLicence(TextWriter o, Licence l)
    {
        foreach (var (k, v) in LicenceJson.ToObject(l))
        {
            var value = v switch
            {
                string[] a => string.Join(" | ", a),
                Dictionary<string, object?> d => string.Join(", ", d.Select(kv => kv.Key + "=" + (kv.Value is string[] s ? string.Join("+", s) : kv.Value))),
                _ => v?.ToString() ?? "-",
            };
            o.WriteLine($"  {k,-20} {value}");
        }
    }
}
