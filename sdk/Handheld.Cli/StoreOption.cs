using System.CommandLine;
using Handheld.Cli.Conventions;
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

    /// <summary>The one-line error and exit code for a store failure (exit 2 for bad input, 3 when the server or file is
    /// unusable); null when <paramref name="e"/> is not one.</summary>
    public static CliError? Describe(Exception e) => e switch
    {
        RecordStoreException s => new CliError("--db", CliErrors.OneLine(s.Message.StartsWith("--db: ", StringComparison.Ordinal) ? s.Message[6..] : s.Message),
            s.Environment ? ExitCodes.Environment : ExitCodes.Input),
        PostgresException p => new CliError("--db", $"the PostgreSQL server refused ({p.SqlState}): {PostgresRecordStore.OneLine(p)}", ExitCodes.Environment),
        NpgsqlException or TimeoutException => new CliError("--db", "the PostgreSQL server failed: " + PostgresRecordStore.OneLine(e), ExitCodes.Environment),
        // Not a database, or a damaged one: an invalid input file.
        Microsoft.Data.Sqlite.SqliteException q => new CliError("--db", q.Message, ExitCodes.Input),
        _ => null,
    };

    /// <summary>Writes <see cref="Describe"/>'s line on <paramref name="error"/> and returns its exit code; null when
    /// <paramref name="e"/> is not a store failure (the caller rethrows or handles it).</summary>
    public static int? Report(Exception e, TextWriter error)
    {
        if (Describe(e) is not { } d) return null;
        error.WriteLine(d.ToString());
        return d.ExitCode;
    }
}
