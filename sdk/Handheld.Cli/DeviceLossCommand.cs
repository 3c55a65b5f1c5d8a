using System.CommandLine;
using Handheld.Sdk.Records;

namespace Handheld.Cli;

/// <summary><c>handheld records device-lost --device ID [--found] [--note TEXT]</c>: report a device lost (records it
/// makes from now on are kept apart, never released) or found again (DeviceLoss, docs/threat-model.md).</summary>
public static class DeviceLossCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "SQLite file written by `device sync`", DefaultValueFactory = _ => "records.db" };
        var device = new Option<string>("--device") { Description = "device id (32 hex digits)", Required = true };
        var found = new Option<bool>("--found") { Description = "the device is back: end the loss report" };
        var note = new Option<string>("--note") { Description = "who reported it and why", DefaultValueFactory = _ => "" };
        var cmd = new Command("device-lost", "Report a device lost (its later records are kept apart) or, with --found, found again.") { db, device, found, note };
        cmd.SetAction(pr =>
        {
            string id = pr.GetValue(device)!.ToUpperInvariant();
            if (id.Length != 32 || !id.All(Uri.IsHexDigit))
            {
                Console.Error.WriteLine($"error: --device: '{pr.GetValue(device)}' is not a 16-byte device id in hex");
                return 2;
            }
            string path = pr.GetValue(db)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"error: --db: no such file: {path}");
                return 2;
            }
            try
            {
                using var store = new SqliteRecordStore(path);
                string at = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);
                if (pr.GetValue(found))
                {
                    if (DeviceLoss.Current(store, id) == null)
                    {
                        Console.Error.WriteLine($"error: --device: {id} is not reported lost");
                        return 1;
                    }
                    DeviceLoss.MarkFound(store, id, pr.GetValue(note)!, at);
                    Console.WriteLine($"device {id} reported found; run `handheld records reverify` to re-judge its kept-apart records");
                    return 0;
                }
                var a = DeviceLoss.MarkLost(store, id, pr.GetValue(note)!, at);
                Console.WriteLine($"device {id} reported lost: records from sequence {a.FromSequence} (epoch {a.Epoch}) on will be kept apart");
                return 0;
            }
            catch (Microsoft.Data.Sqlite.SqliteException e)
            {
                Console.Error.WriteLine($"error: --db: {e.Message}");
                return 3;
            }
        });
        return cmd;
    }
}
