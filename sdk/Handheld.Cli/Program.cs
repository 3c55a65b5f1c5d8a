using System.CommandLine;
using Handheld.Cli.Conventions;

namespace Handheld.Cli;

/// <summary>Entry point of the <c>handheld</c> tool for issuers, manufacturers and integrators.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args);

    /// <summary>What <c>handheld ARGS</c> does (parse errors exit 2); tests call it in-process.</summary>
    public static int Run(string[] args, InvocationConfiguration? configuration = null) =>
        CliHost.Run(BuildRoot(), args, configuration);

    /// <summary>The command tree; tests invoke it in-process. Every action is guarded (CliHost.Prepare).</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Handheld: licence issuing, trust lists, device provisioning and record sync.");
        root.Subcommands.Add(KeysCommand.Build());
        root.Subcommands.Add(LicenseCommand.Build());
        root.Subcommands.Add(RecordsCommand.Build());
        root.Subcommands.Add(DeviceCommand.Create());
        root.Subcommands.Add(ListCommands.CreateTrust());
        root.Subcommands.Add(ListCommands.CreateRevocations());
        RecordsDbCommands.Attach(root);
        RecordsReverifyCommand.Attach(root);
        root.Subcommands.Add(ReportCommand.Build());
        root.Subcommands.Add(StoreCommand.Build());
        root.Options.Add(KeyPassphrase.Option);
        return CliHost.Prepare(CliAliases.Apply(root), CliErrorRules.Map);
    }
}
