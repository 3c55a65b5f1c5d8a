namespace Handheld.Docs.Tests;

/// <summary>One fenced code block of a Markdown file: where it starts, its info string and its text.</summary>
/// <param name="File">Path relative to the repository root, with '/' separators.</param>
/// <param name="Line">1-based line of the opening fence.</param>
/// <param name="Info">The info string's first word, lower case ("sh", "text", "" for none).</param>
/// <param name="Text">The lines between the fences, joined with '\n'.</param>
public sealed record FencedBlock(string File, int Line, string Info, string Text)
{
    /// <summary>Blocks tagged sh, bash or shell are commands that must run verbatim; every other tag is shown only.</summary>
    public bool IsRunnable => Info is "sh" or "bash" or "shell";

    public string Where => File + ":" + Line;
}
