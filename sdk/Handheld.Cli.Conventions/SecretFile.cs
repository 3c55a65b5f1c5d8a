namespace Handheld.Cli.Conventions;

/// <summary>Files holding secrets (private keys, record keys): created owner-only (0600 on Unix) and never replaced
/// unless the user says so (<c>--force</c>).</summary>
public static class SecretFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Refuses, before anything is written, when one of <paramref name="paths"/> exists and <paramref name="force"/> is off.</summary>
    public static void CheckWritable(string field, bool force, params string[] paths)
    {
        foreach (var p in paths)
        {
            InputFiles.CheckOutput(field, p);
            if (!force && File.Exists(p)) throw new CliInputException(field, $"{p} exists; not overwritten (use --force to replace it)");
        }
    }

    /// <summary>Writes <paramref name="text"/> to a new owner-only file (replacing an existing one only with <paramref name="force"/>).</summary>
    public static void Write(string path, string text, bool force)
    {
        var options = new FileStreamOptions { Mode = force ? FileMode.Create : FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        using (var w = new StreamWriter(path, new System.Text.UTF8Encoding(false), options)) w.Write(text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, OwnerOnly);   // an existing file (--force) keeps its old mode otherwise
    }

    /// <summary>Appends to an owner-only file, creating it so.</summary>
    public static void Append(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        using var w = new StreamWriter(path, new System.Text.UTF8Encoding(false), options);
        w.Write(text);
    }
}
