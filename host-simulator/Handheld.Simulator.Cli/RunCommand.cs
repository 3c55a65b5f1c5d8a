using System.CommandLine;
using Handheld.Core.Inspection;
using Handheld.Simulator.Device;

namespace Handheld.Simulator.Cli;

/// <summary><c>handheld-sim run SCENARIO</c>: one whole inspection on the emulated device, flow and verdict printed.</summary>
public static class RunCommand
{
    public static Command Build()
    {
        var scenario = new Argument<FileInfo>("scenario") { Description = "Scenario JSON (see host-simulator/scenarios/)." };
        var ilRate = new Option<double>("--il-rate") { Description = "Device interpreter speed in million IL instructions per second (ESP32: 1.5–5).", DefaultValueFactory = _ => 1.5 };
        var quiet = new Option<bool>("--quiet") { Description = "Print only the verdict and the timing table." };
        var cmd = new Command("run", "Run one inspection of a scenario on the emulated device and print the flow and the verdict.");
        cmd.Arguments.Add(scenario);
        cmd.Options.Add(ilRate);
        cmd.Options.Add(quiet);
        cmd.SetAction(parse =>
        {
            var file = parse.GetValue(scenario)!;
            if (!file.Exists) { Console.Error.WriteLine($"scenario not found: {file.FullName}"); return 2; }
            RunScenario s;
            try { s = RunScenario.Parse(File.ReadAllText(file.FullName)); }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
            {
                Console.Error.WriteLine($"bad scenario: {e.Message}");
                return 2;
            }
            bool q = parse.GetValue(quiet);
            var result = InspectionRun.Execute(s, new RunOptions { IlPerSecond = parse.GetValue(ilRate) * 1e6 }, q ? null : Console.WriteLine);
            Print(result, q);
            return result.Outcome == Outcome.None ? 1 : 0;
        });
        return cmd;
    }

    private static void Print(RunResult r, bool quiet)
    {
        if (quiet) Console.WriteLine($"VERDICT {OutcomeNames.Of(r.Outcome)}  reasons: {VerdictReason.Describe(r.Reasons)}");
        if (r.Outcome == Outcome.None) return;
        Console.WriteLine();
        Console.WriteLine("time from button press to verdict (virtual ms)");
        Console.WriteLine($"  scan                         {r.ScanMs,7}");
        Console.WriteLine($"  sweep                        {(r.SweepDoneMs < 0 ? 0 : r.SweepMs),7}");
        Console.WriteLine($"  signature check (device est.) {r.SignatureDeviceMs,6}   runs from the scan alongside the sweep; result taken at +{r.DigitalDoneMs - r.ScannedMs} ms");
        Console.WriteLine($"  prompts                      {r.PromptsMs,7}");
        Console.WriteLine($"  wait after last action       {r.WaitAfterLastActionMs,7}");
        Console.WriteLine($"  total                        {r.TotalMs,7}");
        Console.WriteLine($"  UV lamp on                   {r.LampOnMs,7}");
        Console.WriteLine($"managed allocation during the inspection (controller ticks, incl. the chip emulator): {r.AllocatedBytes} bytes");
    }
}
