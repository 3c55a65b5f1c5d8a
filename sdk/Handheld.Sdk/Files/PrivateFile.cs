namespace Handheld.Sdk.Files;

/// <summary>
/// Files holding secrets (device record keys) are created owner-only (0600) from the first byte — never
/// world-readable, not even between create and chmod — and an existing file is narrowed to 0600 before it is
/// written. On Windows the ACLs of the directory apply (no POSIX mode).
/// </summary>
public static class PrivateFile
{
    /// <summary>Owner read and write: 0600.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes (replaces) <paramref name="path"/> with <paramref name="text"/> as UTF-8, mode 0600.</summary>
    public static void WriteAllText(string path, string text) => Write(path, FileMode.Create, text);

    /// <summary>Appends <paramref name="text"/> (UTF-8) to <paramref name="path"/>, creating it 0600.</summary>
    public static void AppendAllText(string path, string text) => Write(path, FileMode.Append, text);

    private static void Write(string path, FileMode mode, string text)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Mode;
            if (File.Exists(path)) File.SetUnixFileMode(path, Mode);
        }
        using var s = new FileStream(path, options);
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(text);
        s.Write(bytes);
    }
}
