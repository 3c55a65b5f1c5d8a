using Npgsql;

namespace Handheld.Sdk.Records;

/// <summary>
/// Where the records live, from <c>--db</c> or, when that is not given, the <c>HANDHELD_DB</c> environment variable
/// (default <c>records.db</c>). Rules, in order:
/// <list type="number">
/// <item><c>postgres://</c> or <c>postgresql://</c>: a PostgreSQL URI, <c>[user[:password]@]host[:port][/database]
/// [?key=value&amp;…]</c> (percent-encoding allowed; query keys are Npgsql connection-string keys, plus <c>sslmode</c>);</item>
/// <item>text with a <c>Host=</c> or <c>Server=</c> key (<c>key=value;…</c>): an Npgsql connection string;</item>
/// <item>anything else: a SQLite file path.</item>
/// </list>
/// A password in the URI is better kept out of the command line: Npgsql reads <c>PGPASSWORD</c> and <c>~/.pgpass</c>.
/// </summary>
public sealed record RecordStoreLocation(bool IsPostgres, string Target)
{
    public const string EnvironmentVariable = "HANDHELD_DB";
    public const string DefaultSqliteFile = "records.db";

    /// <summary>The <c>--db</c> default: HANDHELD_DB when set, else records.db.</summary>
    public static string Default() =>
        System.Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } v ? v : DefaultSqliteFile;

    /// <summary>A user-facing name: the file, or the server and database without any password.</summary>
    public string Display => IsPostgres ? Describe(Target) : Target;

    public static RecordStoreLocation Parse(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new RecordStoreException("--db: empty; give a SQLite file or postgres://host/database");
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return new RecordStoreLocation(true, FromUri(value));
        if (LooksLikeConnectionString(value))
        {
            try
            {
                return new RecordStoreLocation(true, new NpgsqlConnectionStringBuilder(value).ConnectionString);
            }
            catch (ArgumentException e)
            {
                throw new RecordStoreException("--db: not a valid PostgreSQL connection string: " + e.Message);
            }
        }
        return new RecordStoreLocation(false, value);
    }

    private static bool LooksLikeConnectionString(string v) =>
        v.Split(';').Any(part => part.Split('=', 2) is [var k, _] && k.Trim() is var key &&
                                 (key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase)));

    private static string FromUri(string value)
    {
        Uri uri;
        try
        {
            uri = new Uri("postgres://" + value[(value.IndexOf("://", StringComparison.Ordinal) + 3)..]);
        }
        catch (UriFormatException e)
        {
            throw new RecordStoreException("--db: not a valid postgres:// URI: " + e.Message);
        }
        if (uri.Host.Length == 0) throw new RecordStoreException("--db: the postgres:// URI names no host");
        var b = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
        if (uri.Port > 0) b.Port = uri.Port;
        if (uri.UserInfo.Length > 0)
        {
            var ui = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(ui[0]);
            if (ui.Length == 2) b.Password = Uri.UnescapeDataString(ui[1]);
        }
        var db = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (db.Length > 0) b.Database = db;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            string key = Uri.UnescapeDataString(kv[0]), val = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            try
            {
                b[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = val;
            }
            catch (Exception e) when (e is ArgumentException or KeyNotFoundException or FormatException)
            {
                throw new RecordStoreException($"--db: URI parameter {key}: {e.Message}");
            }
        }
        return b.ConnectionString;
    }

    private static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{(string.IsNullOrEmpty(b.Username) ? "" : b.Username + "@")}{b.Host}:{b.Port}/{b.Database}";
    }

    /// <summary>Opens the store (a PostgreSQL database is migrated to the current schema on open).</summary>
    public IRecordStore Open() => IsPostgres ? new PostgresRecordStore(Target) : OpenSqlite();

    /// <summary>Opens an existing store only: a SQLite file that does not exist is an input error (for read-only
    /// commands, which would otherwise create an empty file and report nothing).</summary>
    public IRecordStore OpenExisting()
    {
        if (!IsPostgres && !File.Exists(Target)) throw new RecordStoreException($"--db: record store not found: {Target}");
        return Open();
    }

    private SqliteRecordStore OpenSqlite()
    {
        try
        {
            return new SqliteRecordStore(Target);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            // SQLITE_NOTADB (26) and SQLITE_CANTOPEN (14): the file given is not a database or its folder is missing —
            // a bad input (exit 2); anything else (locked, I/O) is the environment (exit 3).
            bool input = e.SqliteErrorCode is 26 or 14;
            throw new RecordStoreException(input
                ? $"--db: not a usable SQLite database: {Target}: {e.Message}"
                : $"--db: cannot open SQLite file {Target}: {e.Message}", environment: !input);
        }
    }

    /// <summary>Parses and opens in one step.</summary>
    public static IRecordStore Open(string value) => Parse(value).Open();
}
