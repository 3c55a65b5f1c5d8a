namespace Handheld.Core.Ports
{
    /// <summary>
    /// Milliseconds since an arbitrary start that never goes backwards (Environment.TickCount64 on the
    /// device, a virtual clock in the simulator). Used for timeouts and sample timing, never for dates.
    /// </summary>
    public interface IMonotonicClock
    {
        long NowMs { get; }
    }
}
