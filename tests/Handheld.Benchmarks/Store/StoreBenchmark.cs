using System.Diagnostics;
using System.Security.Cryptography;
using Handheld.Sdk.Records;
using Npgsql;

namespace Handheld.Benchmarks.Store;

/// <summary>
/// Record-store figures (printed, never asserted): import throughput through <see cref="RecordImporter"/> (every record
/// MAC- and chain-checked, batched: one device-lock transaction per <c>--batch</c> records) into SQLite and PostgreSQL,
/// then the office's per-day verdict count over <c>--records</c> inspections in PostgreSQL with its index.
/// <para>Run: <c>dotnet run -c Release --project tests/Handheld.Benchmarks -- --store [--records 1000000] [--import 50000]
/// [--batch 1000] [--pg CONNECTION]</c>. Without <c>--pg</c> it starts a throwaway cluster (as the store tests do).</para>
/// </summary>
public static class StoreBenchmark
{
    private static readonly byte[] Key = SHA256.HashData("benchmark-device-key"u8.ToArray());

    public static int Run(string[] args)
    {
        int records = Arg(args, "--records", 1_000_000), import = Arg(args, "--import", 50_000), batch = Arg(args, "--batch", 1_000);
        string pgServer = Value(args, "--pg") ?? Handheld.Sdk.Tests.Store.PostgresTestServer.NewDatabase();
        Console.WriteLine($"store benchmark: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, import {import:N0} records (batches of {batch:N0}), " +
                          $"count over {records:N0}");

        // Records are made (sealed by Core's RecordCodec, chained) before timing: the figure is the store's, not the generator's.
        var sw = Stopwatch.StartNew();
        var sample = Generate(0, import);
        Console.WriteLine($"generated {import:N0} sealed records in {sw.Elapsed.TotalSeconds:F1} s");

        string sqlite = Path.Combine(Path.GetTempPath(), $"hh-bench-{Guid.NewGuid():N}.db");
        try
        {
            using var s = new SqliteRecordStore(sqlite);
            var (wall, cpu) = Import(s, DeviceId(0), sample, batch, null);
            Console.WriteLine($"SQLite     import: {wall:N0} records/s wall clock, {cpu:N0} records/s of CPU (WAL, one transaction per batch)");
        }
        finally
        {
            foreach (var f in new[] { sqlite, sqlite + "-wal", sqlite + "-shm" }) File.Delete(f);
        }
        using (var pg = new PostgresRecordStore(pgServer))
        {
            var (wall, cpu) = Import(pg, DeviceId(0), sample, batch, pg.ServerProcessId);
            Console.WriteLine($"PostgreSQL import: {wall:N0} records/s wall clock, {cpu:N0} records/s of CPU (client + its server process; " +
                              "one device-lock transaction per batch; goal >= 5,000)");
            // The rest of the million, as more devices, so the count runs over `records` inspections in total.
            int devices = 1;
            for (int done = import; done < records; done += import, devices++)
            {
                int n = Math.Min(import, records - done);
                Import(pg, DeviceId(devices), Generate(devices, n), batch, null);
                Console.Write($"\rloaded {done + n:N0} records");
            }
            Console.WriteLine();
        }
        using (var c = new NpgsqlConnection(pgServer))
        {
            c.Open();
            using (var v = new NpgsqlCommand("VACUUM ANALYZE inspections", c)) v.ExecuteNonQuery(); // what autovacuum does after a load
        }
        using (var pg = new PostgresRecordStore(pgServer))
        {
            long total = Count(pgServer);
            var from = new DateOnly(2026, 1, 1);
            var to = new DateOnly(2026, 12, 31);
            pg.Stats(StatsGrouping.Day, from, to); // warm the cache, as a server that is in use would be
            var times = new List<double>();
            IReadOnlyList<StatsRow> rows = [];
            for (int i = 0; i < 5; i++)
            {
                sw.Restart();
                rows = pg.Stats(StatsGrouping.Day, from, to);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"PostgreSQL per-day verdict count over {total:N0} inspections ({rows.Count} day×verdict rows, {rows.Sum(r => r.Count):N0} counted): " +
                              $"median {times[2]:F0} ms, best {times[0]:F0} ms (goal <= 1,000 ms)");
            sw.Restart();
            var day = pg.Stats(StatsGrouping.Verdict, new DateOnly(2026, 6, 15), new DateOnly(2026, 6, 15));
            Console.WriteLine($"PostgreSQL one day's verdict count: {day.Sum(r => r.Count):N0} inspections in {sw.Elapsed.TotalMilliseconds:F1} ms");
            sw.Restart();
            var province = pg.Stats(StatsGrouping.Province, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
            Console.WriteLine($"PostgreSQL one month per province: {province.Count} province×verdict rows in {sw.Elapsed.TotalMilliseconds:F0} ms");
            string licence = SyntheticInspections.Licence(17);
            sw.Restart();
            var history = pg.History(licence);
            Console.WriteLine($"PostgreSQL licence history {licence}: {history.Count} inspections in {sw.Elapsed.TotalMilliseconds:F1} ms");
            sw.Restart();
            int held = pg.Sequences(DeviceId(3), 1).Count;
            Console.WriteLine($"PostgreSQL one device's sequences (gap check): {held:N0} in {sw.Elapsed.TotalMilliseconds:F1} ms");
            Console.WriteLine($"PostgreSQL database size: {Size(pgServer)}");
        }
        return 0;
    }

    private static string DeviceId(int device) => "BE" + device.ToString("X30");

    private static List<byte[]> Generate(int device, int n)
    {
        // Each device covers the year 2026 (CST) from a different minute, so every day holds every device's inspections.
        var g = new SyntheticInspections(DeviceId(device), Key, seed: device + 1)
        {
            StartUnix = 1_767_196_800 + device * 60L, SecondsApart = Math.Max(1, 31_500_000 / n),
        };
        var list = new List<byte[]>(n);
        for (int i = 0; i < n; i++) list.Add(g.Next());
        return list;
    }

    // Records/s through the importer, one LockDevice scope (one transaction) per batch: by the wall clock, and by the CPU
    // this process and the store's server process spent (the machine is shared: the wall clock includes waiting for a core).
    private static (double Wall, double Cpu) Import(IRecordStore store, string id, List<byte[]> records, int batch, int? serverPid)
    {
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime + ServerCpu(serverPid);
        var importer = new RecordImporter(store, new RecordCodecVerifier(new Dictionary<string, byte[]> { [id] = Key }), () => "2026-12-02T00:00:00Z");
        var sw = Stopwatch.StartNew();
        for (int start = 0; start < records.Count; start += batch)
        {
            using var scope = store.LockDevice(id);
            for (int i = start; i < Math.Min(start + batch, records.Count); i++)
            {
                var outcome = importer.Import(id, 1, i + 1, records[i]);
                if (outcome != ImportOutcome.Stored) throw new InvalidOperationException($"record {i + 1}: {outcome}");
            }
        }
        var cpu = Process.GetCurrentProcess().TotalProcessorTime + ServerCpu(serverPid) - cpu0;
        return (records.Count / sw.Elapsed.TotalSeconds, records.Count / cpu.TotalSeconds);
    }

    // utime + stime of a local server process from /proc (clock ticks of 1/100 s on Linux).
    private static TimeSpan ServerCpu(int? pid)
    {
        if (pid is not int p || !File.Exists($"/proc/{p}/stat")) return TimeSpan.Zero;
        var stat = File.ReadAllText($"/proc/{p}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0);
    }

    private static long Count(string cs)
    {
        using var c = new NpgsqlConnection(cs);
        c.Open();
        using var q = new NpgsqlCommand("SELECT count(*) FROM inspections", c);
        return (long)q.ExecuteScalar()!;
    }

    private static string Size(string cs)
    {
        using var c = new NpgsqlConnection(cs);
        c.Open();
        string Tree(string table) => $"(SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) FROM pg_inherits WHERE inhparent = '{table}'::regclass)";
        using var q = new NpgsqlCommand($"SELECT pg_size_pretty(pg_database_size(current_database())) || ': records ' || {Tree("records")} || " +
                                        $"', inspections ' || {Tree("inspections")} || ' (tables and indexes)'", c);
        return (string)q.ExecuteScalar()!;
    }

    private static int Arg(string[] args, string name, int fallback) => Value(args, name) is { } v ? int.Parse(v) : fallback;

    private static string? Value(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
