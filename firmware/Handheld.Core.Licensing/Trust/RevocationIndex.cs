using Handheld.Core.Crypto;
using Handheld.Core.Ports;

namespace Handheld.Core.Trust
{
    /// <summary>
    /// Answers "is this licence revoked?" from a verified revocation list held in storage, without scanning
    /// it: one SHA-256, one 4-byte index read, a binary search of one bucket with 3-byte reads. Buffers are
    /// allocated once. With no list loaded nothing is revoked but every instant is stale (fail closed: the
    /// verdict becomes UNVERIFIED).
    /// Implements the licensing pipeline's revocation checker contract (IsRevoked / IsStaleAt).
    /// </summary>
    public sealed class RevocationIndex : IRevocationChecker
    {
        private readonly IHash256 _hash;
        private readonly byte[] _digest = new byte[32];
        private readonly byte[] _small = new byte[4];
        private IBlockStorage _storage;
        private int _position;
        private RevocationListHeader _header;

        public RevocationIndex(IHash256 hash)
        {
            _hash = hash;
        }

        /// <summary>Points the index at a verified list (called by <see cref="ListUpdater"/> after commit).</summary>
        public void Attach(IBlockStorage storage, int position, RevocationListHeader header)
        {
            System.Threading.Monitor.Enter(_digest);
            try
            {
                _storage = storage;
                _position = position;
                _header = header;
            }
            finally
            {
                System.Threading.Monitor.Exit(_digest);
            }
        }

        public bool IsLoaded { get { return _header != null; } }
        public int ListVersion { get { return _header == null ? 0 : (int)_header.Version; } }
        public int EntryCount { get { return _header == null ? 0 : _header.EntryCount; } }
        public long ExpiresAtUnix { get { return _header == null ? 0 : _header.ExpiresAtUnix; } }

        public bool IsStaleAt(long unixSeconds)
        {
            RevocationListHeader h = _header;
            if (h == null) return true;
            return ListFormat.IsStale(h.IssuedAtUnix, h.ExpiresAtUnix, unixSeconds);
        }

        /// <summary>True when the licence number (UTF-8 bytes) is on the list; <paramref name="listVersion"/>
        /// names the list consulted (0 when none is loaded).</summary>
        public bool IsRevoked(byte[] licenceNumberUtf8, int offset, int count, out int listVersion)
        {
            System.Threading.Monitor.Enter(_digest);
            try
            {
                listVersion = 0;
                if (_header == null || licenceNumberUtf8 == null) return false;
                listVersion = (int)_header.Version;
                long fp = RevocationList.Fingerprint(_hash, licenceNumberUtf8, offset, count, _digest);
                return Contains(fp);
            }
            finally
            {
                System.Threading.Monitor.Exit(_digest);
            }
        }

        /// <summary>Look-up by fingerprint (tests and the false-hit measurement).</summary>
        public bool ContainsFingerprint(long fingerprint)
        {
            System.Threading.Monitor.Enter(_digest);
            try
            {
                return _header != null && Contains(fingerprint);
            }
            finally
            {
                System.Threading.Monitor.Exit(_digest);
            }
        }

        private bool Contains(long fp)
        {
            int bucket = (int)(fp >> 24) & (RevocationList.BucketCount - 1);
            int rem = (int)(fp & 0xFFFFFF);
            int lo;
            int hi;
            if (bucket == RevocationList.BucketCount - 1)
            {
                _storage.Read(_position + RevocationList.IndexOffset + bucket * 2, _small, 0, 2);
                lo = _small[0] | (_small[1] << 8);
                hi = _header.EntryCount;
            }
            else
            {
                _storage.Read(_position + RevocationList.IndexOffset + bucket * 2, _small, 0, 4);
                lo = _small[0] | (_small[1] << 8);
                hi = _small[2] | (_small[3] << 8);
            }
            if (hi > _header.EntryCount) hi = _header.EntryCount;
            hi--;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                _storage.Read(_position + RevocationList.EntriesOffset + mid * RevocationList.RemainderBytes, _small, 0, 3);
                int v = _small[0] | (_small[1] << 8) | (_small[2] << 16);
                if (v == rem) return true;
                if (v < rem) lo = mid + 1;
                else hi = mid - 1;
            }
            return false;
        }
    }
}
