using Handheld.Core.Crypto;

namespace Handheld.Core.Trust
{
    /// <summary>
    /// The public keys a device trusts, with the metadata of the trust list they came from. Keys are prepared
    /// (per-key arithmetic constants) once, when added. Fixed capacity: the store never grows past what the
    /// device was built for.
    /// </summary>
    public sealed class TrustStore
    {
        /// <summary>Key id length in bytes (docs/licence-format.md §1.5).</summary>
        public const int KeyIdLength = KeyIdentifier.Length;

        private readonly ISignatureEngine _engine;
        private readonly TrustedKey[] _keys;
        private int _count;
        private bool _hasListInfo;
        private bool _noExpiry;

        public TrustStore(ISignatureEngine engine, int capacity)
        {
            _engine = engine;
            _keys = new TrustedKey[capacity < 0 ? 0 : capacity];
        }

        /// <summary>The engine keys are prepared with; the verifier uses the same one.</summary>
        public ISignatureEngine Engine { get { return _engine; } }
        public int Count { get { return _count; } }
        public int Capacity { get { return _keys.Length; } }
        /// <summary>Version of the signed trust list loaded (0 when none).</summary>
        public int ListVersion { get; private set; }
        public long ListIssuedAtUnix { get; private set; }
        public long ListExpiresAtUnix { get; private set; }
        /// <summary>True for a developer store made from PEM keys with <see cref="MarkNoExpiry"/>.</summary>
        public bool IsNoExpiry { get { return _noExpiry; } }

        /// <summary>Adds a key, preparing it with the engine once. False when the key is malformed (wrong key id
        /// length, missing SPKI, the engine cannot prepare it), the store is full, or the key id is already present.</summary>
        public bool TryAdd(TrustedKey key)
        {
            if (key == null || key.KeyId == null || key.KeyId.Length != KeyIdLength || key.SubjectPublicKeyInfo == null
                || key.ValidUntilUnix < key.ValidFromUnix || _engine == null)
            {
                return false;
            }
            if (_count >= _keys.Length || Find(key.KeyId, 0) != null)
            {
                return false;
            }
            object prepared;
            try
            {
                prepared = _engine.PrepareKey(key.Algorithm, key.SubjectPublicKeyInfo);
            }
            catch (System.Exception)
            {
                // A hostile or corrupt key must not take the store down: it is simply not trusted.
                prepared = null;
            }
            if (prepared == null)
            {
                return false;
            }
            key.PreparedKey = prepared;
            _keys[_count++] = key;
            return true;
        }

        /// <summary>The key whose id equals the 8 bytes at <paramref name="offset"/>, or null.</summary>
        public TrustedKey Find(byte[] keyId, int offset)
        {
            if (keyId == null || offset < 0 || offset > keyId.Length - KeyIdLength)
            {
                return null;
            }
            for (int i = 0; i < _count; i++)
            {
                if (KeyIdentifier.Matches(_keys[i].KeyId, 0, keyId, offset))
                {
                    return _keys[i];
                }
            }
            return null;
        }

        /// <summary>The key at <paramref name="index"/> (0 ≤ index &lt; Count), or null.</summary>
        public TrustedKey Get(int index)
        {
            return index >= 0 && index < _count ? _keys[index] : null;
        }

        /// <summary>Removes every key and the list metadata.</summary>
        public void Clear()
        {
            for (int i = 0; i < _count; i++)
            {
                _keys[i] = null;
            }
            _count = 0;
            _hasListInfo = false;
            _noExpiry = false;
            ListVersion = 0;
            ListIssuedAtUnix = 0;
            ListExpiresAtUnix = 0;
        }

        /// <summary>Records the signed trust list's version and validity (set by the trust-list loader).</summary>
        public void SetListInfo(int version, long issuedAtUnix, long expiresAtUnix)
        {
            ListVersion = version;
            ListIssuedAtUnix = issuedAtUnix;
            ListExpiresAtUnix = expiresAtUnix;
            _hasListInfo = true;
        }

        /// <summary>Marks a developer store (PEM keys on a host tool) that never goes stale. Never used by
        /// firmware: a device's keys always come from a signed, expiring trust list.</summary>
        public void MarkNoExpiry()
        {
            _noExpiry = true;
        }

        /// <summary>Fail closed: stale when no list info was set (unless marked no-expiry), when the list is
        /// not yet issued at the instant, or when it has expired (instant ≥ ListExpiresAtUnix, as ble-protocol.md §6 says).</summary>
        public bool IsStaleAt(long unixSeconds)
        {
            if (_noExpiry)
            {
                return false;
            }
            if (!_hasListInfo)
            {
                return true;
            }
            return unixSeconds >= ListExpiresAtUnix || unixSeconds < ListIssuedAtUnix;
        }
    }
}
