using System.CommandLine;
using Handheld.Core.Inspection;
using Handheld.Simulator.Demo;

namespace Handheld.Simulator.Cli;

/// <summary><c>handheld-sim demo</c>: the main job — a genuine and forged licences inspected end to end.</summary>
public static class DemoCommand
{
    public static Command Build()
    {
        var verbose = new Option<bool>("--verbose") { Description = "Print every step of each inspection (virtual time)." };
        var cmd = new Command("demo", "Issue a licence, then inspect it and two forgeries on the emulated device; print the verdicts.") { verbose };
        cmd.SetAction(parse =>
        {
            string dir = Path.Combine(AppContext.BaseDirectory, "demo");
            Console.WriteLine("Handheld demo: an authority signs a licence (RSA-2048); the emulated device, trusting that");
            Console.WriteLine("authority's key, scans, verifies, sweeps the UV window and asks the inspector; all checks run");
            Console.WriteLine("in the device core (scanner protocol, RSA verifier, sensor driver, fibre analysis, record log).");
            Console.WriteLine();
            var cases = DemoInspections.Run(File.ReadAllText(Path.Combine(dir, "licence.json")),
                Path.Combine(dir, "genuine-sheet.json"), Path.Combine(dir, "photocopy-sheet.json"),
                parse.GetValue(verbose) ? Console.WriteLine : null);
            int i = 0;
            foreach (var c in cases)
            {
                var r = c.Result;
                Console.WriteLine($"{++i}. {c.Title}");
                Console.WriteLine($"   VERDICT {OutcomeNames.Of(r.Outcome)}   (expected {c.Expected})");
                Console.WriteLine($"   reasons:  {VerdictReason.Describe(r.Reasons)}");
                Console.WriteLine($"   physical: {r.PhysicalSummary}");
                Console.WriteLine($"   time to verdict {r.TotalMs} ms (scan {r.ScanMs}, sweep {r.SweepMs}, signature ≈{r.SignatureDeviceMs} ms on the device during the sweep, wait after last answer {r.WaitAfterLastActionMs}); record {(r.RecordStored ? "stored" : "NOT stored")}");
                Console.WriteLine();
            }
            return cases.All(c => c.Result.Outcome != Outcome.None) ? 0 : 1;
        });
        return cmd;
    }
}
