using System.Diagnostics;

namespace Handheld.Docs.Tests;

/// <summary>
/// The repository (the folder holding Handheld.sln) and scratch copies of it: the files a clean clone holds —
/// git's tracked and untracked-but-not-ignored files when git is there, else every file outside build output.
/// </summary>
public static class RepoCopy
{
    public static string Root { get; } = FindRoot();

    static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Handheld.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Handheld.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Every Markdown file of the repository, relative to the root with '/' separators, sorted.</summary>
    public static IReadOnlyList<string> MarkdownFiles() =>
        Files().Where(f => f.EndsWith(".md", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal).ToList();

    /// <summary>Copies the repository's files into a new folder under the system temp folder and returns it.</summary>
    public static string MakeScratchCopy(string label)
    {
        string dest = Path.Combine(Path.GetTempPath(), "handheld-docs-" + label + "-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (string rel in Files())
        {
            string from = Path.Combine(Root, rel);
            if (!File.Exists(from)) continue; // deleted in the working tree but still in git's index
            string to = Path.Combine(dest, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(to, File.GetUnixFileMode(from));
        }
        return dest;
    }

    static IReadOnlyList<string> Files()
    {
        var git = GitFiles();
        if (git != null) return git;
        var skip = new[] { "/bin/", "/obj/", "/.git/", "/artifacts/", "/.tools/", "/TestResults/" };
        return Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !skip.Any(s => ("/" + f).Contains(s, StringComparison.Ordinal)))
            .ToList();
    }

    static List<string>? GitFiles()
    {
        if (!Directory.Exists(Path.Combine(Root, ".git")) && !File.Exists(Path.Combine(Root, ".git"))) return null;
        try
        {
            var psi = new ProcessStartInfo("git", "ls-files -z --cached --others --exclude-standard")
            {
                WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            using var p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) return null;
            return output.Split('\0', StringSplitOptions.RemoveEmptyEntries).ToList();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine: fall back to walking the folder
        }
    }
}
