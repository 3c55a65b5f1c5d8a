using System;
using System.Security.Cryptography;
using Handheld.Core.Crypto;

namespace Handheld.Firmware.Adapters
{
    /// <summary>
    /// Core's HMAC port over the device's native HMACSHA256 (nanoFramework.System.Security.Cryptography): the
    /// whole MAC runs in native code. The native call hashes a whole array, so a slice is copied into a buffer
    /// of its exact length first (reused while the length repeats, as it does for the list seal's chunks).
    /// </summary>
    public sealed class NativeHmacSha256 : IHmacSha256
    {
        private byte[] _slice = new byte[0];

        public void Compute(byte[] key, byte[] data, int offset, int count, byte[] output32, int outputOffset)
        {
            byte[] input = data;
            if (offset != 0 || count != data.Length)
            {
                if (_slice.Length != count) _slice = new byte[count];
                Array.Copy(data, offset, _slice, 0, count);
                input = _slice;
            }
            byte[] mac = HMACSHA256.HashData(key == null ? new byte[0] : key, input);
            Array.Copy(mac, 0, output32, outputOffset, 32);
        }
    }
}
