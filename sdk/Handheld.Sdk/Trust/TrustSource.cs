using Handheld.Core.Crypto;
using Handheld.Core.Protocol;
using Handheld.Core.Trust;
using Handheld.Sdk.Licensing;

namespace Handheld.Sdk.Trust;

/// <summary>
/// Builds a Core <see cref="TrustStore"/> from files on a host. One method per source format: PEM public keys
/// now; signed trust-list files are added by their own loader method. A store made only of PEM keys is a
/// developer store (<see cref="TrustStore.MarkNoExpiry"/>); a store loaded from a signed list carries that
/// list's expiry.
/// </summary>
public sealed class TrustSource
{
    public TrustSource(ISignatureEngine engine, int capacity = 64)
    {
        Store = new TrustStore(engine, capacity);
    }

    public TrustStore Store { get; }

    /// <summary>The signed trust list the store was loaded from (null for PEM keys): it names who may sign
    /// revocation lists, as on the device.</summary>
    public TrustList? SignedList { get; private set; }

    /// <summary>Adds a PEM public (or private) key, trusted for any province and sector, for all time.</summary>
    public TrustedKey AddPemKey(string pem, string name)
    {
        if (Store.ListVersion != 0)
            throw new FormatException($"{name}: PEM keys cannot be added to a store loaded from a signed trust list");
        var (spki, algorithm) = KeyFiles.LoadPublic(pem);
        var key = new TrustedKey(KeyIdentifier.Compute(spki), algorithm, spki, long.MinValue, long.MaxValue, null!, null!, name);
        if (!Store.TryAdd(key))
        {
            throw new FormatException($"{name}: key rejected by the trust store (malformed, duplicate or store full)");
        }
        Store.MarkNoExpiry();
        return key;
    }

    /// <summary>
    /// Loads a signed trust list (docs/ble-protocol.md, the file `handheld trust sign` writes) after checking its
    /// signature with the root public key, exactly as the device does: the licence-signing keys it lists
    /// enter the store with their validity windows and province/sector restrictions, and the store takes the
    /// list's version and expiry, so a stale list makes verification fail closed.
    /// </summary>
    /// <returns>The number of licence-signing keys added.</returns>
    public int AddSignedTrustList(byte[] data, string rootPublicKeyPem, string name)
    {
        byte code = TrustListCodec.Parse(data, 0, data.Length, out var list);
        if (code != ErrorCode.None) throw new FormatException($"{name}: not a valid trust list (error 0x{code:X2})");
        var (rootSpki, rootAlgorithm) = KeyFiles.LoadPublic(rootPublicKeyPem);
        var rootKey = Store.Engine.PrepareKey(rootAlgorithm, rootSpki)
                      ?? throw new FormatException("root key rejected by the signature engine");
        if (TrustListCodec.Verify(data, 0, list, rootAlgorithm, rootKey, Store.Engine, new Sha256()) != ErrorCode.None)
            throw new FormatException($"{name}: trust-list signature does not verify under the root key");
        if (Store.Count > 0)
            throw new FormatException($"{name}: a signed trust list replaces the whole store; give it alone, not with PEM keys or another list");
        int expected = list.Entries.Count(e => (e.Usage & TrustListEntry.UsageLicences) != 0);
        int added = TrustStoreLoader.Load(list, Store);
        if (added != expected) throw new FormatException($"{name}: {expected - added} listed key(s) rejected by the trust store");
        SignedList = list;
        return added;
    }

    /// <summary>Adds keys from a file, choosing the loader by content: a PEM key, or a signed trust list
    /// (which needs <paramref name="rootPublicKeyPem"/>; without it the list is refused, never trusted unchecked).</summary>
    public void AddFile(string path, string? rootPublicKeyPem = null)
    {
        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            AddPemKey(text, Path.GetFileName(path));
            return;
        }
        if (rootPublicKeyPem is null)
            throw new FormatException($"{path}: a trust list is only accepted with the root public key that signed it (--root)");
        AddSignedTrustList(bytes, rootPublicKeyPem, Path.GetFileName(path));
    }
}
