using System.Text.Json;
using Handheld.Core.Inspection;

namespace Handheld.Simulator.Device;

/// <summary>Faults a run can inject (scenario "faults" array, names as in the JSON).</summary>
[Flags]
public enum RunFaults
{
    None = 0,
    /// <summary>"scanner-garbage": the scanner UART delivers noise and a broken frame before the code.</summary>
    ScannerGarbage = 1,
    /// <summary>"sensor-nack": the colour sensor stops acknowledging during the sweep.</summary>
    SensorNack = 2,
    /// <summary>"power-cut-record": power fails while the inspection record is written.</summary>
    PowerCutRecord = 4,
    /// <summary>"clock-lost": the RTC lost its time (no battery backup) and was not resynchronised.</summary>
    ClockLost = 8,
}

/// <summary>How the licence's digital check turns out in a scenario (what the QR carries).</summary>
public enum DigitalCase { Valid, BadSignature, UnknownKey, Malformed, Expired, NotYetValid, Revoked, Suspended }

/// <summary>The paper's behaviour under UV in a scenario.</summary>
public enum PaperCase { Security, Plain, Unreadable }

/// <summary>
/// A `handheld-sim run` scenario: the document, the inspector's answers and the faults. Read from JSON;
/// unknown fields (the physics scene description) are ignored here and read by the physics model.
/// </summary>
public sealed class RunScenario
{
    public string Name { get; set; } = "unnamed";
    public string QrText { get; set; } = "";
    public string LicenceNumber { get; set; } = "(京)JZ安许证字[2024]000123";
    public int PhysicalProfile { get; set; } = ProfileBits.UvDullPaper | 3;
    public string Algorithm { get; set; } = "rsa2048";
    public DigitalCase Digital { get; set; } = DigitalCase.Valid;
    public PaperCase Paper { get; set; } = PaperCase.Security;
    public PromptAnswer[] Answers { get; set; } = { PromptAnswer.Confirmed, PromptAnswer.Confirmed, PromptAnswer.Confirmed };
    public int[] ReactionMs { get; set; } = { 4000, 3000, 2500 };
    public RunFaults Faults { get; set; }
    public long Seed { get; set; } = 1;

    public static RunScenario Parse(string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var root = doc.RootElement;
        var s = new RunScenario();
        if (root.TryGetProperty("name", out var n)) s.Name = n.GetString() ?? s.Name;
        if (root.TryGetProperty("seed", out var seed)) s.Seed = seed.GetInt64();
        if (root.TryGetProperty("licence", out var lic) && lic.ValueKind == JsonValueKind.Object)
        {
            if (lic.TryGetProperty("qr", out var qr)) s.QrText = qr.GetString() ?? "";
            if (lic.TryGetProperty("number", out var num)) s.LicenceNumber = num.GetString() ?? s.LicenceNumber;
            if (lic.TryGetProperty("profile", out var prof)) s.PhysicalProfile = prof.GetInt32();
            if (lic.TryGetProperty("algorithm", out var alg)) s.Algorithm = alg.GetString() ?? s.Algorithm;
            if (lic.TryGetProperty("digital", out var dig)) s.Digital = ParseEnum<DigitalCase>(dig.GetString());
        }
        if (root.TryGetProperty("paper", out var paper) && paper.ValueKind == JsonValueKind.String) s.Paper = ParseEnum<PaperCase>(paper.GetString());
        if (root.TryGetProperty("inspector", out var insp) && insp.ValueKind == JsonValueKind.Object)
        {
            if (insp.TryGetProperty("answers", out var ans))
                s.Answers = ans.EnumerateArray().Select(a => ParseAnswer(a.GetString())).ToArray();
            if (insp.TryGetProperty("reactionMs", out var rt))
                s.ReactionMs = rt.EnumerateArray().Select(a => a.GetInt32()).ToArray();
        }
        if (root.TryGetProperty("faults", out var faults) && faults.ValueKind == JsonValueKind.Array)
        {
            foreach (var f in faults.EnumerateArray())
            {
                string name = f.ValueKind == JsonValueKind.String ? f.GetString()! :
                    f.TryGetProperty("kind", out var k) ? k.GetString()! : "";
                s.Faults |= name switch
                {
                    "scanner-garbage" => RunFaults.ScannerGarbage,
                    "sensor-nack" => RunFaults.SensorNack,
                    "power-cut-record" => RunFaults.PowerCutRecord,
                    "clock-lost" => RunFaults.ClockLost,
                    _ => RunFaults.None, // faults of other components (physics) are theirs to read
                };
            }
        }
        if (s.Answers.Length != HumanChecklist.PromptCount || s.ReactionMs.Length != HumanChecklist.PromptCount)
            throw new FormatException($"inspector.answers and inspector.reactionMs need {HumanChecklist.PromptCount} entries");
        if (s.QrText.Length == 0) s.QrText = "HH1:" + s.LicenceNumber;
        return s;
    }

    private static PromptAnswer ParseAnswer(string? a) => a switch
    {
        "confirm" => PromptAnswer.Confirmed,
        "deny" => PromptAnswer.Denied,
        "skip" => PromptAnswer.Skipped,
        "none" => PromptAnswer.TimedOut,
        _ => throw new FormatException($"unknown answer '{a}' (confirm, deny, skip, none)"),
    };

    private static T ParseEnum<T>(string? v) where T : struct, Enum =>
        Enum.TryParse<T>((v ?? "").Replace("-", ""), ignoreCase: true, out var r) ? r : throw new FormatException($"unknown {typeof(T).Name} '{v}'");
}
