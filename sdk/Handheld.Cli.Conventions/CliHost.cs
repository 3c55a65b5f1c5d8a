using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Handheld.Cli.Conventions;

/// <summary>The invocation wrapper both tools use: every command's action is guarded (an escaping exception becomes
/// one <c>error:</c> line and exit 2 or 3, never a stack trace), parse errors exit 2 (not System.CommandLine's 1,
/// which would read as "licence not valid"), and the root --help lists the exit codes.</summary>
public static class CliHost
{
    /// <summary>Guards every action under <paramref name="root"/> and documents the exit codes in its description.
    /// <paramref name="extra"/> maps a tool's own exception types first. Returns <paramref name="root"/>.</summary>
    public static RootCommand Prepare(RootCommand root, Func<Exception, ParseResult?, CliError?>? extra = null)
    {
        if (!root.Description!.Contains(ExitCodes.HelpText, StringComparison.Ordinal))
            root.Description = root.Description + " " + ExitCodes.HelpText;
        Guard(root, extra);
        return root;
    }

    /// <summary>Parses and runs: what <c>Main</c> does. Parse errors print one line and exit <see cref="ExitCodes.Input"/>.</summary>
    public static int Run(RootCommand root, string[] args, InvocationConfiguration? configuration = null)
    {
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction && parse.Errors.Count > 0)
        {
            var error = configuration?.Error ?? Console.Error;
            error.WriteLine(ParseErrorLine.Describe(parse));
            return ExitCodes.Input;
        }
        return parse.Invoke(configuration ?? new InvocationConfiguration());
    }

    private static void Guard(Command command, Func<Exception, ParseResult?, CliError?>? extra)
    {
        command.Action = command.Action switch
        {
            SynchronousCommandLineAction s and not GuardedAction => new GuardedAction(s, extra),
            AsynchronousCommandLineAction a and not GuardedAsyncAction => new GuardedAsyncAction(a, extra),
            var other => other,
        };
        foreach (var sub in command.Subcommands) Guard(sub, extra);
    }

    internal static int Report(ParseResult parse, Exception e, Func<Exception, ParseResult?, CliError?>? extra)
    {
        var error = CliErrors.Describe(e, parse, extra);
        parse.InvocationConfiguration.Error.WriteLine(error.ToString());
        return error.ExitCode;
    }

    private sealed class GuardedAction(SynchronousCommandLineAction inner, Func<Exception, ParseResult?, CliError?>? extra)
        : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            try { return inner.Invoke(parseResult); }
            catch (Exception e) { return Report(parseResult, e, extra); }
        }
    }

    private sealed class GuardedAsyncAction(AsynchronousCommandLineAction inner, Func<Exception, ParseResult?, CliError?>? extra)
        : AsynchronousCommandLineAction
    {
        public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
        {
            try { return await inner.InvokeAsync(parseResult, cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { throw; }
            catch (Exception e) { return Report(parseResult, e, extra); }
        }
    }
}
