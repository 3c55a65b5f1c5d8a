using System.Runtime.CompilerServices;
using System.Text.Json;
using Handheld.Core.Crypto;

namespace Handheld.IlCounter;

/// <summary>
/// The operations measured. This class runs inside the counting context, where its references to Core bind to
/// the instrumented copies: set-up happens first (uncounted), then the counters are reset and only the
/// operation runs. Results cross back to the caller as plain values.
/// </summary>
public static partial class Workloads
{
    private delegate Action Setup(string repoRoot);

    private sealed record Operation(string Name, Setup Prepare, string Note, bool TrackLive = false);

    private static readonly List<Operation> Operations = new()
    {
        new("static constructors (all Core types)", _ => RunStaticConstructors, "once at boot"),
        new("RSA-2048 key preparation", RsaPrepare, "e = 65537, Wycheproof rsa 2048 tcId 1"),
        new("RSA-2048 first verification", RsaFirstVerify, "lazy per-key constants (R² mod n) on first use"),
        new("RSA-2048 verification", RsaVerify, "digest given"),
        new("P-256 key preparation", P256Prepare, "parse, point on the curve"),
        new("P-256 first verification, first key", P256FirstVerifyFirstKey, "Q table, verification (the G table is constant data)"),
        new("P-256 first verification", P256FirstVerify, "Q table, verification, a second key"),
        new("P-256 verification", P256Verify, "Wycheproof p1363 tcId 1, digest given"),
        new("P-256 verification, worst valid case", P256VerifyWorst, "of the valid Wycheproof p1363 cases, digest given"),
        new("SM2 key preparation", Sm2Prepare, "parse, point on the curve"),
        new("SM2 first verification, first key", Sm2FirstVerifyFirstKey, "P table, shared G table, Z, e = SM3(Z‖M), verification"),
        new("SM2 first verification", Sm2FirstVerify, "P table (G table built), Z, e = SM3(Z‖M), verification"),
        new("SM2 verification", Sm2Verify, "GM/T 0003.5 A.2 example, e given"),
        new("SM3 of 300 B", Sm3Of300, "a licence-sized message"),
        new("SHA-256 of 300 B", Sha256Of300, "a licence-sized message"),
        new("SHA-256 per KB", Sha256PerKb, "16 KB hashed, count / 16"),
        new("HMAC-SHA256 (managed) of 64 B", HmacManaged, "fallback engine"),
    };

    private static bool s_staticsDone;
    // Set by an operation that measures several runs itself (its count is the worst run, its note says more).
    private static long s_reported = -1;
    private static string? s_reportedNote;

    public static string[] Names() => Operations.Concat(DeviceOperations).Select(o => o.Name).ToArray();

    public static object[] Run(string name, string repoRoot)
    {
        var op = Operations.Concat(DeviceOperations).Single(o => o.Name == name);
        if (!s_staticsDone && op.Prepare != null && name != Operations[0].Name)
        {
            // The interpreter runs every static constructor at start-up; do the same before any set-up so no
            // operation is charged for one.
            RunStaticConstructors();
        }
        s_staticsDone = true;
        Action action = op.Prepare!(repoRoot);
        int repeat = name == "SHA-256 per KB" ? 16 : 1;
        IlProbe.TrackLive = op.TrackLive;
        IlProbe.Reset();
        action();
        long il = s_reported >= 0 ? s_reported : IlProbe.Instructions / repeat, bytes = IlProbe.AllocatedBytes, count = IlProbe.Allocations;
        long peak = op.TrackLive ? IlProbe.PeakLiveBytes : -1;
        string note = s_reportedNote ?? op.Note;
        s_reported = -1;
        s_reportedNote = null;
        IlProbe.TrackLive = false;
        return new object[] { il, bytes, count, peak, note, IlProbe.PerMethod.Clone() };
    }

    private static void RunStaticConstructors()
    {
        foreach (var asm in CoreAssemblies())
        {
            foreach (var t in asm.GetTypes()) RuntimeHelpers.RunClassConstructor(t.TypeHandle);
        }
    }

    private static IEnumerable<System.Reflection.Assembly> CoreAssemblies()
    {
        yield return typeof(Handheld.Core.Text.Utf8).Assembly;
        yield return typeof(Sha256).Assembly;
        yield return typeof(Handheld.Core.Trust.TrustStore).Assembly;
        yield return typeof(Handheld.Core.Fluorescence.PhysicalCheck).Assembly;
        yield return typeof(Handheld.Core.Records.RecordLog).Assembly;
    }

    // ---- signatures -------------------------------------------------------------------------------------------

    private static readonly ManagedSignatureEngine Engine = new();

