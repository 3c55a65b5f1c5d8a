using Handheld.Core.Inspection;
using Handheld.Simulator.Device;

namespace Handheld.Simulator.Cli;

/// <summary>What the device checked on one sheet and how each check came out, in words, for a newcomer: the
/// signature, the issuer key, the dates, revocation, the paper, the fibres and the three human checks. Read off the
/// verdict's reason flags and the inspector's answers (the same facts the record log keeps).</summary>
public static class CheckList
{
    public sealed record Check(string Name, string Outcome, bool Passed);

    private static readonly string[] HumanChecks = ["micro-text (inspector)", "hologram (inspector)", "thermochromic ink (inspector)"];
    private static readonly int[] HumanDenied = [VerdictReason.MicroTextDenied, VerdictReason.HologramDenied, VerdictReason.ThermochromicDenied];

    public static IReadOnlyList<Check> Of(RunResult r)
    {
        int f = r.Reasons;
        bool Has(int flag) => (f & flag) != 0;
        bool reached = r.Outcome != Outcome.None && !Has(VerdictReason.DigitalIncomplete);
        var list = new List<Check>
        {
            !reached ? new("signature", "not reached (the QR was not read to the end)", false)
            : Has(VerdictReason.SignatureInvalid) ? new("signature", "FAILED: the signature does not match the content (altered after signing, or not signed by this key)", false)
            : Has(VerdictReason.PayloadMalformed) ? new("signature", "FAILED: the signed content is malformed", false)
            : new("signature", "valid: the content is exactly what the authority signed", true),
            !reached ? new("issuer key", "not reached", false)
            : Has(VerdictReason.UnknownIssuerKey) ? new("issuer key", "FAILED: signed by a key the device does not trust", false)
            : Has(VerdictReason.TrustStale) ? new("issuer key", "UNVERIFIED: the device's trust list is out of date", false)
            : new("issuer key", "trusted: in the device's trust list, for this province and sector", true),
            !reached ? new("dates", "not reached", false)
            : Has(VerdictReason.ClockUnset) ? new("dates", "UNVERIFIED: the device's clock is not set", false)
            : Has(VerdictReason.Expired) ? new("dates", "FAILED: the licence has expired", false)
            : Has(VerdictReason.NotYetValid) ? new("dates", "FAILED: the licence is not valid yet", false)
            : new("dates", "in force today", true),
            !reached ? new("revocation", "not reached", false)
            : Has(VerdictReason.Revoked) ? new("revocation", "FAILED: the authority has revoked this licence", false)
            : Has(VerdictReason.Suspended) ? new("revocation", "FAILED: the licence is suspended", false)
            : Has(VerdictReason.RevocationListAbsent) ? new("revocation", "UNVERIFIED: no current revocation list on the device", false)
            : new("revocation", "not revoked (current revocation list)", true),
            Has(VerdictReason.LampFault) ? new("paper", "NOT CHECKED: the UV lamp failed", false)
            : Has(VerdictReason.SensorFault) ? new("paper", "NOT CHECKED: the colour sensor failed", false)
            : Has(VerdictReason.PhysicalInconclusive) ? new("paper", "INCONCLUSIVE: the sweep could not decide (sweep again, shade the window)", false)
            : Has(VerdictReason.PaperInconsistent) ? new("paper", "FAILED: paper or fibres under UV do not match the licence (office paper, a copy?)", false)
            : r.PhysicalSummary.Length == 0 ? new("paper", "not swept", false)
            : new("paper", "consistent: UV-dull security paper as the licence says", true),
            Has(VerdictReason.FingerprintMismatch) ? new("fibres", "FAILED: the fibre pattern is not this sheet's registered fingerprint", false)
            : Has(VerdictReason.FingerprintUnreadable) ? new("fibres", "INCONCLUSIVE: the fibre fingerprint could not be read (sweep again)", false)
            : Has(VerdictReason.PaperInconsistent) || r.PhysicalSummary.Length == 0 ? new("fibres", "see paper", false)
            : new("fibres", "consistent: the fibre colours the licence names are there", true),
        };
        for (int i = 0; i < HumanChecks.Length; i++)
        {
            var answer = i < r.Answers.Length ? r.Answers[i] : PromptAnswer.NotAsked;
            list.Add(Has(HumanDenied[i]) ? new(HumanChecks[i], "FAILED: the inspector said it does not match", false)
                : answer switch
                {
                    PromptAnswer.Confirmed => new(HumanChecks[i], "confirmed by the inspector", true),
                    PromptAnswer.Denied => new(HumanChecks[i], "FAILED: the inspector said it does not match", false),
                    PromptAnswer.Skipped => new(HumanChecks[i], "skipped by the inspector", false),
                    PromptAnswer.TimedOut => new(HumanChecks[i], "no answer (timed out)", false),
                    _ => new(HumanChecks[i], "not asked (the verdict was already decided)", false),
                });
        }
        return list;
    }

    /// <summary>Prints the list, one check a line.</summary>
    public static void Print(TextWriter o, RunResult r, string indent)
    {
        foreach (var c in Of(r)) o.WriteLine($"{indent}{(c.Passed ? "✓" : "✗")} {c.Name,-30} {c.Outcome}");
    }
}
