namespace Handheld.Core.Ports
{
    /// <summary>
    /// Waits. Core never calls Thread.Sleep: the firmware sleeps, the simulator advances its virtual clock,
    /// so every wait is visible and deterministic in tests.
    /// </summary>
    public interface IDelay
    {
        void WaitMs(int milliseconds);
    }
}
