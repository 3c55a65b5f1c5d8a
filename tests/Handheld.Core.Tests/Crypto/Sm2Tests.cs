using System.Numerics;
using System.Text;
using Handheld.Core.Crypto;
using Org.BouncyCastle.Crypto.Parameters;

namespace Handheld.Core.Tests.Crypto;

/// <summary>SM2 with SM3 in Core: the standard's example, BouncyCastle and OpenSSL as oracles on random keys,
/// messages and identifiers, and every malformed-input edge the ECDSA tests apply (r or s zero or ≥ n, t = 0,
/// wrong lengths, tampered bits, wrong identifier, points off the curve or out of range, wrong SPKI forms).</summary>
public sealed class Sm2Tests
{
    private static readonly ManagedSignatureEngine Engine = new();
    private static readonly BigInteger N = BigInteger.Parse("0FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123", System.Globalization.NumberStyles.HexNumber);
    private static readonly BigInteger P = BigInteger.Pow(2, 256) - BigInteger.Pow(2, 224) - BigInteger.Pow(2, 96) + BigInteger.Pow(2, 64) - 1;

    public static IEnumerable<object[]> StandardVectors() =>
        CryptoTestData.SemicolonRecords("sm2", "sm2.txt").Select(r => new object[] { r[0], r[1], r[2], r[3], r[4], r[5], r[6] + r[7] });

    [Theory]
    [MemberData(nameof(StandardVectors))]
    public void Verify_StandardAndDerivedExamples_ZeAndSignatureMatch(string name, string spkiHex, string id, string message, string z, string e, string rs)
    {
        byte[] spki = CryptoTestData.Hex(spkiHex), sig = CryptoTestData.Hex(rs), msg = Encoding.ASCII.GetBytes(message), idBytes = Encoding.ASCII.GetBytes(id);
        var key = Sm2PublicKey.Create(spki);
        Assert.NotNull(key);
        var zOut = new byte[32];
        Assert.True(key.ComputeZ(idBytes, 0, idBytes.Length, zOut));
        Assert.Equal(z, CryptoTestData.ToHex(zOut));
        byte[] eOut = Sm3.Hash(zOut.Concat(msg).ToArray(), 0, zOut.Length + msg.Length);
        Assert.Equal(e, CryptoTestData.ToHex(eOut));
        Assert.True(key.Verify(eOut, sig, 0, 64), name);
        bool defaultId = id == "1234567812345678";
        // The engine path always uses the default identifier.
        Assert.Equal(defaultId, SignatureVerifier.Verify(SignatureAlgorithm.Sm2Sm3, spki, msg, sig));
        Assert.True(Sm2TestKit.Verify(Org.BouncyCastle.Security.PublicKeyFactory.CreateKey(spki), idBytes, msg, sig), name + " (BouncyCastle)");
    }

