using System.Threading;
using Handheld.Core.Inspection;
using Handheld.Core.Ports;

namespace Handheld.Firmware.Adapters
{
    /// <summary>
    /// Runs a digital check's signature work on a worker thread so the main loop keeps sampling the sweep
    /// on time (the interpreter time-slices threads every 20 ms). Begin (payload decode) stays on the caller's
    /// thread; Step only reports whether the worker finished. One worker thread lives for the whole run and
    /// waits on an event between inspections (no thread created per inspection).
    /// </summary>
    public sealed class ThreadedDigitalCheck : IDigitalCheck
    {
        private readonly IDigitalCheck _inner;
        private readonly IMonotonicClock _clock;
        private readonly AutoResetEvent _go = new AutoResetEvent(false);
        // Plain fields: mscorlib 1.17 has no IsVolatile (the `volatile` modifier does not compile for the
        // device), and the interpreter reads fields from the heap on every access, so no value is cached.
        private bool _running;
        private bool _done;
        private bool _aborted;
        private bool _busy;

        private readonly object _gate;

        /// <param name="gate">Held for the whole check on the worker (Monitor), so the trust store and the
        /// revocation index are never reloaded by a BLE list update in the middle of a verification.</param>
        public ThreadedDigitalCheck(IDigitalCheck inner, IMonotonicClock clock, object gate)
        {
            _inner = inner;
            _clock = clock;
            _gate = gate;
            Thread worker = new Thread(Work);
            worker.Start();
        }

        public void Begin(byte[] qrText, int qrLength, long unixSeconds, ClockSource clockSource, DigitalResult result)
        {
            // An aborted check may still be finishing its current slice on the worker: wait for it, so the
            // inner check is never used by two threads at once.
            while (_busy) Thread.Sleep(5);
            _done = false;
            _aborted = false;
            _inner.Begin(qrText, qrLength, unixSeconds, clockSource, result);
            _running = true;
            _go.Set();
        }

        public bool Step(long nowMs) { return _done; }

        public void Abort()
        {
            // Only flag it: the worker finishes its current slice, then aborts the inner check on its own thread.
            _aborted = true;
        }

        private void Work()
        {
            while (true)
            {
                _go.WaitOne();
                _busy = true;
                Monitor.Enter(_gate);
                try
                {
                    while (_running && !_aborted)
                    {
                        if (_inner.Step(_clock.NowMs)) { _running = false; _done = true; }
                    }
                    if (_aborted) _inner.Abort();
                }
                finally
                {
                    Monitor.Exit(_gate);
                }
                _running = false;
                _busy = false;
            }
        }
    }
}
