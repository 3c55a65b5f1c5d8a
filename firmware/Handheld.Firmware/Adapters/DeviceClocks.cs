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
    /// Wall clock over the ESP32 RTC (DateTime.UtcNow, set with Rtc.SetSystemTime). The ESP32 has no
    /// battery-backed RTC on this board: after a power cut the time is lost, so the source starts Unset
    /// (fail closed: dates cannot be judged) until the paired app or the factory sets it. A time set by the
    /// app is reported as AppSynced for 24 h, then as Rtc (drifting: ~±50 ppm of the 150 kHz RTC source is
    /// worse than a crystal, so the app resynchronises on every connection).
    /// </summary>
    public sealed class DeviceWallClock : IWallClock
    {
        private const long AppSyncFreshMs = 24L * 3600 * 1000;
        private ClockSource _source = ClockSource.Unset;
        private long _setAtTickMs;

        public bool TryRead(out long unixSeconds, out ClockSource source)
        {
            if (_source == ClockSource.Unset) { unixSeconds = 0; source = ClockSource.Unset; return false; }
            unixSeconds = DateTime.UtcNow.ToUnixTimeSeconds();
            source = _source;
            if (source == ClockSource.AppSynced && Environment.TickCount64 - _setAtTickMs > AppSyncFreshMs) source = ClockSource.Rtc;
            return true;
        }

        /// <summary>Sets the time (from the authenticated BLE link or factory provisioning).</summary>
        public bool Set(long unixSeconds, ClockSource source)
        {
            if (source == ClockSource.Unset) { _source = ClockSource.Unset; return true; }
            if (!Rtc.SetSystemTime(DateTime.FromUnixTimeSeconds(unixSeconds))) return false;
            _source = source;
            _setAtTickMs = Environment.TickCount64;
            return true;
        }

        /// <summary>Forgets the time (e.g. brown-out detected); dates become unverifiable.</summary>
        public void Invalidate() { _source = ClockSource.Unset; }
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
