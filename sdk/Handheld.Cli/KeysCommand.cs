using System.CommandLine;
using Handheld.Sdk.Licensing;

namespace Handheld.Cli;

/// <summary><c>handheld keys generate --alg rsa2048|p256|sm2 --out NAME</c>: NAME.key.pem (PKCS#8), NAME.pub.pem (SPKI).</summary>
public static class KeysCommand
{
    public static Command Build()
    {
        var alg = new Option<string>("--alg") { Description = "rsa2048, p256 or sm2 (SM2 with SM3, GB/T 32918)", Required = true };
        var output = new Option<string>("--out") { Description = "file name stem: writes NAME.key.pem and NAME.pub.pem", Required = true };
        var generate = new Command("generate", "Generate a licence signing key pair.") { alg, output };
        generate.SetAction(pr =>
        {
            var o = pr.InvocationConfiguration.Output;
            var e = pr.InvocationConfiguration.Error;
            try
            {
                Handheld.Core.Crypto.SignatureAlgorithm algorithm;
                try { algorithm = KeyFiles.ParseAlgorithm(pr.GetValue(alg)!); }
                catch (FormatException fe) { throw new FormatException("--alg: " + fe.Message); }
                var (privatePem, publicPem) = KeyFiles.Generate(algorithm);
                var stem = pr.GetValue(output)!;
                File.WriteAllText(stem + ".key.pem", privatePem);
                File.WriteAllText(stem + ".pub.pem", publicPem);
                var (spki, _) = KeyFiles.LoadPublic(publicPem);
                o.WriteLine($"wrote {stem}.key.pem and {stem}.pub.pem; key id {Convert.ToHexStringLower(Handheld.Core.Crypto.KeyIdentifier.Compute(spki))}");
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
