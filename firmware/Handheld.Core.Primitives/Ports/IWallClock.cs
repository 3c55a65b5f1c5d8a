namespace Handheld.Core.Ports
{
    /// <summary>
    /// Calendar time and how far it can be trusted. Validity dates are judged against this, so a clock
    /// that was never set must say so (fail closed) rather than report 1970 or the build date.
    /// </summary>
    public interface IWallClock
    {
        /// <summary>Reads the clock. Returns false, with <paramref name="unixSeconds"/> 0, when the clock is unset.</summary>
        /// <param name="unixSeconds">Seconds since 1970-01-01T00:00:00Z.</param>
        /// <param name="source">How the time was obtained (see <see cref="ClockSource"/>).</param>
        bool TryRead(out long unixSeconds, out ClockSource source);
    }

    /// <summary>Where the wall-clock time came from; recorded with every inspection.</summary>
    public enum ClockSource : byte
    {
        /// <summary>Never set since power-up, or lost: dates cannot be judged.</summary>
        Unset = 0,
        /// <summary>Kept by the RTC since the last synchronisation; may have drifted.</summary>
        Rtc = 1,
        /// <summary>Set over the authenticated BLE link from the paired app.</summary>
        AppSynced = 2,
        /// <summary>Set at the factory during provisioning.</summary>
        Factory = 3,
    }
}
