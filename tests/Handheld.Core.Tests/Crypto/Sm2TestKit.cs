using System.Diagnostics;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Handheld.Core.Tests.Crypto;

/// <summary>BouncyCastle (the SM2 oracle) and OpenSSL helpers for the SM2 tests.</summary>
internal static class Sm2TestKit
{
    public static readonly byte[] DefaultId = "1234567812345678"u8.ToArray();

    public static readonly ECNamedDomainParameters Domain =
        new(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByName("sm2p256v1"));

    public static SecureRandom Random(int seed)
    {
        var r = SecureRandom.GetInstance("SHA256PRNG", false);
        r.SetSeed(seed);
        return r;
    }

    public static AsymmetricCipherKeyPair NewKey(SecureRandom random)
    {
        var gen = new ECKeyPairGenerator();
        gen.Init(new ECKeyGenerationParameters(Domain, random));
        return gen.GenerateKeyPair();
    }

    public static byte[] Spki(AsymmetricKeyParameter publicKey) =>
        SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey).GetDerEncoded();

    /// <summary>r‖s, 64 bytes.</summary>
    public static byte[] Sign(AsymmetricKeyParameter privateKey, byte[] id, byte[] message, SecureRandom random)
    {
        var signer = new SM2Signer(PlainDsaEncoding.Instance);
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(privateKey, random), id));
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    public static bool Verify(AsymmetricKeyParameter publicKey, byte[] id, byte[] message, byte[] rs)
    {
        var signer = new SM2Signer(PlainDsaEncoding.Instance);
        signer.Init(false, new ParametersWithID(publicKey, id));
        signer.BlockUpdate(message, 0, message.Length);
        return signer.VerifySignature(rs);
    }

    /// <summary>Runs openssl; throws with its stderr when it fails (a missing openssl fails the test, never skips it).</summary>
    public static string OpenSsl(string workDir, params string[] args)
    {
        var psi = new ProcessStartInfo("openssl") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException("openssl " + string.Join(' ', args) + ": " + stderr);
        return stdout;
    }
}
