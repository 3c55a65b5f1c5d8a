namespace Handheld.Cli;

/// <summary>A record-keys file could not be used; the message names the line (the option is <c>--keys</c>).</summary>
public sealed class RecordKeyFileException(string message) : Exception(message);

/// <summary>
/// The record-keys file written by <c>device provision</c> and read by <c>device sync</c> and <c>records reverify</c>:
/// one <c>deviceIdHex recordKeyHex</c> pair a line (64 hex digits for the 32-byte key), blank lines and <c>#</c>
/// comments allowed. Read strictly: a mistyped line is an error naming it, never skipped, because a skipped key
/// leaves that device's records kept apart (issue 13 finding 5: a typo must not cost evidence).
/// </summary>
public static class RecordKeyFile
{
    /// <summary>Device id (upper-case hex) → record key.</summary>
    public static Dictionary<string, byte[]> Read(FileInfo file)
    {
        string[] lines;
        try { lines = File.ReadAllLines(file.FullName); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new RecordKeyFileException($"cannot read {file.FullName}: {e.Message}"); }
        var keys = new Dictionary<string, byte[]>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || parts[0].Length % 2 != 0 || !parts[0].All(Uri.IsHexDigit))
                throw new RecordKeyFileException($"line {i + 1}: not 'deviceIdHex recordKeyHex'");
            if (parts[1].Length != 64 || !parts[1].All(Uri.IsHexDigit))
                throw new RecordKeyFileException($"line {i + 1}: the record key is not 64 hex digits (32 bytes)");
            keys[parts[0].ToUpperInvariant()] = Convert.FromHexString(parts[1]);
        }
        if (keys.Count == 0) throw new RecordKeyFileException("no 'deviceIdHex recordKeyHex' line in the file");
        return keys;
    }
}
