namespace Handheld.Core.Ports
{
    /// <summary>
    /// The calendar counter alone (the ESP32 RTC, a simulator field): it neither knows who set it nor whether it
    /// is right. Where the time came from, the backward bound and the audit record are kept above it
    /// (Records.AuditedClock), so the same rules run on the device, in the simulator and in tests.
    /// </summary>
    public interface IRtc
    {
        /// <summary>Current counter value in Unix seconds (meaningless until written since power-up).</summary>
        long ReadUnix();

        /// <summary>Sets the counter; false when the hardware refused.</summary>
        bool Write(long unixSeconds);
    }
}
