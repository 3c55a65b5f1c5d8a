using System.CommandLine;
using Handheld.Sdk.Records;
using Npgsql;

namespace Handheld.Cli;

/// <summary>
/// The <c>--db</c> option every command that reads or writes the record store shares: a SQLite file,
/// <c>postgres://user@host:port/database</c>, or an Npgsql <c>Host=…</c> connection string; default the
/// <c>HANDHELD_DB</c> environment variable, else <c>records.db</c> (<see cref="RecordStoreLocation"/>), and how a store
/// problem is reported: one line naming <c>--db</c>, exit 2 for bad input, 3 when the server or file is unusable.
/// </summary>
internal static class StoreOption
{
    public const int ExitBadInput = 2;
    public const int ExitEnvironment = 3;

    public static Option<string> Create() => new("--db")
    {
        Description = "record store: SQLite file, postgres://user@host:port/database, or a Host=… connection string " +
                      $"(default: ${RecordStoreLocation.EnvironmentVariable}, else {RecordStoreLocation.DefaultSqliteFile})",
        DefaultValueFactory = _ => RecordStoreLocation.Default(),
    };

    /// <summary>Opens (creating a SQLite file or migrating a PostgreSQL database when needed).</summary>
    public static IRecordStore Open(string value) => RecordStoreLocation.Parse(value).Open();

    /// <summary>Opens a store that must exist (read-only commands: a missing SQLite file is an input error).</summary>
    public static IRecordStore OpenExisting(string value) => RecordStoreLocation.Parse(value).OpenExisting();

    /// <summary>The exit code for a store failure, after its one-line message on <paramref name="error"/>; null when
    /// <paramref name="e"/> is not one (the caller rethrows or handles it).</summary>
    public static int? Report(Exception e, TextWriter error)
    {
        switch (e)
        {
            case RecordStoreException s:
                error.WriteLine("error: " + s.Message);
                return s.Environment ? ExitEnvironment : ExitBadInput;
            case PostgresException p:
                error.WriteLine($"error: --db: the PostgreSQL server refused ({p.SqlState}): {PostgresRecordStore.OneLine(p)}");
                return ExitEnvironment;
            case NpgsqlException or TimeoutException:
                error.WriteLine("error: --db: the PostgreSQL server failed: " + PostgresRecordStore.OneLine(e));
                return ExitEnvironment;
            case Microsoft.Data.Sqlite.SqliteException q: // not a database, or a damaged one: an invalid input file
                error.WriteLine("error: --db: " + q.Message);
                return ExitBadInput;
            default:
                return null;
        }
    }
}
