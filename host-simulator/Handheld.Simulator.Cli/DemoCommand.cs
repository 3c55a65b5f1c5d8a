using System.CommandLine;
using Handheld.Core.Inspection;
using Handheld.Simulator.Demo;

namespace Handheld.Simulator.Cli;

/// <summary><c>handheld-sim demo</c>: the main job — a genuine and forged licences inspected end to end.</summary>
public static class DemoCommand
{
    public static Command Build()
    {
        var verbose = new Option<bool>("--verbose") { Description = "Also print every step of each inspection (virtual time), the physical figures and the timing." };
        var json = new Option<bool>("--json") { Description = "JSON output (camelCase): each case's verdict, checks, reasons, figures and timing." };
        var sensor = SensorOption.Create();
        var seed = new Option<int>("--seed") { Description = "Seed of the sheet model, sweep and sensor noise.", DefaultValueFactory = _ => 2 };
        var alg = new Option<string>("--alg") { Description = "The authority's signature algorithm: rsa2048, p256 or sm2 (SM2 with SM3).", DefaultValueFactory = _ => "rsa2048" };
        var cmd = new Command("demo", "Issue a licence, then inspect it, two forgeries and a revoked licence on the emulated device; print the verdicts.") { verbose, sensor, seed, alg, json };
        cmd.SetAction(parse =>
        {
            Handheld.Core.Crypto.SignatureAlgorithm algorithm;
            try { algorithm = Handheld.Sdk.Licensing.KeyFiles.ParseAlgorithm(parse.GetValue(alg)!); }
            catch (FormatException e)
            {
                Console.Error.WriteLine("error: --alg: " + e.Message);
                return 2;
            }
            string name = algorithm switch
            {
                Handheld.Core.Crypto.SignatureAlgorithm.EcdsaP256Sha256 => "ECDSA P-256",
                Handheld.Core.Crypto.SignatureAlgorithm.Sm2Sm3 => "SM2 with SM3",
                _ => "RSA-2048",
            };
            string dir = Path.Combine(AppContext.BaseDirectory, "demo");
            bool asJson = parse.GetValue(json);
            if (asJson)
            {
                var jc = DemoInspections.Run(File.ReadAllText(Path.Combine(dir, "licence.json")), Path.Combine(dir, "genuine-sheet.json"),
                    Path.Combine(dir, "photocopy-sheet.json"), SensorOption.Parse(parse.GetValue(sensor)), parse.GetValue(seed), null, algorithm);
                Console.WriteLine(SimJson.Cases(jc));
                return jc.All(c => c.Result.Outcome != Outcome.None) ? 0 : 1;
            }
            Console.WriteLine($"Handheld demo: an authority signs a licence ({name}); the emulated device, trusting that");
            Console.WriteLine("authority's key, scans, verifies, sweeps the UV window and asks the inspector; all checks run");
            Console.WriteLine($"in the device core (scanner protocol, {name} verifier, sensor driver, fibre analysis, record log).");
            Console.WriteLine();
            var cases = DemoInspections.Run(File.ReadAllText(Path.Combine(dir, "licence.json")),
                Path.Combine(dir, "genuine-sheet.json"), Path.Combine(dir, "photocopy-sheet.json"),
                SensorOption.Parse(parse.GetValue(sensor)),
                parse.GetValue(seed), parse.GetValue(verbose) ? Console.WriteLine : null, algorithm);
            int i = 0;
            foreach (var c in cases)
            {
                var r = c.Result;
                Console.WriteLine($"{++i}. {c.Title}");
                Console.WriteLine($"   VERDICT {OutcomeNames.Of(r.Outcome)}   (expected {c.Expected})");
                CheckList.Print(Console.Out, r, "   ");
                Console.WriteLine($"   reasons:  {(r.Reasons == 0 ? "none" : VerdictReason.Describe(r.Reasons))}");
                if (!parse.GetValue(verbose)) { Console.WriteLine(); continue; }
                Console.WriteLine($"   physical: {r.PhysicalSummary}");
                Console.WriteLine($"   time to verdict {r.TotalMs} ms (scan {r.ScanMs}, sweep {r.SweepMs}, signature ≈{r.SignatureDeviceMs} ms on the device during the sweep, wait after last answer {r.WaitAfterLastActionMs}); record {(r.RecordStored ? "stored" : "NOT stored")}");
                Console.WriteLine();
            }
            if (!parse.GetValue(verbose)) Console.WriteLine("(--verbose: every step, the physical figures and the timing)");
            Console.WriteLine("The physical check fails closed: when a sweep cannot decide (about 1 genuine sheet in 60-1,000, by sensor;");
            Console.WriteLine("direct sun) the verdict is UNVERIFIED, never GENUINE; host-simulator/Handheld.Simulator/Physics/README.md gives the rates.");
            return cases.All(c => c.Result.Outcome != Outcome.None) ? 0 : 1;
        });
        return cmd;
    }
}
