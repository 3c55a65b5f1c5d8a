using System.Security.Cryptography;
using Handheld.Core.Records;
using Handheld.Sdk.Records;
using Npgsql;

namespace Handheld.Sdk.Tests.Store;

/// <summary>The store contract on a real PostgreSQL server (<see cref="PostgresTestServer"/>: a private cluster this test
/// run starts; the tests fail, never skip, when it cannot start), and what only the server has: the office queries
/// from indexed columns (checked against decoding every record), month partitions, versioned migrations. Each test
/// gets its own database.</summary>
public sealed class PostgresRecordStoreTests : RecordStoreContractTests
{
    protected override string NewLocation() => PostgresTestServer.NewDatabase();

    private static PostgresRecordStore OpenPg(string cs) => (PostgresRecordStore)RecordStoreLocation.Open(cs);

    private const string ThirdDevice = "5A4D0000000000000000000000000003";

    /// <summary>January's samples, a device inspecting from January to April, an undated record (clock unset), a fork.</summary>
    private static void FillVaried(IRecordStore store)
    {
        StoreSamples.Fill(store, 300);
        var key = SHA256.HashData("third"u8.ToArray());
        var imp = new RecordImporter(store, new RecordCodecVerifier(new Dictionary<string, byte[]> { [ThirdDevice] = key }));
        var gen = new SyntheticInspections(ThirdDevice, key, seed: 9) { StartUnix = 1_767_196_800, SecondsApart = 90_000, Serials = 40 };
        for (int s = 1; s <= 90; s++) imp.Import(ThirdDevice, 1, s, gen.Next());
        var undated = new InspectionRecord { Sequence = 91, UnixSeconds = 0, Clock = Handheld.Core.Ports.ClockSource.Unset, Outcome = 1 };
        undated.SetDeviceId(Convert.FromHexString(ThirdDevice), 0, 16);
        SHA256.HashData(store.Find(ThirdDevice, 1, 90)!.Data).CopyTo(undated.PreviousHash, 0);
        var buf = new byte[RecordCodec.MaxEncodedBytes];
        int n = RecordCodec.Seal(undated, key, buf, 0, out _);
        Assert.Equal(ImportOutcome.Stored, imp.Import(ThirdDevice, 1, 91, buf[..n]));
        var forker = new SyntheticInspections(ThirdDevice, key, seed: 10) { StartUnix = 1_767_196_800, SecondsApart = 90_000 };
        Assert.Equal(ImportOutcome.Fork, imp.Import(ThirdDevice, 1, 1, forker.Next()));
    }

    [Fact]
    public void Queries_FromIndexedColumns_SameAnswersAsDecodingEveryRecord()
    {
        using var pg = OpenPg(NewLocation());
        FillVaried(pg);
        IInspectionQueries fast = pg, reference = new DecodedInspectionQueries(pg);
        var ranges = new (DateOnly?, DateOnly?)[]
        {
            (null, null), (new DateOnly(2026, 1, 10), new DateOnly(2026, 2, 3)), (new DateOnly(2026, 2, 1), null), (null, new DateOnly(2026, 1, 1)),
            (new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1)),
        };
        foreach (var (f, t) in ranges)
        {
            Assert.Equal(reference.Inspections(f, t), fast.Inspections(f, t), RowComparer.Instance);
            Assert.Equal(reference.Counts(f, t), fast.Counts(f, t));
            foreach (var by in Enum.GetValues<StatsGrouping>()) Assert.Equal(reference.Stats(by, f, t), fast.Stats(by, f, t));
        }
        var all = reference.Inspections(null, null);
        Assert.Contains(all, r => r.Fields.Day == null);
        Assert.Contains(all, r => r.Forked);
        Assert.Contains(all, r => r.State == RecordState.Rejected);
        Assert.Contains(all, r => r.Fields.Day?.Month == 3);
        foreach (var licence in all.Select(r => r.Fields.LicenceNumber).Distinct().Take(25))
            Assert.Equal(reference.History(licence), fast.History(licence), RowComparer.Instance);
        Assert.Equal(1, fast.Counts(null, null).Undated);
    }

    private sealed class RowComparer : IEqualityComparer<InspectionRow>
    {
        public static readonly RowComparer Instance = new();

        public bool Equals(InspectionRow? a, InspectionRow? b) =>
            a != null && b != null && a with { Fields = null! } == b with { Fields = null! } &&
            a.Fields with { Reasons = [] } == b.Fields with { Reasons = [] } && a.Fields.Reasons.SequenceEqual(b.Fields.Reasons);

        public int GetHashCode(InspectionRow r) => HashCode.Combine(r.DeviceId, r.Epoch, r.Sequence);
    }

    [Fact]
    public void Partitions_MonthsCreatedOnDemand_EachRowInItsMonth()
    {
        string cs = NewLocation();
        using var pg = OpenPg(cs);
        Assert.Equal(["inspections_undated"], pg.MonthPartitions);
        FillVaried(pg);
        Assert.Equal(["inspections_undated", "inspections_y2026m01", "inspections_y2026m02", "inspections_y2026m03", "inspections_y2026m04"], pg.MonthPartitions);
        var perMonth = new DecodedInspectionQueries(pg).Inspections(null, null)
            .GroupBy(r => r.Fields.Day is { } d ? PostgresSchema.PartitionName(new DateOnly(d.Year, d.Month, 1)) : "inspections_undated")
            .ToDictionary(g => g.Key, g => (long)g.Count());
        using var c = new NpgsqlConnection(cs);
        c.Open();
        foreach (var (partition, expected) in perMonth)
        {
            using var q = new NpgsqlCommand($"SELECT count(*) FROM ONLY {partition}", c);
            Assert.Equal(expected, (long)q.ExecuteScalar()!);
        }
        // The office's per-day count reads only the month partitions the range touches.
        using var plan = new NpgsqlCommand("EXPLAIN SELECT count(*) FROM inspections WHERE month >= DATE '2026-02-01' AND month <= DATE '2026-02-01'", c);
        var text = string.Join("\n", ReadAll(plan));
        Assert.Contains("inspections_y2026m02", text);
        Assert.DoesNotContain("inspections_y2026m01", text);
    }

    private static IEnumerable<string> ReadAll(NpgsqlCommand c)
    {
        using var r = c.ExecuteReader();
        while (r.Read()) yield return r.GetString(0);
    }

    [Fact]
    public async Task Migrate_SeveralFirstOpensAtOnce_AppliedOnce()
    {
        string cs = NewLocation();
        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            using var s = OpenPg(cs);
            return (s.Migrated.Count, s.SchemaVersion);
        })));
        Assert.Equal(1, opened.Count(o => o.Count == 1));
        Assert.All(opened, o => Assert.Equal(PostgresSchema.Current, o.SchemaVersion));
    }

    [Fact]
    public void Open_DatabaseOfANewerRelease_RefusedNamingTheVersion()
    {
        string cs = NewLocation();
        using (OpenPg(cs)) { }
        using (var c = new NpgsqlConnection(cs))
        {
            c.Open();
            using var q = new NpgsqlCommand("INSERT INTO schema_migrations (version, description) VALUES (99, 'future')", c);
            q.ExecuteNonQuery();
        }
        var e = Assert.Throws<RecordStoreException>(() => RecordStoreLocation.Open(cs));
        Assert.Contains("schema version 99", e.Message);
        Assert.False(e.Environment);
    }
}
