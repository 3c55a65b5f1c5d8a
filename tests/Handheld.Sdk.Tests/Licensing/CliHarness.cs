using System.CommandLine;

namespace Handheld.Sdk.Tests.Licensing;

/// <summary>Runs the <c>handheld</c> command tree in-process in a scratch directory.</summary>
internal sealed class CliHarness : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("handheld-cli-").FullName;

    public static readonly string RepoRoot = FindRoot();

    public string Path(string name) => System.IO.Path.Combine(Dir, name);

    public (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Handheld.Cli.Program.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(Dir, true);

    private static string FindRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(System.IO.Path.Combine(d.FullName, "docs", "licence-format.md")))
        {
            d = d.Parent;
        }
        return d?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
