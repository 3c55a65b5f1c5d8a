namespace Handheld.Core.Trust
{
    /// <summary>
    /// Fills the licence pipeline's <see cref="TrustStore"/> from a verified <see cref="TrustList"/>: the keys
    /// allowed to sign licences, with their validity windows and province/sector restrictions, and the list's
    /// version and expiry (so a stale list fails closed). Used at start-up, after every list update on the
    /// device, and by the host tools; the list's signature must have been checked before.
    /// </summary>
    public static class TrustStoreLoader
    {
        /// <summary>Replaces the store's keys with the list's licence-signing keys. Returns how many were added;
        /// a key the engine cannot prepare is left out (it could never verify anything).</summary>
        public static int Load(TrustList list, TrustStore store)
        {
            store.Clear();
            if (list == null) return 0;
            int added = 0;
            TrustListEntry[] entries = list.Entries;
            for (int i = 0; i < entries.Length; i++)
            {
                TrustListEntry e = entries[i];
                if ((e.Usage & TrustListEntry.UsageLicences) == 0) continue;
                TrustedKey key = new TrustedKey(e.KeyId, e.Algorithm, e.SubjectPublicKeyInfo, e.ValidFromUnix,
                    e.ValidUntilUnix, e.Provinces, e.Sectors, e.Name);
                if (store.TryAdd(key)) added++;
            }
            store.SetListInfo((int)list.Version, list.IssuedAtUnix, list.ExpiresAtUnix);
            return added;
        }
    }
}
