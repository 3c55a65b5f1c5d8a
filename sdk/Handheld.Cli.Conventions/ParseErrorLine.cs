using System.CommandLine;
using System.CommandLine.Parsing;

namespace Handheld.Cli.Conventions;

/// <summary>
/// The one line a parse error prints: <c>error: FIELD: MESSAGE (see 'COMMAND --help')</c>. FIELD names what the
/// user must change — the mistyped token, the missing option or argument, or <c>command</c> when a subcommand is
/// missing — so a script or an inspector's helpdesk can act on it without reading System.CommandLine's wording.
/// Only when nothing names a field is it <c>usage</c>.
/// </summary>
public static class ParseErrorLine
{
    public static string Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        string field;
        string message;
        string? unknownOption = UnknownOption(parse);
        var symbolError = parse.Errors.FirstOrDefault(e => e.SymbolResult is OptionResult or ArgumentResult);
        if (symbolError is not null && unknownOption is null)
        {
            // A value the option or argument refused ("--report-only=maybe"): System.CommandLine also lists the
            // refused token as unmatched, but the option is what the user must change.
            field = symbolError.SymbolResult is OptionResult o ? o.Option.Name : ((ArgumentResult)symbolError.SymbolResult!).Argument.Name;
            message = CliErrors.OneLine(symbolError.Message);
        }
        else if (unknownOption is not null)
        {
            field = unknownOption;
            message = "unknown option" + Suggestion(command, unknownOption);
        }
        else if (parse.UnmatchedTokens.Count > 0)
        {
            string token = parse.UnmatchedTokens[0];
            string? refusedBy = OptionBefore(parse, command, token);
            field = refusedBy ?? token;
            message = refusedBy is not null ? "'" + token + "' is not a value it takes"
                : (token.StartsWith('-') ? "unknown option" : "unexpected argument") + Suggestion(command, token);
        }
        else if (MissingSubcommand(parse, command))
        {
            field = "command";
            message = "missing; one of: " + string.Join(", ", command.Subcommands.Where(s => !s.Hidden).Select(s => s.Name));
        }
        else
        {
            var first = parse.Errors[0];
            message = string.Join(" ", parse.Errors.Select(e => CliErrors.OneLine(e.Message)));
            string? prefixed = NamedByMessage(command, first.Message);
            if (prefixed is not null) message = message.Substring(prefixed.Length + 2);
            field = first.SymbolResult switch
            {
                OptionResult o => o.Option.Name,
                ArgumentResult a => a.Argument.Name,
                _ => prefixed ?? MissingSymbol(parse, command) ?? "usage",
            };
        }
        return "error: " + field + ": " + message + " (see '" + string.Join(" ", CommandPath(parse.CommandResult)) + " --help')";
    }

    // A token that looks like an option but matched none: System.CommandLine hands it to a positional argument
    // (or leaves it unmatched), so "--dta" would otherwise surface as a wrong file name or a stray "x".
    private static string? UnknownOption(ParseResult parse)
    {
        foreach (var t in parse.Tokens)
        {
            if (t.Type == TokenType.Argument && t.Value.StartsWith("--", StringComparison.Ordinal) && t.Value.Length > 2)
                return t.Value;
        }
        return null;
    }

    // "--report-only=maybe" or "--report-only maybe": a flag that refused the value after it leaves the value
    // unmatched; the flag is what to change.
    private static string? OptionBefore(ParseResult parse, Command command, string unmatched)
    {
        for (int i = 1; i < parse.Tokens.Count; i++)
        {
            if (parse.Tokens[i].Value != unmatched || parse.Tokens[i - 1].Type != TokenType.Option) continue;
            string name = parse.Tokens[i - 1].Value;
            var option = command.Options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name));
            if (option is not null) return option.Name;
        }
        return null;
    }

    // Command validators of this project (MainInput) write "NAME: what is wrong" for a symbol of the command.
    private static string? NamedByMessage(Command command, string message)
    {
        foreach (var a in command.Arguments)
        {
            if (message.StartsWith(a.Name + ": ", StringComparison.Ordinal)) return a.Name;
        }
        return null;
    }

    private static bool MissingSubcommand(ParseResult parse, Command command) =>
        command.Subcommands.Count > 0 && command.Action is null && parse.Errors.Count > 0;

    // A required argument or option that was not given: the errors of System.CommandLine sit on the command then.
    private static string? MissingSymbol(ParseResult parse, Command command)
    {
        foreach (var a in command.Arguments)
        {
            if (!a.Hidden && a.Arity.MinimumNumberOfValues > 0 && parse.GetResult(a) is null) return a.Name;
        }
        foreach (var o in command.Options)
        {
            if (o.Required && parse.GetResult(o) is null) return o.Name;
        }
        return null;
    }

    // The option name (or alias) is closest to the mistyped token (edit distance ≤ 2), as a hint.
    private static string Suggestion(Command command, string token)
    {
        string? best = null;
        int bestDistance = 3;
        foreach (var o in command.Options)
        {
            foreach (string name in o.Aliases.Prepend(o.Name))
            {
                int d = EditDistance(token, name);
                if (d < bestDistance) { bestDistance = d; best = name; }
            }
        }
        return best is null ? "" : " (did you mean " + best + "?)";
    }

    private static int EditDistance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) row[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    private static IEnumerable<string> CommandPath(CommandResult? r)
    {
        var names = new Stack<string>();
        for (SymbolResult? s = r; s != null; s = s.Parent)
        {
            if (s is CommandResult c) names.Push(c.Command.Name);
        }
        return names;
    }
}
