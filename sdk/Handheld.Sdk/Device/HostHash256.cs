using System.Security.Cryptography;
using Handheld.Core.Crypto;

namespace Handheld.Sdk.Device;

/// <summary>Core's <see cref="IHash256"/> over the platform SHA-256 (host side only).</summary>
public sealed class HostHash256 : IHash256
{
    private IncrementalHash _h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public void Reset()
    {
        _h.Dispose();
        _h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    }

    public void Update(byte[] data, int offset, int count) => _h.AppendData(data, offset, count);

    public void Final(byte[] output, int offset)
    {
        byte[] d = _h.GetHashAndReset();
        Array.Copy(d, 0, output, offset, 32);
    }
}

/// <summary>Core's <see cref="ISignatureEngine"/> over .NET's RSA/ECDSA (SDK and simulator; the device uses
/// Core's managed engine). .NET has no SM2, so SM2 keys are Core's managed ones (and
/// <see cref="SignatureDigest"/> gives their e = SM3(Z ‖ M)).</summary>
public sealed class HostSignatureEngine : ISignatureEngine
{
    private readonly ManagedSignatureEngine _managed = new();

    public object? PrepareKey(SignatureAlgorithm algorithm, byte[] subjectPublicKeyInfoDer)
    {
        try
        {
            switch (algorithm)
            {
                case SignatureAlgorithm.EcdsaP256Sha256:
                    var ec = ECDsa.Create();
                    ec.ImportSubjectPublicKeyInfo(subjectPublicKeyInfoDer, out _);
                    return Licensing.KeyFiles.IsP256(ec) ? ec : null;
                case SignatureAlgorithm.Sm2Sm3:
                    return _managed.PrepareKey(algorithm, subjectPublicKeyInfoDer);
                case SignatureAlgorithm.RsaPkcs1Sha256:
                    var rsa = RSA.Create();
                    rsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfoDer, out _);
                    return rsa.KeySize is >= 2048 and <= 4096 ? rsa : null;
                default:
                    return null;
            }
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public bool VerifyDigest(object preparedKey, byte[] sha256Digest, byte[] signature, int signatureOffset, int signatureLength)
    {
        try
        {
            var sig = new ReadOnlySpan<byte>(signature, signatureOffset, signatureLength);
            return preparedKey switch
            {
                ECDsa ec => ec.VerifyHash(sha256Digest, sig, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                RSA rsa => rsa.VerifyHash(sha256Digest, sig, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                null => false,
                _ => _managed.VerifyDigest(preparedKey, sha256Digest, signature, signatureOffset, signatureLength),
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
