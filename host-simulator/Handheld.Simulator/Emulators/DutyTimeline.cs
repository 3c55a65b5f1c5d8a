using Handheld.Simulator.Timing;

namespace Handheld.Simulator.Emulators;

/// <summary>
/// The PWM duty of an LED driver over virtual time: every change is recorded, so a scene can ask for the duty at an
/// instant or averaged over an integration window (PWM at 20 kHz is far faster than any integration).
/// </summary>
public sealed class DutyTimeline
{
    private readonly VirtualClock _clock;
    private readonly List<long> _timesUs = new() { 0 };
    private readonly List<int> _duties = new() { 0 };

    public DutyTimeline(VirtualClock clock) => _clock = clock;

    /// <summary>Duty most recently set, permille.</summary>
    public int DutyPermille => _duties[^1];

    /// <summary>Number of duty changes recorded (including the initial off state).</summary>
    public int ChangeCount => _duties.Count;

    public void Set(int dutyPermille)
    {
        int d = Math.Clamp(dutyPermille, 0, 1000);
        if (d == _duties[^1]) return;
        long now = _clock.NowUs;
        if (_timesUs[^1] == now) { _duties[^1] = d; return; }
        _timesUs.Add(now);
        _duties.Add(d);
    }

    /// <summary>Duty set at <paramref name="timeUs"/>, permille.</summary>
    public int DutyAt(long timeUs) => _duties[IndexAt(timeUs)];

    /// <summary>Mean duty over [start, end) as a fraction 0–1.</summary>
    public double AverageDuty(long startUs, long endUs)
    {
        if (endUs <= startUs) return DutyAt(startUs) / 1000.0;
        double acc = 0;
        for (int i = IndexAt(startUs); i < _timesUs.Count && _timesUs[i] < endUs; i++)
        {
            long a = Math.Max(startUs, _timesUs[i]);
            long b = i + 1 < _timesUs.Count ? Math.Min(endUs, _timesUs[i + 1]) : endUs;
            if (b > a) acc += (b - a) * (_duties[i] / 1000.0);
        }
        return acc / (endUs - startUs);
    }

    /// <summary>Time the duty was above zero within [start, end), µs.</summary>
    public long OnTime(long startUs, long endUs)
    {
        long acc = 0;
        for (int i = IndexAt(startUs); i < _timesUs.Count && _timesUs[i] < endUs; i++)
        {
            if (_duties[i] == 0) continue;
            long a = Math.Max(startUs, _timesUs[i]);
            long b = i + 1 < _timesUs.Count ? Math.Min(endUs, _timesUs[i + 1]) : endUs;
            if (b > a) acc += b - a;
        }
        return acc;
    }

    /// <summary>Longest continuous on period so far (an open one counts up to now), µs.</summary>
    public long LongestOnUs()
    {
        long best = 0;
        long? since = null;
        for (int i = 0; i < _timesUs.Count; i++)
        {
            if (_duties[i] > 0 && since is null) since = _timesUs[i];
            if (_duties[i] == 0 && since is long s) { best = Math.Max(best, _timesUs[i] - s); since = null; }
        }
        if (since is long open) best = Math.Max(best, _clock.NowUs - open);
        return best;
    }

    private int IndexAt(long timeUs)
    {
        int idx = _timesUs.BinarySearch(timeUs);
        if (idx < 0) idx = ~idx - 1;
        return Math.Max(0, idx);
    }
}
