using System.CommandLine;
using Handheld.Cli.Conventions;
using Handheld.Sdk.Licensing;

namespace Handheld.Cli;

/// <summary><c>handheld keys generate --alg rsa2048|p256|sm2 --out NAME</c>: NAME.key.pem (PKCS#8), NAME.pub.pem (SPKI).</summary>
public static class KeysCommand
{
    private static readonly Option<bool> JsonFlag = JsonOutput.Create();

    public static Command Build()
    {
        var alg = new Option<string>("--alg") { Description = "rsa2048, p256 or sm2 (SM2 with SM3, GB/T 32918)", Required = true };
        var output = new Option<string>("--out") { Description = "file name stem: writes NAME.key.pem and NAME.pub.pem", Required = true };
        var force = new Option<bool>("--force") { Description = "replace NAME.key.pem / NAME.pub.pem when they exist" };
        var generate = new Command("generate", "Generate a licence signing key pair. The private key is written owner-only (0600), " +
            "encrypted (PKCS#8, AES-256) when a passphrase is set in " + KeyEncryption.PassphraseVariable + " or the variable --passphrase-env names.") { alg, output, force, JsonFlag };
        generate.SetAction(pr =>
        {
            var o = pr.InvocationConfiguration.Output;
            var e = pr.InvocationConfiguration.Error;
            try
            {
                var algorithm = InputFiles.Guard("--alg", () => KeyFiles.ParseAlgorithm(pr.GetValue(alg)!));
                var stem = pr.GetValue(output)!;
                SecretFile.CheckWritable("--out", pr.GetValue(force), stem + ".key.pem", stem + ".pub.pem");
                var passphrase = KeyPassphrase.Resolve(pr);
                var (privatePem, publicPem) = KeyFiles.Generate(algorithm);
                if (passphrase != null) privatePem = KeyEncryption.Encrypt(privatePem, passphrase);
                SecretFile.Write(stem + ".key.pem", privatePem, pr.GetValue(force));
                File.WriteAllText(stem + ".pub.pem", publicPem);
                var (spki, _) = KeyFiles.LoadPublic(publicPem);
                if (pr.GetValue(JsonFlag))
                {
                    JsonOutput.Write(new { privateKey = stem + ".key.pem", publicKey = stem + ".pub.pem", encrypted = passphrase != null, algorithm = KeyFiles.AlgorithmName(algorithm), keyId = Convert.ToHexStringLower(Handheld.Core.Crypto.KeyIdentifier.Compute(KeyFiles.LoadPublic(publicPem).Spki)) });
                    return 0;
                }
                o.WriteLine($"wrote {stem}.key.pem ({(passphrase != null ? "encrypted, " : "")}owner-only) and {stem}.pub.pem; key id {Convert.ToHexStringLower(Handheld.Core.Crypto.KeyIdentifier.Compute(spki))}");
                return 0;
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                e.WriteLine("error: " + ex.Message);
                return 2;
            }
        });
        return new Command("keys", "Signing keys.") { generate };
    }
}
