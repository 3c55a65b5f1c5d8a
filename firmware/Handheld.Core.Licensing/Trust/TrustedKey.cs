using Handheld.Core.Crypto;

namespace Handheld.Core.Trust
{
    /// <summary>
    /// A public key the device trusts to sign licences, with the window and the provinces/sectors it may sign
    /// for (docs/licence-format.md §3). Immutable except for <see cref="PreparedKey"/>, which the trust store
    /// fills once so the per-key arithmetic constants are never recomputed per verification.
    /// </summary>
    public sealed class TrustedKey
    {
        private readonly byte[] _keyId;
        private readonly byte[] _spki;
        private readonly string[] _provinces;
        private readonly string[] _sectors;

        /// <param name="keyId">8 bytes: first 8 bytes of SHA-256 over <paramref name="subjectPublicKeyInfo"/>.</param>
        /// <param name="provinces">Province abbreviations as printed in licence numbers (e.g. "鲁"); null or empty = any.</param>
        /// <param name="sectors">Sector codes as printed in licence numbers (e.g. "JZ"); null or empty = any.</param>
        public TrustedKey(byte[] keyId, SignatureAlgorithm algorithm, byte[] subjectPublicKeyInfo, long validFromUnix,
            long validUntilUnix, string[] provinces, string[] sectors, string name)
        {
            _keyId = keyId;
            Algorithm = algorithm;
            _spki = subjectPublicKeyInfo;
            ValidFromUnix = validFromUnix;
            ValidUntilUnix = validUntilUnix;
            _provinces = provinces;
            _sectors = sectors;
            Name = name;
        }

        /// <summary>The 8-byte key id (shared array: do not modify).</summary>
        public byte[] KeyId { get { return _keyId; } }
        public SignatureAlgorithm Algorithm { get; }
        /// <summary>SubjectPublicKeyInfo DER (shared array: do not modify).</summary>
        public byte[] SubjectPublicKeyInfo { get { return _spki; } }
        /// <summary>Start of the key's validity window, unix seconds, inclusive.</summary>
        public long ValidFromUnix { get; }
        /// <summary>End of the key's validity window, unix seconds, inclusive.</summary>
        public long ValidUntilUnix { get; }
        /// <summary>Provinces the key may sign for; null or empty = any.</summary>
        public string[] Provinces { get { return _provinces; } }
        /// <summary>Sectors the key may sign for; null or empty = any.</summary>
        public string[] Sectors { get { return _sectors; } }
        /// <summary>Human-readable name, e.g. "Shandong construction 2024".</summary>
        public string Name { get; }

        /// <summary>The engine's prepared form of the key (set by <see cref="TrustStore.TryAdd"/>).</summary>
        public object PreparedKey { get; set; }

        /// <summary>True when the instant lies in [ValidFromUnix, ValidUntilUnix].</summary>
        public bool IsValidAt(long unixSeconds)
        {
            return unixSeconds >= ValidFromUnix && unixSeconds <= ValidUntilUnix;
        }

        /// <summary>True when the key may sign for the province (null/empty list = any).</summary>
        public bool AllowsProvince(string province)
        {
            return ListAllows(_provinces, province);
        }

        /// <summary>True when the key may sign for the sector (null/empty list = any).</summary>
        public bool AllowsSector(string sector)
        {
            return ListAllows(_sectors, sector);
        }

        /// <summary>True when the key restricts provinces or sectors.</summary>
        public bool IsRestricted
        {
            get { return (_provinces != null && _provinces.Length > 0) || (_sectors != null && _sectors.Length > 0); }
        }

        private static bool ListAllows(string[] list, string value)
        {
            if (list == null || list.Length == 0)
            {
                return true;
            }
            if (value == null)
            {
                return false;
            }
            for (int i = 0; i < list.Length; i++)
            {
                if (list[i] == value)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
