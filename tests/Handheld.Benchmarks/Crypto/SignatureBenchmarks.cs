using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Handheld.Core.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Handheld.Benchmarks.Crypto;

/// <summary>
/// Core's managed verifiers beside .NET's (OpenSSL-backed) and BouncyCastle's managed ones, verifying the same
/// 300-byte message (hash included). The Ratio column is relative to .NET in each category.
/// Run: dotnet run -c Release --project tests/Handheld.Benchmarks -- --filter '*SignatureBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class SignatureBenchmarks
{
    private readonly byte[] _message = new byte[300];
    private RSA _rsa = null!;
    private ECDsa _ec = null!;
    private byte[] _rsaSig = null!, _ecSig = null!;
    private object _coreRsa = null!, _coreEc = null!;
    private readonly ManagedSignatureEngine _engine = new();
    private RsaDigestSigner _bcRsa = null!;
    private ECPublicKeyParameters _bcEcKey = null!;

    [GlobalSetup]
    public void Setup()
    {
        new Random(5).NextBytes(_message);
        _rsa = RSA.Create(2048);
        _ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _rsaSig = _rsa.SignData(_message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        _ecSig = _ec.SignData(_message, HashAlgorithmName.SHA256);
        _coreRsa = _engine.PrepareKey(SignatureAlgorithm.RsaPkcs1Sha256, _rsa.ExportSubjectPublicKeyInfo())!;
        _coreEc = _engine.PrepareKey(SignatureAlgorithm.EcdsaP256Sha256, _ec.ExportSubjectPublicKeyInfo())!;
        _bcRsa = new RsaDigestSigner(new Sha256Digest());
        _bcRsa.Init(false, PublicKeyFactory.CreateKey(_rsa.ExportSubjectPublicKeyInfo()));
        _bcEcKey = (ECPublicKeyParameters)PublicKeyFactory.CreateKey(_ec.ExportSubjectPublicKeyInfo());
        if (!CoreRsa() || !BouncyCastleRsa() || !CoreP256() || !BouncyCastleP256())
            throw new InvalidOperationException("a verifier rejected a valid signature");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rsa.Dispose();
        _ec.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("RSA-2048")]
    public bool DotNetRsa() => _rsa.VerifyData(_message, _rsaSig, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    [Benchmark, BenchmarkCategory("RSA-2048")]
    public bool CoreRsa()
    {
        var digest = Sha256.Hash(_message, 0, _message.Length);
        return _engine.VerifyDigest(_coreRsa, digest, _rsaSig, 0, _rsaSig.Length);
    }

    [Benchmark, BenchmarkCategory("RSA-2048")]
    public bool BouncyCastleRsa()
    {
        _bcRsa.BlockUpdate(_message, 0, _message.Length);
        return _bcRsa.VerifySignature(_rsaSig);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("P-256")]
    public bool DotNetP256() => _ec.VerifyData(_message, _ecSig, HashAlgorithmName.SHA256);

    [Benchmark, BenchmarkCategory("P-256")]
    public bool CoreP256()
    {
        var digest = Sha256.Hash(_message, 0, _message.Length);
        return _engine.VerifyDigest(_coreEc, digest, _ecSig, 0, _ecSig.Length);
    }

    [Benchmark, BenchmarkCategory("P-256")]
    public bool BouncyCastleP256()
    {
        var signer = new ECDsaSigner();
        signer.Init(false, _bcEcKey);
        var digest = SHA256.HashData(_message);
        return signer.VerifySignature(digest, new BigInteger(1, _ecSig, 0, 32), new BigInteger(1, _ecSig, 32, 32));
    }

    [Benchmark, BenchmarkCategory("SHA-256")]
    public byte[] CoreSha256Of300Bytes() => Sha256.Hash(_message, 0, _message.Length);
}
