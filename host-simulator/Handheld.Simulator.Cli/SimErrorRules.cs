using System.CommandLine;
using Handheld.Cli.Conventions;
using Handheld.Simulator.Scenarios;

namespace Handheld.Simulator.Cli;

/// <summary>The <c>handheld-sim</c>-specific exceptions the shared wrapper (CliHost) cannot know by type.</summary>
internal static class SimErrorRules
{
    public static CliError? Map(Exception e, ParseResult? parse) => e switch
    {
        ScenarioFormatException s => new CliError(CliErrors.OptionFor(parse, null) ?? "scenario", CliErrors.OneLine(s.Message), ExitCodes.Input),
        System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse } =>
            new CliError("--port", "the port is in use (another serve running?); pick another with --port, or 0 for any free port", ExitCodes.Environment),
        _ => null,
    };
}
