using Handheld.Cli.Conventions;

namespace Handheld.Cli;

/// <summary>The <c>--db</c> of <c>device sync</c>: created when missing (the first sync makes it), but its folder must
/// exist and an existing file must be a SQLite database — checked before the link opens, so nothing is released
/// from the device into a store that cannot take it.</summary>
internal static class SyncDatabase
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    public static string Check(string path)
    {
        InputFiles.CheckOutput("--db", path);
        if (File.Exists(path))
        {
            var head = new byte[SqliteHeader.Length];
            int n;
            using (var f = File.OpenRead(path)) n = f.Read(head, 0, head.Length);
            if (n > 0 && (n < head.Length || !head.AsSpan().SequenceEqual(SqliteHeader)))
                throw new CliInputException("--db", "not a SQLite database: " + path);
        }
        return path;
    }
}
