using Handheld.Core.Crypto;
using Handheld.Core.Licensing;
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
        private byte[] _canonical = new byte[256 * LicenceNumberKey.MaxExpansion];
        private string[] _provinces;
        private string[] _sectors;
        private IBlockStorage _storage;
        private int _position;
        private RevocationListHeader _header;

        public RevocationIndex(IHash256 hash)
        {
            _hash = hash;
        }

        /// <summary>Points the index at a verified list (called by <see cref="ListUpdater"/> after commit).
        /// The list's scope is its issuer's: <paramref name="provinces"/>/<paramref name="sectors"/> from the
        /// issuer's trust-list entry (null or empty = any).</summary>
        public void Attach(IBlockStorage storage, int position, RevocationListHeader header, string[] provinces, string[] sectors)
        {
            System.Threading.Monitor.Enter(_digest);
            try
            {
                _storage = storage;
                _position = position;
                _header = header;
                _provinces = provinces;
                _sectors = sectors;
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

        /// <summary>Provinces the list in force speaks for (its issuer's scope; null or empty = any).</summary>
        public string[] ScopeProvinces { get { return _provinces; } }
        /// <summary>Sectors the list in force speaks for (null or empty = any).</summary>
        public string[] ScopeSectors { get { return _sectors; } }

        /// <summary>True when the list in force speaks for a licence of this province and sector: its issuer
        /// may revoke there. A restricted list never covers an unparsed number (null).</summary>
        public bool Covers(string province, string sector)
        {
            if (_header == null) return false;
            return ScopeAllows(_provinces, province) && ScopeAllows(_sectors, sector);
        }

        /// <summary>True when scope <paramref name="outer"/> contains scope <paramref name="inner"/> (empty = any).</summary>
        public static bool ScopeContains(string[] outer, string[] inner)
        {
            if (outer == null || outer.Length == 0) return true;
            if (inner == null || inner.Length == 0) return false;
            for (int i = 0; i < inner.Length; i++)
            {
                if (!ScopeAllows(outer, inner[i])) return false;
            }
            return true;
        }

        private static bool ScopeAllows(string[] scope, string value)
        {
            if (scope == null || scope.Length == 0) return true;
            if (value == null) return false;
            for (int i = 0; i < scope.Length; i++)
            {
                if (scope[i] == value) return true;
            }
            return false;
        }

        public bool IsStaleAt(long unixSeconds)
        {
            RevocationListHeader h = _header;
            if (h == null) return true;
            return ListFormat.IsStale(h.IssuedAtUnix, h.ExpiresAtUnix, unixSeconds);
        }

        /// <summary>True when the licence number (UTF-8 bytes) is on the list; <paramref name="listVersion"/>
        /// names the list consulted (0 when none is loaded). The number is looked up in its canonical form
        /// (<see cref="LicenceNumberKey"/>), as `handheld revocations build` enters it.</summary>
        public bool IsRevoked(byte[] licenceNumberUtf8, int offset, int count, out int listVersion)
        {
            System.Threading.Monitor.Enter(_digest);
            try
            {
                listVersion = 0;
                if (_header == null || licenceNumberUtf8 == null) return false;
                listVersion = (int)_header.Version;
                if (count * LicenceNumberKey.MaxExpansion + LicenceNumberKey.MaxExpansion > _canonical.Length)
                {
                    _canonical = new byte[count * LicenceNumberKey.MaxExpansion + LicenceNumberKey.MaxExpansion];
                }
                int n = LicenceNumberKey.Canonicalize(licenceNumberUtf8, offset, count, _canonical);
                if (n < 0) return false;
                long fp = RevocationList.Fingerprint(_hash, _canonical, 0, n, _digest);
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
