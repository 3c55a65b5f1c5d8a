using System.Numerics;
using System.Security.Cryptography;
using Handheld.Core.Crypto;
using static Handheld.Core.Tests.Crypto.CryptoTestData;

namespace Handheld.Core.Tests.Crypto;

/// <summary>Seeded property tests with .NET's RSA and ECDsa (OpenSSL) as the oracle.</summary>
public class ManagedSignatureEngineTests
{
    private static readonly ManagedSignatureEngine Engine = new();

    // .NET cannot generate e = 3 keys; build them from two random primes with BigInteger.
    private static RSA RsaKey(int bits, int e, Random rng)
    {
        if (e == 65537)
        {
            var r = RSA.Create();
            r.KeySize = bits;
            return r;
        }
        while (true)
        {
            var p = Prime(bits / 2, e, rng);
            var q = Prime(bits / 2, e, rng);
            var n = p * q;
            if (p == q || n.GetBitLength() != bits) continue;
            var phi = (p - 1) * (q - 1);
            var d = ModInverse(e, phi);
            int len = bits / 8, half = len / 2;
            var prm = new RSAParameters
            {
                Modulus = Be(n, len), Exponent = Be(e, 1), D = Be(d, len),
                P = Be(p, half), Q = Be(q, half), DP = Be(d % (p - 1), half), DQ = Be(d % (q - 1), half),
                InverseQ = Be(ModInverse(q, p), half),
            };
            var key = RSA.Create();
            key.ImportParameters(prm);
            return key;
        }
    }

    private static BigInteger Prime(int bits, int e, Random rng)
    {
        var buf = new byte[bits / 8];
        while (true)
        {
            rng.NextBytes(buf);
            buf[0] |= 0xC0;
            buf[^1] |= 1;
            var c = new BigInteger(buf, true, true);
            if (c % e == 1) continue;
            if (IsProbablePrime(c, rng)) return c;
        }
    }

    private static readonly int[] SmallPrimes = Enumerable.Range(3, 3000).Where(x => Enumerable.Range(2, (int)Math.Sqrt(x)).All(d => d == x || x % d != 0)).ToArray();

    private static bool IsProbablePrime(BigInteger n, Random rng)
    {
        foreach (int sp in SmallPrimes) if (n % sp == 0) return false;
        var d = n - 1;
        int s = 0;
        while (d.IsEven) { d >>= 1; s++; }
        for (int i = 0; i < 8; i++)
        {
            var a = 2 + (new BigInteger(Guid.NewGuid().ToByteArray(), true) % (n - 4));
            var x = BigInteger.ModPow(a, d, n);
            if (x == 1 || x == n - 1) continue;
            bool composite = true;
            for (int r = 1; r < s && composite; r++)
            {
                x = BigInteger.ModPow(x, 2, n);
                if (x == n - 1) composite = false;
            }
            if (composite) return false;
        }
        return true;
    }

    private static BigInteger ModInverse(BigInteger a, BigInteger m)
    {
        BigInteger g = m, x = 0, x1 = 1, a1 = a % m;
        while (a1 != 0)
        {
            var q = g / a1;
            (g, a1) = (a1, g - q * a1);
            (x, x1) = (x1, x - q * x1);
        }
        return (x % m + m) % m;
    }

