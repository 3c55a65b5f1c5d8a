using System.Diagnostics;
using System.Text;

namespace Handheld.Docs.Tests;

/// <summary>
/// Runs one Markdown file's runnable blocks, in file order, as one bash script (so a variable, a background job or a
/// file one block makes is there for the next; each block starts in the repository root) with <c>set -euo pipefail</c>, in a scratch copy of the repository. Before each
/// block the script prints a marker line, so a failure names the block (file:line) it happened in. Background jobs
/// a block starts are killed when the script ends.
/// </summary>
public sealed class DocumentRun
{
    /// <summary>The README's test command: it is this very test run, so it is checked against .ci/run, not run.</summary>
    public const string TestCommand = "dotnet test Handheld.Host.slnf";

    public const string BlockMarker = "@@block ";

    public required string File { get; init; }
    public required int ExitCode { get; init; }
    public required string Output { get; init; }
    public required string WorkDir { get; init; }

    /// <summary>The block that was running when the script stopped (the last marker printed).</summary>
    public string LastBlock =>
        Output.Split('\n').LastOrDefault(l => l.StartsWith(BlockMarker, StringComparison.Ordinal))?.Substring(BlockMarker.Length).Trim() ?? "(before the first block)";

    public static string Script(IEnumerable<FencedBlock> blocks)
    {
        var sb = new StringBuilder();
        sb.Append("set -euo pipefail\n");
        sb.Append("trap 'jobs -p | xargs -r kill 2>/dev/null || true' EXIT\n");
        sb.Append("HANDHELD_DOC_ROOT=\"$PWD\"\n");
        foreach (var b in blocks.Where(b => b.IsRunnable))
        {
            sb.Append("echo '").Append(BlockMarker).Append(b.Where).Append("' >&2\n");
            sb.Append("cd \"$HANDHELD_DOC_ROOT\"\n"); // every block starts at the repository root, as a reader would
            foreach (string line in b.Text.Split('\n'))
            {
                if (line.Trim() == TestCommand)
                    sb.Append("echo '(").Append(TestCommand).Append(": not run here, it is the test run itself; .ci/run runs it)' >&2\n");
                else
                    sb.Append(line).Append('\n');
            }
        }
        return sb.ToString();
    }

    public static DocumentRun Run(string file, string workDir, string? toolsDir, TimeSpan timeout)
    {
        string md = System.IO.File.ReadAllText(Path.Combine(workDir, file));
        string script = Script(MarkdownBlocks.Extract(file, md));
        string scriptPath = Path.Combine(workDir, ".readme-run.sh");
        System.IO.File.WriteAllText(scriptPath, script);

        var psi = new ProcessStartInfo("bash", scriptPath)
        {
            WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        if (toolsDir != null) psi.Environment["PATH"] = toolsDir + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        var output = new StringBuilder();
        using var p = new Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.Append(e.Data).Append('\n'); };
        p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.Append(e.Data).Append('\n'); };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        bool exited = p.WaitForExit(timeout);
        if (!exited) p.Kill(entireProcessTree: true);
        p.WaitForExit();
        string text;
        lock (output) text = output.ToString();
        return new DocumentRun
        {
            File = file, WorkDir = workDir, ExitCode = exited ? p.ExitCode : -1,
            Output = exited ? text : text + $"\n(timed out after {timeout.TotalMinutes:0} min)\n",
        };
    }

    /// <summary>What a failing run prints: the document, the block, the exit code and the output's last lines.</summary>
    public string Describe()
    {
        var tail = Output.Split('\n').TakeLast(40);
        return $"{File}: block {LastBlock} failed with exit {ExitCode} (scratch copy kept at {WorkDir})\n" + string.Join("\n", tail);
    }
}
