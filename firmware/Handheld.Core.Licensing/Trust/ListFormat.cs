using Handheld.Core.Crypto;
using Handheld.Core.Protocol;

namespace Handheld.Core.Trust
{
    /// <summary>Constants and shared pieces of the signed list formats (docs/ble-protocol.md §6).</summary>
    public static class ListFormat
    {
        public const byte KindTrust = 1;
        public const byte KindRevocation = 2;
        /// <summary>Format of revocation lists, and of trust lists without a catalogue.</summary>
        public const byte FormatVersion = 1;
        /// <summary>Trust list format with the catalogue after the entries (§6.1.1).</summary>
        public const byte TrustFormatWithCatalogue = 2;
        public const int KeyIdLength = KeyIdentifier.Length;
        /// <summary>A list "issued" this far in the future of the device clock is still accepted as fresh.</summary>
        public const long ClockSkewSeconds = 86400;
        public const int MaxTrustListBytes = 16384;
        public const int MaxSignatureBytes = 1024;
        /// <summary>Signature trailer: algorithm (1) + length (2), then the signature.</summary>
        public const int TrailerHeader = 3;

        public static readonly byte[] TrustMagic = new byte[] { (byte)'H', (byte)'H', (byte)'T', (byte)'L' };
        public static readonly byte[] RevocationMagic = new byte[] { (byte)'H', (byte)'H', (byte)'R', (byte)'L' };

        /// <summary>Freshness rule shared by trust and revocation lists: stale from the expiry instant on, and
        /// before issue by more than <see cref="ClockSkewSeconds"/>.</summary>
        public static bool IsStale(long issuedAtUnix, long expiresAtUnix, long unixSeconds)
        {
            return unixSeconds >= expiresAtUnix || unixSeconds < issuedAtUnix - ClockSkewSeconds;
        }

        public static bool MagicIs(byte[] b, int o, byte[] magic)
        {
            if (b == null || o < 0 || o + 4 > b.Length) return false;
            return b[o] == magic[0] && b[o + 1] == magic[1] && b[o + 2] == magic[2] && b[o + 3] == magic[3];
        }

        /// <summary>Appends the signature trailer to the to-be-signed bytes (host tools).</summary>
        public static byte[] AppendSignature(byte[] toBeSigned, SignatureAlgorithm algorithm, byte[] signature)
        {
            byte[] r = new byte[toBeSigned.Length + TrailerHeader + signature.Length];
            System.Array.Copy(toBeSigned, 0, r, 0, toBeSigned.Length);
            r[toBeSigned.Length] = (byte)algorithm;
            LittleEndian.WriteU16(r, toBeSigned.Length + 1, signature.Length);
            System.Array.Copy(signature, 0, r, toBeSigned.Length + TrailerHeader, signature.Length);
            return r;
        }
    }
}
