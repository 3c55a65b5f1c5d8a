using Handheld.Core.Records;

namespace Handheld.Core.Protocol
{
    /// <summary>The sync protocol's <see cref="IRecordSource"/> over the real <see cref="RecordLog"/>. The
    /// handler checks the commit hash (SHA-256 of the record = the log's chain hash) before MarkSynced.</summary>
    public sealed class RecordLogSource : IRecordSource
    {
        private readonly RecordLog _log;
        private readonly long _capacity;

        public RecordLogSource(RecordLog log, long capacityBytes)
        {
            _log = log;
            _capacity = capacityBytes;
        }

        public long FirstSequence { get { return _log.Count == 0 ? 0 : _log.FirstSequence; } }
        public long LastSequence { get { return _log.LastSequence; } }
        public long SyncedThrough { get { return _log.SyncedThrough; } }

        public int ReadRecord(long sequence, byte[] buffer)
        {
            if (sequence < 1 || sequence > 0xFFFFFFFFL) return -1;
            int n = _log.ReadRecord((uint)sequence, buffer);
            return n == 0 ? -1 : n;
        }

        public bool MarkSynced(long sequence)
        {
            if (sequence < 0 || sequence > 0xFFFFFFFFL) return false;
            return _log.MarkSynced((uint)sequence) == SyncResult.Ok;
        }

        public long UsedBytes { get { long u = _capacity - _log.FreeBytes; return u < 0 ? 0 : u; } }
        public long CapacityBytes { get { return _capacity; } }
    }
}
