namespace Handheld.Docs.Tests;

public sealed class MarkdownBlocksTests
{
    [Fact]
    public void Extract_TaggedBlocks_KeepsTagLineAndText()
    {
        var b = MarkdownBlocks.Extract("a.md", "# t\n\n```sh\necho 1\necho 2\n```\ntext\n~~~text\nout\n~~~\n");
        Assert.Equal(2, b.Count);
        Assert.Equal(("sh", 3, "echo 1\necho 2", true), (b[0].Info, b[0].Line, b[0].Text, b[0].IsRunnable));
        Assert.Equal(("text", 8, "out", false), (b[1].Info, b[1].Line, b[1].Text, b[1].IsRunnable));
    }

    [Fact]
    public void Extract_LongerFence_InnerShorterFenceIsText()
    {
        var b = MarkdownBlocks.Extract("a.md", "````markdown\n```sh\nx\n```\n````\n");
        Assert.Single(b);
        Assert.False(b[0].IsRunnable);
        Assert.Equal("```sh\nx\n```", b[0].Text);
    }

    [Fact]
    public void Extract_UnclosedBlock_NamesFileAndLine()
    {
        var e = Assert.Throws<FormatException>(() => MarkdownBlocks.Extract("docs/x.md", "a\n```bash\necho\n"));
        Assert.Contains("docs/x.md:2", e.Message);
    }

    [Fact]
    public void Script_FailingBlock_IsNamedByItsMarker()
    {
        string dir = Path.Combine(Path.GetTempPath(), "handheld-docs-unit-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "d.md"), "```sh\nX=1\n```\n\n```bash\ntest \"$X\" = 1\nfalse\necho never\n```\n");
        var run = DocumentRun.Run("d.md", dir, null, TimeSpan.FromMinutes(1));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("d.md:5", run.LastBlock);
        Assert.DoesNotContain("never", run.Output);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Script_TestCommand_IsReportedNotRun()
    {
        string s = DocumentRun.Script(new[] { new FencedBlock("README.md", 1, "sh", "echo a\n" + DocumentRun.TestCommand) });
        Assert.DoesNotContain("\n" + DocumentRun.TestCommand + "\n", s);
        Assert.Contains("not run here", s);
    }
}
