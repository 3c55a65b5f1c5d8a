using System.CommandLine;

namespace Handheld.Cli;

/// <summary>Second names users type: British "licence" beside "license".</summary>
internal static class CliAliases
{
    public static RootCommand Apply(RootCommand root)
    {
        foreach (var c in root.Subcommands)
        {
            if (c.Name == "license" && !c.Aliases.Contains("licence")) c.Aliases.Add("licence");
        }
        return root;
    }
}
