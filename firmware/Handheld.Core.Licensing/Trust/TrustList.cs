using Handheld.Core.Crypto;

namespace Handheld.Core.Trust
{
    /// <summary>One key in a trust list (docs/ble-protocol.md §6.1).</summary>
    public sealed class TrustListEntry
    {
        /// <summary>Usage bit: may sign licences.</summary>
        public const byte UsageLicences = 0x01;
        /// <summary>Usage bit: may sign revocation lists.</summary>
        public const byte UsageRevocations = 0x02;

        public byte[] KeyId;
        public SignatureAlgorithm Algorithm;
        public byte Usage;
        public long ValidFromUnix;
        public long ValidUntilUnix;
        public string Name;
        public string[] Provinces;
        public string[] Sectors;
        public byte[] SubjectPublicKeyInfo;
    }

    /// <summary>A parsed trust list: the issuer keys the device accepts, signed by the firmware's root key.</summary>
    public sealed class TrustList
    {
        public uint Version;
        public long IssuedAtUnix;
        public uint LifetimeSeconds;
        public TrustListEntry[] Entries;
        /// <summary>Format 2 (docs/ble-protocol.md §6.1.1): the catalogue's blocks (each with its length prefix,
        /// see <see cref="TrustCatalogue"/>), signed with the entries; null for a format-1 list. Encoding a list
        /// with a catalogue (even an empty one) writes format 2.</summary>
        public byte[] Catalogue;
        /// <summary>Format of the parsed list (1 or 2; 0 for a list built in memory).</summary>
        public byte Format;
        /// <summary>Bytes covered by the signature (everything before the signature trailer).</summary>
        public int SignedLength;
        public SignatureAlgorithm SignatureAlgorithm;
        public int SignatureOffset;
        public int SignatureLength;

        public long ExpiresAtUnix { get { return IssuedAtUnix + LifetimeSeconds; } }

        /// <summary>True when the list has outlived its stated lifetime at <paramref name="unixSeconds"/>:
        /// verdicts relying on it must be UNVERIFIED.</summary>
        public bool IsStaleAt(long unixSeconds)
        {
            return ListFormat.IsStale(IssuedAtUnix, ExpiresAtUnix, unixSeconds);
        }

        /// <summary>The entry with this 8-byte key id, or null.</summary>
        public TrustListEntry Find(byte[] keyId, int offset)
        {
            if (Entries == null) return null;
            for (int i = 0; i < Entries.Length; i++)
            {
                if (KeyIdentifier.Matches(Entries[i].KeyId, 0, keyId, offset)) return Entries[i];
            }
            return null;
        }
    }
}
