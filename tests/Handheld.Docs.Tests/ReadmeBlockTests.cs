namespace Handheld.Docs.Tests;

/// <summary>Every runnable block of every Markdown file runs verbatim; one case per file.</summary>
public sealed class ReadmeBlockTests : IClassFixture<InstalledTools>
{
    readonly InstalledTools _tools;

    public ReadmeBlockTests(InstalledTools tools) => _tools = tools;

    public static TheoryData<string> DocumentsWithCommands()
    {
        var data = new TheoryData<string>();
        foreach (string f in RepoCopy.MarkdownFiles())
        {
            var blocks = MarkdownBlocks.Extract(f, File.ReadAllText(Path.Combine(RepoCopy.Root, f)));
            if (blocks.Any(b => b.IsRunnable)) data.Add(f);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DocumentsWithCommands))]
    public void Blocks_RunVerbatim_Succeed(string file)
    {
        DocumentRun run;
        if (file == InstalledTools.RootReadme)
            run = _tools.RootRun;
        else
        {
            Assert.True(_tools.RootRun.ExitCode == 0, "the root README (which installs the tools) failed:\n" + _tools.RootRun.Describe());
            run = DocumentRun.Run(file, RepoCopy.MakeScratchCopy(Path.GetFileNameWithoutExtension(file)), _tools.ToolsDir, TimeSpan.FromMinutes(10));
        }
        Assert.True(run.ExitCode == 0, run.Describe());
        if (file != InstalledTools.RootReadme)
            try { Directory.Delete(run.WorkDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public void RootReadme_InstallsBothTools()
    {
        Assert.True(_tools.RootRun.ExitCode == 0, _tools.RootRun.Describe());
        Assert.True(File.Exists(Path.Combine(_tools.ToolsDir, "handheld")), "handheld not installed in " + _tools.ToolsDir);
        Assert.True(File.Exists(Path.Combine(_tools.ToolsDir, "handheld-sim")), "handheld-sim not installed in " + _tools.ToolsDir);
    }

    [Fact]
    public void RootReadme_TestCommand_IsWhatCiRuns()
    {
        var blocks = MarkdownBlocks.Extract(InstalledTools.RootReadme, File.ReadAllText(Path.Combine(RepoCopy.Root, InstalledTools.RootReadme)));
        Assert.Contains(blocks.Where(b => b.IsRunnable), b => b.Text.Split('\n').Any(l => l.Trim() == DocumentRun.TestCommand));
        string ci = File.ReadAllText(Path.Combine(RepoCopy.Root, ".ci", "run"));
        Assert.Contains(ci.Split('\n'), l => l.Trim().StartsWith(DocumentRun.TestCommand + " ", StringComparison.Ordinal) || l.Trim() == DocumentRun.TestCommand);
    }
}
