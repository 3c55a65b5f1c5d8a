using System;
using Handheld.Core.Ports;

namespace Handheld.Firmware
{
    /// <summary>
    /// Logs each phase's time and the managed heap left after it, so the first hardware run measures what the IL
    /// counts of docs/device-budget.md predict (time per phase at the device's real IL rate, heap in use). One line
    /// per phase: <c>[boot] lists: 412 ms, free heap 31,204 B</c>. The free figure comes from
    /// nanoFramework.Runtime.Native.GC.Run(false), which collects first, so it is the live heap, not garbage.
    /// </summary>
    public sealed class PhaseLog
    {
        private readonly IMonotonicClock _clock;
        private readonly string _prefix;
        private long _since;
        private uint _lowestFree = uint.MaxValue;

        public PhaseLog(IMonotonicClock clock, string prefix)
        {
            _clock = clock;
            _prefix = prefix;
            _since = clock.NowMs;
        }

        /// <summary>Lowest free heap seen at any mark (peak use = free at start − this).</summary>
        public uint LowestFree { get { return _lowestFree; } }

        /// <summary>Restarts the phase timer without logging (e.g. when an inspection begins).</summary>
        public void Restart()
        {
            _since = _clock.NowMs;
        }

        /// <summary>Ends the current phase: logs its name, duration and the free heap; the next phase starts now.</summary>
        public uint Mark(string phase)
        {
            long now = _clock.NowMs;
            uint free = nanoFramework.Runtime.Native.GC.Run(false);
            if (free < _lowestFree) _lowestFree = free;
            Console.WriteLine("[" + _prefix + "] " + phase + ": " + (now - _since).ToString() + " ms, free heap "
                + free.ToString() + " B");
            // The collection and the console line are not part of the next phase.
            _since = _clock.NowMs;
            return free;
        }
    }
}
