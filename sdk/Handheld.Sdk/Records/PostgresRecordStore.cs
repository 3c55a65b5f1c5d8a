using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Handheld.Sdk.Records;

/// <summary>
/// <see cref="IRecordStore"/> on a PostgreSQL server, for an office that collects from many apps and devices
/// (docs/record-store.md). Same tables and meanings as <see cref="SqliteRecordStore"/>, plus <c>inspections</c>: the
/// decoded fields of every decodable primary copy (<see cref="InspectionFields"/>), range-partitioned by month, for
/// the office queries (<see cref="IInspectionQueries"/>). Opening migrates the schema (<see cref="PostgresSchema"/>).
/// <para>Concurrency: <see cref="LockDevice"/> opens a transaction and takes a transaction-scoped advisory lock on the
/// device id, so importers of the same device on other connections (other apps syncing it through other phones) wait;
/// <see cref="RecordImporter"/> takes it around every import. Primary keys and the forks' unique key make a duplicate
/// impossible even for a writer that does not lock. One instance is one connection: not for several threads.</para>
/// </summary>
public sealed class PostgresRecordStore : IRecordStore, IInspectionQueries
{
    private readonly NpgsqlConnection _db;
    private readonly string _connectionString;
    private NpgsqlConnection? _side; // partition creation, outside the importer's transaction
    private readonly HashSet<DateOnly> _months = new();
    private NpgsqlTransaction? _tx;
    private string? _lockedDevice;
    private int _depth;
    // While a device is locked, nobody else writes it: what this scope read or wrote of it is still true.
    private readonly Dictionary<(int, long), StoredRecord?> _scope = new();
    // Saves of the locked device not yet sent: sent together before any other statement and at the end of the scope,
    // so a batch import costs a round trip per FlushAt records, not one per record (nothing is visible to others
    // before the commit anyway).
    private readonly Dictionary<(string, int, long), PendingSave> _pending = new();

    /// <summary>Pending saves that trigger a send.</summary>
    private const int FlushAt = 500;

    /// <summary>How many sequences after a missed one a locked scope reads in one query (absent ones are remembered as
    /// absent): an import walks forward, and each record looks at the one after it.</summary>
    private const int ReadAhead = 512;

    /// <summary>Misses a scope reads one row at a time before reading ahead: one record's import misses at most three
    /// (itself, the one before, the one after), and must not read hundreds.</summary>
    private const int SingleMisses = 3;
    private int _misses;

    /// <summary>Versions applied when this instance opened the database (empty when it was current).</summary>
    public IReadOnlyList<int> Migrated { get; }

    public PostgresRecordStore(string connectionString)
    {
        _connectionString = connectionString;
        _db = new NpgsqlConnection(connectionString);
        try
        {
            _db.Open();
            Migrated = PostgresSchema.Migrate(_db);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            _db.Dispose();
            throw new RecordStoreException("--db: cannot use the PostgreSQL server: " + OneLine(e), environment: true);
        }
    }

    /// <summary>The server process serving this store's connection (for CPU accounting in the benchmarks).</summary>
    public int ServerProcessId => _db.ProcessID;

    /// <summary>The schema version of the database.</summary>
    public int SchemaVersion => PostgresSchema.Version(_db);

    /// <summary>The month partitions of <c>inspections</c> present.</summary>
    public IReadOnlyList<string> MonthPartitions => PostgresSchema.MonthPartitions(_db);

    /// <summary>A server message on one line (for <c>error: --db: …</c>).</summary>
    public static string OneLine(Exception e) => e.Message.Replace('\n', ' ').Replace('\r', ' ');

