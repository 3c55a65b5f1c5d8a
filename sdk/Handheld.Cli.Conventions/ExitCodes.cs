namespace Handheld.Cli.Conventions;

/// <summary>The exit codes of <c>handheld</c> and <c>handheld-sim</c> (the same in both, listed in each --help).</summary>
public static class ExitCodes
{
    /// <summary>Success, or a positive result (licence valid, verdict as expected, log intact).</summary>
    public const int Success = 0;

    /// <summary>A negative result: licence not valid, verdict not as expected, a check found a problem.</summary>
    public const int Negative = 1;

    /// <summary>Usage or input error: bad option, unreadable or invalid file, bad field.</summary>
    public const int Input = 2;

    /// <summary>Environment failure: device or link unreachable or dropped, database unavailable, I/O error writing output.</summary>
    public const int Environment = 3;

    /// <summary>The sentence each root --help ends with.</summary>
    public const string HelpText =
        "Exit codes: 0 success or positive result; 1 negative result (licence not valid, verdict not as expected, a check found a problem); " +
        "2 usage or input error (bad option, unreadable or invalid file, bad field); 3 environment failure (device or link unreachable, " +
        "database unavailable, I/O error writing output). Errors are one line on stderr: 'error: <option or field>: <what is wrong>'.";
}
