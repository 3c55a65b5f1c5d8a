using Handheld.Core.Records;

namespace Handheld.Core.Protocol
{
    /// <summary>The sync protocol's <see cref="IRecordSource"/> over the real <see cref="RecordLog"/>. The
    /// handler checks the commit's chain hash and receipt proof (<see cref="SyncProof"/>) before MarkSynced.</summary>
    public sealed class RecordLogSource : IRecordSource, IRecordLogState
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

        public void GetAnchor(out long sequence, byte[] chainHash32, int offset)
        {
            sequence = (long)_log.FirstSequence - 1;
            _log.GetTailPreviousHash(chainHash32, offset);
        }

        public void GetHeadHash(byte[] chainHash32, int offset)
        {
            _log.GetLastHash(chainHash32, offset);
        }

        public bool Authenticate(byte[] data, int offset, int count, byte[] mac32, int macOffset)
        {
            _log.Authenticate(data, offset, count, mac32, macOffset);
            return true;
        }

        public byte LogState { get { return (byte)_log.OpenResult; } }

        public long CommittedThrough
        {
            get
            {
                // A power cut may leave the log one record past the mark: report whichever is higher.
                long mark = _log.CommittedThrough;
                long last = _log.LastSequence;
                return mark > last ? mark : last;
            }
        }

        public long UsedBytes { get { long u = _capacity - _log.FreeBytes; return u < 0 ? 0 : u; } }
        public long CapacityBytes { get { return _capacity; } }
    }
}
