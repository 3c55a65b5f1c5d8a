namespace Handheld.Cli.Conventions;

/// <summary>An error the user can act on, naming the option or field it is about; the invocation wrapper prints it
/// as <c>error: FIELD: MESSAGE</c> and exits with <see cref="ExitCode"/>.</summary>
public class CliException : Exception
{
    public CliException(string field, string message, int exitCode, Exception? inner = null) : base(message, inner)
    {
        Field = field;
        ExitCode = exitCode;
    }

    /// <summary>The option (<c>--data</c>), argument or field (<c>--data: scope</c>) the error is about.</summary>
    public string Field { get; }

    /// <summary><see cref="ExitCodes.Input"/> or <see cref="ExitCodes.Environment"/>.</summary>
    public int ExitCode { get; }
}

/// <summary>Bad input: an option's value, a file given on the command line or a field inside it (exit 2).</summary>
public sealed class CliInputException(string field, string message, Exception? inner = null)
    : CliException(field, message, ExitCodes.Input, inner);

/// <summary>The environment failed: device or link, database, writing output (exit 3).</summary>
public sealed class CliEnvironmentException(string field, string message, Exception? inner = null)
    : CliException(field, message, ExitCodes.Environment, inner);
