using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Handheld.Sdk.Records;
using Handheld.Sdk.Reports;

namespace Handheld.Cli;

/// <summary>
/// <c>handheld report …</c>: a sealed PDF inspection report (or rectification notice) from the record store,
/// <c>report verify</c> to check one, <c>report seal-cert</c> to make a unit's seal certificate
/// (docs/report-format.md). Exit codes: 0 done / valid, 1 verification failed, 2 bad input.
/// </summary>
public static class ReportCommand
{
    private const int ExitFailed = 1;
    private const int ExitBadInput = 2;

    public static Command Build()
    {
        var db = StoreOption.Create();
        var sequence = new Option<long?>("--sequence") { Description = "one record by its sequence" };
        var device = new Option<string?>("--device") { Description = "device id (hex)" };
        var epoch = new Option<int?>("--epoch") { Description = "device log epoch (only when the device's log restarted)" };
        var day = new Option<string?>("--day") { Description = "every record of one day, yyyy-MM-dd (China Standard Time)" };
        var inspector = new Option<string?>("--inspector") { Description = "every record of one inspector id" };
        var lang = new Option<string>("--lang") { Description = "zh (default) or en", DefaultValueFactory = _ => "zh" };
        var seal = new Option<string>("--seal") { Description = "the unit's seal: PKCS#12 file, or PEM with certificate and private key", Required = true };
        var password = new Option<string?>("--seal-password") { Description = "PKCS#12 password (default: none)" };
        var qr = new Option<string[]>("--qr-file") { Description = "text of a scanned licence QR (repeatable): its licence is printed in full where it matches a record", AllowMultipleArgumentsPerToken = true };
        var unit = new Option<string?>("--unit") { Description = "inspecting unit's name (default: the seal certificate's common name)" };
        var template = new Option<string>("--template") { Description = "inspection (default) or notice (整改通知书, INVALID/SUSPECT only)", DefaultValueFactory = _ => "inspection" };
        var deadline = new Option<string?>("--deadline") { Description = "notice: rectification deadline yyyy-MM-dd (default: 15 days after the inspection)" };
        var output = new Option<string>("--out") { Description = "PDF file to write", Required = true };

        var report = new Command("report", "Sealed PDF report of inspections from the record store (Chinese by default).")
        {
            db, sequence, device, epoch, day, inspector, lang, seal, password, qr, unit, template, deadline, output,
        };
        report.SetAction(pr => Run(pr, () =>
        {
            var language = ReportText.ParseLanguage(pr.GetValue(lang)!);
            var selection = new ReportSelection
            {
                Sequence = pr.GetValue(sequence),
                DeviceId = pr.GetValue(device)?.ToUpperInvariant(),
                Epoch = pr.GetValue(epoch),
                Day = pr.GetValue(day) is { } d ? ParseDate(d, "--day") : null,
                InspectorId = pr.GetValue(inspector),
            };
            var licences = (pr.GetValue(qr) ?? []).Select(f => ReportLicence.Decode(ReadFile(f, "--qr-file"), "--qr-file " + f)).ToList();
            using var sealKey = ReportSeal.Load(pr.GetValue(seal)!, pr.GetValue(password));
            using var store = OpenStore(pr.GetValue(db)!);
            var records = selection.Apply(store.Records(), out int keptApart);
            var forked = records.FirstOrDefault(r => store.HasFork(r.DeviceId, r.Epoch, r.Sequence));
            if (forked != null) throw new ReportException($"record {forked.DeviceId}/{forked.Sequence} has a fork in the store (security event, see `records list`); no report is made from it");
            if (keptApart > 0) pr.InvocationConfiguration.Error.WriteLine($"note: {keptApart} kept-apart record(s) match the selection and are not reported on (see `records list`)");
            foreach (var l in licences.Where(l => !records.Any(l.Matches)))
            {
                throw new ReportException($"--qr-file: licence {l.Licence.LicenceNumber} is not the one any selected record scanned (digest differs)");
            }
            var request = new ReportRequest { Records = records, Licences = licences, Language = language, UnitName = pr.GetValue(unit) ?? sealKey.UnitName };
            var t = ReportText.For(language);
            ReportDocument doc;
            switch (pr.GetValue(template))
            {
                case "inspection":
                    doc = InspectionReport.Build(request);
                    break;
                case "notice":
                    var due = pr.GetValue(deadline) is { } s ? ParseDate(s, "--deadline")
                        : DateOnly.FromDateTime((records[0].Time ?? throw new ReportException("--deadline: required when the record has no trustworthy time"))
                            .ToOffset(InspectionReport.ChinaOffset).DateTime).AddDays(15);
                    doc = RectificationNotice.Build(request, due);
                    break;
                default:
                    throw new ReportException($"--template: expected inspection or notice, got '{pr.GetValue(template)}'");
            }
            int pages = doc.Document.PageCount;
            byte[] pdf = SealedPdf.Sign(doc, sealKey, t[pr.GetValue(template) == "notice" ? "notice.title" : "title"], request.UnitName);
            File.WriteAllBytes(pr.GetValue(output)!, pdf);
            pr.InvocationConfiguration.Output.WriteLine($"{pr.GetValue(output)}: {records.Count} record(s), {pages} page(s), {pdf.Length} bytes, sealed by {sealKey.Certificate.Subject}");
            return 0;
        }));
        report.Subcommands.Add(Verify(db));
        report.Subcommands.Add(SealCert());
        return report;
    }

