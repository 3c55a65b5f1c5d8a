using Handheld.Core.Crypto;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;

namespace Handheld.Core.Trust
{
    /// <summary>
    /// Compact revocation list (docs/ble-protocol.md §6.2). Each revoked licence number is reduced to a 35-bit
    /// fingerprint (top bits of SHA-256 of its UTF-8 bytes). The top 11 bits pick one of 2048 buckets; a
    /// table of 2048 u16 bucket starts is followed by the 24-bit remainders, sorted within each bucket.
    /// A look-up hashes once, reads two index entries and binary-searches one bucket (≈10 entries) — no scan.
    /// 20,000 entries take 60,000 + 4,096 bytes; false-hit probability per look-up ≈ n / 2^35 (5.8e-7 at n = 20,000).
    /// </summary>
    public static class RevocationList
    {
        public const int FingerprintBits = 35;
        public const int BucketBits = 11;
        public const int BucketCount = 1 << BucketBits;
        public const int RemainderBytes = 3;
        public const int HeaderLength = 36;
        public const int IndexOffset = HeaderLength;
        public const int EntriesOffset = IndexOffset + BucketCount * 2;
        public const int MaxEntries = 65535;

        /// <summary>35-bit fingerprint of a licence number: the first 35 bits of SHA-256(utf8).</summary>
        public static long Fingerprint(IHash256 hash, byte[] utf8, int offset, int count, byte[] scratch32)
        {
            hash.Reset();
            hash.Update(utf8, offset, count);
            hash.Final(scratch32, 0);
            long v = ((long)scratch32[0] << 32) | ((long)scratch32[1] << 24) | ((long)scratch32[2] << 16)
                     | ((long)scratch32[3] << 8) | scratch32[4];
            return v >> (40 - FingerprintBits);
        }

        public static int EncodedLength(int entryCount, int signatureLength)
        {
            return EntriesOffset + entryCount * RemainderBytes + ListFormat.TrailerHeader + signatureLength;
        }

        /// <summary>Builds the to-be-signed bytes from fingerprints (host: `handheld revocations build`).
        /// Duplicates are removed. Returns null when there are more than <see cref="MaxEntries"/>.</summary>
        public static byte[] EncodeUnsigned(uint version, long issuedAtUnix, uint lifetimeSeconds, byte[] issuerKeyId,
            long[] fingerprints)
        {
            long[] f = new long[fingerprints.Length];
            System.Array.Copy(fingerprints, f, f.Length);
            SortLongs(f);
            int n = 0;
            for (int i = 0; i < f.Length; i++)
            {
                if (n == 0 || f[n - 1] != f[i]) f[n++] = f[i];
            }
            if (n > MaxEntries) return null;
            byte[] b = new byte[EntriesOffset + n * RemainderBytes];
            System.Array.Copy(ListFormat.RevocationMagic, 0, b, 0, 4);
            b[4] = ListFormat.FormatVersion;
            b[5] = FingerprintBits;
            b[6] = BucketBits;
            b[7] = 0;
            LittleEndian.WriteU32(b, 8, version);
            LittleEndian.WriteI64(b, 12, issuedAtUnix);
            LittleEndian.WriteU32(b, 20, lifetimeSeconds);
            System.Array.Copy(issuerKeyId, 0, b, 24, ListFormat.KeyIdLength);
            LittleEndian.WriteU32(b, 32, (uint)n);
            int e = 0;
            for (int bucket = 0; bucket < BucketCount; bucket++)
            {
                LittleEndian.WriteU16(b, IndexOffset + bucket * 2, e);
                while (e < n && (int)(f[e] >> 24) == bucket)
                {
                    int rem = (int)(f[e] & 0xFFFFFF);
                    int o = EntriesOffset + e * RemainderBytes;
                    b[o] = (byte)rem;
                    b[o + 1] = (byte)(rem >> 8);
                    b[o + 2] = (byte)(rem >> 16);
                    e++;
                }
            }
            return b;
        }

        // Heap sort: Array.Sort does not exist on the device; used only when building lists.
        private static void SortLongs(long[] a)
        {
            int n = a.Length;
            for (int i = n / 2 - 1; i >= 0; i--) Sift(a, i, n);
            for (int end = n - 1; end > 0; end--)
            {
                long t = a[0];
                a[0] = a[end];
                a[end] = t;
                Sift(a, 0, end);
            }
        }

        private static void Sift(long[] a, int root, int n)
        {
            while (true)
            {
                int c = 2 * root + 1;
                if (c >= n) return;
                if (c + 1 < n && a[c + 1] > a[c]) c++;
                if (a[root] >= a[c]) return;
                long t = a[root];
                a[root] = a[c];
                a[c] = t;
                root = c;
            }
        }
    }

    /// <summary>Header of a revocation list as read from storage.</summary>
    public sealed class RevocationListHeader
    {
        public uint Version;
        public long IssuedAtUnix;
        public uint LifetimeSeconds;
        public byte[] IssuerKeyId;
        public int EntryCount;
        public int SignedLength;
        public SignatureAlgorithm SignatureAlgorithm;
        public int SignatureLength;

        public long ExpiresAtUnix { get { return IssuedAtUnix + LifetimeSeconds; } }

