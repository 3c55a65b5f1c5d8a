using Handheld.Core.Crypto;
using Handheld.Core.Protocol;
using Handheld.Core.Trust;

namespace Handheld.Sdk.Trust;

/// <summary>
/// Loads a signed revocation list file (the bytes `handheld revocations sign` writes and the device stores) into
/// Core's <see cref="RevocationIndex"/>, with the device's own checks: Core's header parser, then the issuer
/// signature against the signed trust list (the issuer must be listed there with the revocations usage, in its
/// validity window). A list that fails is refused by name; a list that is merely out of date is loaded, and the
/// verifier then fails closed with RevocationListStale exactly as the device does.
/// </summary>
public static class RevocationListFile
{
    public static RevocationIndex Load(byte[] data, TrustList? trust, ISignatureEngine engine, string name)
    {
        if (trust == null)
            throw new FormatException($"{name}: a revocation list is checked against the signed trust list that names its issuer (give --trust LIST with --root)");
        var storage = new ArrayBlockStorage(data);
        byte code = RevocationListHeader.Read(storage, 0, data.Length, out var header);
        if (code != ErrorCode.None) throw new FormatException($"{name}: not a revocation list ({ErrorCode.Name(code)})");
        var hash = new Sha256();
        code = header.Verify(storage, 0, trust, engine, hash);
        if (code == ErrorCode.UnknownIssuer)
            throw new FormatException($"{name}: refused, UnknownIssuer: its signer is not a revocation issuer of the trust list (or signed outside its window)");
        if (code == ErrorCode.BadSignature)
            throw new FormatException($"{name}: refused, BadSignature: the signature does not verify under the listed issuer key");
        if (code != ErrorCode.None) throw new FormatException($"{name}: refused ({ErrorCode.Name(code)})");
        var index = new RevocationIndex(hash);
        // The list's scope is its issuer's (as on the device): entries outside it do not revoke.
        TrustListEntry issuer = trust.Find(header.IssuerKeyId, 0);
        index.Attach(storage, 0, header, issuer.Provinces, issuer.Sectors);
        return index;
    }
}
