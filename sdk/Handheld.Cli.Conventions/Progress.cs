namespace Handheld.Cli.Conventions;

/// <summary>Progress of long work as plain lines on stderr, one per step of <c>stepPercent</c> (default 10 %), so it
/// shows in logs and when output is redirected: <c>progress: sync 30 % (300/1000 records)</c>.</summary>
public sealed class Progress(TextWriter error, string what, string unit, int stepPercent = 10)
{
    private int _lastReported = -1;

    /// <summary>Reports <paramref name="done"/> of <paramref name="total"/>; prints only when a new step is reached.</summary>
    public void Report(long done, long total)
    {
        if (total <= 0) return;
        int percent = (int)Math.Clamp(done * 100 / total, 0, 100);
        int step = percent / stepPercent * stepPercent;
        if (step <= _lastReported) return;
        _lastReported = step;
        error.WriteLine($"progress: {what} {step} % ({done}/{total} {unit})");
    }
}
