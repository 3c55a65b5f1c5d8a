using Handheld.Core.Ports;

namespace Handheld.Simulator.Timing;

/// <summary>
/// The simulator's only notion of time: a microsecond counter that moves only when something waits.
/// It is the monotonic clock and the delay port of the emulated device, so runs are deterministic and a
/// 3-second sweep takes as long as the computation, not 3 seconds.
/// </summary>
public sealed class VirtualClock : IMonotonicClock, IDelay
{
    public VirtualClock(long startUs = 0) => NowUs = startUs;

    /// <summary>Current virtual time in microseconds.</summary>
    public long NowUs { get; private set; }

    public long NowMs => NowUs / 1000;

    public void WaitMs(int milliseconds)
    {
        if (milliseconds > 0) Advance(milliseconds * 1000L);
    }

    /// <summary>Moves time forward (bus transfers and other emulated work cost time too).</summary>
    public void Advance(long microseconds)
    {
        if (microseconds < 0) throw new ArgumentOutOfRangeException(nameof(microseconds), "Time never goes backwards.");
        NowUs += microseconds;
    }
}
