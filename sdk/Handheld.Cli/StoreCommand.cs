using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Handheld.Cli.Conventions;
using Handheld.Sdk.Records;

namespace Handheld.Cli;

/// <summary>
/// <c>handheld store migrate|export|stats</c>: the office side of the record store (sdk/Handheld.Sdk/Records/README.md).
/// <c>migrate</c> creates or upgrades the schema and the month partitions and prints the schema version (idempotent);
/// <c>export</c> writes the national supervision platform's JSON (docs/national-export.md); <c>stats</c> counts verified
/// inspections per day, province or verdict. Exit codes: 0 done, 2 bad input, 3 store or output unusable.
/// </summary>
public static class StoreCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Build()
    {
        var store = new Command("store", "The record store: schema migration, national export, office counts (SQLite or PostgreSQL).");
        store.Subcommands.Add(Migrate());
        store.Subcommands.Add(Export());
        store.Subcommands.Add(Stats());
        return store;
    }

    private sealed class InputError(string message) : Exception(message);

    private static Command Migrate()
    {
        var db = StoreOption.Create();
        var months = new Option<string?>("--months")
        {
            Description = "month partitions to create, yyyy-MM..yyyy-MM (default: the current China Standard Time month and the next two)",
        };
        var json = new Option<bool>("--json") { Description = "JSON output (camelCase)" };
        var cmd = new Command("migrate", "Create or upgrade the store's schema (idempotent) and its month partitions; prints the schema version.") { db, months, json };
        cmd.SetAction(pr => Guard(pr, () =>
        {
            var (first, last) = pr.GetValue(months) is { } m ? ParseMonths(m) : DefaultMonths();
            var location = RecordStoreLocation.Parse(pr.GetValue(db)!);
            using var opened = location.Open();
            var o = pr.InvocationConfiguration.Output;
            if (opened is not PostgresRecordStore pg)
            {
                // SQLite has no versions: its tables are created or upgraded on open, and it is not partitioned.
                if (pr.GetValue(json)) o.WriteLine(JsonSerializer.Serialize(new { backend = "sqlite", store = location.Display }, Json));
                else o.WriteLine($"sqlite {location.Display}: schema current (created or upgraded on open; not partitioned)");
                return 0;
            }
            var created = pg.EnsureMonths(first, last);
            if (pr.GetValue(json))
            {
                o.WriteLine(JsonSerializer.Serialize(new
                {
                    backend = "postgresql", store = location.Display, schemaVersion = pg.SchemaVersion, applied = pg.Migrated,
                    partitionsCreated = created, partitions = pg.MonthPartitions,
                }, Json));
                return 0;
            }
            o.WriteLine($"postgresql {location.Display}: schema version {pg.SchemaVersion}" +
                        (pg.Migrated.Count == 0 ? " (current; nothing to apply)" : $" (applied {string.Join(", ", pg.Migrated)})"));
            o.WriteLine($"month partitions: {pg.MonthPartitions.Count} ({created.Count} created now{(created.Count > 0 ? ": " + string.Join(", ", created) : "")})");
            return 0;
        }));
        return cmd;
    }

    private static Command Export()
    {
        var db = StoreOption.Create();
        var from = new Option<string>("--from") { Description = "first day, yyyy-MM-dd (China Standard Time)", Required = true };
        var to = new Option<string>("--to") { Description = "last day, yyyy-MM-dd (inclusive)", Required = true };
        var output = new Option<string?>("--out") { Description = "JSON file to write (default standard output)" };
        var cmd = new Command("export", $"Inspection results of a day range as JSON for the national supervision platform (docs/national-export.md, version {NationalExport.Version}).")
        {
            db, from, to, output,
        };
        cmd.SetAction(pr => Guard(pr, () =>
        {
            var (f, t) = Range(pr.GetValue(from), pr.GetValue(to));
            using var s = StoreOption.OpenExisting(pr.GetValue(db)!);
            var doc = NationalExport.Build(DecodedInspectionQueries.For(s), f!.Value, t!.Value, DateTimeOffset.UtcNow);
            string text = NationalExport.ToJson(doc) + "\n";
            if (pr.GetValue(output) is { } path)
            {
                try
                {
                    File.WriteAllText(path, text, new UTF8Encoding(false));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    pr.InvocationConfiguration.Error.WriteLine($"error: --out: cannot write {path}: {e.Message}");
                    return ExitCodes.Environment;
                }
            }
            else pr.InvocationConfiguration.Output.Write(text);
            pr.InvocationConfiguration.Error.WriteLine($"{doc["summary"]!["inspections"]} inspection(s) {f:yyyy-MM-dd}..{t:yyyy-MM-dd} exported");
            return 0;
        }));
        return cmd;
    }

    private static Command Stats()
    {
        var db = StoreOption.Create();
        var by = new Option<string>("--by") { Description = "day, province or verdict", DefaultValueFactory = _ => "day" };
        var from = new Option<string?>("--from") { Description = "first day, yyyy-MM-dd (China Standard Time)" };
        var to = new Option<string?>("--to") { Description = "last day, yyyy-MM-dd (inclusive)" };
        var json = new Option<bool>("--json") { Description = "JSON output (camelCase)" };
        var cmd = new Command("stats", "Verified inspections counted per day, province or verdict (unverified records are named, never counted).") { db, by, from, to, json };
        cmd.SetAction(pr => Guard(pr, () =>
        {
            var grouping = pr.GetValue(by)!.ToLowerInvariant() switch
            {
                "day" => StatsGrouping.Day,
                "province" => StatsGrouping.Province,
                "verdict" => StatsGrouping.Verdict,
                var other => throw new InputError($"--by: '{other}' is not day, province or verdict"),
            };
            var (f, t) = Range(pr.GetValue(from), pr.GetValue(to));
            using var s = StoreOption.OpenExisting(pr.GetValue(db)!);
            var q = DecodedInspectionQueries.For(s);
            var rows = q.Stats(grouping, f, t);
            var counts = q.Counts(f, t);
            var o = pr.InvocationConfiguration.Output;
            if (pr.GetValue(json))
            {
                o.WriteLine(JsonSerializer.Serialize(new { by = grouping.ToString().ToLowerInvariant(), rows, counts }, Json));
                return 0;
            }
            foreach (var r in rows) o.WriteLine(grouping == StatsGrouping.Verdict ? $"{r.Key,-12} {r.Count,10}" : $"{r.Key,-12} {r.Verdict,-12} {r.Count,10}");
            o.WriteLine($"not counted: {counts.NotVerifiedInRange} not verified in range, {counts.Undated} without trusted time, {counts.Undecodable} undecodable");
            return 0;
        }));
        return cmd;
    }

    private static (DateOnly? From, DateOnly? To) Range(string? from, string? to)
    {
        DateOnly? f = from == null ? null : Day(from, "--from"), t = to == null ? null : Day(to, "--to");
        if (f > t) throw new InputError("--from: is after --to");
        return (f, t);
    }

    private static DateOnly Day(string s, string option) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw new InputError($"{option}: expected yyyy-MM-dd, got '{s}'");

    private static (DateOnly First, DateOnly Last) ParseMonths(string value)
    {
        var parts = value.Split("..");
        DateOnly Month(string s) =>
            DateOnly.TryParseExact(s + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d : throw new InputError($"--months: expected yyyy-MM..yyyy-MM, got '{value}'");
        if (parts.Length != 2) throw new InputError($"--months: expected yyyy-MM..yyyy-MM, got '{value}'");
        var (first, last) = (Month(parts[0]), Month(parts[1]));
        if (first > last) throw new InputError($"--months: {parts[0]} is after {parts[1]}");
        if (first.AddMonths(120) < last) throw new InputError("--months: more than 120 months at once");
        return (first, last);
    }

    private static (DateOnly, DateOnly) DefaultMonths()
    {
        var now = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(InspectionFields.ChinaStandardTime).DateTime);
        var first = new DateOnly(now.Year, now.Month, 1);
        return (first, first.AddMonths(2));
    }

    private static int Guard(ParseResult pr, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (InputError e)
        {
            pr.InvocationConfiguration.Error.WriteLine("error: " + e.Message);
            return ExitCodes.Input;
        }
        catch (Exception e) when (StoreOption.Report(e, pr.InvocationConfiguration.Error) is int code)
        {
            return code;
        }
    }
}
