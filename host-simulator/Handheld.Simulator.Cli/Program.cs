using System.CommandLine;

namespace Handheld.Simulator.Cli;

/// <summary>Entry point of <c>handheld-sim</c>: the device logic on a PC with emulated hardware.</summary>
public static class Program
{
    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Handheld simulator: the real device core with emulated scanner, sensor, lamp, clock and flash.");
        root.Subcommands.Add(DemoCommand.Build());
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(BatchCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(LogImageCommand.Create());
        return root;
    }
}
