namespace Handheld.Core.Crypto
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104, key longer than the 64-byte block is hashed first). Portable: the device's
    /// native HMAC lives in a package Core cannot reference.
    /// </summary>
    public static class HmacSha256
    {
        /// <summary>Writes HMAC-SHA256(key, data[offset..offset+count)) to output32 at outputOffset (32 bytes).
        /// A null key is treated as empty.</summary>
        public static void Compute(byte[] key, byte[] data, int offset, int count, byte[] output32, int outputOffset)
        {
            Sha256 sha = new Sha256();
            byte[] block = new byte[64];
            if (key != null)
            {
                if (key.Length > 64)
                {
                    sha.Update(key, 0, key.Length);
                    sha.Final(block, 0);
                }
                else
                {
                    System.Array.Copy(key, 0, block, 0, key.Length);
                }
            }
            for (int i = 0; i < 64; i++) block[i] ^= 0x36;
            sha.Update(block, 0, 64);
            sha.Update(data, offset, count);
            byte[] inner = new byte[32];
            sha.Final(inner, 0);
            // ipad ^ opad = 0x36 ^ 0x5c = 0x6a
            for (int i = 0; i < 64; i++) block[i] ^= 0x6a;
            sha.Update(block, 0, 64);
            sha.Update(inner, 0, 32);
            sha.Final(output32, outputOffset);
        }
    }
}
