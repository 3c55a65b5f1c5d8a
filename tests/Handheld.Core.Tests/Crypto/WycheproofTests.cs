using System.Collections.Concurrent;
using System.Text.Json;
using Handheld.Core.Crypto;

namespace Handheld.Core.Tests.Crypto;

/// <summary>
/// Every Wycheproof case must give Wycheproof's expected result. `acceptable` cases (in these files only
/// RSA tcId 8 of each file: DigestInfo without the NULL parameter) are required to be REJECTED: Core re-encodes
/// the one canonical EM of RFC 8017 §9.2 and accepts nothing else.
/// </summary>
public class WycheproofTests
{
    private sealed record Case(string File, int TcId, byte[] KeyDer, byte[] Msg, byte[] Sig, string Result, int Group);

    private static readonly ConcurrentDictionary<string, Dictionary<int, Case>> Files = new();
    private static readonly ConcurrentDictionary<string, object?> PreparedKeys = new();
    private static readonly ManagedSignatureEngine Engine = new();
    private static readonly object Gate = new();

    private static Dictionary<int, Case> Load(string file) => Files.GetOrAdd(file, f =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(CryptoTestData.PathOf("wycheproof", f)));
        var cases = new Dictionary<int, Case>();
        int g = 0;
        foreach (var group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            var key = CryptoTestData.Hex(group.GetProperty("publicKeyDer").GetString()!);
            foreach (var t in group.GetProperty("tests").EnumerateArray())
            {
                int id = t.GetProperty("tcId").GetInt32();
                cases[id] = new Case(f, id, key, CryptoTestData.Hex(t.GetProperty("msg").GetString()!),
                    CryptoTestData.Hex(t.GetProperty("sig").GetString()!), t.GetProperty("result").GetString()!, g);
            }
            g++;
        }
        return cases;
    });

    private static TheoryData<int> Ids(string file)
    {
        var d = new TheoryData<int>();
        foreach (var id in Load(file).Keys.Order()) d.Add(id);
        return d;
    }

    public static TheoryData<int> Rsa2048() => Ids("rsa_signature_2048_sha256_test.json");
    public static TheoryData<int> Rsa3072() => Ids("rsa_signature_3072_sha256_test.json");
    public static TheoryData<int> EcdsaDer() => Ids("ecdsa_secp256r1_sha256_test.json");
    public static TheoryData<int> EcdsaP1363() => Ids("ecdsa_secp256r1_sha256_p1363_test.json");

    private static bool VerifyPrepared(Case c, SignatureAlgorithm alg, byte[] sig)
    {
        // Prepared keys hold scratch buffers (not thread-safe); xunit runs theory cases of one class serially,
        // the lock only guards against parallel classes sharing this cache.
        lock (Gate)
        {
            var key = PreparedKeys.GetOrAdd(c.File + "#" + c.Group, _ => Engine.PrepareKey(alg, c.KeyDer));
            Assert.NotNull(key);
            var digest = Sha256.Hash(c.Msg, 0, c.Msg.Length);
            return Engine.VerifyDigest(key, digest, sig, 0, sig.Length);
        }
    }

    private static void Check(string file, int id, SignatureAlgorithm alg, bool der)
    {
        var c = Load(file)[id];
        bool expected = c.Result == "valid";
        byte[] sig = c.Sig;
        if (der)
        {
            var p1363 = new byte[64];
            // A DER encoding error makes the signature invalid.
            if (!EcdsaSignature.TryDerToP1363(c.Sig, 0, c.Sig.Length, p1363))
            {
                Assert.False(expected, $"tcId {id}: valid signature rejected by the DER decoder");
                return;
            }
            sig = p1363;
        }
        Assert.Equal(expected, VerifyPrepared(c, alg, sig));
        if (!der)
        {
            // The one-call entry point must agree.
            Assert.Equal(expected, SignatureVerifier.Verify(alg, c.KeyDer, c.Msg, c.Sig));
        }
    }

    [Theory]
    [MemberData(nameof(Rsa2048))]
    public void Verify_Rsa2048Sha256Case_MatchesWycheproof(int tcId) =>
        Check("rsa_signature_2048_sha256_test.json", tcId, SignatureAlgorithm.RsaPkcs1Sha256, false);

    [Theory]
    [MemberData(nameof(Rsa3072))]
    public void Verify_Rsa3072Sha256Case_MatchesWycheproof(int tcId) =>
        Check("rsa_signature_3072_sha256_test.json", tcId, SignatureAlgorithm.RsaPkcs1Sha256, false);

    [Theory]
    [MemberData(nameof(EcdsaDer))]
    public void Verify_EcdsaP256DerCase_MatchesWycheproof(int tcId) =>
        Check("ecdsa_secp256r1_sha256_test.json", tcId, SignatureAlgorithm.EcdsaP256Sha256, true);

    [Theory]
    [MemberData(nameof(EcdsaP1363))]
    public void Verify_EcdsaP256P1363Case_MatchesWycheproof(int tcId) =>
        Check("ecdsa_secp256r1_sha256_p1363_test.json", tcId, SignatureAlgorithm.EcdsaP256Sha256, false);
}
