using System.Text;

namespace Handheld.Sdk.Licensing;

/// <summary>
/// A QR text stored in a file (docs/licence-format.md §8.1): exactly one trailing line terminator (LF or CR LF)
/// is the file's framing and is removed; nothing else is. A space is a Base45 character and a byte-order mark is
/// data (the verifier reports it), so trimming either could turn a damaged text into a different one.
/// </summary>
public static class QrTextFile
{
    /// <summary>The QR text held by the file's bytes.</summary>
    public static string FromBytes(byte[] raw)
    {
        int n = raw.Length;
        if (n >= 1 && raw[n - 1] == (byte)'\n')
        {
            n--;
            if (n >= 1 && raw[n - 1] == (byte)'\r') n--;
        }
        // GetString keeps a leading EF BB BF as U+FEFF (no preamble skipping), so the verifier sees it.
        return new UTF8Encoding(false).GetString(raw, 0, n);
    }

    /// <summary>Reads <paramref name="path"/> as a QR text file.</summary>
    public static string Read(string path) => FromBytes(File.ReadAllBytes(path));
}
