using System.CommandLine;
using Handheld.Cli.Conventions;
using Handheld.Sdk.Lists;

namespace Handheld.Cli;

/// <summary><c>handheld trust build|sign</c> and <c>handheld revocations build|sign</c> for the authority.
/// Build writes the to-be-signed bytes (so an HSM or offline signer can sign them); sign appends the signature.</summary>
public static class ListCommands
{
    public static Command CreateTrust()
    {
        var spec = new Argument<FileInfo>("spec") { Description = "JSON: {version, issuedAt, lifetimeDays, keys:[{name, publicKey, usage:[licences|revocations], validFrom, validUntil, provinces, sectors}]}" };
        var output = new Option<FileInfo>("--out") { Description = "to-be-signed output file", Required = true };
        var spectra = new Option<FileInfo?>("--fibre-spectra")
        {
            Description = "JSON {\"blue\":[F1..F7], \"green\":[F1..F7], \"red\":[…] (optional)}: permille shares of each fibre's emission through the AS7341 filters, summing to 1000; makes a format-2 list carrying them (docs/ble-protocol.md §6.1.1)",
        };
        var colours = new Option<FileInfo?>("--fibre-colours")
        {
            Description = "JSON {\"blue\":[R,G,B], \"green\":[R,G,B], \"red\":[…] (optional)}: permille shares of each fibre's excess through the TCS34725's R, G, B filters, summing to 1000; makes a format-2 list carrying them (docs/ble-protocol.md §6.1.1); may be given with --fibre-spectra",
        };
        var json = JsonOutput.Create();
        var build = new Command("build", "Build an unsigned trust list from a JSON spec.") { spec, output, spectra, colours, json };
        build.SetAction(pr =>
        {
            var specPath = pr.GetValue(spec)!.FullName;
            InputFiles.ReadText("spec", specPath);   // missing, empty or binary: refused by name before parsing
            // Either option makes a format-2 list; each adds its block (FS, FT) to the catalogue.
            byte[]? catalogue = null;
            if (pr.GetValue(spectra) is { } sf)
                catalogue = FibreSpectraFile.AppendTo(catalogue, InputFiles.Parse("--fibre-spectra", sf.FullName, FibreSpectraFile.Parse));
            if (pr.GetValue(colours) is { } cf)
                catalogue = FibreColoursFile.AppendTo(catalogue, InputFiles.Parse("--fibre-colours", cf.FullName, FibreColoursFile.Parse));
            InputFiles.CheckOutput("--out", pr.GetValue(output)!.FullName);
            var tbs = InputFiles.Guard("spec", () => ListTools.BuildTrustList(specPath, catalogue));
            File.WriteAllBytes(pr.GetValue(output)!.FullName, tbs);
            if (pr.GetValue(json)) JsonOutput.Write(new { output = pr.GetValue(output)!.FullName, bytes = tbs.Length, version = Handheld.Core.Protocol.LittleEndian.ReadU32(tbs, 8), format = (int)tbs[4] });
            else Console.WriteLine($"{tbs.Length} bytes (format {tbs[4]}) to sign with the firmware root key");
            return 0;
        });
        var cmd = new Command("trust", "Trust lists (issuer keys the device accepts), signed by the firmware root key.");
        cmd.Subcommands.Add(build);
        cmd.Subcommands.Add(SignCommand("root"));
        cmd.Subcommands.Add(TrustShowCommand.Create());
        return cmd;
    }