    [Fact]
    public void VerifyDigest_RandomKeysMessagesDefaultId_AgreesWithBouncyCastle()
    {
        var random = Sm2TestKit.Random(32918);
        var rng = new Random(32918);
        int cases = 0;
        for (int k = 0; k < 100; k++)
        {
            var pair = Sm2TestKit.NewKey(random);
            byte[] spki = Sm2TestKit.Spki(pair.Public);
            object key = Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, spki)!;
            Assert.NotNull(key);
            Assert.Equal(Sha256KeyId(spki), KeyIdentifier.Compute(spki));
            for (int m = 0; m < 10; m++)
            {
                var msg = new byte[rng.Next(0, 400)];
                rng.NextBytes(msg);
                byte[] sig = Sm2TestKit.Sign(pair.Private, Sm2TestKit.DefaultId, msg, random);
                byte[] digest = SignatureDigest.Compute(key, msg, 0, msg.Length);
                Assert.True(Engine.VerifyDigest(key, digest, sig, 0, 64), "key " + k + " message " + m);
                var bad = (byte[])sig.Clone();
                bad[rng.Next(64)] ^= (byte)(1 << rng.Next(8));
                Assert.Equal(Sm2TestKit.Verify(pair.Public, Sm2TestKit.DefaultId, msg, bad), Engine.VerifyDigest(key, digest, bad, 0, 64));
                Assert.False(Engine.VerifyDigest(key, digest, bad, 0, 64));
                if (msg.Length > 0)
                {
                    var other = (byte[])msg.Clone();
                    other[rng.Next(other.Length)] ^= 1;
                    Assert.False(Engine.VerifyDigest(key, SignatureDigest.Compute(key, other, 0, other.Length), sig, 0, 64));
                }
                cases++;
            }
        }
        Assert.Equal(1000, cases);
    }

    [Fact]
    public void Verify_RandomIdentifiers_AgreesWithBouncyCastle_AndWrongIdentifierFails()
    {
        var random = Sm2TestKit.Random(35276);
        var rng = new Random(35276);
        for (int c = 0; c < 1000; c++)
        {
            var pair = c % 10 == 0 || c == 0 ? Sm2TestKit.NewKey(random) : s_last!;
            s_last = pair;
            var key = Sm2PublicKey.Create(Sm2TestKit.Spki(pair.Public))!;
            var id = new byte[rng.Next(0, 40)];
            rng.NextBytes(id);
            var msg = new byte[rng.Next(0, 300)];
            rng.NextBytes(msg);
            byte[] sig = Sm2TestKit.Sign(pair.Private, id, msg, random);
            Assert.True(key.Verify(E(key, id, msg), sig, 0, 64), "case " + c);
            var wrongId = id.Length == 0 ? new byte[] { 0x41 } : (byte[])id.Clone();
            if (id.Length > 0) wrongId[rng.Next(id.Length)] ^= (byte)(1 << rng.Next(8));
            Assert.False(key.Verify(E(key, wrongId, msg), sig, 0, 64));
            Assert.False(Sm2TestKit.Verify(pair.Public, wrongId, msg, sig));
        }
    }

    private static Org.BouncyCastle.Crypto.AsymmetricCipherKeyPair? s_last;

    [Fact]
    public void Verify_OpenSslSignatures_DerConvertedAndVerifiedInCore()
    {
        string dir = Directory.CreateTempSubdirectory("sm2-openssl").FullName;
        try
        {
            var rng = new Random(1);
            for (int k = 0; k < 5; k++)
            {
                Sm2TestKit.OpenSsl(dir, "genpkey", "-algorithm", "SM2", "-out", "key.pem");
                Sm2TestKit.OpenSsl(dir, "pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der");
                byte[] spki = File.ReadAllBytes(Path.Combine(dir, "pub.der"));
                object key = Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, spki)!;
                Assert.NotNull(key);
                for (int m = 0; m < 4; m++)
                {
                    var msg = new byte[rng.Next(1, 300)];
                    rng.NextBytes(msg);
                    File.WriteAllBytes(Path.Combine(dir, "msg.bin"), msg);
                    string id = m % 2 == 0 ? "1234567812345678" : "inspector-" + k + "-" + m;
                    Sm2TestKit.OpenSsl(dir, "pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-inkey", "key.pem", "-in", "msg.bin",
                        "-pkeyopt", "distid:" + id, "-out", "sig.der");
                    byte[] der = File.ReadAllBytes(Path.Combine(dir, "sig.der"));
                    var rs = new byte[64];
                    Assert.True(EcdsaSignature.TryDerToP1363(der, 0, der.Length, rs));
                    var sm2 = (Sm2PublicKey)key;
                    byte[] idBytes = Encoding.ASCII.GetBytes(id);
                    Assert.True(sm2.Verify(E(sm2, idBytes, msg), rs, 0, 64), "openssl key " + k + " message " + m);
                    Assert.Equal(m % 2 == 0, SignatureVerifier.Verify(SignatureAlgorithm.Sm2Sm3, spki, msg, rs));
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Verify_CoreAcceptedSignatures_OpenSslAcceptsToo()
    {
        string dir = Directory.CreateTempSubdirectory("sm2-openssl").FullName;
        try
        {
            var random = Sm2TestKit.Random(7);
            var pair = Sm2TestKit.NewKey(random);
            byte[] spki = Sm2TestKit.Spki(pair.Public);
            File.WriteAllBytes(Path.Combine(dir, "pub.der"), spki);
            var msg = "licence tbs"u8.ToArray();
            File.WriteAllBytes(Path.Combine(dir, "msg.bin"), msg);
            byte[] sig = Sm2TestKit.Sign(pair.Private, Sm2TestKit.DefaultId, msg, random);
            Assert.True(SignatureVerifier.Verify(SignatureAlgorithm.Sm2Sm3, spki, msg, sig));
            File.WriteAllBytes(Path.Combine(dir, "sig.der"), EcdsaSignature.TryP1363ToDer(sig, 0));
            string output = Sm2TestKit.OpenSsl(dir, "pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pubin", "-keyform", "DER", "-inkey", "pub.der",
                "-in", "msg.bin", "-sigfile", "sig.der", "-pkeyopt", "distid:1234567812345678");
            Assert.Contains("Signature Verified Successfully", output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static IEnumerable<object[]> ScalarEdges()
    {
        yield return new object[] { "r = 0", BigInteger.Zero, null! };
        yield return new object[] { "s = 0", null!, BigInteger.Zero };
        yield return new object[] { "r = n", N, null! };
        yield return new object[] { "s = n", null!, N };
        yield return new object[] { "r = n + 1", N + 1, null! };
        yield return new object[] { "s = n + 1", null!, N + 1 };
        yield return new object[] { "r = p", P, null! };
        yield return new object[] { "r = 2^256 - 1", BigInteger.Pow(2, 256) - 1, null! };
        yield return new object[] { "s = 2^256 - 1", null!, BigInteger.Pow(2, 256) - 1 };
        yield return new object[] { "r = 1", BigInteger.One, null! };
        yield return new object[] { "s = 1", null!, BigInteger.One };
        yield return new object[] { "r = n - 1", N - 1, null! };
        yield return new object[] { "s = n - 1", null!, N - 1 };
    }

    [Theory]
    [MemberData(nameof(ScalarEdges))]
    public void VerifyDigest_ScalarEdges_Rejected_AsBouncyCastle(string name, BigInteger? r, BigInteger? s)
    {
        var (pair, spki, key, msg, digest, sig) = Signed(11);
        var bad = (byte[])sig.Clone();
        if (r is BigInteger rv) CryptoTestData.Be(rv, 32).CopyTo(bad, 0);
        if (s is BigInteger sv) CryptoTestData.Be(sv, 32).CopyTo(bad, 32);
        Assert.False(Engine.VerifyDigest(key, digest, bad, 0, 64), name);
        Assert.False(Sm2TestKit.Verify(pair.Public, Sm2TestKit.DefaultId, msg, bad), name + " (BouncyCastle)");
    }

    [Fact]
    public void VerifyDigest_RPlusSIsN_TZeroRejected()
    {
        var (_, _, key, _, digest, sig) = Signed(12);
        var r = new BigInteger(sig.AsSpan(0, 32), isUnsigned: true, isBigEndian: true);
        var bad = (byte[])sig.Clone();
        CryptoTestData.Be(N - r, 32).CopyTo(bad, 32);
        Assert.False(Engine.VerifyDigest(key, digest, bad, 0, 64));
    }

    [Fact]
    public void VerifyDigest_SwappedHalvesAndNegatedS_Rejected()
    {
        var (_, _, key, _, digest, sig) = Signed(13);
        var swapped = sig.Skip(32).Concat(sig.Take(32)).ToArray();
        Assert.False(Engine.VerifyDigest(key, digest, swapped, 0, 64));
        var s = new BigInteger(sig.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        var negated = (byte[])sig.Clone();
        CryptoTestData.Be(N - s, 32).CopyTo(negated, 32);
        Assert.False(Engine.VerifyDigest(key, digest, negated, 0, 64));
    }

    [Fact]
    public void VerifyDigest_BadLengthsOffsetsAndDer_Rejected()
    {
        var (_, _, key, _, digest, sig) = Signed(14);
        Assert.True(Engine.VerifyDigest(key, digest, sig, 0, 64));
        var padded = new byte[70];
        sig.CopyTo(padded, 3);
        Assert.True(Engine.VerifyDigest(key, digest, padded, 3, 64));
        Assert.False(Engine.VerifyDigest(key, digest, padded, 3, 65));
        Assert.False(Engine.VerifyDigest(key, digest, sig, 0, 63));
        Assert.False(Engine.VerifyDigest(key, digest, sig, 1, 64));
        Assert.False(Engine.VerifyDigest(key, digest, sig, -1, 64));
        Assert.False(Engine.VerifyDigest(key, digest, EcdsaSignature.TryP1363ToDer(sig, 0), 0, 64));
        Assert.False(Engine.VerifyDigest(key, digest.Take(31).ToArray(), sig, 0, 64));
        Assert.False(Engine.VerifyDigest(key, null!, sig, 0, 64));
        Assert.False(Engine.VerifyDigest(key, digest, null!, 0, 64));
        // The SHA-256 of the message instead of e = SM3(Z || M).
        Assert.False(Engine.VerifyDigest(key, System.Security.Cryptography.SHA256.HashData("message"u8), sig, 0, 64));
    }

    [Fact]
    public void PrepareKey_PointsOffTheCurveOrOutOfRange_ReturnsNull()
    {
        var (_, spki, _, _, _, _) = Signed(15);
        int xy = spki.Length - 64;
        var offCurve = (byte[])spki.Clone();
        offCurve[^1] ^= 1;
        Assert.Null(Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, offCurve));
        var x = new BigInteger(spki.AsSpan(xy, 32), isUnsigned: true, isBigEndian: true);
        var y = new BigInteger(spki.AsSpan(xy + 32, 32), isUnsigned: true, isBigEndian: true);
        if (x + P < BigInteger.Pow(2, 256))
        {
            var xPlusP = (byte[])spki.Clone();
            CryptoTestData.Be(x + P, 32).CopyTo(xPlusP, xy);
            Assert.Null(Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, xPlusP));
        }
        var yIsP = (byte[])spki.Clone();
        CryptoTestData.Be(P, 32).CopyTo(yIsP, xy + 32);
        Assert.Null(Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, yIsP));
        var zero = (byte[])spki.Clone();
        Array.Clear(zero, xy, 64);
        Assert.Null(Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, zero));
        // (x, −y) is on the curve: accepted, but the signature made for (x, y) does not verify under it.
        var negY = (byte[])spki.Clone();
        CryptoTestData.Be(P - y, 32).CopyTo(negY, xy + 32);
        Assert.NotNull(Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, negY));
    }

    [Fact]
    public void PrepareKey_NegatedKey_SignatureRejected()
    {
        var (_, spki, _, msg, _, sig) = Signed(16);
        int xy = spki.Length - 64;
        var y = new BigInteger(spki.AsSpan(xy + 32, 32), isUnsigned: true, isBigEndian: true);
        var negY = (byte[])spki.Clone();
        CryptoTestData.Be(P - y, 32).CopyTo(negY, xy + 32);
        Assert.False(SignatureVerifier.Verify(SignatureAlgorithm.Sm2Sm3, negY, msg, sig));
    }

    [Fact]
    public void PrepareKey_SpkiForms_OpenSslFormAndAlgorithmOidAccepted_OthersRefused()
    {
        var (_, spki, _, msg, _, sig) = Signed(17);
        byte[] point = spki.Skip(spki.Length - 65).ToArray();
        byte[] sm2Oid = { 0x06, 0x08, 0x2A, 0x81, 0x1C, 0xCF, 0x55, 0x01, 0x82, 0x2D };
        byte[] ecOid = { 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01 };
        byte[] p256Oid = { 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07 };
        byte[] Build(byte[] alg, byte[] pt) => Tlv(0x30, Tlv(0x30, alg).Concat(Tlv(0x03, new byte[] { 0 }.Concat(pt).ToArray())).ToArray());
        Assert.Equal(spki, Build(ecOid.Concat(sm2Oid).ToArray(), point)); // what BouncyCastle and OpenSSL write
        byte[] algOnly = Build(sm2Oid, point);
        byte[] algNull = Build(sm2Oid.Concat(new byte[] { 0x05, 0x00 }).ToArray(), point);
        Assert.True(SignatureVerifier.Verify(SignatureAlgorithm.Sm2Sm3, algOnly, msg, sig));
        Assert.True(SignatureVerifier.Verify(SignatureAlgorithm.Sm2Sm3, algNull, msg, sig));
        Assert.Null(Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, Build(ecOid.Concat(p256Oid).ToArray(), point)));
        Assert.Null(Engine.PrepareKey(SignatureAlgorithm.EcdsaP256Sha256, spki));
        Assert.Null(Engine.PrepareKey(SignatureAlgorithm.RsaPkcs1Sha256, spki));
        Assert.Null(Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, Build(sm2Oid.Concat(sm2Oid).ToArray(), point)));
        Assert.Null(Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, Build(ecOid, point)));
        var compressed = new byte[33];
        compressed[0] = (byte)(2 + (point[64] & 1));
        Array.Copy(point, 1, compressed, 1, 32);
        Assert.Null(Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, Build(ecOid.Concat(sm2Oid).ToArray(), compressed)));
        var hybrid = (byte[])point.Clone();
        hybrid[0] = 6;
        Assert.Null(Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, Build(ecOid.Concat(sm2Oid).ToArray(), hybrid)));
        Assert.Null(Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, spki.Concat(new byte[] { 0 }).ToArray()));
        for (int cut = 0; cut < spki.Length; cut++) Assert.Null(Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, spki.Take(cut).ToArray()));
        using var p256 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        Assert.Null(Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, p256.ExportSubjectPublicKeyInfo()));
    }

    [Fact]
    public void PrepareKey_EveryByteFlipOfSpki_NeverThrows()
    {
        var (_, spki, _, _, _, _) = Signed(18);
        for (int i = 0; i < spki.Length; i++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                var b = (byte[])spki.Clone();
                b[i] ^= (byte)(1 << bit);
                object? key = Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, b);
                Assert.True(key == null || key is Sm2PublicKey);
            }
        }
    }

    [Fact]
    public void ComputeZ_IdentifierTooLong_Refused()
    {
        var (_, spki, _, _, _, _) = Signed(19);
        var key = Sm2PublicKey.Create(spki)!;
        var z = new byte[32];
        Assert.True(key.ComputeZ(new byte[8191], 0, 8191, z));
        Assert.False(key.ComputeZ(new byte[8192], 0, 8192, z));
    }

    private static byte[] E(Sm2PublicKey key, byte[] id, byte[] msg)
    {
        var z = new byte[32];
        Assert.True(key.ComputeZ(id, 0, id.Length, z));
        var h = new Sm3();
        h.Update(z, 0, 32);
        h.Update(msg, 0, msg.Length);
        var e = new byte[32];
        h.Final(e, 0);
        return e;
    }

    private static (Org.BouncyCastle.Crypto.AsymmetricCipherKeyPair Pair, byte[] Spki, object Key, byte[] Msg, byte[] Digest, byte[] Sig) Signed(int seed)
    {
        var random = Sm2TestKit.Random(seed);
        var pair = Sm2TestKit.NewKey(random);
        byte[] spki = Sm2TestKit.Spki(pair.Public);
        object key = Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, spki)!;
        Assert.NotNull(key);
        byte[] msg = Encoding.ASCII.GetBytes("message " + seed);
        byte[] sig = Sm2TestKit.Sign(pair.Private, Sm2TestKit.DefaultId, msg, random);
        byte[] digest = SignatureDigest.Compute(key, msg, 0, msg.Length);
        Assert.True(Engine.VerifyDigest(key, digest, sig, 0, 64));
        return (pair, spki, key, msg, digest, sig);
    }

    private static byte[] Sha256KeyId(byte[] spki) => System.Security.Cryptography.SHA256.HashData(spki).AsSpan(0, 8).ToArray();

    private static byte[] Tlv(byte tag, byte[] content) => new[] { tag, (byte)content.Length }.Concat(content).ToArray();
}
