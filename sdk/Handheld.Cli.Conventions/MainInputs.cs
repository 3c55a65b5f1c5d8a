using System.CommandLine;

namespace Handheld.Cli.Conventions;

/// <summary>
/// As <see cref="MainInput"/> for a command that works on several files of one kind (e.g. the four track scans of
/// <c>license register-fibres</c>): the files positionally, or the older option repeated (hidden from help). One of
/// the two forms must be given; the command checks how many files it accepts; errors name the form the user typed.
/// </summary>
public sealed class MainInputs
{
    private MainInputs(Argument<string[]> argument, Option<string[]> legacy)
    {
        Argument = argument;
        Legacy = legacy;
    }

    public Argument<string[]> Argument { get; }
    /// <summary>The older option form (hidden from help), repeatable.</summary>
    public Option<string[]> Legacy { get; }

    /// <summary>Adds argument <paramref name="name"/> (up to <paramref name="most"/> values) and the hidden, repeatable
    /// option <paramref name="legacyOption"/> to <paramref name="command"/>.</summary>
    public static MainInputs AddTo(Command command, string name, string legacyOption, string description, int most)
    {
        var argument = new Argument<string[]>(name) { Description = description, Arity = new ArgumentArity(0, most) };
        var legacy = new Option<string[]>(legacyOption)
        {
            Description = description + " (older form of the " + name + " argument; repeatable)", Hidden = true, AllowMultipleArgumentsPerToken = true,
        };
        command.Arguments.Add(argument);
        command.Options.Add(legacy);
        command.Validators.Add(r =>
        {
            bool positional = r.GetValue(argument) is { Length: > 0 }, option = r.GetValue(legacy) is { Length: > 0 };
            if (!positional && !option) r.AddError($"{name}: required ({description})");
            else if (positional && option) r.AddError($"{name}: given twice (as the argument and as {legacyOption})");
        });
        return new MainInputs(argument, legacy);
    }

    /// <summary>The paths given (arguments or legacy options), in the order typed.</summary>
    public IReadOnlyList<string> Values(ParseResult pr) => pr.GetValue(Argument) is { Length: > 0 } a ? a : pr.GetValue(Legacy) ?? [];

    /// <summary>The name error messages use: the legacy option when that is what was typed, else the argument.</summary>
    public string Field(ParseResult pr) => pr.GetValue(Argument) is { Length: > 0 } ? Argument.Name : Legacy.Name;
}
