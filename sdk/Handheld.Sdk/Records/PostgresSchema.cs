using Npgsql;

namespace Handheld.Sdk.Records;

/// <summary>
/// The PostgreSQL schema of the record store, as numbered migrations (docs/record-store.md §2). Each migration runs
/// once, in its own transaction, under a cluster-wide advisory lock (so two importers opening a fresh database do not
/// both run it); <c>schema_migrations</c> lists what ran. A database whose version is higher than
/// <see cref="Current"/> was written by a newer release: this one refuses to write to it.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The schema version this code writes.</summary>
    public const int Current = 1;

    /// <summary>Advisory lock key held while migrating and while creating a month partition ("HHMIGRAT").</summary>
    public const long MigrationLock = 0x48484D4947524154;

    /// <summary>Hash partitions of the evidence tables: the device id spreads devices evenly; fixed at 8 in version 1.</summary>
    public const int RecordPartitions = 8;

    private static readonly (int Version, string Description, string Sql)[] Migrations =
    [
        (1, "records (hash-partitioned by device), forks, devices, anchors, anomalies; inspections range-partitioned by month", V1()),
    ];

    private static string V1()
    {
        var parts = string.Concat(Enumerable.Range(0, RecordPartitions).Select(i =>
            $"CREATE TABLE records_h{i} PARTITION OF records FOR VALUES WITH (MODULUS {RecordPartitions}, REMAINDER {i});\n"));
        return $"""
            CREATE TABLE records (device_id text NOT NULL, epoch integer NOT NULL, seq bigint NOT NULL, data bytea NOT NULL,
              sha256 bytea NOT NULL, imported_at text NOT NULL, state smallint NOT NULL, reason text,
              PRIMARY KEY (device_id, epoch, seq)) PARTITION BY HASH (device_id);
            {parts}
            CREATE TABLE forks (id bigserial PRIMARY KEY, device_id text NOT NULL, epoch integer NOT NULL, seq bigint NOT NULL,
              data bytea NOT NULL, sha256 bytea NOT NULL, imported_at text NOT NULL, state smallint NOT NULL, reason text,
              UNIQUE (device_id, epoch, seq, sha256));
            CREATE TABLE devices (device_id text PRIMARY KEY, epoch integer NOT NULL, released_through bigint NOT NULL);
            CREATE TABLE anchors (device_id text NOT NULL, epoch integer NOT NULL, seq bigint NOT NULL, chain_hash bytea NOT NULL,
              source text NOT NULL, PRIMARY KEY (device_id, epoch, seq));
            CREATE TABLE anomalies (id bigserial PRIMARY KEY, device_id text NOT NULL, epoch integer NOT NULL, kind text NOT NULL,
              from_seq bigint NOT NULL, to_seq bigint NOT NULL, detail text NOT NULL, at text NOT NULL);
            CREATE INDEX anomalies_device ON anomalies (device_id, id);
            CREATE TABLE inspections (month date NOT NULL, day date, inspected_at timestamptz, device_id text NOT NULL,
              epoch integer NOT NULL, seq bigint NOT NULL, state smallint NOT NULL, outcome smallint NOT NULL, verdict text NOT NULL,
              clock smallint NOT NULL, licence text NOT NULL, province smallint NOT NULL, inspector text NOT NULL,
              reasons integer[] NOT NULL, sha256 bytea NOT NULL) PARTITION BY RANGE (month);
            CREATE UNIQUE INDEX inspections_record ON inspections (month, device_id, epoch, seq);
            CREATE INDEX inspections_day_verdict ON inspections (day, outcome) INCLUDE (state);
            CREATE INDEX inspections_province_day ON inspections (province, day, outcome) INCLUDE (state);
            CREATE INDEX inspections_licence ON inspections (licence, inspected_at);
            CREATE TABLE inspections_undated PARTITION OF inspections FOR VALUES FROM (MINVALUE) TO ('0001-02-01');
            """;
    }

    /// <summary>The month key of an inspection: the first day of its China Standard Time month, or 0001-01-01 for a
    /// record with no trusted time (they share the <c>inspections_undated</c> partition).</summary>
    public static DateOnly MonthOf(DateOnly? day) => day is { } d ? new DateOnly(d.Year, d.Month, 1) : new DateOnly(1, 1, 1);

    /// <summary>The schema version of the database (0 when never migrated).</summary>
    public static int Version(NpgsqlConnection db)
    {
        using var c = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", db);
        if (!(bool)c.ExecuteScalar()!) return 0;
        using var v = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_migrations", db);
        return Convert.ToInt32(v.ExecuteScalar());
    }

    /// <summary>Brings the database to <see cref="Current"/>; returns the versions applied now (empty when it already
    /// was). Throws <see cref="RecordStoreException"/> when the database is newer than this code.</summary>
    public static IReadOnlyList<int> Migrate(NpgsqlConnection db)
    {
        var applied = new List<int>();
        Exec(db, "SELECT pg_advisory_lock(" + MigrationLock + ")");
        try
        {
            Exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, description text NOT NULL, " +
                     "applied_at timestamptz NOT NULL DEFAULT now())");
            int have = Version(db);
            if (have > Current)
                throw new RecordStoreException($"--db: the database has schema version {have}, newer than this release's {Current}: upgrade handheld");
            foreach (var (version, description, sql) in Migrations.Where(m => m.Version > have))
            {
                using var tx = db.BeginTransaction();
                Exec(db, sql);
                using (var c = new NpgsqlCommand("INSERT INTO schema_migrations (version, description) VALUES ($1, $2)", db))
                {
                    c.Parameters.Add(new NpgsqlParameter { Value = version });
                    c.Parameters.Add(new NpgsqlParameter { Value = description });
                    c.ExecuteNonQuery();
                }
                tx.Commit();
                applied.Add(version);
            }
        }
        finally
        {
            Exec(db, "SELECT pg_advisory_unlock(" + MigrationLock + ")");
        }
        return applied;
    }

    /// <summary>Creates the partition of <paramref name="month"/> unless it exists. Runs on its own connection, outside
    /// any importer's transaction: the table is created empty, then attached (ATTACH takes only a SHARE UPDATE
    /// EXCLUSIVE lock on the parent, which does not wait for importers inserting into other months). Returns whether it
    /// was created now.</summary>
    public static bool EnsureMonth(NpgsqlConnection side, DateOnly month)
    {
        if (month.Year == 1) return false;
        string name = PartitionName(month);
        var next = month.AddMonths(1);
        Exec(side, "SELECT pg_advisory_lock(" + MigrationLock + ")");
        try
        {
            using var c = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", side);
            c.Parameters.Add(new NpgsqlParameter { Value = name });
            if ((bool)c.ExecuteScalar()!) return false;
            Exec(side, $"CREATE TABLE {name} (LIKE inspections INCLUDING DEFAULTS INCLUDING CONSTRAINTS, " +
                       $"CHECK (month >= DATE '{month:yyyy-MM-dd}' AND month < DATE '{next:yyyy-MM-dd}'))");
            Exec(side, $"ALTER TABLE inspections ATTACH PARTITION {name} FOR VALUES FROM ('{month:yyyy-MM-dd}') TO ('{next:yyyy-MM-dd}')");
            return true;
        }
        finally
        {
            Exec(side, "SELECT pg_advisory_unlock(" + MigrationLock + ")");
        }
    }

    /// <summary>The partition of the month starting <paramref name="month"/>: <c>inspections_yYYYYmMM</c>.</summary>
    public static string PartitionName(DateOnly month) => $"inspections_y{month.Year:D4}m{month.Month:D2}";

    /// <summary>The month partitions present, oldest first (for <c>store migrate</c>'s report).</summary>
    public static IReadOnlyList<string> MonthPartitions(NpgsqlConnection db)
    {
        using var c = new NpgsqlCommand("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid " +
                                        "WHERE i.inhparent = 'inspections'::regclass ORDER BY c.relname", db);
        using var r = c.ExecuteReader();
        var list = new List<string>();
        while (r.Read()) list.Add(r.GetString(0));
        return list;
    }

    internal static void Exec(NpgsqlConnection db, string sql)
    {
        using var c = new NpgsqlCommand(sql, db);
        c.ExecuteNonQuery();
    }
}
