using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Handheld.IlCounter;

namespace Handheld.IlCounter.Tests;

/// <summary>
/// The counter against the real interpreter: issue 12 measured Core's signature code (main at 2dcb11d) on the
/// nanoFramework interpreter with an IL counter; PinnedCrypto holds that code unchanged, and counting it here must
/// agree with each figure within 1 %.
/// </summary>
[Collection(nameof(IlProbe))]
public sealed class MeasuredFiguresTests
{
    private static readonly Lazy<Assembly> Pinned = new(LoadPinned);

    [Theory]
    [InlineData("rsa-prepare", 5_917_320)]
    [InlineData("rsa-verify", 1_557_248)]
    [InlineData("p256-prepare", 1_342_329)]
    [InlineData("p256-verify", 5_135_882)]
    public void Count_PinnedMeasuredCode_AgreesWithInterpreterWithinOnePercent(string operation, long interpreter)
    {
        long counted = Measure(operation);
        Assert.InRange(counted, interpreter * 99 / 100, interpreter * 101 / 100);
    }

    private static long Measure(string operation)
    {
        var asm = Pinned.Value;
        var engineType = asm.GetType("Handheld.Core.Crypto.ManagedSignatureEngine", throwOnError: true)!;
        var algType = asm.GetType("Handheld.Core.Crypto.SignatureAlgorithm", throwOnError: true)!;
        object engine = Activator.CreateInstance(engineType)!;
        var prepare = engineType.GetMethod("PrepareKey")!;
        var verify = engineType.GetMethod("VerifyDigest")!;
        bool rsa = operation.StartsWith("rsa", StringComparison.Ordinal);
        var (spki, digest, sig) = rsa ? Vector("rsa_signature_2048_sha256_test.json") : Vector("ecdsa_secp256r1_sha256_p1363_test.json");
        object alg = Enum.ToObject(algType, rsa ? 1 : 2);
        bool prep = operation.EndsWith("prepare", StringComparison.Ordinal);
        object? key = null;
        if (!prep) key = prepare.Invoke(engine, new[] { alg, spki });
        IlProbe.Reset();
        object? result = prep ? prepare.Invoke(engine, new[] { alg, spki }) : verify.Invoke(engine, new[] { key, digest, sig, 0, sig.Length });
        long count = IlProbe.Instructions;
        Assert.True(prep ? result != null : (bool)result!, operation + " failed on the pinned code");
        return count;
    }

    private static (byte[], byte[], byte[]) Vector(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Counter.RepoRoot(), "tests", "TestData", "wycheproof", file)));
        var g = doc.RootElement.GetProperty("testGroups")[0];
        var t = g.GetProperty("tests")[0];
        Assert.Equal(1, t.GetProperty("tcId").GetInt32());
        return (Convert.FromHexString(g.GetProperty("publicKeyDer").GetString()!),
            System.Security.Cryptography.SHA256.HashData(Convert.FromHexString(t.GetProperty("msg").GetString()!)),
            Convert.FromHexString(t.GetProperty("sig").GetString()!));
    }

    private static Assembly LoadPinned()
    {
        string path = typeof(MeasuredFiguresTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PinnedCrypto").Value!;
        const string name = "Handheld.Core.Crypto.Pinned";
        var image = new Instrumenter(new[] { name }).Instrument(File.ReadAllBytes(path), Path.GetDirectoryName(path)!);
        var context = new CountingLoadContext(new Dictionary<string, byte[]> { [name] = image }, loadOwnCopy: false);
        var asm = context.LoadFromAssemblyName(new AssemblyName(name));
        // As on the interpreter, every static constructor has run before the first operation.
        foreach (var t in asm.GetTypes()) RuntimeHelpers.RunClassConstructor(t.TypeHandle);
        return asm;
    }
}
