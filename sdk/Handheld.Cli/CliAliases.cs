using System.CommandLine;

namespace Handheld.Cli;

/// <summary>Second names users type, so one name means one thing across every command: British "licence" beside
/// "license"; <c>--private-key</c> wherever a private key file is read (<c>--key</c>); <c>--public-key</c> for the
/// signer's public key (<c>license tbs --pub</c>); <c>--root-public-key</c> for the root key (<c>license verify
/// --root</c>, the name <c>handheld-sim serve</c> uses). The short historical names stay, so scripts keep working.</summary>
internal static class CliAliases
{
    private static readonly (string Name, string Alias)[] OptionAliases =
    {
        ("--key", "--private-key"),
        ("--pub", "--public-key"),
        ("--root", "--root-public-key"),
    };

    public static RootCommand Apply(RootCommand root)
    {
        foreach (var c in root.Subcommands)
        {
            if (c.Name == "license" && !c.Aliases.Contains("licence")) c.Aliases.Add("licence");
        }
        AddOptionAliases(root);
        return root;
    }

    private static void AddOptionAliases(Command command)
    {
        foreach (var option in command.Options)
        {
            foreach (var (name, alias) in OptionAliases)
            {
                // Only where the command has no option of that name already (an alias must never shadow one).
                if (option.Name == name && !option.Aliases.Contains(alias) && !command.Options.Any(o => o.Name == alias || o.Aliases.Contains(alias)))
                    option.Aliases.Add(alias);
            }
        }
        foreach (var sub in command.Subcommands) AddOptionAliases(sub);
    }
}
