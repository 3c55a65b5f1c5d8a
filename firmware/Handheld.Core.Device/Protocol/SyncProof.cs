using Handheld.Core.Crypto;

namespace Handheld.Core.Protocol
{
    /// <summary>
    /// The receipt proof a SyncCommit carries (docs/ble-protocol.md §5.3): SHA-256 over the last 32 bytes (the
    /// MAC) of every record after <c>afterSeq</c> through <c>throughSeq</c>, in order; a record shorter than 32
    /// bytes contributes all its bytes. A record's MAC appears in no other record (the next one holds only a hash
    /// of it), so the digest can only be computed by a reader that fetched every one of those records: reading
    /// record k alone yields its chain hash, not this proof. Device and SDK both call this one definition.
    /// </summary>
    public static class SyncProof
    {
        /// <summary>Most records one commit may cover: bounds the device's work per request.</summary>
        public const int MaxCommitSpan = 255;

        /// <summary>Bytes each record contributes.</summary>
        public const int MacBytes = 32;

        /// <summary>Feeds record <paramref name="record"/>[offset..offset+length) into the proof.</summary>
        public static void Add(IHash256 hash, byte[] record, int offset, int length)
        {
            if (length <= 0) return;
            int n = length < MacBytes ? length : MacBytes;
            hash.Update(record, offset + length - n, n);
        }
    }
}
