using System.CommandLine;

namespace Handheld.Cli.Conventions;

/// <summary>
/// The options-vs-positionals rule of both CLIs (README.md here): the file or folder a command works on is a
/// positional argument; everything else — outputs, keys, databases, the device link, settings — is an option.
/// <see cref="Violations"/> walks a command tree and names each command that breaks it, for a test per CLI.
/// </summary>
public static class CommandTreeRule
{
    /// <summary>Option names that mean "the input this command works on": visible on no command; a command that
    /// took its input this way keeps the option only as a hidden alias of its argument (<see cref="MainInput"/>).</summary>
    public static readonly string[] MainInputOptionNames =
        ["--data", "--tbs", "--qr-file", "--scan", "--log", "--scenario", "--dir", "--spec", "--input", "--in", "--file"];

    /// <summary>One line per break of the rule ("handheld license issue: …"); empty when the tree follows it.</summary>
    /// <param name="exempt">Command path and option name pairs allowed to break it, each with its reason written
    /// where the command is built (e.g. <c>handheld report --qr-file</c>: attachments, its input is the database).</param>
    /// <param name="rootName">The tool's name as users type it (a RootCommand is named after the process).</param>
    public static IReadOnlyList<string> Violations(Command root, string rootName, IReadOnlyCollection<string>? exempt = null)
    {
        var found = new List<string>();
        Walk(root, rootName, exempt ?? [], found);
        return found;
    }

    private static void Walk(Command c, string path, IReadOnlyCollection<string> exempt, List<string> found)
    {
        if (c.Hidden) return;
        foreach (var o in c.Options)
        {
            if (o.Hidden) continue;
            foreach (string name in o.Aliases.Prepend(o.Name))
            {
                if (!MainInputOptionNames.Contains(name) || exempt.Contains(path + " " + name)) continue;
                found.Add($"{path}: {name} names the command's input: make it a positional argument (keep {name} hidden, MainInput)");
            }
        }
        foreach (var a in c.Arguments)
        {
            string n = a.Name.ToLowerInvariant();
            if (n is "out" or "output" || n.EndsWith("-out", StringComparison.Ordinal) || n.StartsWith("out-", StringComparison.Ordinal))
                found.Add($"{path}: argument {a.Name} is an output: outputs are options (--out)");
        }
        foreach (var s in c.Subcommands) Walk(s, path + " " + s.Name, exempt, found);
    }
}
