using Handheld.Core.Crypto;
using Handheld.Core.Protocol;

namespace Handheld.Core.Trust
{
    /// <summary>
    /// Receives signed trust and revocation lists in pieces, stages them, and applies one only when it is
    /// complete, hashes to what the sender announced, parses, carries a valid signature (trust list: the
    /// firmware root key; revocation list: an issuer in the current trust list allowed to sign revocations)
    /// and has a higher version than the list in force. Staging survives a dropped link (same announced
    /// length and hash resumes where it stopped); nothing is applied half-way (see <see cref="SignedListStore"/>).
    /// </summary>
    public sealed class ListUpdater
    {
        private readonly SignedListStore _trustStore;
        private readonly SignedListStore _revocationStore;
        private readonly ISignatureEngine _engine;
        private readonly IHash256 _hash;
        private readonly SignatureAlgorithm _rootAlgorithm;
        private readonly object _rootKey;
        private readonly Transfer[] _transfers = new Transfer[] { new Transfer(), new Transfer() };

        private sealed class Transfer
        {
            public bool Active;
            public int Total;
            public byte[] Sha = new byte[32];
            public int Staged;
        }

        public ListUpdater(SignedListStore trustStore, SignedListStore revocationStore, ISignatureEngine engine,
            IHash256 hash, SignatureAlgorithm rootAlgorithm, byte[] rootSubjectPublicKeyInfo)
        {
            _trustStore = trustStore;
            _revocationStore = revocationStore;
            _engine = engine;
            _hash = hash;
            _rootAlgorithm = rootAlgorithm;
            _rootKey = engine.PrepareKey(rootAlgorithm, rootSubjectPublicKeyInfo);
            Revocations = new RevocationIndex(hash);
            LoadActive();
        }

        /// <summary>The trust list in force (null when none verified yet).</summary>
        public TrustList TrustList { get; private set; }
        public RevocationIndex Revocations { get; private set; }
        public uint TrustListVersion { get { return TrustList == null ? 0 : TrustList.Version; } }

        /// <summary>Called after a list is applied, so the licence pipeline reloads its key store. A plain delegate
        /// property, not an event: field-like events compile to a generic Interlocked call the device lacks.</summary>
        public ListAppliedHandler ListApplied { get; set; }

        /// <summary>Re-reads and re-verifies the active lists (at start-up). A stored list that no longer
        /// verifies is ignored (fail closed).</summary>
        public void LoadActive()
        {
            TrustList = null;
            byte[] t = _trustStore.ReadActive();
            TrustList parsed;
            // A sealed slot was verified when it was pushed and only this device's key could have sealed it, so
            // boot checks the seal (native HMAC) instead of re-hashing the list and re-checking its signature.
            if (t != null && TrustListCodec.Parse(t, 0, t.Length, out parsed) == ErrorCode.None
                && (_trustStore.IsSealed
                    || TrustListCodec.Verify(t, 0, parsed, _rootAlgorithm, _rootKey, _engine, _hash) == ErrorCode.None))
            {
                TrustList = parsed;
            }
            if (_revocationStore.HasActive)
            {
                RevocationListHeader h;
                int pos = _revocationStore.ActiveDataPosition;
                if (RevocationListHeader.Read(_revocationStore.Storage, pos, _revocationStore.ActiveLength, out h) == ErrorCode.None
                    && (_revocationStore.IsSealed ? IssuerStillTrusted(h)
                        : h.Verify(_revocationStore.Storage, pos, TrustList, _engine, _hash) == ErrorCode.None))
                {
                    TrustListEntry issuer = TrustList.Find(h.IssuerKeyId, 0);
                    Revocations.Attach(_revocationStore.Storage, pos, h, issuer.Provinces, issuer.Sectors);
                }
            }
        }

        // The part of RevocationListHeader.Verify that depends on the trust list in force, for a sealed list whose
        // signature was checked at push time: its issuer must still be trusted to sign revocations.
        private bool IssuerStillTrusted(RevocationListHeader h)
        {
            TrustListEntry issuer = TrustList == null ? null : TrustList.Find(h.IssuerKeyId, 0);
            return issuer != null && (issuer.Usage & TrustListEntry.UsageRevocations) != 0
                && issuer.Algorithm == h.SignatureAlgorithm
                && h.IssuedAtUnix >= issuer.ValidFromUnix && h.IssuedAtUnix <= issuer.ValidUntilUnix;
        }

        private SignedListStore StoreFor(int kind)
        {
            if (kind == ListFormat.KindTrust) return _trustStore;
            if (kind == ListFormat.KindRevocation) return _revocationStore;
            return null;
        }

