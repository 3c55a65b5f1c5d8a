using Handheld.Core.Inspection;

namespace Handheld.Core.Protocol
{
    /// <summary>
    /// An <see cref="IRecordSink"/> decorator for the inspection controller: stores the record through the
    /// real sink first, then pushes the live result to the paired app (event 0xE0). A result is announced only
    /// once it is durably recorded; with no authenticated link nothing is sent and the record waits for sync.
    /// </summary>
    public sealed class InspectionBroadcaster : IRecordSink
    {
        private readonly IRecordSink _inner;
        private readonly IRecordSource _log;
        private readonly LinkSession _session;

        public InspectionBroadcaster(IRecordSink inner, IRecordSource log, LinkSession session)
        {
            _inner = inner;
            _log = log;
            _session = session;
        }

        public bool Append(InspectionSummary summary)
        {
            if (!_inner.Append(summary)) return false;
            _session.PublishInspection(InspectionEvent.FromSummary(summary, _log.LastSequence));
            return true;
        }
    }
}
