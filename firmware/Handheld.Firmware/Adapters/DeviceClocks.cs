using System;
using System.Threading;
using Handheld.Core.Ports;
using nanoFramework.Runtime.Native;

namespace Handheld.Firmware.Adapters
{
    /// <summary>Monotonic milliseconds (Environment.TickCount64) and delays (Thread.Sleep).</summary>
    public sealed class DeviceMonotonicClock : IMonotonicClock, IDelay
    {
        public long NowMs { get { return Environment.TickCount64; } }

        public void WaitMs(int milliseconds) { if (milliseconds > 0) Thread.Sleep(milliseconds); }
    }

    /// <summary>
    /// The ESP32 RTC counter (DateTime.UtcNow, set with Rtc.SetSystemTime). This board has no battery-backed
    /// RTC: after a power cut the counter is meaningless, and Core's AuditedClock starts Unset (fail closed) until
    /// the paired app or the factory sets it; the source, the backward bound and the CLOCK_CHANGE records are
    /// kept there, not here. Drift of the 150 kHz RTC source (~±50 ppm) is why the app resynchronises on
    /// every connection.
    /// </summary>
    public sealed class DeviceRtc : IRtc
    {
        public long ReadUnix() { return DateTime.UtcNow.ToUnixTimeSeconds(); }

        public bool Write(long unixSeconds) { return Rtc.SetSystemTime(DateTime.FromUnixTimeSeconds(unixSeconds)); }
    }

    /// <summary>Hardware random bytes: on ESP32 System.Random calls esp_random() and ignores any seed
    /// (nf-interpreter targets/ESP32/_nanoCLR/targetRandom.cpp), which is what we want here.</summary>
    public sealed class HardwareRandom : IRandomSource
    {
        private readonly Random _random = new Random();
        private readonly byte[] _chunk = new byte[16];

        public void NextBytes(byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                _random.NextBytes(_chunk);
                int n = count < _chunk.Length ? count : _chunk.Length;
                Array.Copy(_chunk, 0, buffer, offset, n);
                offset += n; count -= n;
            }
        }
    }
}