    public static Command CreateRevocations()
    {
        var input = new Argument<FileInfo>("licences") { Description = "text file, one revoked licence number per line (UTF-8)" };
        var version = new Option<uint>("--version") { Description = "list version (must exceed the one on devices)", Required = true };
        var issuedAt = new Option<string?>("--issued-at") { Description = "issue time, " + CliTime.Help + ", or unix seconds (default now)" };
        var lifetime = new Option<int>("--lifetime-days") { Description = "after this the device treats verdicts as UNVERIFIED", DefaultValueFactory = _ => 7 };
        var issuer = new Option<FileInfo>("--issuer-public-key") { Description = "public key of the signing issuer (must be in the trust list with usage revocations)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "to-be-signed output file", Required = true };
        var json = JsonOutput.Create();
        var build = new Command("build", "Build an unsigned compact revocation list.") { input, version, issuedAt, lifetime, issuer, output, json };
        build.SetAction(pr =>
        {
            var issuerPath = pr.GetValue(issuer)!.FullName;
            InputFiles.ReadBytes("--issuer-public-key", issuerPath);
            var (spki, _) = InputFiles.Guard("--issuer-public-key", () => ListTools.ReadPublicKey(issuerPath));
            var lines = InputFiles.ReadText("licences", pr.GetValue(input)!.FullName, allowEmpty: true).Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
            if (pr.GetValue(lifetime) < 1) throw new CliInputException("--lifetime-days", $"must be at least 1, got {pr.GetValue(lifetime)}");
            InputFiles.CheckOutput("--out", pr.GetValue(output)!.FullName);
            foreach (var (line, text) in ListTools.UnparsedLicenceNumbers(lines))
                Console.Error.WriteLine($"warning: licences:{line}: not a licence number (entered as written): {text}");
            var tbs = InputFiles.Guard("licences", () => ListTools.BuildRevocationList(lines, pr.GetValue(version),
                pr.GetValue(issuedAt) is string at ? IssuedAt(at) : DateTimeOffset.UtcNow.ToUnixTimeSeconds(), pr.GetValue(lifetime), spki));
            File.WriteAllBytes(pr.GetValue(output)!.FullName, tbs);
            if (pr.GetValue(json)) JsonOutput.Write(new { output = pr.GetValue(output)!.FullName, bytes = tbs.Length, version = pr.GetValue(version), fingerprints = Handheld.Core.Protocol.LittleEndian.ReadU32(tbs, 32) });
            else Console.WriteLine($"{tbs.Length} bytes ({Handheld.Core.Protocol.LittleEndian.ReadU32(tbs, 32)} distinct fingerprints) to sign with the issuer key");
            return 0;
        });
        var cmd = new Command("revocations", "Revocation lists: hashed licence numbers, signed by an issuer key from the trust list.");
        cmd.Subcommands.Add(build);
        cmd.Subcommands.Add(SignCommand("issuer"));
        return cmd;
    }

    private static Command SignCommand(string who)
    {
        var tbs = new Argument<FileInfo>("unsigned") { Description = "output of build" };
        var key = new Option<FileInfo>("--key") { Description = who + " private key (PEM, ECDSA P-256 or RSA)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "signed list", Required = true };
        var json = JsonOutput.Create();
        var sign = new Command("sign", "Append the " + who + " signature.") { tbs, key, output, json };
        sign.SetAction(pr =>
        {
            var unsigned = InputFiles.ReadBytes("unsigned", pr.GetValue(tbs)!.FullName);
            var keyPath = pr.GetValue(key)!.FullName;
            InputFiles.ReadText("--key", keyPath);
            InputFiles.CheckOutput("--out", pr.GetValue(output)!.FullName);
            var passphrase = KeyPassphrase.Resolve(pr);
            var signed = InputFiles.Guard("--key", () => ListTools.Sign(unsigned, keyPath, passphrase));
            File.WriteAllBytes(pr.GetValue(output)!.FullName, signed);
            if (pr.GetValue(json)) JsonOutput.Write(new { output = pr.GetValue(output)!.FullName, bytes = signed.Length });
            else Console.WriteLine($"signed list: {signed.Length} bytes");
            return 0;
        });
        return sign;
    }

    private static long IssuedAt(string text) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var unix)
            ? unix : CliTime.Parse("--issued-at", text).ToUnixTimeSeconds();
}
