using System.Text.Json;
using Handheld.Core.Inspection;
using Handheld.Simulator.Physics;
using Handheld.Simulator.Scenarios;

namespace Handheld.Simulator.Device;

/// <summary>Faults a run can inject (scenario "faults" array, names as in the JSON).</summary>
[Flags]
public enum RunFaults
{
    None = 0,
    /// <summary>"scanner-garbage": the first scan window yields only noise; the inspector re-aims and retries.</summary>
    ScannerGarbage = 1,
    /// <summary>"sensor-nack": the colour sensor stops acknowledging during the sweep.</summary>
    SensorNack = 2,
    /// <summary>"power-cut-record": power fails while the inspection record is written.</summary>
    PowerCutRecord = 4,
    /// <summary>"clock-lost": the RTC lost its time (no battery backup) and was not resynchronised.</summary>
    ClockLost = 8,
}

/// <summary>How the licence's digital check turns out (what the QR carries).</summary>
public enum DigitalCase { Valid, BadSignature, UnknownKey, Malformed, Expired, NotYetValid, Revoked, Suspended }

/// <summary>
/// A `handheld-sim run` scenario: a physics scenario file (sheet, sweep, lighting, declared profile; schema in
/// Scenarios/README.md) plus its reserved "licence" object and "faults" array, which this class reads:
/// <code>"licence": { "number": "...", "algorithm": "rsa2048|rsa4096|ecdsa-p256", "digital": "valid|bad-signature|unknown-key|malformed|expired|not-yet-valid|revoked|suspended", "qr": "..." },
/// "faults": ["scanner-garbage", "sensor-nack", "power-cut-record", "clock-lost"]</code>
/// The inspector's answers come from the command line (default: confirms everything, the worst case for
/// catching a forgery, so the run shows what the device alone decides).
/// </summary>
public sealed class RunScenario
{
    public Scenario Physical { get; init; } = new();
    public string Name => Physical.Name;
    public string QrText { get; set; } = "";
    public string LicenceNumber { get; set; } = "(京)JZ安许证字[2024]000123";
    public string Algorithm { get; set; } = "rsa2048";
    public DigitalCase Digital { get; set; } = DigitalCase.Valid;
    public Lighting Lighting { get; set; } = Lighting.OfficeLed;
    public PromptAnswer[] Answers { get; set; } = { PromptAnswer.Confirmed, PromptAnswer.Confirmed, PromptAnswer.Confirmed };
    public int[] ReactionMs { get; set; } = { 4000, 3000, 2500 };
    public RunFaults Faults { get; set; }
    public int Seed { get; set; } = 1;
    public Handheld.Core.Drivers.SensorKind Sensor { get; set; } = Handheld.Core.Drivers.SensorKind.Tcs34725;

    /// <summary>The profile bits the licence declares (from the physics profile: fibre colours, UV-dull paper).</summary>
    public int PhysicalProfile =>
        Physical.Profile.ColourFlags() | (Physical.Profile.UvDullPaper ? ProfileBits.UvDullPaper : 0) | ProfileBits.MicroText;

    public static RunScenario Load(string path) => From(ScenarioFile.Load(path));

    public static RunScenario From(Scenario physical)
    {
        var s = new RunScenario { Physical = physical };
        var lightings = physical.Lightings();
        if (lightings.Length > 0) s.Lighting = lightings[0];
        if (physical.Licence is JsonElement lic && lic.ValueKind == JsonValueKind.Object)
        {
            if (lic.TryGetProperty("qr", out var qr)) s.QrText = qr.GetString() ?? "";
            if (lic.TryGetProperty("number", out var num)) s.LicenceNumber = num.GetString() ?? s.LicenceNumber;
            if (lic.TryGetProperty("algorithm", out var alg)) s.Algorithm = alg.GetString() ?? s.Algorithm;
            if (lic.TryGetProperty("digital", out var dig)) s.Digital = ParseDigital(dig.GetString());
        }
        if (physical.Faults != null)
        {
            foreach (var f in physical.Faults)
            {
                string name = f.ValueKind == JsonValueKind.String ? f.GetString()! :
                    f.ValueKind == JsonValueKind.Object && f.TryGetProperty("kind", out var k) ? k.GetString() ?? "" : "";
                s.Faults |= name switch
                {
                    "scanner-garbage" => RunFaults.ScannerGarbage,
                    "sensor-nack" => RunFaults.SensorNack,
                    "power-cut-record" => RunFaults.PowerCutRecord,
                    "clock-lost" => RunFaults.ClockLost,
                    _ => throw new FormatException($"{physical.Name}: unknown fault '{name}' (scanner-garbage, sensor-nack, power-cut-record, clock-lost)"),
                };
            }
        }
        if (s.QrText.Length == 0) s.QrText = "HH1:" + s.LicenceNumber;
        return s;
    }

    /// <summary>Parses "confirm,deny,skip" (or "none" for no answer) into the three prompt answers.</summary>
    public static PromptAnswer[] ParseAnswers(string csv)
    {
        var parts = csv.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != HumanChecklist.PromptCount) throw new FormatException($"--answers needs {HumanChecklist.PromptCount} comma-separated answers");
        return parts.Select(a => a switch
        {
            "confirm" => PromptAnswer.Confirmed,
            "deny" => PromptAnswer.Denied,
            "skip" => PromptAnswer.Skipped,
            "none" => PromptAnswer.TimedOut,
            _ => throw new FormatException($"unknown answer '{a}' (confirm, deny, skip, none)"),
        }).ToArray();
    }

    private static DigitalCase ParseDigital(string? v) =>
        Enum.TryParse<DigitalCase>((v ?? "").Replace("-", ""), ignoreCase: true, out var r) ? r
            : throw new FormatException($"unknown licence.digital '{v}'");
}
