using Handheld.Core.Ports;

namespace Handheld.Core.Drivers
{
    /// <summary>
    /// The bounded status-register wait of the colour-sensor drivers (TCS34725 AVALID, AS7341 AVALID and SMUX
    /// completion): read one register every millisecond until the masked bits equal the wanted value, giving up
    /// after a budget of waits. Uses the driver's own transfer buffers, so it allocates nothing.
    /// </summary>
    internal static class StatusPoll
    {
        /// <summary>Waits allowed beyond the expected conversion time (oscillator tolerance and bus latency).</summary>
        internal const int DataMarginMs = 10;

        /// <summary>Sleeps the expected conversion time, then polls for the data-valid bit for at most
        /// <paramref name="expectedMs"/> + <see cref="DataMarginMs"/> more milliseconds.</summary>
        /// <param name="command">The byte the chip wants written to address the status register.</param>
        internal static SensorStatus WaitForData(IRegisterBus bus, IDelay delay, byte[] write, byte[] read, byte command,
            byte validMask, int expectedMs)
        {
            delay.WaitMs(expectedMs);
            return Until(bus, delay, write, read, command, validMask, validMask, expectedMs + DataMarginMs);
        }

        /// <summary>Polls until (register &amp; <paramref name="mask"/>) == <paramref name="wanted"/>: Ok, BusError on a
        /// failed transfer, DataTimeout after <paramref name="maxWaits"/> one-millisecond waits.</summary>
        internal static SensorStatus Until(IRegisterBus bus, IDelay delay, byte[] write, byte[] read, byte command,
            byte mask, byte wanted, int maxWaits)
        {
            for (int waited = 0; ; waited++)
            {
                write[0] = command;
                if (!bus.WriteRead(write, 1, read, 1)) return SensorStatus.BusError;
                if ((read[0] & mask) == wanted) return SensorStatus.Ok;
                if (waited >= maxWaits) return SensorStatus.DataTimeout;
                delay.WaitMs(1);
            }
        }
    }
}
