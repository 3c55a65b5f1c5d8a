using System.CommandLine;
using System.CommandLine.Parsing;
using System.Data.Common;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Handheld.Cli.Conventions;

/// <summary>One error line: the option or field, what is wrong, the exit code.</summary>
public sealed record CliError(string Field, string Message, int ExitCode)
{
    public override string ToString() => "error: " + Field + ": " + Message;
}

/// <summary>Turns any exception that escapes a command into a <see cref="CliError"/>: typed errors keep their field;
/// file errors are attributed to the option or argument whose value is the file; the rest by kind (input → 2,
/// environment → 3). A tool may add its own rules (e.g. a library's exception type) in front.</summary>
public static class CliErrors
{
    /// <summary>Describes <paramref name="e"/>; <paramref name="parse"/> (may be null) lets file errors name their option.</summary>
    public static CliError Describe(Exception e, ParseResult? parse, Func<Exception, ParseResult?, CliError?>? extra = null)
    {
        e = Unwrap(e);
        if (extra?.Invoke(e, parse) is { } custom) return custom;
        switch (e)
        {
            case CliException c:
                return new CliError(c.Field, OneLine(c.Message), c.ExitCode);
            case FileNotFoundException f:
                return new CliError(OptionFor(parse, f.FileName) ?? "file", "no such file: " + (f.FileName ?? QuotedPath(f.Message) ?? f.Message), ExitCodes.Input);
            case DirectoryNotFoundException d:
            {
                var path = QuotedPath(d.Message);
                return new CliError(OptionFor(parse, path) ?? "path", "no such folder: " + (path is null ? d.Message : Path.GetDirectoryName(path) ?? path), ExitCodes.Input);
            }
            case UnauthorizedAccessException u:
            {
                var path = QuotedPath(u.Message);
                return new CliError(OptionFor(parse, path) ?? "path", "permission denied: " + (path ?? u.Message), ExitCodes.Input);
            }
            case JsonException j:
                return new CliError(JsonField(j) ?? "json", JsonMessage(j), ExitCodes.Input);
            case SocketException or TimeoutException or System.Net.Http.HttpRequestException:
                return new CliError("link", OneLine(e.Message), ExitCodes.Environment);
            case DbException db:
                return new CliError(HasOption(parse, "--db") ? "--db" : "database", OneLine(db.Message), ExitCodes.Environment);
            case IOException io:
            {
                var path = QuotedPath(io.Message);
                return new CliError(OptionFor(parse, path) ?? "io", OneLine(io.Message), ExitCodes.Environment);
            }
            case FormatException or InvalidDataException or ArgumentException or CryptographicException or OverflowException
                or DecoderFallbackException or EncoderFallbackException or NotSupportedException or InvalidOperationException:
                return new CliError("input", OneLine(e.Message), ExitCodes.Input);
            default:
                // A bug, not the user's fault: still one line, with the type so it can be reported.
                return new CliError("internal", e.GetType().Name + ": " + OneLine(e.Message) + " (a bug; please report it)", ExitCodes.Environment);
        }
    }

    /// <summary>The message of an input-kind exception (JSON errors by their path), for wrapping under an option.</summary>
    public static string Explain(Exception e) => Unwrap(e) switch
    {
        JsonException j => (JsonField(j) is { } f ? f + ": " : "") + JsonMessage(j),
        CliException c => c.Field + ": " + OneLine(c.Message),
        var x => OneLine(x.Message),
    };

    /// <summary>True for the exceptions a parser or key loader throws on bad content.</summary>
    public static bool IsBadContent(Exception e) => Unwrap(e) is FormatException or InvalidDataException or JsonException
        or ArgumentException or CryptographicException or OverflowException or DecoderFallbackException
        or EncoderFallbackException or NotSupportedException or InvalidOperationException or KeyNotFoundException;

    /// <summary>The option or argument (by name) whose value is <paramref name="path"/>, if any.</summary>
    public static string? OptionFor(ParseResult? parse, string? path)
    {
        if (parse is null || string.IsNullOrEmpty(path)) return null;
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception x) when (x is ArgumentException or NotSupportedException or PathTooLongException) { return null; }
        for (SymbolResult? r = parse.CommandResult; r != null; r = r.Parent)
        {
            if (r is not CommandResult c) continue;
            foreach (var child in c.Children)
            {
                string? name = child switch { OptionResult o => o.Option.Name, ArgumentResult a => a.Argument.Name, _ => null };
                if (name is null) continue;
                foreach (var t in child.Tokens)
                {
                    if (SamePath(t.Value, full)) return name;
                }
            }
        }
        return null;
    }

    private static bool HasOption(ParseResult? parse, string name)
    {
        for (SymbolResult? r = parse?.CommandResult; r != null; r = r.Parent)
        {
            if (r is CommandResult c && c.Command.Options.Any(o => o.Name == name)) return true;
        }
        return false;
    }

    private static bool SamePath(string token, string full)
    {
        try { return string.Equals(Path.GetFullPath(token), full, StringComparison.Ordinal); }
        catch (Exception x) when (x is ArgumentException or NotSupportedException or PathTooLongException) { return false; }
    }

    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            if (e is AggregateException { InnerExceptions.Count: 1 } a) e = a.InnerExceptions[0];
            else if (e is System.Reflection.TargetInvocationException { InnerException: { } i }) e = i;
            else return e;
        }
    }

    private static string? QuotedPath(string message)
    {
        int a = message.IndexOf('\'');
        int b = a < 0 ? -1 : message.IndexOf('\'', a + 1);
        return b > a + 1 ? message.Substring(a + 1, b - a - 1) : null;
    }

    /// <summary>"$.keys[0].validFrom" → "keys[0].validFrom".</summary>
    private static string? JsonField(JsonException j) =>
        string.IsNullOrEmpty(j.Path) || j.Path == "$" ? null : j.Path.StartsWith("$.", StringComparison.Ordinal) ? j.Path[2..] : j.Path;

    private static string JsonMessage(JsonException j)
    {
        string m = j.Message;
        int cut = m.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0) cut = m.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        if (cut > 0) m = m[..cut];
        m = m.Replace("System.", "", StringComparison.Ordinal).TrimEnd('.', ' ');
        if (j.LineNumber is long line) m += " (line " + (line + 1) + ")";
        return OneLine(m);
    }

    /// <summary>Messages from libraries may span lines; the convention is one line.</summary>
    public static string OneLine(string message) =>
        string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