        /// <summary>Reads and checks the header and structure of a list of <paramref name="length"/> bytes at
        /// <paramref name="position"/>. Returns ErrorCode.None or BadList.</summary>
        public static byte Read(IBlockStorage s, int position, int length, out RevocationListHeader header)
        {
            header = null;
            if (length < RevocationList.EntriesOffset + ListFormat.TrailerHeader || position < 0 || position + length > s.Capacity) return ErrorCode.BadList;
            byte[] h = new byte[RevocationList.HeaderLength];
            s.Read(position, h, 0, h.Length);
            if (!ListFormat.MagicIs(h, 0, ListFormat.RevocationMagic) || h[4] != ListFormat.FormatVersion
                || h[5] != RevocationList.FingerprintBits || h[6] != RevocationList.BucketBits || h[7] != 0) return ErrorCode.BadList;
            RevocationListHeader r = new RevocationListHeader();
            r.Version = LittleEndian.ReadU32(h, 8);
            r.IssuedAtUnix = LittleEndian.ReadI64(h, 12);
            r.LifetimeSeconds = LittleEndian.ReadU32(h, 20);
            r.IssuerKeyId = new byte[ListFormat.KeyIdLength];
            System.Array.Copy(h, 24, r.IssuerKeyId, 0, ListFormat.KeyIdLength);
            uint n = LittleEndian.ReadU32(h, 32);
            if (n > RevocationList.MaxEntries) return ErrorCode.BadList;
            r.EntryCount = (int)n;
            r.SignedLength = RevocationList.EntriesOffset + r.EntryCount * RevocationList.RemainderBytes;
            if (r.SignedLength + ListFormat.TrailerHeader > length) return ErrorCode.BadList;
            byte[] t = new byte[ListFormat.TrailerHeader];
            s.Read(position + r.SignedLength, t, 0, t.Length);
            r.SignatureAlgorithm = (SignatureAlgorithm)t[0];
            r.SignatureLength = LittleEndian.ReadU16(t, 1);
            if (r.SignatureLength == 0 || r.SignatureLength > ListFormat.MaxSignatureBytes
                || r.SignedLength + ListFormat.TrailerHeader + r.SignatureLength != length) return ErrorCode.BadList;
            // Structure: bucket starts non-decreasing and within the entry count; remainders strictly
            // ascending inside each bucket (the look-up binary-searches a bucket: a list out of order there
            // would hide revoked licences, so it is refused, not repaired).
            byte[] index = new byte[RevocationList.BucketCount * 2];
            s.Read(position + RevocationList.IndexOffset, index, 0, index.Length);
            int prevStart = 0;
            for (int b = 0; b < RevocationList.BucketCount; b++)
            {
                int start = LittleEndian.ReadU16(index, b * 2);
                if (start < prevStart || start > r.EntryCount || (b == 0 && start != 0)) return ErrorCode.BadList;
                prevStart = start;
            }
            if (!RemaindersAscendPerBucket(s, position, r.EntryCount, index)) return ErrorCode.BadList;
            header = r;
            return ErrorCode.None;
        }

        // Walks the entries once in 256-entry reads; the bucket of entry e is the last bucket whose start ≤ e.
        private static bool RemaindersAscendPerBucket(IBlockStorage s, int position, int entryCount, byte[] index)
        {
            const int Batch = 256;
            byte[] buf = new byte[Batch * RevocationList.RemainderBytes];
            int bucket = 0;
            int nextStart = BucketStart(index, 1, entryCount);
            int previous = -1;
            for (int e0 = 0; e0 < entryCount; e0 += Batch)
            {
                int n = entryCount - e0 < Batch ? entryCount - e0 : Batch;
                s.Read(position + RevocationList.EntriesOffset + e0 * RevocationList.RemainderBytes, buf, 0, n * RevocationList.RemainderBytes);
                for (int i = 0; i < n; i++)
                {
                    int e = e0 + i;
                    while (e >= nextStart && bucket < RevocationList.BucketCount - 1)
                    {
                        bucket++;
                        nextStart = BucketStart(index, bucket + 1, entryCount);
                        previous = -1;
                    }
                    int o = i * RevocationList.RemainderBytes;
                    int v = buf[o] | (buf[o + 1] << 8) | (buf[o + 2] << 16);
                    if (v <= previous) return false;
                    previous = v;
                }
            }
            return true;
        }

        private static int BucketStart(byte[] index, int bucket, int entryCount)
        {
            return bucket >= RevocationList.BucketCount ? entryCount : LittleEndian.ReadU16(index, bucket * 2);
        }

        /// <summary>Verifies the issuer signature, hashing the signed bytes straight from storage.</summary>
        public byte Verify(IBlockStorage s, int position, TrustList trust, ISignatureEngine engine, IHash256 hash)
        {
            TrustListEntry issuer = trust == null ? null : trust.Find(IssuerKeyId, 0);
            if (issuer == null || (issuer.Usage & TrustListEntry.UsageRevocations) == 0) return ErrorCode.UnknownIssuer;
            if (issuer.Algorithm != SignatureAlgorithm) return ErrorCode.BadSignature;
            if (IssuedAtUnix < issuer.ValidFromUnix || IssuedAtUnix > issuer.ValidUntilUnix) return ErrorCode.UnknownIssuer;
            object key = engine.PrepareKey(issuer.Algorithm, issuer.SubjectPublicKeyInfo);
            if (key == null) return ErrorCode.UnknownIssuer;
            byte[] digest = new byte[32];
            SignedListStore.HashStored(s, SignatureDigest.Begin(key, hash), position, SignedLength, new byte[512], digest);
            byte[] sig = new byte[SignatureLength];
            s.Read(position + SignedLength + ListFormat.TrailerHeader, sig, 0, SignatureLength);
            return engine.VerifyDigest(key, digest, sig, 0, sig.Length) ? ErrorCode.None : ErrorCode.BadSignature;
        }
    }
}