    private static (byte[] Spki, byte[] Digest, byte[] Sig) Vector(string repoRoot, string file, int tcId)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(repoRoot, "tests", "TestData", "wycheproof", file)));
        foreach (var g in doc.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            foreach (var t in g.GetProperty("tests").EnumerateArray())
            {
                if (t.GetProperty("tcId").GetInt32() != tcId) continue;
                byte[] msg = Convert.FromHexString(t.GetProperty("msg").GetString()!);
                return (Convert.FromHexString(g.GetProperty("publicKeyDer").GetString()!),
                    System.Security.Cryptography.SHA256.HashData(msg),
                    Convert.FromHexString(t.GetProperty("sig").GetString()!));
            }
        }
        throw new WorkloadFailedException(file + ": tcId " + tcId + " not found");
    }

    private const string RsaFile = "rsa_signature_2048_sha256_test.json";
    private const string P256File = "ecdsa_secp256r1_sha256_p1363_test.json";

    private static Action RsaPrepare(string root)
    {
        var v = Vector(root, RsaFile, 1);
        return () => Check(Engine.PrepareKey(SignatureAlgorithm.RsaPkcs1Sha256, v.Spki) != null, "RSA key refused");
    }

    private static Action RsaFirstVerify(string root)
    {
        var v = Vector(root, RsaFile, 1);
        object key = Engine.PrepareKey(SignatureAlgorithm.RsaPkcs1Sha256, v.Spki)!;
        return () => Check(Engine.VerifyDigest(key, v.Digest, v.Sig, 0, v.Sig.Length), "RSA vector rejected");
    }

    private static Action RsaVerify(string root)
    {
        var v = Vector(root, RsaFile, 1);
        object key = Engine.PrepareKey(SignatureAlgorithm.RsaPkcs1Sha256, v.Spki)!;
        // A first verification outside the count, so lazily prepared constants are charged to preparation.
        Check(Engine.VerifyDigest(key, v.Digest, v.Sig, 0, v.Sig.Length), "RSA vector rejected");
        return () => Check(Engine.VerifyDigest(key, v.Digest, v.Sig, 0, v.Sig.Length), "RSA vector rejected");
    }

    private static Action P256Prepare(string root)
    {
        var v = Vector(root, P256File, 1);
        return () => Check(Engine.PrepareKey(SignatureAlgorithm.EcdsaP256Sha256, v.Spki) != null, "P-256 key refused");
    }

    private static Action P256FirstVerifyFirstKey(string root)
    {
        var v = Vector(root, P256File, 1);
        object key = Engine.PrepareKey(SignatureAlgorithm.EcdsaP256Sha256, v.Spki)!;
        return () => Check(Engine.VerifyDigest(key, v.Digest, v.Sig, 0, v.Sig.Length), "P-256 vector rejected");
    }

    private static Action P256FirstVerify(string root)
    {
        var v = Vector(root, P256File, 1);
        object warm = Engine.PrepareKey(SignatureAlgorithm.EcdsaP256Sha256, v.Spki)!;
        Check(Engine.VerifyDigest(warm, v.Digest, v.Sig, 0, v.Sig.Length), "P-256 vector rejected");
        object key = Engine.PrepareKey(SignatureAlgorithm.EcdsaP256Sha256, v.Spki)!;
        return () => Check(Engine.VerifyDigest(key, v.Digest, v.Sig, 0, v.Sig.Length), "P-256 vector rejected");
    }

    private static Action P256Verify(string root)
    {
        var v = Vector(root, P256File, 1);
        object key = Engine.PrepareKey(SignatureAlgorithm.EcdsaP256Sha256, v.Spki)!;
        Check(Engine.VerifyDigest(key, v.Digest, v.Sig, 0, v.Sig.Length), "P-256 vector rejected");
        return () => Check(Engine.VerifyDigest(key, v.Digest, v.Sig, 0, v.Sig.Length), "P-256 vector rejected");
    }

    // Every valid case of the p1363 file, each key prepared and used once outside the count: the count varies
    // with the number of non-zero wNAF digits of u1 and u2, so the row reports the worst case and the mean.
    private static Action P256VerifyWorst(string root)
    {
        var cases = new List<(object Key, byte[] Digest, byte[] Sig, int TcId)>();
        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "tests", "TestData", "wycheproof", P256File))))
        {
            foreach (var g in doc.RootElement.GetProperty("testGroups").EnumerateArray())
            {
                object? key = Engine.PrepareKey(SignatureAlgorithm.EcdsaP256Sha256, Convert.FromHexString(g.GetProperty("publicKeyDer").GetString()!));
                foreach (var t in g.GetProperty("tests").EnumerateArray())
                {
                    if (t.GetProperty("result").GetString() != "valid") continue;
                    Check(key != null, "P-256 key refused");
                    var c = (key!, System.Security.Cryptography.SHA256.HashData(Convert.FromHexString(t.GetProperty("msg").GetString()!)),
                        Convert.FromHexString(t.GetProperty("sig").GetString()!), t.GetProperty("tcId").GetInt32());
                    Check(Engine.VerifyDigest(c.Item1, c.Item2, c.Item3, 0, c.Item3.Length), "P-256 tcId " + c.Item4 + " rejected");
                    cases.Add(c);
                }
            }
        }
        return () =>
        {
            long worst = 0, total = 0;
            int worstId = 0;
            foreach (var c in cases)
            {
                long before = IlProbe.Instructions;
                Check(Engine.VerifyDigest(c.Key, c.Digest, c.Sig, 0, c.Sig.Length), "P-256 tcId " + c.TcId + " rejected");
                long n = IlProbe.Instructions - before;
                total += n;
                if (n > worst)
                {
                    worst = n;
                    worstId = c.TcId;
                }
            }
            s_reported = worst;
            s_reportedNote = "tcId " + worstId + ", worst of " + cases.Count + " valid Wycheproof p1363 cases (mean " + (total / cases.Count).ToString("N0") + ")";
        };
    }

    private static (byte[] Spki, byte[] Message, byte[] Sig, byte[] E) Sm2Vector(string root)
    {
        foreach (var line in File.ReadAllLines(Path.Combine(root, "tests", "TestData", "sm2", "sm2.txt")))
        {
            if (!line.StartsWith("gmt0003.5-a2;", StringComparison.Ordinal)) continue;
            var f = line.Split(';');
            return (Convert.FromHexString(f[1]), System.Text.Encoding.ASCII.GetBytes(f[3]), Convert.FromHexString(f[6] + f[7]),
                Convert.FromHexString(f[5]));
        }
        throw new WorkloadFailedException("sm2.txt: gmt0003.5-a2 not found");
    }

    private static Action Sm2Prepare(string root)
    {
        var v = Sm2Vector(root);
        return () => Check(Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, v.Spki) != null, "SM2 key refused");
    }

    // The first verification of a key: what preparation leaves for first use (P table, Z) plus one verification
    // over the message (e = SM3(Z‖M) included), as a licence check does it.
    private static Action Sm2FirstVerifyFirstKey(string root)
    {
        var v = Sm2Vector(root);
        object key = Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, v.Spki)!;
        return () =>
        {
            byte[] e = SignatureDigest.Compute(key, v.Message, 0, v.Message.Length);
            Check(Engine.VerifyDigest(key, e, v.Sig, 0, v.Sig.Length), "SM2 vector rejected");
        };
    }

    private static Action Sm2FirstVerify(string root)
    {
        var v = Sm2Vector(root);
        object warm = Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, v.Spki)!;
        Check(Engine.VerifyDigest(warm, v.E, v.Sig, 0, v.Sig.Length), "SM2 vector rejected");
        object key = Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, v.Spki)!;
        return () =>
        {
            byte[] e = SignatureDigest.Compute(key, v.Message, 0, v.Message.Length);
            Check(Engine.VerifyDigest(key, e, v.Sig, 0, v.Sig.Length), "SM2 vector rejected");
        };
    }

    private static Action Sm2Verify(string root)
    {
        var v = Sm2Vector(root);
        object key = Engine.PrepareKey(SignatureAlgorithm.Sm2Sm3, v.Spki)!;
        Check(SignatureDigest.Compute(key, v.Message, 0, v.Message.Length).AsSpan().SequenceEqual(v.E), "SM2 e wrong");
        Check(Engine.VerifyDigest(key, v.E, v.Sig, 0, v.Sig.Length), "SM2 vector rejected");
        return () => Check(Engine.VerifyDigest(key, v.E, v.Sig, 0, v.Sig.Length), "SM2 vector rejected");
    }

    private static Action Sm3Of300(string root)
    {
        // "abc" × 100; the digest is OpenSSL 3.0's SM3 of the same bytes.
        var data = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abc", 100)));
        var sm3 = new Sm3();
        var digest = new byte[32];
        var expected = Convert.FromHexString("2743387713ad7fa417a128db1de18b6e5bd8bf56b8296f2a03c06b6c214332c9");
        return () =>
        {
            sm3.Update(data, 0, data.Length);
            sm3.Final(digest, 0);
            Check(digest.AsSpan().SequenceEqual(expected), "SM3 wrong");
        };
    }

    private static Action Sha256Of300(string root)
    {
        var data = new byte[300];
        new Random(1).NextBytes(data);
        var sha = new Sha256();
        var digest = new byte[32];
        return () =>
        {
            sha.Update(data, 0, data.Length);
            sha.Final(digest, 0);
            Check(digest.AsSpan().SequenceEqual(System.Security.Cryptography.SHA256.HashData(data)), "SHA-256 wrong");
        };
    }

    private static Action Sha256PerKb(string root)
    {
        var data = new byte[16 * 1024];
        new Random(1).NextBytes(data);
        var sha = new Sha256();
        var digest = new byte[32];
        return () =>
        {
            sha.Update(data, 0, data.Length);
            sha.Final(digest, 0);
            Check(digest.AsSpan().SequenceEqual(System.Security.Cryptography.SHA256.HashData(data)), "SHA-256 wrong");
        };
    }

    private static Action HmacManaged(string root)
    {
        var key = new byte[32];
        var data = new byte[64];
        var mac = new byte[32];
        return () =>
        {
            HmacSha256.Compute(key, data, 0, data.Length, mac, 0);
            Check(mac.AsSpan().SequenceEqual(System.Security.Cryptography.HMACSHA256.HashData(key, data)), "HMAC wrong");
        };
    }

    private static void Check(bool ok, string what)
    {
        if (!ok) throw new WorkloadFailedException(what);
    }
}
