using Handheld.Core.Crypto;
using Handheld.Core.Protocol;

namespace Handheld.Core.Trust
{
    /// <summary>
    /// Encodes, parses and verifies trust lists (docs/ble-protocol.md §6.1): format 1, and format 2 with the
    /// catalogue after the entries (§6.1.1, <see cref="TrustCatalogue"/>). Parsing never throws: it returns
    /// an <see cref="ErrorCode"/>. Verification checks the root signature over SHA-256 of the signed bytes.
    /// </summary>
    public static class TrustListCodec
    {
        public const int HeaderLength = 26;

        /// <summary>Builds the to-be-signed bytes of a list (host side: `handheld trust build`).</summary>
        public static byte[] EncodeUnsigned(TrustList list)
        {
            PayloadWriter w = new PayloadWriter(ListFormat.MaxTrustListBytes);
            w.Bytes(ListFormat.TrustMagic, 0, 4);
            byte[] catalogue = list.Catalogue;
            if (catalogue != null && (catalogue.Length > 0xFFFF || !TrustCatalogue.IsWellFormed(catalogue, 0, catalogue.Length))) return null;
            w.U8(catalogue == null ? ListFormat.FormatVersion : ListFormat.TrustFormatWithCatalogue);
            w.U8(0);
            w.U16(0);
            w.U32(list.Version);
            w.I64(list.IssuedAtUnix);
            w.U32(list.LifetimeSeconds);
            int n = list.Entries == null ? 0 : list.Entries.Length;
            w.U16(n);
            for (int i = 0; i < n; i++)
            {
                TrustListEntry e = list.Entries[i];
                w.Bytes(e.KeyId, 0, ListFormat.KeyIdLength);
                w.U8((byte)e.Algorithm);
                w.U8(e.Usage);
                w.I64(e.ValidFromUnix);
                w.I64(e.ValidUntilUnix);
                w.Str8(e.Name);
                WriteStrings(w, e.Provinces);
                WriteStrings(w, e.Sectors);
                w.U16(e.SubjectPublicKeyInfo.Length);
                w.Bytes(e.SubjectPublicKeyInfo, 0, e.SubjectPublicKeyInfo.Length);
            }
            if (catalogue != null)
            {
                w.U16(catalogue.Length);
                w.Bytes(catalogue, 0, catalogue.Length);
            }
            return w.Ok ? w.ToArray() : null;
        }

        private static void WriteStrings(PayloadWriter w, string[] items)
        {
            int n = items == null ? 0 : items.Length;
            w.U8(n);
            for (int i = 0; i < n; i++) w.Str8(items[i]);
        }

        private static string[] ReadStrings(PayloadReader r)
        {
            int n = r.U8();
            string[] s = new string[n];
            for (int i = 0; i < n && r.Ok; i++) s[i] = r.Str8();
            return s;
        }

        /// <summary>Parses a signed trust list. Returns ErrorCode.None and the list, or BadList.</summary>
        public static byte Parse(byte[] data, int offset, int count, out TrustList list)
        {
            list = null;
            if (data == null || count < HeaderLength + ListFormat.TrailerHeader || count > ListFormat.MaxTrustListBytes) return ErrorCode.BadList;
            if (!ListFormat.MagicIs(data, offset, ListFormat.TrustMagic)) return ErrorCode.BadList;
            PayloadReader r = new PayloadReader(data, offset, count);
            r.Skip(4);
            byte format = r.U8();
            if (format != ListFormat.FormatVersion && format != ListFormat.TrustFormatWithCatalogue) return ErrorCode.BadList;
            // Reserved bytes must be zero: a later format may give them a meaning this reader cannot honour.
            if (r.U8() != 0 || r.U16() != 0) return ErrorCode.BadList;
            TrustList t = new TrustList();
            t.Format = format;
            t.Version = r.U32();
            t.IssuedAtUnix = r.I64();
            t.LifetimeSeconds = r.U32();
            int n = r.U16();
            if (n == 0 || n > 256) return ErrorCode.BadList;
            t.Entries = new TrustListEntry[n];
            for (int i = 0; i < n; i++)
            {
                TrustListEntry e = new TrustListEntry();
                e.KeyId = r.Bytes(ListFormat.KeyIdLength);
                e.Algorithm = (SignatureAlgorithm)r.U8();
                e.Usage = r.U8();
                e.ValidFromUnix = r.I64();
                e.ValidUntilUnix = r.I64();
                e.Name = r.Str8();
                e.Provinces = ReadStrings(r);
                e.Sectors = ReadStrings(r);
                e.SubjectPublicKeyInfo = r.Bytes(r.U16());
                if (!r.Ok) return ErrorCode.BadList;
                t.Entries[i] = e;
            }
            if (format == ListFormat.TrustFormatWithCatalogue)
            {
                // Framing is part of the signed format: a catalogue whose lengths do not add up is a bad list, not
                // a bad catalogue (a block's content, e.g. a defective FS block, is judged by its reader).
                int length = r.U16();
                if (!r.Ok || length > r.Remaining) return ErrorCode.BadList;
                int at = r.Skip(length);
                if (!TrustCatalogue.IsWellFormed(data, at, length)) return ErrorCode.BadList;
                t.Catalogue = new byte[length];
                System.Array.Copy(data, at, t.Catalogue, 0, length);
            }
            t.SignedLength = r.Position - offset;
            t.SignatureAlgorithm = (SignatureAlgorithm)r.U8();
            t.SignatureLength = r.U16();
            t.SignatureOffset = r.Skip(t.SignatureLength);
            if (!r.Done || t.SignatureLength == 0 || t.SignatureLength > ListFormat.MaxSignatureBytes) return ErrorCode.BadList;
            list = t;
            return ErrorCode.None;
        }