    private static Command Verify(Option<string> db)
    {
        var file = new Argument<string>("file") { Description = "sealed report PDF" };
        var trust = new Option<string?>("--trust") { Description = "the unit's seal certificate (PEM or DER) the report must be sealed with" };
        var json = new Option<bool>("--json") { Description = "JSON output" };
        var verify = new Command("verify", "Check a report's seal (PAdES signature over the whole file, trusted signer) and that it matches the stored records. Exit 0 only when all hold.")
        {
            file, db, trust, json,
        };
        verify.SetAction(pr => Run(pr, () =>
        {
            byte[] pdf = File.Exists(pr.GetValue(file)) ? File.ReadAllBytes(pr.GetValue(file)!) : throw new ReportException($"file not found: {pr.GetValue(file)}");
            using var trusted = pr.GetValue(trust) is { } tp ? LoadCertificate(tp) : null;
            var result = SealedReportVerifier.Verify(pdf, trusted);
            using var store = OpenStore(pr.GetValue(db)!);
            SealedReportVerifier.CheckAgainstStore(result, store);
            var o = pr.InvocationConfiguration.Output;
            if (pr.GetValue(json))
            {
                o.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["valid"] = result.Valid, ["signatureValid"] = result.SignatureValid, ["subFilter"] = result.SubFilter,
                    ["signer"] = result.Signer, ["signerSha256"] = result.SignerSha256, ["signerTrusted"] = result.SignerTrusted,
                    ["records"] = result.Records.Select(r => new { deviceId = r.DeviceId, epoch = r.Epoch, sequence = r.Sequence, sha256 = r.Sha256Hex }),
                    ["problems"] = result.Problems,
                }, new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                o.WriteLine($"signature: {(result.SignatureValid ? "valid" : "INVALID")} ({result.SubFilter ?? "no SubFilter"})");
                o.WriteLine($"signer:    {result.Signer ?? "-"} sha256 {result.SignerSha256 ?? "-"}{(result.SignerTrusted ? " (trusted)" : "")}");
                foreach (var r in result.Records) o.WriteLine($"record:    {r.DeviceId}/{r.Sequence} {r.Sha256Hex.ToLowerInvariant()}");
                foreach (var p in result.Problems) o.WriteLine("problem:   " + p);
                o.WriteLine(result.Valid ? "result:    VALID (sealed, unaltered, matches the record store)" : "result:    NOT VALID");
            }
            return result.Valid ? 0 : ExitFailed;
        }));
        return verify;
    }

    private static Command SealCert()
    {
        var unit = new Option<string>("--unit") { Description = "inspecting unit's name (certificate common name)", Required = true };
        var alg = new Option<string>("--alg") { Description = "p256 (default) or rsa2048", DefaultValueFactory = _ => "p256" };
        var years = new Option<int>("--years") { Description = "validity in years", DefaultValueFactory = _ => 3 };
        var output = new Option<string>("--out") { Description = "path prefix: writes PREFIX.p12 (with the private key) and PREFIX.crt.pem", Required = true };
        var cmd = new Command("seal-cert", "Create a self-signed seal certificate for a unit without a CA-issued one.") { unit, alg, years, output };
        cmd.SetAction(pr => Run(pr, () =>
        {
            if (pr.GetValue(years) is < 1 or > 20) throw new ReportException("--years: expected 1..20");
            using var s = ReportSeal.CreateSelfSigned(pr.GetValue(unit)!, pr.GetValue(alg)!, DateTimeOffset.UtcNow.AddMinutes(-5), pr.GetValue(years));
            var prefix = pr.GetValue(output)!;
            s.Save(prefix + ".p12", prefix + ".crt.pem");
            pr.InvocationConfiguration.Output.WriteLine($"{prefix}.p12 (private key: keep it safe), {prefix}.crt.pem; sha256 {Convert.ToHexStringLower(SHA256.HashData(s.Certificate.RawData))}");
            return 0;
        }));
        return cmd;
    }

    private static IRecordStore OpenStore(string location) => StoreOption.OpenExisting(location);

    private static X509Certificate2 LoadCertificate(string path)
    {
        if (!File.Exists(path)) throw new ReportException($"--trust: file not found: {path}");
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (CryptographicException e)
        {
            throw new ReportException($"--trust: not a certificate ({e.Message})");
        }
    }

    private static string ReadFile(string path, string option) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new ReportException($"{option}: file not found: {path}");

    private static DateOnly ParseDate(string s, string option) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw new ReportException($"{option}: expected yyyy-MM-dd, got '{s}'");

    private static int Run(ParseResult pr, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (ReportException e)
        {
            pr.InvocationConfiguration.Error.WriteLine("error: " + e.Message);
            return ExitBadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            pr.InvocationConfiguration.Error.WriteLine("error: " + e.Message);
            return ExitBadInput;
        }
        catch (Exception e) when (StoreOption.Report(e, pr.InvocationConfiguration.Error) is int code)
        {
            return code;
        }
    }
}
