using System.CommandLine;
using Handheld.Core.Inspection;
using Handheld.Simulator.Device;

namespace Handheld.Simulator.Cli;

/// <summary><c>handheld-sim run SCENARIO</c>: one whole inspection on the emulated device, flow and verdict printed.</summary>
public static class RunCommand
{
    public static Command Build()
    {
        var scenario = new Argument<FileInfo>("scenario") { Description = "Scenario JSON in the physics schema with optional \"licence\" and \"faults\" (host-simulator/scenarios/, tests/TestData/scenarios/)." };
        var ilRate = new Option<double>("--il-rate") { Description = "Device interpreter speed in million IL instructions per second (ESP32: 1.5–5).", DefaultValueFactory = _ => 1.5 }.Above(0.0);
        var quiet = new Option<bool>("--quiet") { Description = "Print only the verdict and the timing table." };
        var json = new Option<bool>("--json") { Description = "JSON output (camelCase): verdict, checks, reasons, figures, timing." };
        var answers = new Option<string>("--answers") { Description = "The inspector's answers to the micro-text, hologram and thermochromic prompts: confirm|deny|skip|none, comma-separated.", DefaultValueFactory = _ => "confirm,confirm,confirm" };
        var reaction = new Option<string>("--reaction-ms") { Description = "Milliseconds the inspector takes for each prompt, comma-separated.", DefaultValueFactory = _ => "4000,3000,2500" };
        var lighting = new Option<string?>("--lighting") { Description = "dark, officeLed, fluorescent, window or directSun (default: the scenario's first)." };
        var sensor = SensorOption.Create();
        var seed = new Option<int>("--seed") { Description = "Seed of the sheet, sweep and sensor noise.", DefaultValueFactory = _ => 1 };
        var cmd = new Command("run", "Run one inspection of a scenario on the emulated device and print the flow and the verdict.");
        cmd.Arguments.Add(scenario);
        cmd.Options.Add(ilRate);
        cmd.Options.Add(quiet);
        cmd.Options.Add(answers);
        cmd.Options.Add(reaction);
        cmd.Options.Add(lighting);
        cmd.Options.Add(seed);
        cmd.Options.Add(sensor);
        cmd.Options.Add(json);
        cmd.SetAction(parse =>
        {
            var file = parse.GetValue(scenario)!;
            if (!file.Exists) { Console.Error.WriteLine($"error: scenario: no such file: {file.FullName}"); return 2; }
            RunScenario s;
            try
            {
                s = RunScenario.Load(file.FullName);
                s.Answers = RunScenario.ParseAnswers(parse.GetValue(answers)!);
                s.ReactionMs = ReactionTimes.Parse(parse.GetValue(reaction)!);
                if (s.ReactionMs.Length != s.Answers.Length) throw new FormatException("--reaction-ms: needs one value per answer");
                s.Seed = parse.GetValue(seed);
                s.Sensor = parse.GetValue(sensor) switch
                {
                    "as7341" => Handheld.Core.Drivers.SensorKind.As7341,
                    "tcs34725" => Handheld.Core.Drivers.SensorKind.Tcs34725,
                    var other => throw new FormatException($"unknown sensor '{other}'"),
                };
                string? l = parse.GetValue(lighting);
                if (l != null)
                {
                    if (!Handheld.Simulator.Physics.AmbientLight.TryParse(l, out var lk)) throw new FormatException($"unknown lighting '{l}'");
                    s.Lighting = lk;
                }
            }
            catch (Exception e) when (e is FormatException or Handheld.Simulator.Scenarios.ScenarioFormatException)
            {
                Console.Error.WriteLine(e.Message.StartsWith("--", StringComparison.Ordinal) ? "error: " + e.Message : "error: scenario: " + e.Message);
                return 2;
            }
            bool asJson = parse.GetValue(json);
            bool q = parse.GetValue(quiet) || asJson;
            var result = InspectionRun.Execute(s, new RunOptions { IlPerSecond = parse.GetValue(ilRate) * 1e6 }, q ? null : Console.WriteLine);
            if (asJson) { Console.WriteLine(SimJson.Run(result)); return result.Outcome == Outcome.None ? 1 : 0; }
            if (!parse.GetValue(quiet)) { Console.WriteLine(); Console.WriteLine("what was checked:"); CheckList.Print(Console.Out, result, "  "); }
            Print(result, q);
            return result.Outcome == Outcome.None ? 1 : 0;
        });
        return cmd;
    }

    private static void Print(RunResult r, bool quiet)
    {
        if (quiet) Console.WriteLine($"VERDICT {OutcomeNames.Of(r.Outcome)}  reasons: {VerdictReason.Describe(r.Reasons)}");
        if (r.Outcome == Outcome.None) return;
        if (r.PhysicalSummary.Length > 0) Console.WriteLine($"physical check: {r.PhysicalSummary}");
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
