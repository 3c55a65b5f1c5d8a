using Handheld.Core.Crypto;
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

    /// <summary>Adds a PEM public (or private) key, trusted for any province and sector, for all time.</summary>
    public TrustedKey AddPemKey(string pem, string name)
    {
        var (spki, algorithm) = KeyFiles.LoadPublic(pem);
        var key = new TrustedKey(KeyIdentifier.Compute(spki), algorithm, spki, long.MinValue, long.MaxValue, null!, null!, name);
        if (!Store.TryAdd(key))
        {
            throw new FormatException($"{name}: key rejected by the trust store (malformed, duplicate or store full)");
        }
        Store.MarkNoExpiry();
        return key;
    }

    /// <summary>Adds a key from a file, choosing the loader by content. Trust-list formats plug in here.</summary>
    public void AddFile(string path)
    {
        var text = File.ReadAllText(path);
        if (text.Contains("-----BEGIN"))
        {
            AddPemKey(text, Path.GetFileName(path));
            return;
        }
        throw new FormatException($"{path}: not a PEM key (no other trust source format is known yet)");
    }
}
