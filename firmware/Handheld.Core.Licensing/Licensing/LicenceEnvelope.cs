using Handheld.Core.Crypto;

namespace Handheld.Core.Licensing
{
    /// <summary>
    /// The decoded binary envelope of a licence QR (docs/licence-format.md §1.3): header, payload, signature.
    /// The TBS (signed bytes) are <c>Bytes[0 .. TbsLength)</c>.
    /// </summary>
    public sealed class LicenceEnvelope
    {
        public const string Prefix = "SPL1:";
        /// <summary>Alphanumeric capacity of a version-40 QR at level H: no licence text is longer.</summary>
        public const int MaxTextLength = 1852;
        public const int HeaderLength = 12;
        public const int KeyIdOffset = 2;
        public const byte CurrentFormatVersion = 1;

        private LicenceEnvelope(byte[] bytes, int payloadLength)
        {
            Bytes = bytes;
            PayloadLength = payloadLength;
        }

        /// <summary>All envelope bytes (shared: do not modify).</summary>
        public byte[] Bytes { get; }
        public int FormatVersion { get { return Bytes[0]; } }
        public SignatureAlgorithm Algorithm { get { return (SignatureAlgorithm)Bytes[1]; } }
        public int PayloadOffset { get { return HeaderLength; } }
        public int PayloadLength { get; }
        /// <summary>Number of signed bytes: header and payload.</summary>
        public int TbsLength { get { return HeaderLength + PayloadLength; } }
        public int SignatureOffset { get { return TbsLength; } }
        public int SignatureLength { get { return Bytes.Length - TbsLength; } }

        /// <summary>A copy of the 8-byte key id.</summary>
        public byte[] CopyKeyId()
        {
            byte[] id = new byte[KeyIdentifier.Length];
            System.Array.Copy(Bytes, KeyIdOffset, id, 0, KeyIdentifier.Length);
            return id;
        }

        /// <summary>The TBS bytes for a licence: header (version 1, algorithm, key id, payload length) ‖ payload.</summary>
        public static byte[] BuildTbs(SignatureAlgorithm algorithm, byte[] keyId, byte[] payload)
        {
            if (keyId == null || keyId.Length != KeyIdentifier.Length || payload == null || payload.Length < 1 || payload.Length > 0xFFFF)
            {
                return null;
            }
            byte[] tbs = new byte[HeaderLength + payload.Length];
            tbs[0] = CurrentFormatVersion;
            tbs[1] = (byte)algorithm;
            System.Array.Copy(keyId, 0, tbs, KeyIdOffset, KeyIdentifier.Length);
            tbs[10] = (byte)(payload.Length >> 8);
            tbs[11] = (byte)payload.Length;
            System.Array.Copy(payload, 0, tbs, HeaderLength, payload.Length);
            return tbs;
        }

        /// <summary>The QR text for TBS bytes and a signature (P1363 r‖s for ECDSA).</summary>
        public static string BuildText(byte[] tbs, byte[] signature)
        {
            byte[] all = new byte[tbs.Length + signature.Length];
            System.Array.Copy(tbs, 0, all, 0, tbs.Length);
            System.Array.Copy(signature, 0, all, tbs.Length, signature.Length);
            return Prefix + Base45.Encode(all, 0, all.Length);
        }

        /// <summary>Decodes a QR text into its envelope; never throws. Returns Valid with the envelope, or the
        /// decode-stage reason (NotLicenceQr, Oversize, UnsupportedFormatVersion, InvalidCharacter, BadBase45,
        /// Truncated, UnknownAlgorithm, MalformedPayload for an empty payload). The signature is not checked.</summary>
        public static LicenceStatus TryDecode(string text, out LicenceEnvelope envelope)
        {
            envelope = null;
            if (text == null)
            {
                return LicenceStatus.NotLicenceQr;
            }
            if (text.Length > MaxTextLength)
            {
                return LicenceStatus.Oversize;
            }
            LicenceStatus prefix = CheckPrefix(text);
            if (prefix != LicenceStatus.Valid)
            {
                return prefix;
            }
            int count = text.Length - Prefix.Length;
            int length = Base45.DecodedLength(count);
            byte[] bytes = new byte[length < 0 ? 0 : length];
            int written;
            Base45Result r = Base45.Decode(text, Prefix.Length, count, bytes, 0, out written);
            if (r == Base45Result.InvalidCharacter)
            {
                return LicenceStatus.InvalidCharacter;
            }
            if (r != Base45Result.Ok)
            {
                return LicenceStatus.BadBase45;
            }
            if (bytes.Length < HeaderLength)
            {
                return LicenceStatus.Truncated;
            }
            if (bytes[0] != CurrentFormatVersion)
            {
                return LicenceStatus.UnsupportedFormatVersion;
            }
            if (bytes[1] != (byte)SignatureAlgorithm.RsaPkcs1Sha256 && bytes[1] != (byte)SignatureAlgorithm.EcdsaP256Sha256)
            {
                return LicenceStatus.UnknownAlgorithm;
            }
            int payloadLength = (bytes[10] << 8) | bytes[11];
            if (payloadLength == 0)
            {
                return LicenceStatus.MalformedPayload;
            }
            if (HeaderLength + payloadLength >= bytes.Length)
            {
                return LicenceStatus.Truncated;
            }
            envelope = new LicenceEnvelope(bytes, payloadLength);
            return LicenceStatus.Valid;
        }

        private static LicenceStatus CheckPrefix(string text)
        {
            if (text.StartsWith(Prefix))
            {
                return LicenceStatus.Valid;
            }
            if (!text.StartsWith("SPL"))
            {
                return LicenceStatus.NotLicenceQr;
            }
            int i = 3;
            while (i < text.Length && text[i] >= '0' && text[i] <= '9')
            {
                i++;
            }
            if (i > 3 && i < text.Length && text[i] == ':')
            {
                return LicenceStatus.UnsupportedFormatVersion;
            }
            return LicenceStatus.NotLicenceQr;
        }
    }
}
