using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Handheld.Sdk.Records;

namespace Handheld.Cli;

/// <summary>
/// <c>handheld records reverify --keys FILE</c>: re-checks the records a sync kept apart (bad MAC under a wrong or
/// missing key, unlinked behind a gap) with a corrected key file, through the store's one set of import rules
/// (<see cref="RecordImporter.Reverify"/>): a record becomes verified only when its MAC holds and it links to the zero
/// hash, a verified predecessor or an authenticated anchor; a forked sequence stays flagged and is never released.
/// Verified records are released on the device at the next <c>device sync</c> (this command never talks to a device).
/// Exit 0 when nothing remains kept apart, 1 when some records still do not verify, 2 for bad input.
/// </summary>
public static class RecordsReverifyCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Adds <c>reverify</c> under the root's <c>records</c> command (created when absent).</summary>
    public static void Attach(RootCommand root)
    {
        var records = root.Subcommands.FirstOrDefault(c => c.Name == "records");
        if (records == null)
        {
            records = new Command("records", "Inspection records.");
            root.Subcommands.Add(records);
        }
        var db = new Option<string>("--db") { Description = "SQLite file written by `device sync`", DefaultValueFactory = _ => "records.db" };
        var keys = new Option<FileInfo>("--keys") { Description = "record keys file (lines: deviceIdHex recordKeyHex; # comments)", Required = true };
        var device = new Option<string?>("--device") { Description = "only this device id (hex); default all" };
        var json = new Option<bool>("--json") { Description = "JSON output (camelCase)" };
        var reverify = new Command("reverify", "Re-check kept-apart and unlinked records with a (corrected) key file; " +
            "verified ones are released on the device at the next sync.") { db, keys, device, json };
        reverify.SetAction(pr =>
        {
            try { return Run(pr.GetValue(db)!, pr.GetValue(keys)!, pr.GetValue(device), pr.GetValue(json)); }
            catch (InputError e) { Console.Error.WriteLine($"error: {e.Field}: {e.Message}"); return 2; }
            catch (Microsoft.Data.Sqlite.SqliteException e) { Console.Error.WriteLine($"error: --db: {e.Message}"); return 2; }
        });
        records.Subcommands.Add(reverify);
    }

    private static int Run(string dbPath, FileInfo keyFile, string? device, bool json)
    {
        Dictionary<string, byte[]> keys;
        try { keys = RecordKeyFile.Read(keyFile); }
        catch (RecordKeyFileException e) { throw new InputError("--keys", e.Message); }
        if (device != null && (device.Length == 0 || !device.All(Uri.IsHexDigit))) throw new InputError("--device", $"'{device}' is not a hex device id");
        string? dev = device?.ToUpperInvariant();
        if (dev != null && !keys.ContainsKey(dev)) throw new InputError("--keys", $"no key for device {dev} in {keyFile.Name}");
        if (!File.Exists(dbPath)) throw new InputError("--db", $"no such file: {dbPath}");
        using var store = new SqliteRecordStore(dbPath);
        var importer = new RecordImporter(store, new RecordCodecVerifier(keys));
        var (promoted, remaining) = importer.Reverify(dev);
        var left = store.Records(dev).Where(r => r.State != RecordState.Verified).ToList();
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                promoted,
                remaining,
                records = left.Select(r => new { deviceId = r.DeviceId, epoch = r.Epoch, sequence = r.Sequence, state = r.State.ToString().ToLowerInvariant(), reason = r.Reason }),
            }, Json));
        }
        else
        {
            Console.WriteLine($"{promoted} record(s) now verified, {remaining} still kept apart or unlinked");
            foreach (var r in left) Console.WriteLine($"{r.DeviceId} e{r.Epoch} {r.Sequence}: {r.State.ToString().ToLowerInvariant()}: {r.Reason}");
        }
        return remaining == 0 ? 0 : 1;
    }

    private sealed class InputError(string field, string message) : Exception(message)
    {
        public string Field { get; } = field;
    }
}
