using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Handheld.Sdk.Device;

/// <summary>Checks one synced record before it is stored.</summary>
public interface IRecordVerifier
{
    /// <summary>True when the record's MAC and its link to <paramref name="previous"/> (the stored record
    /// sequence − 1, when the host has it) hold; otherwise <paramref name="reason"/> says why.</summary>
    bool Verify(string deviceId, long sequence, byte[] record, byte[]? previous, out string reason);
}

public enum ImportOutcome { Stored, Rejected, Duplicate }

/// <summary>A stored (or rejected) record as read back.</summary>
public sealed record StoredRecord(string DeviceId, long Sequence, byte[] Data, string Sha256Hex, string ImportedAt, string? RejectReason);

/// <summary>
/// Synced inspection records in one SQLite file. Import is idempotent by (device id, sequence); each record is
/// verified before it is stored, and one that fails goes to a separate table with its reason instead of
/// being dropped (so the device can still release it and an auditor can see it).
/// </summary>
public sealed class RecordDatabase : IDisposable
{
    private readonly SqliteConnection _db;

    public RecordDatabase(string path)
    {
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Exec("""
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS records (device_id TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,
              sha256 BLOB NOT NULL, imported_at TEXT NOT NULL, PRIMARY KEY (device_id, seq));
            CREATE TABLE IF NOT EXISTS rejected (device_id TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,
              sha256 BLOB NOT NULL, reason TEXT NOT NULL, imported_at TEXT NOT NULL, PRIMARY KEY (device_id, seq));
            """);
    }

    private void Exec(string sql)
    {
        using var c = _db.CreateCommand();
        c.CommandText = sql;
        c.ExecuteNonQuery();
    }

    private SqliteCommand Cmd(string sql, params (string, object)[] args)
    {
        var c = _db.CreateCommand();
        c.CommandText = sql;
        foreach (var (n, v) in args) c.Parameters.AddWithValue(n, v);
        return c;
    }

    /// <summary>Highest sequence held for the device in either table (0 when none).</summary>
    public long MaxSequence(string deviceId)
    {
        using var c = Cmd("SELECT MAX(m) FROM (SELECT MAX(seq) m FROM records WHERE device_id=$d UNION ALL SELECT MAX(seq) FROM rejected WHERE device_id=$d)", ("$d", deviceId));
        var v = c.ExecuteScalar();
        return v is long l ? l : 0;
    }

    /// <summary>SHA-256 of the bytes stored for a record (either table), or null.</summary>
    public byte[]? StoredHash(string deviceId, long seq)
    {
        using var c = Cmd("SELECT sha256 FROM records WHERE device_id=$d AND seq=$s UNION ALL SELECT sha256 FROM rejected WHERE device_id=$d AND seq=$s", ("$d", deviceId), ("$s", seq));
        return c.ExecuteScalar() as byte[];
    }

    private byte[]? StoredData(string deviceId, long seq)
    {
        using var c = Cmd("SELECT data FROM records WHERE device_id=$d AND seq=$s", ("$d", deviceId), ("$s", seq));
        return c.ExecuteScalar() as byte[];
    }

    public ImportOutcome Import(string deviceId, long seq, byte[] data, IRecordVerifier verifier)
    {
        if (StoredHash(deviceId, seq) != null) return ImportOutcome.Duplicate;
        byte[] sha = SHA256.HashData(data);
        string now = DateTime.UtcNow.ToString("O");
        string reason;
        bool ok = data.Length > 0;
        reason = ok ? "" : "device could not read the record";
        if (ok) ok = verifier.Verify(deviceId, seq, data, StoredData(deviceId, seq - 1), out reason);
        using var c = ok
            ? Cmd("INSERT INTO records VALUES ($d,$s,$b,$h,$t)", ("$d", deviceId), ("$s", seq), ("$b", data), ("$h", sha), ("$t", now))
            : Cmd("INSERT INTO rejected VALUES ($d,$s,$b,$h,$r,$t)", ("$d", deviceId), ("$s", seq), ("$b", data), ("$h", sha), ("$r", reason), ("$t", now));
        c.ExecuteNonQuery();
        return ok ? ImportOutcome.Stored : ImportOutcome.Rejected;
    }

    /// <summary>All records (stored first, then rejected) for one device or all devices, by sequence.</summary>
    public IReadOnlyList<StoredRecord> List(string? deviceId = null)
    {
        using var c = Cmd("""
            SELECT device_id, seq, data, sha256, imported_at, NULL FROM records WHERE $d IS NULL OR device_id=$d
            UNION ALL SELECT device_id, seq, data, sha256, imported_at, reason FROM rejected WHERE $d IS NULL OR device_id=$d
            ORDER BY 1, 2
            """, ("$d", (object?)deviceId ?? DBNull.Value));
        using var r = c.ExecuteReader();
        var list = new List<StoredRecord>();
        while (r.Read())
        {
            list.Add(new StoredRecord(r.GetString(0), r.GetInt64(1), (byte[])r[2], Convert.ToHexString((byte[])r[3]),
                r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)));
        }
        return list;
    }

    public void Dispose() => _db.Dispose();
}
