using System.CommandLine;
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
        var build = new Command("build", "Build an unsigned trust list from a JSON spec.") { spec, output };
        build.SetAction(pr =>
        {
            var tbs = ListTools.BuildTrustList(pr.GetValue(spec)!.FullName);
            File.WriteAllBytes(pr.GetValue(output)!.FullName, tbs);
            Console.WriteLine($"{tbs.Length} bytes to sign with the firmware root key");
            return 0;
        });
        var cmd = new Command("trust", "Trust lists (issuer keys the device accepts), signed by the firmware root key.");
        cmd.Subcommands.Add(build);
        cmd.Subcommands.Add(SignCommand("root"));
        return cmd;
    }

    public static Command CreateRevocations()
    {
        var input = new Argument<FileInfo>("licences") { Description = "text file, one revoked licence number per line (UTF-8)" };
        var version = new Option<uint>("--version") { Description = "list version (must exceed the one on devices)", Required = true };
        var issuedAt = new Option<long?>("--issued-at") { Description = "unix seconds (default now)" };
        var lifetime = new Option<int>("--lifetime-days") { Description = "after this the device treats verdicts as UNVERIFIED", DefaultValueFactory = _ => 7 };
        var issuer = new Option<FileInfo>("--issuer-public-key") { Description = "public key of the signing issuer (must be in the trust list with usage revocations)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "to-be-signed output file", Required = true };
        var build = new Command("build", "Build an unsigned compact revocation list.") { input, version, issuedAt, lifetime, issuer, output };
        build.SetAction(pr =>
        {
            var (spki, _) = ListTools.ReadPublicKey(pr.GetValue(issuer)!.FullName);
            var lines = File.ReadAllLines(pr.GetValue(input)!.FullName);
            foreach (var (line, text) in ListTools.UnparsedLicenceNumbers(lines))
                Console.Error.WriteLine($"warning: licences:{line}: not a licence number (entered as written): {text}");
            var tbs = ListTools.BuildRevocationList(lines, pr.GetValue(version), pr.GetValue(issuedAt) ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                pr.GetValue(lifetime), spki);
            File.WriteAllBytes(pr.GetValue(output)!.FullName, tbs);
            Console.WriteLine($"{tbs.Length} bytes ({Handheld.Core.Protocol.LittleEndian.ReadU32(tbs, 32)} distinct fingerprints) to sign with the issuer key");
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
        var sign = new Command("sign", "Append the " + who + " signature.") { tbs, key, output };
        sign.SetAction(pr =>
        {
            var signed = ListTools.Sign(File.ReadAllBytes(pr.GetValue(tbs)!.FullName), pr.GetValue(key)!.FullName);
            File.WriteAllBytes(pr.GetValue(output)!.FullName, signed);
            Console.WriteLine($"signed list: {signed.Length} bytes");
            return 0;
        });
        return sign;
    }
}