        /// <summary>Checks what the signature cannot: every entry's key id is SHA-256(SPKI)[0..8] and unique,
        /// its key can be prepared by the device's engine for the entry's algorithm code (so the code matches
        /// the key type, whatever the algorithm), its window is not inverted and its usage names a known bit.
        /// Returns ErrorCode.None or BadList.</summary>
        public static byte CheckEntries(TrustList list, ISignatureEngine engine, IHash256 hash)
        {
            if (list == null || list.Entries == null || list.Entries.Length == 0 || engine == null) return ErrorCode.BadList;
            byte[] digest = new byte[32];
            for (int i = 0; i < list.Entries.Length; i++)
            {
                TrustListEntry e = list.Entries[i];
                if (e.SubjectPublicKeyInfo == null || e.SubjectPublicKeyInfo.Length == 0) return ErrorCode.BadList;
                hash.Reset();
                hash.Update(e.SubjectPublicKeyInfo, 0, e.SubjectPublicKeyInfo.Length);
                hash.Final(digest, 0);
                if (!KeyIdentifier.Matches(e.KeyId, 0, digest, 0)) return ErrorCode.BadList;
                for (int j = 0; j < i; j++)
                {
                    if (KeyIdentifier.Matches(list.Entries[j].KeyId, 0, e.KeyId, 0)) return ErrorCode.BadList;
                }
                if (e.ValidUntilUnix < e.ValidFromUnix) return ErrorCode.BadList;
                if (e.Usage == 0 || (e.Usage & ~(TrustListEntry.UsageLicences | TrustListEntry.UsageRevocations)) != 0) return ErrorCode.BadList;
                object prepared;
                try
                {
                    prepared = engine.PrepareKey(e.Algorithm, e.SubjectPublicKeyInfo);
                }
                catch (System.Exception)
                {
                    prepared = null;
                }
                if (prepared == null) return ErrorCode.BadList;
            }
            return ErrorCode.None;
        }

        /// <summary>Checks the root signature. <paramref name="rootKey"/> is the engine-prepared firmware root key.</summary>
        public static byte Verify(byte[] data, int offset, TrustList list, SignatureAlgorithm rootAlgorithm, object rootKey,
            ISignatureEngine engine, IHash256 hash)
        {
            if (rootKey == null || engine == null) return ErrorCode.BadSignature;
            if (list.SignatureAlgorithm != rootAlgorithm) return ErrorCode.BadSignature;
            byte[] digest = new byte[32];
            IHash256 h = SignatureDigest.Begin(rootKey, hash); // SM3 with Z for an SM2 root
            h.Update(data, offset, list.SignedLength);
            h.Final(digest, 0);
            return engine.VerifyDigest(rootKey, digest, data, list.SignatureOffset, list.SignatureLength)
                ? ErrorCode.None
                : ErrorCode.BadSignature;
        }
    }
}
