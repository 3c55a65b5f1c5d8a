using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Handheld.Sdk.Records;

namespace Handheld.Cli;

/// <summary><c>handheld records list|show|export</c>: read back, decoded, the records <c>handheld device
/// sync</c> stored (every field named: time and clock, device, inspector, licence number, verdict and reasons,
/// each human-check answer, the physical figures), filter them and export CSV / JSON Lines (<c>reverify</c> is
/// <see cref="RecordsReverifyCommand"/>). Attaches to an existing <c>records</c> command when there is one.</summary>
public static class RecordsDbCommands
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // licence numbers stay readable (粤, 安许证字)
    };

    public static void Attach(RootCommand root)
    {
        var records = root.Subcommands.FirstOrDefault(c => c.Name == "records");
        if (records == null)
        {
            records = new Command("records", "Inspection records.");
            root.Subcommands.Add(records);
        }
        var db = StoreOption.Create();
        var device = new Option<string?>("--device") { Description = "device id (hex); default all" };
        var from = new Option<string?>("--from") { Description = "only records at or after this ISO 8601 date or time (UTC unless an offset is given)" };
        var to = new Option<string?>("--to") { Description = "only records at or before this ISO 8601 date (whole day) or time" };
        var verdict = new Option<string?>("--verdict") { Description = "only this verdict: GENUINE, SUSPECT, FORGED, INVALID, UNVERIFIED or NONE" };
        var licence = new Option<string?>("--licence") { Description = "only this licence number (exact)" };
        var json = new Option<bool>("--json") { Description = "JSON output (camelCase)" };
        var format = new Option<string>("--format") { Description = "export format: jsonl (one JSON object a line) or csv", DefaultValueFactory = _ => "jsonl" };
        var output = new Option<FileInfo?>("--output") { Description = "export file (default standard output)" };

        var list = new Command("list", "List stored and kept-apart records, decoded, one line each.") { db, device, from, to, verdict, licence, json };
        list.SetAction(pr => Guard(() =>
        {
            var rows = Query(pr, db, device, from, to, verdict, licence);
            if (pr.GetValue(json)) { Console.WriteLine(JsonSerializer.Serialize(rows.Select(Row), Json)); return 0; }
            foreach (var r in rows)
            {
                var d = r.Decoded;
                string state = r.Stored.State == RecordState.Verified ? "verified" : r.Stored.State + ": " + r.Stored.Reason;
                Console.WriteLine(d == null
                    ? $"{r.Stored.DeviceId} e{r.Stored.Epoch} {r.Stored.Sequence,6}  (undecodable: {r.DecodeProblem})  {state}"
                    : $"{r.Stored.DeviceId} e{r.Stored.Epoch} {r.Stored.Sequence,6}  {d.Time ?? "time unset",-20} {d.Clock,-10} {d.Verdict,-10} {d.LicenceNumber ?? "-"}  {(d.Reasons.Count == 0 ? "-" : string.Join(",", d.Reasons))}  {state}");
            }
            Console.Error.WriteLine($"{rows.Count} record(s)");
            return 0;
        }));

        var seq = new Argument<long>("sequence") { Description = "record sequence number" };
        var epoch = new Option<int?>("--epoch") { Description = "the device log's epoch (default every epoch)" };
        var show = new Command("show", "Show every field of one record.") { db, device, epoch, seq, json };
        show.SetAction(pr => Guard(() =>
        {
            var rows = Query(pr, db, device, null, null, null, null)
                .Where(x => x.Stored.Sequence == pr.GetValue(seq) && (pr.GetValue(epoch) is not int e || x.Stored.Epoch == e)).ToList();
            if (rows.Count == 0) { Console.Error.WriteLine($"error: sequence: no record {pr.GetValue(seq)} in the store"); return 1; }
            if (pr.GetValue(json)) { Console.WriteLine(JsonSerializer.Serialize(rows.Select(r => Row(r, withData: true)), new JsonSerializerOptions(Json) { WriteIndented = true })); return 0; }
            foreach (var r in rows) Console.Write(Text(r));
            return 0;
        }));

        var export = new Command("export", "Export decoded records as JSON Lines or CSV (UTF-8).") { db, device, from, to, verdict, licence, format, output };
        export.SetAction(pr => Guard(() =>
        {
            string f = pr.GetValue(format)!.ToLowerInvariant();
            if (f is not ("jsonl" or "csv")) throw new InputError("--format", $"'{pr.GetValue(format)}' is not jsonl or csv");
            var rows = Query(pr, db, device, from, to, verdict, licence);
            string text = f == "csv" ? Csv(rows) : string.Concat(rows.Select(r => JsonSerializer.Serialize(Row(r, withData: true), Json) + "\n"));
            if (pr.GetValue(output) is FileInfo file) File.WriteAllText(file.FullName, text, new UTF8Encoding(false));
            else Console.Out.Write(text);
            Console.Error.WriteLine($"{rows.Count} record(s) exported");
            return 0;
        }));

        records.Subcommands.Add(list);
        records.Subcommands.Add(show);
        records.Subcommands.Add(export);
        records.Subcommands.Add(DeviceLossCommand.Create());
    }

    private sealed class InputError(string field, string message) : Exception(message)
    {
        public string Field { get; } = field;
    }

    // Bad input: one line naming the option, exit 2 (never a stack trace).
    private static int Guard(Func<int> body)
    {
        try { return body(); }
        catch (InputError e) { Console.Error.WriteLine($"error: {e.Field}: {e.Message}"); return 2; }
        catch (Exception e) when (StoreOption.Report(e, Console.Error) is int code) { return code; }
    }

    private static IRecordStore OpenStore(string location) => StoreOption.OpenExisting(location);

    private static IReadOnlyList<ReadableRecord> Query(System.CommandLine.ParseResult pr, Option<string> db, Option<string?> device,
        Option<string?>? from, Option<string?>? to, Option<string?>? verdict, Option<string?>? licence)
    {
        DateTimeOffset? f = null, t = null;
        int? outcome = null;
        if (from != null && pr.GetValue(from) is string fs)
            f = RecordQuery.TryParseTime(fs, upperBound: false, out var v) ? v : throw new InputError("--from", $"'{fs}' is not an ISO 8601 date or time (e.g. 2026-12-01 or 2026-12-01T08:30:00Z)");
        if (to != null && pr.GetValue(to) is string ts)
            t = RecordQuery.TryParseTime(ts, upperBound: true, out var v) ? v : throw new InputError("--to", $"'{ts}' is not an ISO 8601 date or time (e.g. 2026-12-01 or 2026-12-01T08:30:00Z)");
        if (f != null && t != null && f > t) throw new InputError("--from", "is after --to");
        if (verdict != null && pr.GetValue(verdict) is string vs)
        {
            int code = RecordDecoder.OutcomeCode(vs);
            outcome = code >= 0 ? code : throw new InputError("--verdict", $"'{vs}' is not GENUINE, SUSPECT, FORGED, INVALID, UNVERIFIED or NONE");
        }
        string? dev = pr.GetValue(device);
        if (dev != null && (dev.Length == 0 || !dev.All(Uri.IsHexDigit))) throw new InputError("--device", $"'{dev}' is not a hex device id");
        using var store = OpenStore(pr.GetValue(db)!);
        return new RecordQuery(dev, f, t, outcome, licence == null ? null : pr.GetValue(licence)).Run(store);
    }

    /// <summary>The JSON shape of one record (camelCase, ISO 8601 UTC times).</summary>
    private static Dictionary<string, object?> Row(ReadableRecord r) => Row(r, withData: false);

    private static Dictionary<string, object?> Row(ReadableRecord r, bool withData)
    {
        var s = r.Stored;
        var d = r.Decoded;
        var row = new Dictionary<string, object?>
        {
            ["deviceId"] = s.DeviceId, ["epoch"] = s.Epoch, ["sequence"] = s.Sequence,
            ["state"] = s.State.ToString().ToLowerInvariant(), ["stateReason"] = s.Reason,
            ["time"] = d?.Time, ["unixSeconds"] = d?.UnixSeconds, ["clock"] = d?.Clock,
            ["device"] = d?.Device, ["inspector"] = d?.Inspector, ["licenceNumber"] = d?.LicenceNumber,
            ["verdict"] = d?.Verdict, ["outcomeCode"] = d?.OutcomeCode,
            ["reasons"] = d?.Reasons, ["reasonCodes"] = d?.ReasonCodes,
            ["checks"] = d?.Checks.Select(c => new Dictionary<string, string> { ["prompt"] = c.Prompt, ["answer"] = c.Answer }),
            ["figures"] = d?.Figures.Select(x => new Dictionary<string, object?> { ["tag"] = x.Tag, ["name"] = x.Name, ["value"] = x.Value, ["meaning"] = x.Meaning }),
            ["firmwareVersion"] = d?.FirmwareVersion, ["payloadSha256"] = d?.PayloadSha256, ["previousHash"] = d?.PreviousHash,
            ["sha256"] = s.Sha256Hex, ["importedAt"] = s.ImportedAt, ["decodeProblem"] = r.DecodeProblem,
        };
        if (withData) row["data"] = Convert.ToBase64String(s.Data);
        return row;
    }

    private static string Text(ReadableRecord r)
    {
        var s = r.Stored;
        var d = r.Decoded;
        var b = new StringBuilder();
        b.AppendLine($"device        {s.DeviceId} (epoch {s.Epoch})");
        b.AppendLine($"sequence      {s.Sequence}");
        b.AppendLine($"state         {s.State}{(s.Reason == null ? "" : ": " + s.Reason)}");
        if (d == null) b.AppendLine($"decoded       no: {r.DecodeProblem}");
        else
        {
            b.AppendLine($"time          {d.Time ?? "unset"} (clock {d.Clock})");
            b.AppendLine($"inspector     {d.Inspector ?? "-"}");
            b.AppendLine($"licence       {d.LicenceNumber ?? "- (no QR read)"}");
            b.AppendLine($"verdict       {d.Verdict} ({d.OutcomeCode})");
            b.AppendLine($"reasons       {(d.Reasons.Count == 0 ? "-" : string.Join(", ", d.Reasons))}");
            foreach (var c in d.Checks) b.AppendLine($"check         {c.Prompt}: {c.Answer}");
            if (d.Checks.Count == 0) b.AppendLine("check         - (none asked)");
            foreach (var x in d.Figures) b.AppendLine($"figure        {x.Name} = {x.Value}{(x.Meaning == null ? "" : " (" + x.Meaning + ")")}");
            b.AppendLine($"firmware      {d.FirmwareVersion}");
            b.AppendLine($"payload hash  {d.PayloadSha256}");
            b.AppendLine($"previous hash {d.PreviousHash}");
        }
        b.AppendLine($"sha256        {s.Sha256Hex}");
        b.AppendLine($"imported      {s.ImportedAt}");
        b.AppendLine();
        return b.ToString();
    }

    private static readonly string[] CsvColumns =
    [
        "deviceId", "epoch", "sequence", "state", "stateReason", "time", "clock", "device", "inspector", "licenceNumber",
        "verdict", "reasons", "checks", "figures", "firmwareVersion", "payloadSha256", "sha256", "importedAt",
    ];

    /// <summary>RFC 4180 CSV, a header line, lists joined with ';' (checks as prompt=answer, figures as name=value).</summary>
    private static string Csv(IReadOnlyList<ReadableRecord> rows)
    {
        var b = new StringBuilder();
        b.Append(string.Join(",", CsvColumns)).Append("\r\n");
        foreach (var r in rows)
        {
            var s = r.Stored;
            var d = r.Decoded;
            string?[] cells =
            [
                s.DeviceId, s.Epoch.ToString(), s.Sequence.ToString(), s.State.ToString().ToLowerInvariant(), s.Reason ?? r.DecodeProblem,
                d?.Time, d?.Clock, d?.Device, d?.Inspector, d?.LicenceNumber, d?.Verdict,
                d == null ? null : string.Join(";", d.Reasons),
                d == null ? null : string.Join(";", d.Checks.Select(c => c.Prompt + "=" + c.Answer)),
                d == null ? null : string.Join(";", d.Figures.Select(x => x.Name + "=" + x.Value)),
                d?.FirmwareVersion, d?.PayloadSha256, s.Sha256Hex, s.ImportedAt,
            ];
            b.Append(string.Join(",", cells.Select(CsvCell))).Append("\r\n");
        }
        return b.ToString();
    }

    private static string CsvCell(string? v)
    {
        if (string.IsNullOrEmpty(v)) return "";
        return v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
    }
}
