using System.CommandLine;
using Handheld.Cli.Conventions;
using Handheld.Sdk.Licensing;

namespace Handheld.Cli;

/// <summary><c>--passphrase-env NAME</c>: the environment variable holding the passphrase of an encrypted private key
/// (default HANDHELD_KEY_PASSPHRASE). Never the passphrase itself on the command line, where shell history keeps it.</summary>
internal static class KeyPassphrase
{
    public static readonly Option<string?> Option = new("--passphrase-env")
    {
        Description = "environment variable with the passphrase of an encrypted private key (default " + KeyEncryption.PassphraseVariable + ")",
        Recursive = true,
    };

    /// <summary>The passphrase, or null when none is set.</summary>
    public static string? Resolve(ParseResult pr)
    {
        if (pr.GetValue(Option) is { } name)
        {
            return Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v
                : throw new CliInputException("--passphrase-env", $"the environment variable {name} is not set");
        }
        return Environment.GetEnvironmentVariable(KeyEncryption.PassphraseVariable) is { Length: > 0 } d ? d : null;
    }
}