    [Theory]
    [InlineData(2048, 65537)]
    [InlineData(2048, 3)]
    [InlineData(3072, 65537)]
    [InlineData(3072, 3)]
    public void VerifyDigest_RsaRandomKeysAndMessages_AgreesWithDotNet(int bits, int e)
    {
        var rng = new Random(bits * 7 + e);
        for (int k = 0; k < 1; k++)
        {
            using var rsa = RsaKey(bits, e, rng);
            var spki = rsa.ExportSubjectPublicKeyInfo();
            var key = Engine.PrepareKey(SignatureAlgorithm.RsaPkcs1Sha256, spki);
            Assert.NotNull(key);
            for (int m = 0; m < 6; m++)
            {
                var msg = new byte[rng.Next(0, 400)];
                rng.NextBytes(msg);
                var sig = rsa.SignData(msg, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                var digest = SHA256.HashData(msg);
                Assert.True(Engine.VerifyDigest(key!, digest, sig, 0, sig.Length));
                Assert.True(SignatureVerifier.Verify(SignatureAlgorithm.RsaPkcs1Sha256, spki, msg, sig));
                var bad = (byte[])sig.Clone();
                bad[rng.Next(bad.Length)] ^= (byte)(1 << rng.Next(8));
                Assert.Equal(rsa.VerifyData(msg, bad, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                    Engine.VerifyDigest(key!, digest, bad, 0, bad.Length));
                var badDigest = (byte[])digest.Clone();
                badDigest[rng.Next(32)] ^= (byte)(1 << rng.Next(8));
                Assert.False(Engine.VerifyDigest(key!, badDigest, sig, 0, sig.Length));
            }
        }
    }

    [Fact]
    public void VerifyDigest_EcdsaRandomKeysAndMessages_AgreesWithDotNet()
    {
        var rng = new Random(256);
        for (int k = 0; k < 4; k++)
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var spki = ec.ExportSubjectPublicKeyInfo();
            var key = Engine.PrepareKey(SignatureAlgorithm.EcdsaP256Sha256, spki);
            Assert.NotNull(key);
            for (int m = 0; m < 4; m++)
            {
                var msg = new byte[rng.Next(0, 400)];
                rng.NextBytes(msg);
                var sig = ec.SignData(msg, HashAlgorithmName.SHA256);
                var digest = SHA256.HashData(msg);
                Assert.True(Engine.VerifyDigest(key!, digest, sig, 0, 64));
                Assert.True(SignatureVerifier.Verify(SignatureAlgorithm.EcdsaP256Sha256, spki, msg, sig));
                var der = ec.SignData(msg, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
                var p1363 = new byte[64];
                Assert.True(EcdsaSignature.TryDerToP1363(der, 0, der.Length, p1363));
                Assert.True(Engine.VerifyDigest(key!, digest, p1363, 0, 64));
                var bad = (byte[])sig.Clone();
                bad[rng.Next(64)] ^= (byte)(1 << rng.Next(8));
                Assert.Equal(ec.VerifyData(msg, bad, HashAlgorithmName.SHA256), Engine.VerifyDigest(key!, digest, bad, 0, 64));
            }
        }
    }

    [Fact]
    public void PrepareKey_WrongAlgorithmForKey_ReturnsNull()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rsa = RSA.Create(2048);
        Assert.Null(Engine.PrepareKey(SignatureAlgorithm.RsaPkcs1Sha256, ec.ExportSubjectPublicKeyInfo()));
        Assert.Null(Engine.PrepareKey(SignatureAlgorithm.EcdsaP256Sha256, rsa.ExportSubjectPublicKeyInfo()));
        Assert.Null(Engine.PrepareKey((SignatureAlgorithm)99, rsa.ExportSubjectPublicKeyInfo()));
    }

    // SubjectPublicKeyInfo for rsaEncryption with the given magnitudes (RFC 8017 App. A.1.1).
    private static byte[] RsaSpki(byte[] modulus, byte[] exponent)
    {
        var key = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (key.PushSequence())
        {
            key.WriteIntegerUnsigned(modulus);
            key.WriteIntegerUnsigned(exponent);
        }
        var w = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier("1.2.840.113549.1.1.1");
                w.WriteNull();
            }
            w.WriteBitString(key.Encode());
        }
        return w.Encode();
    }

    /// <summary>Issue 15 item 8: an exponent of the modulus' byte length passed when it was ≥ the modulus.</summary>
    [Theory]
    [InlineData(0, false)]  // e = n
    [InlineData(2, true)]   // e = n − 2 (odd, below n)
    [InlineData(-2, false)] // e = n + 2 (same length, above n)
    public void PrepareKey_RsaExponentOfModulusLength_OnlyBelowModulus(int delta, bool usable)
    {
        using var rsa = RSA.Create(2048);
        var n = rsa.ExportParameters(false).Modulus!;
        var e = new BigInteger(n, isUnsigned: true, isBigEndian: true) - delta;
        var eBytes = e.ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.Equal(n.Length, eBytes.Length);
        Assert.Equal(usable, Engine.PrepareKey(SignatureAlgorithm.RsaPkcs1Sha256, RsaSpki(n, eBytes)) != null);
    }

    [Fact]
    public void PrepareKey_SmallRsaModulus_ReturnsNull()
    {
        using var rsa = RSA.Create(1024);
        Assert.Null(Engine.PrepareKey(SignatureAlgorithm.RsaPkcs1Sha256, rsa.ExportSubjectPublicKeyInfo()));
    }

    [Fact]
    public void PrepareKey_EveryTruncationAndByteFlipOfSpki_NeverThrows()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rsa = RSA.Create(2048);
        foreach (var (alg, spki) in new[] { (SignatureAlgorithm.EcdsaP256Sha256, ec.ExportSubjectPublicKeyInfo()), (SignatureAlgorithm.RsaPkcs1Sha256, rsa.ExportSubjectPublicKeyInfo()) })
        {
            for (int len = 0; len < spki.Length; len++)
                Assert.Null(Engine.PrepareKey(alg, spki[..len]));
            // Flipping a structural byte (tags, lengths, OID, point format, sign) must be rejected.
            for (int i = 0; i < 30; i++)
            {
                var bad = (byte[])spki.Clone();
                bad[i] ^= 0x01;
                var key = Engine.PrepareKey(alg, bad);
                if (alg == SignatureAlgorithm.EcdsaP256Sha256) Assert.Null(key);
            }
            var trailing = spki.Concat(new byte[] { 0 }).ToArray();
            Assert.Null(Engine.PrepareKey(alg, trailing));
        }
    }

    [Fact]
    public void VerifyDigest_BadArguments_ReturnsFalse()
    {
        using var rsa = RSA.Create(2048);
        var key = Engine.PrepareKey(SignatureAlgorithm.RsaPkcs1Sha256, rsa.ExportSubjectPublicKeyInfo())!;
        var digest = new byte[32];
        var sig = rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.True(Engine.VerifyDigest(key, digest, sig, 0, 256));
        Assert.False(Engine.VerifyDigest(key, digest, sig, 1, 255));
        Assert.False(Engine.VerifyDigest(key, digest, sig, 0, 257));
        Assert.False(Engine.VerifyDigest(key, digest, null!, 0, 256));
        Assert.False(Engine.VerifyDigest(key, new byte[31], sig, 0, 256));
        Assert.False(Engine.VerifyDigest(null!, digest, sig, 0, 256));
        Assert.False(Engine.VerifyDigest("not a key", digest, sig, 0, 256));
        // s ≥ n is rejected even though s mod n would verify.
        var n = new BigInteger(rsa.ExportParameters(false).Modulus, true, true);
        var s = new BigInteger(sig, true, true) + n;
        if (s.GetByteCount(true) == 256)
            Assert.False(Engine.VerifyDigest(key, digest, Be(s, 256), 0, 256));
        Assert.False(SignatureVerifier.Verify(SignatureAlgorithm.RsaPkcs1Sha256, null!, digest, sig));
    }
}
