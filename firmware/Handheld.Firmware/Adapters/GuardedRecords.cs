using System.Threading;
using Handheld.Core.Inspection;
using Handheld.Core.Protocol;

namespace Handheld.Firmware.Adapters
{
    /// <summary>
    /// The record log is appended on the main thread and read/released by BLE sync on the BLE event thread;
    /// RecordLog is not thread-safe, so every call goes through one gate (Program's data gate).
    /// </summary>
    public sealed class GuardedRecordSink : IRecordSink
    {
        private readonly IRecordSink _inner;
        private readonly object _gate;

        public GuardedRecordSink(IRecordSink inner, object gate) { _inner = inner; _gate = gate; }

        public bool Append(InspectionSummary summary)
        {
            Monitor.Enter(_gate);
            try { return _inner.Append(summary); }
            finally { Monitor.Exit(_gate); }
        }
    }
}
