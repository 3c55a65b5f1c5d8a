using System.Text;

namespace Handheld.Cli.Conventions;

/// <summary>Reading the files named on the command line so every failure is a <see cref="CliInputException"/> naming
/// the option: missing, a folder, empty, binary where text belongs, content the parser refuses.</summary>
public static class InputFiles
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    /// <summary>The bytes of <paramref name="path"/>, given with option <paramref name="field"/>; refuses missing and empty files.</summary>
    public static byte[] ReadBytes(string field, string path, bool allowEmpty = false)
    {
        if (Directory.Exists(path)) throw new CliInputException(field, "is a folder, not a file: " + path);
        if (!File.Exists(path)) throw new CliInputException(field, "no such file: " + path);
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (UnauthorizedAccessException) { throw new CliInputException(field, "permission denied: " + path); }
        catch (IOException e) { throw new CliInputException(field, "cannot read " + path + ": " + CliErrors.OneLine(e.Message)); }
        if (bytes.Length == 0 && !allowEmpty) throw new CliInputException(field, "empty file: " + path);
        return bytes;
    }

    /// <summary>The UTF-8 text of a text file; an image or other binary data is refused by name.</summary>
    public static string ReadText(string field, string path, bool allowEmpty = false)
    {
        var bytes = ReadBytes(field, path, allowEmpty);
        if (bytes.AsSpan().StartsWith(Png)) throw new CliInputException(field, "is a PNG image, not a text file: " + path);
        if (bytes.AsSpan().Contains((byte)0)) throw new CliInputException(field, "is binary data, not a text file: " + path);
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException) { throw new CliInputException(field, "is not UTF-8 text: " + path); }
        if (text.Trim().Length == 0 && !allowEmpty) throw new CliInputException(field, "empty file: " + path);
        return text.TrimStart('\uFEFF');
    }

    /// <summary>Reads a text file and parses it; whatever the parser refuses becomes one line under <paramref name="field"/>.</summary>
    public static T Parse<T>(string field, string path, Func<string, T> parse)
    {
        var text = ReadText(field, path);
        return Guard(field, () => parse(text));
    }

    /// <summary>Reads a file's bytes and parses them, as <see cref="Parse{T}"/>.</summary>
    public static T ParseBytes<T>(string field, string path, Func<byte[], T> parse)
    {
        var bytes = ReadBytes(field, path);
        return Guard(field, () => parse(bytes));
    }

    /// <summary>Runs <paramref name="body"/>; bad-content exceptions become a <see cref="CliInputException"/> for <paramref name="field"/>.</summary>
    public static T Guard<T>(string field, Func<T> body)
    {
        try { return body(); }
        catch (CliException) { throw; }
        catch (Exception e) when (CliErrors.IsBadContent(e)) { throw new CliInputException(field, CliErrors.Explain(e), e); }
    }

    /// <summary>Checks, before any work, that an output file can be created: its folder exists and it is not a folder.</summary>
    public static void CheckOutput(string field, string path)
    {
        if (Directory.Exists(path)) throw new CliInputException(field, "is a folder: " + path);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir != null && !Directory.Exists(dir)) throw new CliInputException(field, "no such folder: " + dir);
    }
}
