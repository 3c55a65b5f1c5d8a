namespace Handheld.Docs.Tests;

/// <summary>
/// Extracts fenced code blocks (CommonMark: a line of at least three backticks or tildes opens a block, the same
/// character repeated at least as often closes it) from Markdown text. An unterminated block is an error, not a
/// block silently dropped or run to the end of the file.
/// </summary>
public static class MarkdownBlocks
{
    public static IReadOnlyList<FencedBlock> Extract(string file, string markdown)
    {
        var blocks = new List<FencedBlock>();
        string[] lines = markdown.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string open = lines[i].TrimStart(' ');
            if (lines[i].Length - open.Length > 3) continue; // four spaces: an indented code line, not a fence
            int fence = FenceLength(open);
            if (fence == 0) continue;
            char fenceChar = open[0];
            string info = open.Substring(fence).Trim();
            if (fenceChar == '`' && info.Contains('`')) continue; // inline code span, not a fence
            string tag = info.Split(' ', '{', ',')[0].ToLowerInvariant();
            int start = i;
            var body = new List<string>();
            bool closed = false;
            for (i++; i < lines.Length; i++)
            {
                string close = lines[i].Trim();
                if (close.Length >= fence && close.All(c => c == fenceChar)) { closed = true; break; }
                body.Add(lines[i]);
            }
            if (!closed)
                throw new FormatException($"{file}:{start + 1}: code block opened here is never closed");
            blocks.Add(new FencedBlock(file, start + 1, tag, string.Join("\n", body)));
        }
        return blocks;
    }

    static int FenceLength(string line)
    {
        if (line.Length < 3 || (line[0] != '`' && line[0] != '~')) return 0;
        int n = 0;
        while (n < line.Length && line[n] == line[0]) n++;
        return n >= 3 ? n : 0;
    }
}
