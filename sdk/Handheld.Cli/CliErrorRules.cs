using System.CommandLine;
using Handheld.Cli.Conventions;
using Handheld.Sdk.Device;

namespace Handheld.Cli;

/// <summary>The <c>handheld</c>-specific exceptions the shared wrapper (CliHost) cannot know by type.</summary>
internal static class CliErrorRules
{
    // SQLite result codes (sqlite.org/rescode.html): the file is not a database, or it cannot be opened (missing folder).
    private const int SqliteNotADatabase = 26;
    private const int SqliteCannotOpen = 14;

    public static CliError? Map(Exception e, ParseResult? parse) => e switch
    {
        QRCoder.Exceptions.DataTooLongException => new CliError("--data",
            "the signed licence is too long for a QR code at level H (version 40 holds 1,273 bytes); shorten the scope, address or names", ExitCodes.Input),
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: SqliteNotADatabase } s => new CliError("--db", "not a database: " + CliErrors.OneLine(s.Message), ExitCodes.Input),
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: SqliteCannotOpen } s => new CliError("--db", "cannot open (does the folder exist?): " + CliErrors.OneLine(s.Message), ExitCodes.Input),
        DeviceLinkException l => new CliError("link", CliErrors.OneLine(l.Message) + " (run the command again to resume)", ExitCodes.Environment),
        Handheld.Sdk.Records.RecordStoreException or Npgsql.NpgsqlException => StoreOption.Describe(e),
        _ => null,
    };
}
