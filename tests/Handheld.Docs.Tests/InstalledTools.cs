namespace Handheld.Docs.Tests;

/// <summary>
/// The root README run once in a scratch copy: its blocks pack the repository into artifacts/packages and install
/// `handheld` and `handheld-sim` from those nupkgs into the copy's .tools folder. Every other document then runs
/// with that folder on PATH, as a user who followed the README has the tools.
/// </summary>
public sealed class InstalledTools : IDisposable
{
    public const string RootReadme = "README.md";

    public DocumentRun RootRun { get; }
    public string ToolsDir { get; }

    public InstalledTools()
    {
        string copy = RepoCopy.MakeScratchCopy("root");
        RootRun = DocumentRun.Run(RootReadme, copy, null, TimeSpan.FromMinutes(20));
        ToolsDir = Path.Combine(copy, ".tools");
    }

    public void Dispose()
    {
        if (RootRun.ExitCode == 0)
            try { Directory.Delete(RootRun.WorkDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
