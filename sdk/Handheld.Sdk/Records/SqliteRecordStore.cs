using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Handheld.Sdk.Records;

/// <summary>
/// <see cref="IRecordStore"/> in one SQLite file (WAL). Tables: records (primary copies), forks (second copies),
/// devices (epoch, released-through), anchors, anomalies. A file written by the earlier schema (records + rejected,
/// no epochs) is migrated on open: everything becomes epoch 1, rejected rows keep their reason.
/// <para>Concurrency: <see cref="LockDevice"/> is a <c>BEGIN IMMEDIATE</c> transaction, which holds the file's one write
/// lock (SQLite has no finer one), so importers on other connections or processes wait (busy timeout
/// <see cref="BusyTimeoutMs"/>) and their read-decide-write steps never interleave. One instance is one connection.</para>
/// </summary>
public sealed class SqliteRecordStore : IRecordStore
{
    private readonly SqliteConnection _db;
    private SqliteTransaction? _tx;
    private int _depth;

    /// <summary>How long a writer waits for another connection's transaction before the store reports it busy.</summary>
    public const int BusyTimeoutMs = 60_000;

    public SqliteRecordStore(string path)
    {
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Exec("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=" + BusyTimeoutMs + ";");
        bool legacy = Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='rejected'") is long n && n > 0;
        if (legacy) Exec("ALTER TABLE records RENAME TO records_v1; ALTER TABLE rejected RENAME TO rejected_v1;");
        Exec("""
            CREATE TABLE IF NOT EXISTS records (device_id TEXT NOT NULL, epoch INTEGER NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,
              sha256 BLOB NOT NULL, imported_at TEXT NOT NULL, state INTEGER NOT NULL, reason TEXT, PRIMARY KEY (device_id, epoch, seq));
            CREATE TABLE IF NOT EXISTS forks (id INTEGER PRIMARY KEY AUTOINCREMENT, device_id TEXT NOT NULL, epoch INTEGER NOT NULL,
              seq INTEGER NOT NULL, data BLOB NOT NULL, sha256 BLOB NOT NULL, imported_at TEXT NOT NULL, state INTEGER NOT NULL, reason TEXT,
              UNIQUE (device_id, epoch, seq, sha256));
            CREATE TABLE IF NOT EXISTS devices (device_id TEXT PRIMARY KEY, epoch INTEGER NOT NULL, released_through INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS anchors (device_id TEXT NOT NULL, epoch INTEGER NOT NULL, seq INTEGER NOT NULL, chain_hash BLOB NOT NULL,
              source TEXT NOT NULL, PRIMARY KEY (device_id, epoch, seq));
            CREATE TABLE IF NOT EXISTS anomalies (id INTEGER PRIMARY KEY AUTOINCREMENT, device_id TEXT NOT NULL, epoch INTEGER NOT NULL,
              kind TEXT NOT NULL, from_seq INTEGER NOT NULL, to_seq INTEGER NOT NULL, detail TEXT NOT NULL, at TEXT NOT NULL);
            """);
        if (legacy)
        {
            Exec("""
                INSERT INTO records SELECT device_id, 1, seq, data, sha256, imported_at, 0, NULL FROM records_v1;
                INSERT OR IGNORE INTO records SELECT device_id, 1, seq, data, sha256, imported_at, 2, reason FROM rejected_v1;
                DROP TABLE records_v1; DROP TABLE rejected_v1;
                """);
        }
    }

    public IDisposable LockDevice(string deviceId)
    {
        if (_depth++ == 0) _tx = _db.BeginTransaction(deferred: false);
        return new Scope(this);
    }