        /// <summary>Starts or resumes a transfer; <paramref name="staged"/> is where the sender continues.</summary>
        public byte Begin(int kind, int totalLength, byte[] sha256, int shaOffset, out int staged)
        {
            staged = 0;
            SignedListStore store = StoreFor(kind);
            if (store == null) return ErrorCode.MalformedPayload;
            int max = kind == ListFormat.KindTrust ? ListFormat.MaxTrustListBytes : store.MaxDataLength;
            if (totalLength <= 0 || totalLength > max || totalLength > store.MaxDataLength) return ErrorCode.ListTooLarge;
            Transfer t = _transfers[kind - 1];
            bool same = t.Active && t.Total == totalLength;
            for (int i = 0; same && i < 32; i++) same = t.Sha[i] == sha256[shaOffset + i];
            if (!same)
            {
                store.BeginStaging();
                t.Active = true;
                t.Total = totalLength;
                System.Array.Copy(sha256, shaOffset, t.Sha, 0, 32);
                t.Staged = 0;
            }
            staged = t.Staged;
            return ErrorCode.None;
        }

        public byte Chunk(int kind, int offset, byte[] data, int dataOffset, int count, out int staged)
        {
            staged = 0;
            SignedListStore store = StoreFor(kind);
            if (store == null) return ErrorCode.MalformedPayload;
            Transfer t = _transfers[kind - 1];
            if (!t.Active) return ErrorCode.NoTransfer;
            staged = t.Staged;
            if (offset != t.Staged || count <= 0 || offset + count > t.Total) return ErrorCode.BadOffset;
            store.WriteStaged(offset, data, dataOffset, count);
            t.Staged += count;
            staged = t.Staged;
            return ErrorCode.None;
        }

        /// <summary>Verifies and applies the staged list. Any failure discards the staging; the old list stays.
        /// <paramref name="clockSet"/>/<paramref name="nowUnix"/> are the device clock: with a set clock a list
        /// already stale at that instant is refused (StaleList); with an unset clock freshness is left to the
        /// verdict, which is UNVERIFIED until the clock is set anyway.</summary>
        public byte Commit(int kind, bool clockSet, long nowUnix, out uint newVersion)
        {
            newVersion = 0;
            SignedListStore store = StoreFor(kind);
            if (store == null) return ErrorCode.MalformedPayload;
            Transfer t = _transfers[kind - 1];
            if (!t.Active) return ErrorCode.NoTransfer;
            if (t.Staged != t.Total) return ErrorCode.Incomplete;
            t.Active = false;
            byte[] d = new byte[32];
            store.Storage.Flush();
            store.HashRange(store.StagingDataPosition, t.Total, d);
            for (int i = 0; i < 32; i++)
            {
                if (d[i] != t.Sha[i]) return ErrorCode.HashMismatch;
            }
            if (kind == ListFormat.KindTrust)
            {
                byte[] bytes = new byte[t.Total];
                store.Storage.Read(store.StagingDataPosition, bytes, 0, t.Total);
                TrustList list;
                byte r = TrustListCodec.Parse(bytes, 0, bytes.Length, out list);
                if (r != ErrorCode.None) return r;
                r = TrustListCodec.Verify(bytes, 0, list, _rootAlgorithm, _rootKey, _engine, _hash);
                if (r != ErrorCode.None) return r;
                r = TrustListCodec.CheckEntries(list, _engine, _hash);
                if (r != ErrorCode.None) return r;
                if (TrustList != null && list.Version <= TrustList.Version) return ErrorCode.Rollback;
                if (clockSet && list.IsStaleAt(nowUnix)) return ErrorCode.StaleList;
                store.CommitStaged(t.Total, t.Sha);
                TrustList = list;
                newVersion = list.Version;
            }
            else
            {
                RevocationListHeader h;
                int pos = store.StagingDataPosition;
                byte r = RevocationListHeader.Read(store.Storage, pos, t.Total, out h);
                if (r != ErrorCode.None) return r;
                r = h.Verify(store.Storage, pos, TrustList, _engine, _hash);
                if (r != ErrorCode.None) return r;
                if (Revocations.IsLoaded && h.Version <= (uint)Revocations.ListVersion) return ErrorCode.Rollback;
                if (clockSet && ListFormat.IsStale(h.IssuedAtUnix, h.ExpiresAtUnix, nowUnix)) return ErrorCode.StaleList;
                // One list in force, speaking for its issuer's scope: a replacement must speak for at least
                // everything the current one does, so a provincial key cannot clear a national list.
                TrustListEntry issuer = TrustList.Find(h.IssuerKeyId, 0);
                if (Revocations.IsLoaded && (!RevocationIndex.ScopeContains(issuer.Provinces, Revocations.ScopeProvinces)
                    || !RevocationIndex.ScopeContains(issuer.Sectors, Revocations.ScopeSectors)))
                {
                    return ErrorCode.ScopeNarrower;
                }
                store.CommitStaged(t.Total, t.Sha);
                Revocations.Attach(store.Storage, store.ActiveDataPosition, h, issuer.Provinces, issuer.Sectors);
                newVersion = h.Version;
            }
            ListAppliedHandler handler = ListApplied;
            if (handler != null) handler(kind, newVersion);
            return ErrorCode.None;
        }
    }

    public delegate void ListAppliedHandler(int kind, uint version);
}