    private static long DeviceLockKey(string deviceId) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("handheld-device:" + deviceId)), 0);

    public IDisposable LockDevice(string deviceId)
    {
        if (_depth > 0)
        {
            if (_lockedDevice != deviceId) throw new InvalidOperationException($"device {_lockedDevice} is locked; cannot also lock {deviceId}");
            _depth++;
            return new Scope(this);
        }
        _tx = _db.BeginTransaction();
        using (var c = Cmd("SELECT pg_advisory_xact_lock($1)", DeviceLockKey(deviceId))) c.ExecuteNonQuery();
        _lockedDevice = deviceId;
        _depth = 1;
        return new Scope(this);
    }

    private sealed class Scope(PostgresRecordStore owner) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            owner.Leave();
        }
    }

    // Commits what the scope wrote, also when it ends by an exception (each Save is whole: record and inspection row in
    // one batch); after a failed statement PostgreSQL has aborted the transaction and the COMMIT rolls it back.
    private void Leave()
    {
        if (--_depth > 0) return;
        var tx = _tx!;
        try
        {
            Flush();
            tx.Commit();
        }
        finally
        {
            _tx = null;
            _lockedDevice = null;
            _scope.Clear();
            _pending.Clear();
            _misses = 0;
            tx.Dispose();
        }
    }

    // Every statement goes through here, after the pending saves: reads see this scope's writes, in order.
    private NpgsqlCommand Cmd(string sql, params object?[] args)
    {
        Flush();
        var c = new NpgsqlCommand(sql, _db, _tx);
        foreach (var a in args) c.Parameters.Add(new NpgsqlParameter { Value = a ?? DBNull.Value });
        return c;
    }

    private bool Cached(string deviceId, int epoch, long sequence, out StoredRecord? record)
    {
        record = null;
        return _lockedDevice == deviceId && _scope.TryGetValue((epoch, sequence), out record);
    }

    private StoredRecord? Remember(StoredRecord? r, string deviceId, int epoch, long sequence)
    {
        if (_lockedDevice == deviceId) _scope[(epoch, sequence)] = r;
        return r;
    }

    public DeviceSyncState Device(string deviceId)
    {
        using var c = Cmd("SELECT epoch, released_through FROM devices WHERE device_id=$1", deviceId);
        using var r = c.ExecuteReader();
        return r.Read() ? new DeviceSyncState(deviceId, r.GetInt32(0), r.GetInt64(1)) : new DeviceSyncState(deviceId, 1, 0);
    }

    public void SaveDevice(DeviceSyncState s)
    {
        using var c = Cmd("INSERT INTO devices VALUES ($1,$2,$3) ON CONFLICT (device_id) DO UPDATE SET epoch=$2, released_through=$3",
            s.DeviceId, s.Epoch, s.ReleasedThrough);
        c.ExecuteNonQuery();
    }

    private const string Columns = "device_id, epoch, seq, data, sha256, imported_at, state, reason";

    public StoredRecord? Find(string deviceId, int epoch, long sequence)
    {
        if (Cached(deviceId, epoch, sequence, out var hit)) return hit;
        if (_lockedDevice != deviceId || ++_misses <= SingleMisses)
            return Remember(Read(Cmd($"SELECT {Columns} FROM records WHERE device_id=$1 AND epoch=$2 AND seq=$3", deviceId, epoch, sequence)).FirstOrDefault(),
                deviceId, epoch, sequence);
        for (long s = sequence; s < sequence + ReadAhead; s++) _scope.TryAdd((epoch, s), null);
        foreach (var r in Read(Cmd($"SELECT {Columns} FROM records WHERE device_id=$1 AND epoch=$2 AND seq >= $3 AND seq < $4",
                     deviceId, epoch, sequence, sequence + ReadAhead)))
            _scope[(epoch, r.Sequence)] = r;
        return _scope[(epoch, sequence)];
    }

    /// <summary>Inserts or replaces the primary copy and, when it decodes, its inspection row: at once outside a device
    /// scope; inside one, with the scope's other saves (a later save of the same record replaces the earlier one, as the
    /// upsert would), before the scope's next statement and at its end.</summary>
    public void Save(StoredRecord r)
    {
        var fields = InspectionFields.Decode(r.Data);
        var month = PostgresSchema.MonthOf(fields?.Day);
        if (fields != null) EnsureMonth(month);
        var hash = SHA256.HashData(r.Data);
        _pending[(r.DeviceId, r.Epoch, r.Sequence)] = new PendingSave(r, hash, fields, month);
        if (_depth == 0 || _pending.Count >= FlushAt) Flush();
        Remember(r with { Sha256Hex = Convert.ToHexString(hash) }, r.DeviceId, r.Epoch, r.Sequence);
    }

    private sealed record PendingSave(StoredRecord Record, byte[] Hash, InspectionFields? Fields, DateOnly Month);

    // One statement per table for all pending saves (arrays unnested server-side): a record costs two rows, not two
    // statements.
    private void Flush()
    {
        if (_pending.Count == 0) return;
        var rows = _pending.Values.ToList();
        _pending.Clear();
        using var batch = new NpgsqlBatch(_db, _tx);
        var records = new NpgsqlBatchCommand(
            $"INSERT INTO records ({Columns}) SELECT * FROM unnest($1::text[], $2::integer[], $3::bigint[], $4::bytea[], $5::bytea[], " +
            "$6::text[], $7::smallint[], $8::text[]) ON CONFLICT (device_id, epoch, seq) DO UPDATE SET data=EXCLUDED.data, " +
            "sha256=EXCLUDED.sha256, imported_at=EXCLUDED.imported_at, state=EXCLUDED.state, reason=EXCLUDED.reason");
        Arrays(records, rows.Select(x => x.Record.DeviceId).ToArray(), rows.Select(x => x.Record.Epoch).ToArray(),
            rows.Select(x => x.Record.Sequence).ToArray(), rows.Select(x => x.Record.Data).ToArray(), rows.Select(x => x.Hash).ToArray(),
            rows.Select(x => x.Record.ImportedAt).ToArray(), rows.Select(x => (short)x.Record.State).ToArray(), rows.Select(x => x.Record.Reason).ToArray());
        batch.BatchCommands.Add(records);
        var decoded = rows.Where(x => x.Fields != null).ToList();
        if (decoded.Count > 0)
        {
            var index = new NpgsqlBatchCommand(
                "INSERT INTO inspections (month, day, inspected_at, device_id, epoch, seq, state, outcome, verdict, clock, licence, province, " +
                "inspector, reasons, sha256) SELECT m, d, t, dev, e, s, st, o, v, c, l, p, ins, r::integer[], h FROM unnest($1::date[], $2::date[], " +
                "$3::timestamptz[], $4::text[], $5::integer[], $6::bigint[], $7::smallint[], $8::smallint[], $9::text[], $10::smallint[], $11::text[], " +
                "$12::smallint[], $13::text[], $14::text[], $15::bytea[]) AS u(m, d, t, dev, e, s, st, o, v, c, l, p, ins, r, h) " +
                "ON CONFLICT (month, device_id, epoch, seq) DO UPDATE SET state=EXCLUDED.state, sha256=EXCLUDED.sha256");
            index.Parameters.Add(new NpgsqlParameter { Value = decoded.Select(x => x.Month).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
            index.Parameters.Add(new NpgsqlParameter { Value = decoded.Select(x => x.Fields!.Day).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
            index.Parameters.Add(new NpgsqlParameter
            {
                Value = decoded.Select(x => x.Fields!.InspectedAt?.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
            });
            Arrays(index, decoded.Select(x => x.Record.DeviceId).ToArray(), decoded.Select(x => x.Record.Epoch).ToArray(),
                decoded.Select(x => x.Record.Sequence).ToArray(), decoded.Select(x => (short)x.Record.State).ToArray(),
                decoded.Select(x => (short)x.Fields!.Outcome).ToArray(), decoded.Select(x => x.Fields!.Verdict).ToArray(),
                decoded.Select(x => (short)x.Fields!.ClockSource).ToArray(), decoded.Select(x => x.Fields!.LicenceNumber).ToArray(),
                decoded.Select(x => (short)x.Fields!.ProvinceCode).ToArray(), decoded.Select(x => x.Fields!.InspectorId).ToArray(),
                decoded.Select(x => "{" + string.Join(",", x.Fields!.Reasons) + "}").ToArray(), decoded.Select(x => x.Hash).ToArray());
            batch.BatchCommands.Add(index);
        }
        batch.ExecuteNonQuery();
    }

    private static void Arrays(NpgsqlBatchCommand c, params object[] arrays)
    {
        foreach (var a in arrays) c.Parameters.Add(new NpgsqlParameter { Value = a });
    }

    private void EnsureMonth(DateOnly month)
    {
        if (month.Year == 1 || _months.Contains(month)) return;
        if (_side == null)
        {
            _side = new NpgsqlConnection(_connectionString);
            _side.Open();
        }
        PostgresSchema.EnsureMonth(_side, month);
        _months.Add(month);
    }

    /// <summary>Creates the month partitions from <paramref name="first"/> through <paramref name="last"/> (any day of
    /// each) that do not exist yet (<c>store migrate</c>; imports create theirs on demand); returns those created.</summary>
    public IReadOnlyList<string> EnsureMonths(DateOnly first, DateOnly last)
    {
        var created = new List<string>();
        for (var m = PostgresSchema.MonthOf(first); m <= last; m = m.AddMonths(1))
        {
            if (PostgresSchema.EnsureMonth(_db, m)) created.Add(PostgresSchema.PartitionName(m));
            _months.Add(m);
        }
        return created;
    }

    public void SaveFork(StoredRecord r)
    {
        using var c = Cmd($"INSERT INTO forks ({Columns}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (device_id, epoch, seq, sha256) DO NOTHING",
            r.DeviceId, r.Epoch, r.Sequence, r.Data, SHA256.HashData(r.Data), r.ImportedAt, (short)r.State, r.Reason);
        c.ExecuteNonQuery();
    }

    public bool HasFork(string deviceId, int epoch, long sequence)
    {
        using var c = Cmd("SELECT EXISTS (SELECT 1 FROM forks WHERE device_id=$1 AND epoch=$2 AND seq=$3)", deviceId, epoch, sequence);
        return (bool)c.ExecuteScalar()!;
    }

    public IReadOnlyList<StoredRecord> Records(string? deviceId = null) =>
        Read(deviceId == null
            ? Cmd($"SELECT {Columns} FROM records ORDER BY device_id, epoch, seq")
            : Cmd($"SELECT {Columns} FROM records WHERE device_id=$1 ORDER BY epoch, seq", deviceId));

    public IReadOnlyList<StoredRecord> Forks(string? deviceId = null) =>
        Read(deviceId == null
            ? Cmd($"SELECT {Columns} FROM forks ORDER BY device_id, epoch, seq, id")
            : Cmd($"SELECT {Columns} FROM forks WHERE device_id=$1 ORDER BY epoch, seq, id", deviceId));

    public IReadOnlyList<long> Sequences(string deviceId, int epoch)
    {
        using var c = Cmd("SELECT seq FROM records WHERE device_id=$1 AND epoch=$2 ORDER BY seq", deviceId, epoch);
        using var r = c.ExecuteReader();
        var list = new List<long>();
        while (r.Read()) list.Add(r.GetInt64(0));
        return list;
    }

    public void SaveAnchor(RecordAnchor a)
    {
        using var c = Cmd("INSERT INTO anchors VALUES ($1,$2,$3,$4,$5) ON CONFLICT (device_id, epoch, seq) DO UPDATE SET chain_hash=$4, source=$5",
            a.DeviceId, a.Epoch, a.Sequence, a.ChainHash, a.Source);
        c.ExecuteNonQuery();
    }

    public RecordAnchor? Anchor(string deviceId, int epoch, long sequence)
    {
        using var c = Cmd("SELECT chain_hash, source FROM anchors WHERE device_id=$1 AND epoch=$2 AND seq=$3", deviceId, epoch, sequence);
        using var r = c.ExecuteReader();
        return r.Read() ? new RecordAnchor(deviceId, epoch, sequence, (byte[])r[0], r.GetString(1)) : null;
    }

    public void AddAnomaly(RecordAnomaly a)
    {
        using var c = Cmd("INSERT INTO anomalies (device_id, epoch, kind, from_seq, to_seq, detail, at) VALUES ($1,$2,$3,$4,$5,$6,$7)",
            a.DeviceId, a.Epoch, a.Kind, a.FromSequence, a.ToSequence, a.Detail, a.At);
        c.ExecuteNonQuery();
    }

    public IReadOnlyList<RecordAnomaly> Anomalies(string? deviceId = null)
    {
        using var c = deviceId == null
            ? Cmd("SELECT device_id, epoch, kind, from_seq, to_seq, detail, at FROM anomalies ORDER BY id")
            : Cmd("SELECT device_id, epoch, kind, from_seq, to_seq, detail, at FROM anomalies WHERE device_id=$1 ORDER BY id", deviceId);
        using var r = c.ExecuteReader();
        var list = new List<RecordAnomaly>();
        while (r.Read()) list.Add(new RecordAnomaly(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.GetString(5), r.GetString(6)));
        return list;
    }

    private static List<StoredRecord> Read(NpgsqlCommand c)
    {
        using (c)
        using (var r = c.ExecuteReader())
        {
            var list = new List<StoredRecord>();
            while (r.Read())
            {
                list.Add(new StoredRecord(r.GetString(0), r.GetInt32(1), r.GetInt64(2), (byte[])r[3], Convert.ToHexString((byte[])r[4]),
                    r.GetString(5), (RecordState)r.GetInt16(6), r.IsDBNull(7) ? null : r.GetString(7)));
            }
            return list;
        }
    }

    // ---- office queries over the indexed columns (same answers as DecodedInspectionQueries over any store) ----

    private const string RowColumns =
        "i.device_id, i.epoch, i.seq, i.sha256, i.state, i.day, i.inspected_at, i.clock, i.outcome, i.verdict, i.licence, i.province, " +
        "i.inspector, i.reasons, EXISTS (SELECT 1 FROM forks f WHERE f.device_id=i.device_id AND f.epoch=i.epoch AND f.seq=i.seq)";

    public IReadOnlyList<InspectionRow> Inspections(DateOnly? from, DateOnly? to)
    {
        var (where, args) = DayRange(from, to);
        return Rows(Cmd($"SELECT {RowColumns} FROM inspections i WHERE {where} ORDER BY i.inspected_at NULLS FIRST, i.device_id COLLATE \"C\", i.epoch, i.seq", args));
    }

    public IReadOnlyList<InspectionRow> History(string licenceNumber) =>
        Rows(Cmd($"SELECT {RowColumns} FROM inspections i WHERE i.licence=$1 ORDER BY i.inspected_at NULLS FIRST, i.device_id COLLATE \"C\", i.epoch, i.seq", licenceNumber));

    // Grouped by the outcome code (in the (day, outcome) and (province, day, outcome) indexes, so the count is an
    // index-only scan of the months in range), named and ordered here exactly as DecodedInspectionQueries does.
    public IReadOnlyList<StatsRow> Stats(StatsGrouping by, DateOnly? from, DateOnly? to)
    {
        var (where, args) = DayRange(from, to);
        string key = by switch { StatsGrouping.Day => "i.day", StatsGrouping.Province => "i.province", _ => "NULL::smallint" };
        using var c = Cmd($"SELECT {key}, i.outcome, count(*) FROM inspections i WHERE i.state = 0 AND i.day IS NOT NULL AND {where} " +
                          "GROUP BY 1, 2", args);
        using var r = c.ExecuteReader();
        var list = new List<StatsRow>();
        while (r.Read())
        {
            string verdict = InspectionFields.VerdictName((byte)r.GetInt16(1));
            string k = by switch
            {
                StatsGrouping.Day => r.GetFieldValue<DateOnly>(0).ToString("yyyy-MM-dd"),
                StatsGrouping.Province => StatsRow.ProvinceKey(r.GetInt16(0)),
                _ => verdict,
            };
            list.Add(new StatsRow(k, verdict, r.GetInt64(2)));
        }
        return list.OrderBy(x => by == StatsGrouping.Province ? x.Key.Split(' ')[0] : x.Key, StringComparer.Ordinal)
            .ThenBy(x => x.Verdict, StringComparer.Ordinal).ToList();
    }

    public StoreCounts Counts(DateOnly? from, DateOnly? to)
    {
        var (where, args) = DayRange(from, to);
        using var c = Cmd($"SELECT count(*) FILTER (WHERE i.state <> 0 AND i.day IS NOT NULL AND {where}), " +
                          "count(*) FILTER (WHERE i.day IS NULL), (SELECT count(*) FROM records r WHERE NOT EXISTS (SELECT 1 FROM " +
                          "inspections j WHERE j.device_id=r.device_id AND j.epoch=r.epoch AND j.seq=r.seq)) FROM inspections i", args);
        using var r = c.ExecuteReader();
        r.Read();
        return new StoreCounts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
    }

    private static (string Where, object?[] Args) DayRange(DateOnly? from, DateOnly? to)
    {
        var parts = new List<string>();
        var args = new List<object?>();
        if (from is { } f) { args.Add(f); parts.Add($"i.day >= ${args.Count} AND i.month >= date_trunc('month', ${args.Count}::date)::date"); }
        if (to is { } t) { args.Add(t); parts.Add($"i.day <= ${args.Count} AND i.month <= ${args.Count}"); }
        return (parts.Count == 0 ? "true" : string.Join(" AND ", parts), args.ToArray());
    }

    private static List<InspectionRow> Rows(NpgsqlCommand c)
    {
        using (c)
        using (var r = c.ExecuteReader())
        {
            var list = new List<InspectionRow>();
            while (r.Read())
            {
                DateOnly? day = r.IsDBNull(5) ? null : DateOnly.FromDateTime(r.GetDateTime(5));
                DateTimeOffset? at = r.IsDBNull(6) ? null : new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(6), DateTimeKind.Utc));
                var reasons = ((int[])r[13]).Select(x => (ushort)x).ToArray();
                var fields = new InspectionFields(at, day, (byte)r.GetInt16(7), (byte)r.GetInt16(8), r.GetString(9), r.GetString(10),
                    r.GetInt16(11), r.GetString(12), reasons);
                list.Add(new InspectionRow(r.GetString(0), r.GetInt32(1), r.GetInt64(2), Convert.ToHexString((byte[])r[3]),
                    (RecordState)r.GetInt16(4), r.GetBoolean(14), fields));
            }
            return list;
        }
    }

    public void Dispose()
    {
        _pending.Clear();
        if (_tx != null)
        {
            _tx.Rollback();
            _tx.Dispose();
            _tx = null;
        }
        _side?.Dispose();
        _db.Dispose();
    }
}
