using Handheld.Core.Crypto;
using Handheld.Core.Text;

namespace Handheld.Core.Licensing
{
    /// <summary>
    /// The decoded binary envelope of a licence QR (docs/licence-format.md §1.3): header, payload, signature.
    /// The TBS (signed bytes) are <c>Bytes[0 .. TbsLength)</c>.
    /// </summary>
    public sealed class LicenceEnvelope
    {
        public const string Prefix = "SPL1:";
        /// <summary>Bytes of <see cref="Prefix"/> (ASCII).</summary>
        public const int PrefixLength = 5;
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

        /// <summary>As <see cref="TryDecode(byte[],int,int,out LicenceEnvelope)"/> for a text held as a string
        /// (host tools); a lone surrogate, which no scanner can deliver, is InvalidCharacter.</summary>
        public static LicenceStatus TryDecode(string text, out LicenceEnvelope envelope)
        {
            envelope = null;
            if (text == null)
            {
                return LicenceStatus.NotLicenceQr;
            }
            byte[] bytes = Utf8.Encode(text);
            if (bytes == null)
            {
                return text.Length > MaxTextLength ? LicenceStatus.Oversize : LicenceStatus.InvalidCharacter;
            }
            return TryDecode(bytes, 0, bytes.Length, out envelope);
        }

        /// <summary>Decodes scanned QR text (the scanner's bytes, without CR/LF framing) into its envelope; never
        /// throws. Returns Valid with the envelope, or the decode-stage reason (NotLicenceQr, Oversize — more than
        /// <see cref="MaxTextLength"/> bytes —, UnsupportedFormatVersion, InvalidCharacter — any byte outside the
        /// Base45 alphabet after the prefix, a NUL included —, BadBase45, Truncated, UnknownAlgorithm,
        /// MalformedPayload for an empty payload). The signature is not checked.</summary>
        public static LicenceStatus TryDecode(byte[] text, int offset, int count, out LicenceEnvelope envelope)
        {
            envelope = null;
            if (text == null || offset < 0 || count < 0 || offset > text.Length - count)
            {
                return LicenceStatus.NotLicenceQr;
            }
            if (count > MaxTextLength)
            {
                return LicenceStatus.Oversize;
            }
            LicenceStatus prefix = CheckPrefix(text, offset, count);
            if (prefix != LicenceStatus.Valid)
            {
                return prefix;
            }
            int body = count - PrefixLength;
            int length = Base45.DecodedLength(body);
            byte[] bytes = new byte[length < 0 ? 0 : length];
            int written;
            Base45Result r = Base45.Decode(text, offset + PrefixLength, body, bytes, 0, out written);
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
            if (bytes[1] != (byte)SignatureAlgorithm.RsaPkcs1Sha256 && bytes[1] != (byte)SignatureAlgorithm.EcdsaP256Sha256
                && bytes[1] != (byte)SignatureAlgorithm.Sm2Sm3)
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

        // "SPL1:" is Valid; "SPL" + digits + ':' is another format version; anything else is not a licence QR.
        private static LicenceStatus CheckPrefix(byte[] text, int offset, int count)
        {
            if (count < 3 || text[offset] != 'S' || text[offset + 1] != 'P' || text[offset + 2] != 'L')
            {
                return LicenceStatus.NotLicenceQr;
            }
            int end = offset + count;
            int i = offset + 3;
            while (i < end && text[i] >= '0' && text[i] <= '9')
            {
                i++;
            }
            if (i == offset + 3 || i >= end || text[i] != ':')
            {
                return LicenceStatus.NotLicenceQr;
            }
            return i == offset + PrefixLength - 1 && text[offset + 3] == '1' ? LicenceStatus.Valid : LicenceStatus.UnsupportedFormatVersion;
        }
    }
}
