namespace Handheld.Core.Crypto
{
    /// <summary>
    /// An incremental SHA-256 (FIPS 180-4). The protocol and list code hash through this so they work over
    /// flash-resident data in small pieces; the device plugs in Core's managed SHA-256, the host may use its
    /// platform implementation. Not thread-safe: one instance per user.
    /// </summary>
    public interface IHash256
    {
        void Reset();

        void Update(byte[] data, int offset, int count);

        /// <summary>Writes the 32-byte digest and resets for the next message.</summary>
        void Final(byte[] output, int offset);
    }
}
