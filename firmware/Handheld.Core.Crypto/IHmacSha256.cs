namespace Handheld.Core.Crypto
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104) as a port: the device plugs in nanoFramework's native HMACSHA256 (no IL per byte),
    /// the host and the fallback use <see cref="ManagedHmacSha256"/>. Used for at-rest integrity (sealed list
    /// slots), where the managed SHA-256 would cost ≈ 160 k IL per KB at every start.
    /// </summary>
    public interface IHmacSha256
    {
        /// <summary>Writes HMAC-SHA256(key, data[offset..offset+count)) to output32 at outputOffset (32 bytes).</summary>
        void Compute(byte[] key, byte[] data, int offset, int count, byte[] output32, int outputOffset);
    }

    /// <summary>The portable engine: Core's managed <see cref="HmacSha256"/>.</summary>
    public sealed class ManagedHmacSha256 : IHmacSha256
    {
        /// <inheritdoc />
        public void Compute(byte[] key, byte[] data, int offset, int count, byte[] output32, int outputOffset)
        {
            HmacSha256.Compute(key, data, offset, count, output32, outputOffset);
        }
    }
}
