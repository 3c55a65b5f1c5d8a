using System.CommandLine;
using Handheld.Cli.Conventions;

namespace Handheld.Simulator.Cli;

/// <summary>Entry point of <c>handheld-sim</c>: the device logic on a PC with emulated hardware.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args);

    /// <summary>What <c>handheld-sim ARGS</c> does (parse errors exit 2); tests call it in-process.</summary>
    public static int Run(string[] args, InvocationConfiguration? configuration = null) =>
        CliHost.Run(BuildRoot(), args, configuration);

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Handheld simulator: the real device core with emulated scanner, sensor, lamp, clock and flash.");
        root.Subcommands.Add(DemoCommand.Build());
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(BatchCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(LogImageCommand.Create());
        root.Subcommands.Add(FingerprintCommands.ScanTrack());
        root.Subcommands.Add(FingerprintCommands.Track());
        root.Subcommands.Add(FingerprintCommands.Batch());
        return CliHost.Prepare(root, SimErrorRules.Map);
    }
}