    private sealed class Scope(SqliteRecordStore owner) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            owner.Leave();
        }
    }

    // Commits what the scope wrote, also when it ends by an exception: every write is one statement, whole or not at all.
    private void Leave()
    {
        if (--_depth > 0) return;
        var tx = _tx!;
        _tx = null;
        try
        {
            tx.Commit();
        }
        finally
        {
            tx.Dispose();
        }
    }

    private void Exec(string sql)
    {
        using var c = _db.CreateCommand();
        c.CommandText = sql;
        c.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string, object?)[] args)
    {
        using var c = Cmd(sql, args);
        return c.ExecuteScalar();
    }

    private SqliteCommand Cmd(string sql, params (string, object?)[] args)
    {
        var c = _db.CreateCommand();
        c.CommandText = sql;
        c.Transaction = _tx;
        foreach (var (n, v) in args) c.Parameters.AddWithValue(n, v ?? DBNull.Value);
        return c;
    }

    public DeviceSyncState Device(string deviceId)
    {
        using var c = Cmd("SELECT epoch, released_through FROM devices WHERE device_id=$d", ("$d", deviceId));
        using var r = c.ExecuteReader();
        return r.Read() ? new DeviceSyncState(deviceId, (int)r.GetInt64(0), r.GetInt64(1)) : new DeviceSyncState(deviceId, 1, 0);
    }

    public void SaveDevice(DeviceSyncState s)
    {
        using var c = Cmd("INSERT INTO devices VALUES ($d,$e,$r) ON CONFLICT(device_id) DO UPDATE SET epoch=$e, released_through=$r",
            ("$d", s.DeviceId), ("$e", s.Epoch), ("$r", s.ReleasedThrough));
        c.ExecuteNonQuery();
    }

    private const string Columns = "device_id, epoch, seq, data, sha256, imported_at, state, reason";

    public StoredRecord? Find(string deviceId, int epoch, long sequence) =>
        Read(Cmd($"SELECT {Columns} FROM records WHERE device_id=$d AND epoch=$e AND seq=$s", ("$d", deviceId), ("$e", epoch), ("$s", sequence)))
            .FirstOrDefault();

    public void Save(StoredRecord r)
    {
        using var c = Cmd($"INSERT OR REPLACE INTO records ({Columns}) VALUES ($d,$e,$s,$b,$h,$t,$st,$r)", Args(r));
        c.ExecuteNonQuery();
    }

    public void SaveFork(StoredRecord r)
    {
        using var c = Cmd($"INSERT OR IGNORE INTO forks ({Columns}) VALUES ($d,$e,$s,$b,$h,$t,$st,$r)", Args(r));
        c.ExecuteNonQuery();
    }

    private static (string, object?)[] Args(StoredRecord r) =>
    [
        ("$d", r.DeviceId), ("$e", r.Epoch), ("$s", r.Sequence), ("$b", r.Data), ("$h", SHA256.HashData(r.Data)), ("$t", r.ImportedAt),
        ("$st", (int)r.State), ("$r", r.Reason),
    ];

    public bool HasFork(string deviceId, int epoch, long sequence) =>
        Scalar("SELECT COUNT(*) FROM forks WHERE device_id=$d AND epoch=$e AND seq=$s", ("$d", deviceId), ("$e", epoch), ("$s", sequence)) is long n && n > 0;

    public IReadOnlyList<StoredRecord> Records(string? deviceId = null) =>
        Read(Cmd($"SELECT {Columns} FROM records WHERE $d IS NULL OR device_id=$d ORDER BY device_id, epoch, seq", ("$d", deviceId)));

    public IReadOnlyList<StoredRecord> Forks(string? deviceId = null) =>
        Read(Cmd($"SELECT {Columns} FROM forks WHERE $d IS NULL OR device_id=$d ORDER BY device_id, epoch, seq, id", ("$d", deviceId)));

    public IReadOnlyList<long> Sequences(string deviceId, int epoch)
    {
        using var c = Cmd("SELECT seq FROM records WHERE device_id=$d AND epoch=$e ORDER BY seq", ("$d", deviceId), ("$e", epoch));
        using var r = c.ExecuteReader();
        var list = new List<long>();
        while (r.Read()) list.Add(r.GetInt64(0));
        return list;
    }

    public void SaveAnchor(RecordAnchor a)
    {
        using var c = Cmd("INSERT OR REPLACE INTO anchors VALUES ($d,$e,$s,$h,$src)",
            ("$d", a.DeviceId), ("$e", a.Epoch), ("$s", a.Sequence), ("$h", a.ChainHash), ("$src", a.Source));
        c.ExecuteNonQuery();
    }

    public RecordAnchor? Anchor(string deviceId, int epoch, long sequence)
    {
        using var c = Cmd("SELECT chain_hash, source FROM anchors WHERE device_id=$d AND epoch=$e AND seq=$s", ("$d", deviceId), ("$e", epoch), ("$s", sequence));
        using var r = c.ExecuteReader();
        return r.Read() ? new RecordAnchor(deviceId, epoch, sequence, (byte[])r[0], r.GetString(1)) : null;
    }

    public void AddAnomaly(RecordAnomaly a)
    {
        using var c = Cmd("INSERT INTO anomalies (device_id, epoch, kind, from_seq, to_seq, detail, at) VALUES ($d,$e,$k,$f,$t,$x,$at)",
            ("$d", a.DeviceId), ("$e", a.Epoch), ("$k", a.Kind), ("$f", a.FromSequence), ("$t", a.ToSequence), ("$x", a.Detail), ("$at", a.At));
        c.ExecuteNonQuery();
    }

    public IReadOnlyList<RecordAnomaly> Anomalies(string? deviceId = null)
    {
        using var c = Cmd("SELECT device_id, epoch, kind, from_seq, to_seq, detail, at FROM anomalies WHERE $d IS NULL OR device_id=$d ORDER BY id", ("$d", deviceId));
        using var r = c.ExecuteReader();
        var list = new List<RecordAnomaly>();
        while (r.Read()) list.Add(new RecordAnomaly(r.GetString(0), (int)r.GetInt64(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.GetString(5), r.GetString(6)));
        return list;
    }

    private static List<StoredRecord> Read(SqliteCommand c)
    {
        using (c)
        using (var r = c.ExecuteReader())
        {
            var list = new List<StoredRecord>();
            while (r.Read())
            {
                list.Add(new StoredRecord(r.GetString(0), (int)r.GetInt64(1), r.GetInt64(2), (byte[])r[3], Convert.ToHexString((byte[])r[4]),
                    r.GetString(5), (RecordState)r.GetInt64(6), r.IsDBNull(7) ? null : r.GetString(7)));
            }
            return list;
        }
    }

    public void Dispose()
    {
        _tx?.Dispose();
        _tx = null;
        _db.Dispose();
    }
}
