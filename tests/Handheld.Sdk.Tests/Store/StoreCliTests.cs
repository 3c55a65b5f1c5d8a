using System.Text.Json.Nodes;
using Handheld.Sdk.Records;
using Handheld.Sdk.Reports;
using Handheld.Sdk.Tests.Device;
using Handheld.Sdk.Tests.Licensing;
using Handheld.Sdk.Tests.Reports;
using Handheld.Simulator.Link;

namespace Handheld.Sdk.Tests.Store;

/// <summary>The CLI on both backends: <c>device sync</c> then <c>report</c> over a real TCP link, <c>store migrate</c>,
/// <c>store export</c> (the same document from both, valid against docs/national-export.schema.json), <c>store stats</c>,
/// and <c>--db</c> errors.</summary>
public sealed class StoreCliTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string NewLocation(string backend) => backend == "postgres" ? PostgresTestServer.NewDatabase() : _cli.Path(Guid.NewGuid().ToString("N") + ".db");

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task DeviceSyncThenReport_SealedPdfPdfsigValidatesAndTamperingCaught(string backend)
    {
        string db = NewLocation(backend);
        var device = DeviceTestKit.NewDevice(5, seed: 3);
        File.WriteAllText(_cli.Path("keys.txt"), $"{Convert.ToHexString(device.DeviceId)} {Convert.ToHexString(device.RecordKey)}\n");
        using var stop = new CancellationTokenSource();
        var server = new TcpLinkServer(device, 0, 185, true);
        var serving = server.RunAsync(stop.Token);
        while (server.Port == 0) await Task.Yield();
        var sync = _cli.Run("device", "sync", "--db", db, "--keys", _cli.Path("keys.txt"), "--port", server.Port.ToString());
        stop.Cancel();
        await serving;
        Assert.True(sync.Exit == 0, sync.Err);
        Assert.Equal(5, device.SyncedThrough);

        using (var seal = ReportSeal.CreateSelfSigned("某市应急管理局执法支队", "p256", DateTimeOffset.UtcNow.AddDays(-1), 3))
            seal.Save(_cli.Path("unit.p12"), _cli.Path("unit.crt.pem"));
        string pdf = _cli.Path("r.pdf");
        var report = _cli.Run("report", "--db", db, "--sequence", "3", "--seal", _cli.Path("unit.p12"), "--out", pdf);
        Assert.True(report.Exit == 0, report.Err);
        var sig = PopplerTools.Run("pdfsig", pdf);
        Assert.Contains("Signature is Valid", sig.Out);
        Assert.Contains("Total document signed", sig.Out);
        var verify = _cli.Run("report", "verify", pdf, "--db", db, "--trust", _cli.Path("unit.crt.pem"));
        Assert.True(verify.Exit == 0, verify.Out + verify.Err);
        Assert.Contains($"{Convert.ToHexString(device.DeviceId)}/3", verify.Out);

        var bytes = File.ReadAllBytes(pdf);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(_cli.Path("t.pdf"), bytes);
        Assert.DoesNotContain("Signature is Valid", PopplerTools.Run("pdfsig", _cli.Path("t.pdf")).Out);
        Assert.Equal(1, _cli.Run("report", "verify", _cli.Path("t.pdf"), "--db", db, "--trust", _cli.Path("unit.crt.pem")).Exit);
    }

    [Fact]
    public void Migrate_TwiceOnPostgres_VersionPrintedSecondRunAppliesNothing()
    {
        string db = PostgresTestServer.NewDatabase();
        var first = _cli.Run("store", "migrate", "--db", db, "--months", "2026-11..2027-01");
        Assert.True(first.Exit == 0, first.Err);
        Assert.Contains($"schema version {PostgresSchema.Current} (applied 1", first.Out);
        Assert.Contains("3 created now: inspections_y2026m11, inspections_y2026m12, inspections_y2027m01", first.Out);
        var second = _cli.Run("store", "migrate", "--db", db, "--months", "2026-11..2027-01", "--json");
        Assert.True(second.Exit == 0, second.Err);
        var json = JsonNode.Parse(second.Out)!;
        Assert.Equal(PostgresSchema.Current, (int)json["schemaVersion"]!);
        Assert.Empty(json["applied"]!.AsArray());
        Assert.Empty(json["partitionsCreated"]!.AsArray());
        Assert.Equal(["inspections_undated", "inspections_y2026m11", "inspections_y2026m12", "inspections_y2027m01"],
            json["partitions"]!.AsArray().Select(x => (string)x!));
    }

    [Fact]
    public void Migrate_Sqlite_CreatesTheFileAndSaysSo()
    {
        var r = _cli.Run("store", "migrate", "--db", _cli.Path("new.db"));
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("schema current", r.Out);
        Assert.True(File.Exists(_cli.Path("new.db")));
    }

    [Fact]
    public void Export_SameRecordsInBothBackends_SameDocumentValidAgainstTheSchema()
    {
        string sqlite = NewLocation("sqlite"), pg = NewLocation("postgres");
        foreach (var loc in new[] { sqlite, pg })
        {
            using var store = RecordStoreLocation.Open(loc);
            StoreSamples.Fill(store, 400);
        }
        var a = _cli.Run("store", "export", "--db", sqlite, "--from", "2026-01-01", "--to", "2026-01-31", "--out", _cli.Path("a.json"));
        var b = _cli.Run("store", "export", "--db", pg, "--from", "2026-01-01", "--to", "2026-01-31", "--out", _cli.Path("b.json"));
        Assert.True(a.Exit == 0, a.Err);
        Assert.True(b.Exit == 0, b.Err);
        var da = JsonNode.Parse(File.ReadAllText(_cli.Path("a.json")))!.AsObject();
        var dbDoc = JsonNode.Parse(File.ReadAllText(_cli.Path("b.json")))!.AsObject();
        da.Remove("exportedAt");
        dbDoc.Remove("exportedAt");
        Assert.Equal(da.ToJsonString(), dbDoc.ToJsonString());
        Assert.True((int)da["summary"]!["inspections"]! > 100);
        Assert.True((int)da["summary"]!["notVerified"]! > 0);
        foreach (var file in new[] { "a.json", "b.json" })
        {
            var problems = NationalExportSchema.Validate(File.ReadAllText(_cli.Path(file)));
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
        // The validator is not a rubber stamp: one field out of its definition is named.
        da["inspections"]![0]!["state"] = "BOGUS";
        Assert.Contains(NationalExportSchema.Validate(da.ToJsonString()), p => p.Contains("/inspections/0/state"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Stats_ByVerdict_CountsOnlyVerifiedAndNamesTheRest(string backend)
    {
        string db = NewLocation(backend);
        using (var store = RecordStoreLocation.Open(db)) StoreSamples.Fill(store, 200);
        var r = _cli.Run("store", "stats", "--db", db, "--by", "verdict", "--json");
        Assert.True(r.Exit == 0, r.Err);
        var json = JsonNode.Parse(r.Out)!;
        long counted = json["rows"]!.AsArray().Sum(x => (long)x!["count"]!);
        Assert.Equal(200 - StoreSamples.KeptApart, counted);
        Assert.Equal(StoreSamples.KeptApart, (long)json["counts"]!["notVerifiedInRange"]!);
    }

    [Theory]
    [InlineData("store", "export", "--db", "postgres://nobody@127.0.0.1:1/x", "--from", "2026-01-01", "--to", "2026-01-02", 3, "--db: cannot use the PostgreSQL server")]
    [InlineData("store", "export", "--db", "missing.db", "--from", "2026-01-01", "--to", "2026-01-02", 2, "--db: record store not found")]
    [InlineData("store", "export", "--db", "missing.db", "--from", "2026-02-01", "--to", "2026-01-02", 2, "--from: is after --to")]
    [InlineData("store", "stats", "--db", "postgres://", "", "", "", "", 2, "--db: ")]
    [InlineData("store", "stats", "--db", "Host=127.0.0.1;Port=1;Timeout=2", "--by", "day", "", "", 3, "--db: cannot use the PostgreSQL server")]
    [InlineData("store", "stats", "--db", "x.db", "--by", "week", "", "", 2, "--by: 'week'")]
    public void BadStore_OneLineNamingTheOption(string c1, string c2, string o1, string v1, string o2, string v2, string o3, string v3, int exit, string message)
    {
        var args = new[] { c1, c2, o1, v1, o2, v2, o3, v3 }.Where(x => x.Length > 0).ToArray();
        var r = _cli.Run(args);
        Assert.Equal(exit, r.Exit);
        Assert.StartsWith("error: ", r.Err);
        Assert.Contains(message, r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
    }
}
