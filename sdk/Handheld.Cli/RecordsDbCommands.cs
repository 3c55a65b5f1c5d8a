using System.CommandLine;
using System.Text.Json;
using Handheld.Sdk.Records;

namespace Handheld.Cli;

/// <summary><c>handheld records list|show|export --json</c>: read back the SQLite file written by
/// <c>handheld device sync</c>. Attaches to an existing <c>records</c> command when there is one.</summary>
public static class RecordsDbCommands
{
    public static void Attach(RootCommand root)
    {
        var records = root.Subcommands.FirstOrDefault(c => c.Name == "records");
        if (records == null)
        {
            records = new Command("records", "Inspection records.");
            root.Subcommands.Add(records);
        }
        var db = new Option<string>("--db") { Description = "SQLite file", DefaultValueFactory = _ => "records.db" };
        var device = new Option<string?>("--device") { Description = "device id (hex); default all" };
        var json = new Option<bool>("--json") { Description = "JSON output" };

        var list = new Command("list", "List stored and kept-apart records.") { db, device, json };
        list.SetAction(pr =>
        {
            using var store = new SqliteRecordStore(pr.GetValue(db)!);
            var all = store.Records(pr.GetValue(device)?.ToUpperInvariant());
            if (pr.GetValue(json)) { Console.WriteLine(ToJson(all, withData: false)); return 0; }
            foreach (var r in all)
                Console.WriteLine($"{r.DeviceId} {r.Sequence,8} {r.Data.Length,5} B {r.Sha256Hex[..16]} {(r.State == RecordState.Verified ? "ok" : r.State + ": " + r.Reason)}");
            return 0;
        });

        var seq = new Argument<long>("sequence");
        var show = new Command("show", "Show one record.") { db, device, seq, json };
        show.SetAction(pr =>
        {
            using var store = new SqliteRecordStore(pr.GetValue(db)!);
            var r = store.Records(pr.GetValue(device)?.ToUpperInvariant()).Where(x => x.Sequence == pr.GetValue(seq)).ToList();
            if (r.Count == 0) { Console.Error.WriteLine("no such record"); return 1; }
            if (pr.GetValue(json)) { Console.WriteLine(ToJson(r, withData: true)); return 0; }
            foreach (var x in r)
                Console.WriteLine($"device {x.DeviceId}\nsequence {x.Sequence}\nsha256 {x.Sha256Hex}\nimported {x.ImportedAt}\nstatus {(x.State + (x.Reason == null ? "" : ": " + x.Reason))}\ndata {Convert.ToHexString(x.Data)}");
            return 0;
        });

        var export = new Command("export", "Export every record as JSON (with data, base64).") { db, device, json };
        export.SetAction(pr =>
        {
            using var store = new SqliteRecordStore(pr.GetValue(db)!);
            Console.WriteLine(ToJson(store.Records(pr.GetValue(device)?.ToUpperInvariant()), withData: true));
            return 0;
        });
        records.Subcommands.Add(list);
        records.Subcommands.Add(show);
        records.Subcommands.Add(export);
    }

    private static string ToJson(IEnumerable<StoredRecord> rs, bool withData) =>
        JsonSerializer.Serialize(rs.Select(r => new Dictionary<string, object?>
        {
            ["deviceId"] = r.DeviceId, ["sequence"] = r.Sequence, ["sha256"] = r.Sha256Hex, ["importedAt"] = r.ImportedAt,
            ["verified"] = r.State == RecordState.Verified, ["rejectReason"] = r.Reason,
            ["data"] = withData ? Convert.ToBase64String(r.Data) : null,
        }), new JsonSerializerOptions { WriteIndented = true });
}
