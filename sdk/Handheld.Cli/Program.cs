using System.CommandLine;

namespace Handheld.Cli;

/// <summary>Entry point of the <c>handheld</c> tool for issuers, manufacturers and integrators.</summary>
public static class Program
{
    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();

    /// <summary>The command tree; tests invoke it in-process.</summary>
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
        return root;
    }
}
