using Handheld.Cli.Conventions;
using System.CommandLine;
using System.Text.Json;
using Handheld.Sdk.Records;

namespace Handheld.Cli;

/// <summary>
/// <c>handheld records …</c>: work with a device's inspection-record log. <c>verify</c> lives here; the
/// sync helper adds list/show/export to the same command via <see cref="Build"/>.
/// </summary>
public static class RecordsCommand
{
    public static Command Build()
    {
        var records = new Command("records", "Inspection records: verify a device's record-log image.");
        records.Subcommands.Add(BuildVerify());
        return records;
    }

    private static Command BuildVerify()
    {
        var key = new Option<string>("--device-key") { Description = "The device's record key: a file (32 raw bytes or hex text) or 64 hex digits.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var verify = new Command("verify", "Verify a record log end to end: chain, MACs, sequence gaps. Exit code 0 only when intact.");
        var log = MainInput.AddTo(verify, "log", "--log", "Record-log image (the device's storage region, e.g. dumped over BLE or from the simulator).");
        verify.Options.Add(key);
        verify.Options.Add(json);
        verify.SetAction(parse =>
        {
            FileInfo file = new FileInfo(log.Value(parse));
            if (!file.Exists)
            {
                Console.Error.WriteLine($"error: {log.Field(parse)}: no such file: {file.FullName}");
                return 2;
            }
            byte[]? deviceKey = ParseKey(parse.GetValue(key)!);
            if (deviceKey == null)
            {
                Console.Error.WriteLine("error: --device-key: neither a readable key file nor 64 hex digits");
                return 2;
            }
            var result = RecordLogVerifier.Verify(File.ReadAllBytes(file.FullName), deviceKey);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(Handheld.Cli.Conventions.CliJson.Serialize(result));   // camelCase, as every --json
            }
            else
            {
                Console.Out.WriteLine($"log:       {file.Name} ({result.OpenResult})");
                Console.Out.WriteLine($"records:   {result.RecordCount} verified, sequences {result.FirstSequence}..{result.LastSequence}, synced through {result.SyncedThrough}");
                Console.Out.WriteLine(result.Intact
                    ? "result:    INTACT (every MAC verifies, chain unbroken, no gaps)"
                    : $"result:    BROKEN at record {(result.FirstBadSequence?.ToString() ?? "-")}: {result.Problem}");
            }
            return result.Intact ? 0 : 1;
        });
        return verify;
    }

    /// <summary>Hex digits, or a file with 32 raw bytes or hex text.</summary>
    internal static byte[]? ParseKey(string value)
    {
        if (File.Exists(value))
        {
            byte[] raw = File.ReadAllBytes(value);
            string text = System.Text.Encoding.ASCII.GetString(raw).Trim();
            return TryHex(text) ?? (raw.Length >= 16 ? raw : null);
        }
        return TryHex(value.Trim());
    }

    private static byte[]? TryHex(string text)
    {
        if (text.Length < 32 || text.Length % 2 != 0) return null;
        try { return Convert.FromHexString(text); }
        catch (FormatException) { return null; }
    }
}
