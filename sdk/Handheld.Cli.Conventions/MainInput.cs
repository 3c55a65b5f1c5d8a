using System.CommandLine;

namespace Handheld.Cli.Conventions;

/// <summary>
/// The file a command works on, given positionally (the options-vs-positionals rule, README "Inputs"), with the
/// option it used to be kept as a hidden alias so existing scripts keep working. Exactly one of the two must be
/// given; errors name the form the user typed.
/// </summary>
public sealed class MainInput
{
    private MainInput(Argument<string?> argument, Option<string?> legacy)
    {
        Argument = argument;
        Legacy = legacy;
    }

    public Argument<string?> Argument { get; }
    /// <summary>The older option form (hidden from help).</summary>
    public Option<string?> Legacy { get; }

    /// <summary>Adds argument <paramref name="name"/> and the hidden option <paramref name="legacyOption"/> to <paramref name="command"/>.</summary>
    public static MainInput AddTo(Command command, string name, string legacyOption, string description)
    {
        var argument = new Argument<string?>(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };
        var legacy = new Option<string?>(legacyOption) { Description = description + " (older form of the " + name + " argument)", Hidden = true };
        command.Arguments.Add(argument);
        command.Options.Add(legacy);
        var input = new MainInput(argument, legacy);
        command.Validators.Add(r =>
        {
            bool positional = r.GetValue(argument) != null, option = r.GetValue(legacy) != null;
            if (!positional && !option) r.AddError($"{name}: required ({description})");
            else if (positional && option) r.AddError($"{name}: given twice (as the argument and as {legacyOption})");
        });
        return input;
    }

    /// <summary>The path given (argument or legacy option).</summary>
    public string Value(ParseResult pr) => pr.GetValue(Argument) ?? pr.GetValue(Legacy)!;

    /// <summary>The name error messages use: the legacy option when that is what was typed, else the argument.</summary>
    public string Field(ParseResult pr) => pr.GetValue(Argument) != null ? Argument.Name : Legacy.Name;
}
