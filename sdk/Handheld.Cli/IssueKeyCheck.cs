using System.Security.Cryptography;
using Handheld.Cli.Conventions;
using Handheld.Core.Crypto;
using Handheld.Sdk.Licensing;

namespace Handheld.Cli;

/// <summary>Refuses at issue a key the device would refuse at verify (e.g. RSA-1024): Core's own engine decides,
/// so a licence that can never verify is never printed.</summary>
internal static class IssueKeyCheck
{
    public static void Check(string field, AsymmetricAlgorithm key)
    {
        SignatureAlgorithm algorithm;
        try { algorithm = KeyFiles.AlgorithmOf(key); }
        catch (FormatException e) { throw new CliInputException(field, e.Message); }
        if (new ManagedSignatureEngine().PrepareKey(algorithm, key.ExportSubjectPublicKeyInfo()) == null)
        {
            throw new CliInputException(field, $"{(key is RSA ? "RSA" : "EC")} key of {key.KeySize} bits: the device accepts RSA 2048–4096 bits or ECDSA P-256 (make one with 'handheld keys generate')");
        }
    }
}
