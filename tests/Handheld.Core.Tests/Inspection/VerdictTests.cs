using Handheld.Core.Inspection;

namespace Handheld.Core.Tests.Inspection;

public class VerdictTests
{
    private const PromptAnswer C = PromptAnswer.Confirmed, D = PromptAnswer.Denied, S = PromptAnswer.Skipped, T = PromptAnswer.TimedOut;

    private static Outcome Run(bool completed, bool sigValid, int digitalReasons, PhysicalFinding physical,
        PromptAnswer a0, PromptAnswer a1, PromptAnswer a2, out int reasons)
    {
        var d = new DigitalResult { Completed = completed, SignatureValid = sigValid, Reasons = digitalReasons };
        var p = new PhysicalResult { Finding = physical };
        var h = new HumanChecklist();
        h.Answers[0] = a0; h.Answers[1] = a1; h.Answers[2] = a2;
        return Verdict.Combine(d, p, h, out reasons);
    }

    public static TheoryData<string, bool, bool, int, PhysicalFinding, PromptAnswer, PromptAnswer, PromptAnswer, Outcome> Table => new()
    {
        // name, completed, sigValid, digital reasons, physical, answers, expected
        { "all pass", true, true, 0, PhysicalFinding.Consistent, C, C, C, Outcome.Genuine },
        { "one skip allowed", true, true, 0, PhysicalFinding.Consistent, C, S, C, Outcome.Genuine },
        { "revocation list absent is informational", true, true, VerdictReason.RevocationListAbsent, PhysicalFinding.Consistent, C, C, C, Outcome.Genuine },
        { "bad signature", true, false, VerdictReason.SignatureInvalid, PhysicalFinding.Consistent, C, C, C, Outcome.Forged },
        { "bad signature beats expired", true, false, VerdictReason.SignatureInvalid | VerdictReason.Expired, PhysicalFinding.Consistent, C, C, C, Outcome.Forged },
        { "copy on plain paper denied by inspector", true, true, 0, PhysicalFinding.Inconsistent, D, C, C, Outcome.Forged },
        { "expired", true, true, VerdictReason.Expired, PhysicalFinding.Consistent, C, C, C, Outcome.Invalid },
        { "not yet valid", true, true, VerdictReason.NotYetValid, PhysicalFinding.Consistent, C, C, C, Outcome.Invalid },
        { "revoked", true, true, VerdictReason.Revoked, PhysicalFinding.Consistent, C, C, C, Outcome.Invalid },
        { "suspended", true, true, VerdictReason.Suspended, PhysicalFinding.Consistent, C, C, C, Outcome.Invalid },
        { "revoked with sensor fault", true, true, VerdictReason.Revoked, PhysicalFinding.SensorFault, S, S, S, Outcome.Invalid },
        { "paper inconsistent only", true, true, 0, PhysicalFinding.Inconsistent, C, C, C, Outcome.Suspect },
        { "hologram denied only", true, true, 0, PhysicalFinding.Consistent, C, D, C, Outcome.Suspect },
        { "unknown issuer key", true, false, VerdictReason.UnknownIssuerKey, PhysicalFinding.Consistent, C, C, C, Outcome.Suspect },
        { "not a licence QR", true, false, VerdictReason.PayloadMalformed, PhysicalFinding.Consistent, C, C, C, Outcome.Suspect },
        { "paper inconsistent beats clock unset", true, true, VerdictReason.ClockUnset, PhysicalFinding.Inconsistent, C, C, C, Outcome.Suspect },
        { "clock unset", true, true, VerdictReason.ClockUnset, PhysicalFinding.Consistent, C, C, C, Outcome.Unverified },
        { "trust stale", true, false, VerdictReason.TrustStale, PhysicalFinding.Consistent, C, C, C, Outcome.Unverified },
        { "sensor fault", true, true, 0, PhysicalFinding.SensorFault, C, C, C, Outcome.Unverified },
        { "physical inconclusive", true, true, 0, PhysicalFinding.Inconclusive, C, C, C, Outcome.Unverified },
        { "sweep never measured", true, true, 0, PhysicalFinding.NotMeasured, C, C, C, Outcome.Unverified },
        { "two skips", true, true, 0, PhysicalFinding.Consistent, C, S, S, Outcome.Unverified },
        { "timeouts count as not confirmed", true, true, 0, PhysicalFinding.Consistent, T, T, C, Outcome.Unverified },
        { "digital not completed", false, false, 0, PhysicalFinding.Consistent, C, C, C, Outcome.Unverified },
        { "completed without signature and without reason", true, false, 0, PhysicalFinding.Consistent, C, C, C, Outcome.Unverified },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Combine_DecisionTableRow_GivesExpectedOutcome(string name, bool completed, bool sigValid, int digitalReasons,
        PhysicalFinding physical, PromptAnswer a0, PromptAnswer a1, PromptAnswer a2, Outcome expected)
    {
        Outcome got = Run(completed, sigValid, digitalReasons, physical, a0, a1, a2, out _);
        Assert.True(expected == got, $"{name}: expected {expected}, got {got}");
    }

    [Fact]
    public void Combine_CopyDeniedOnMicroText_ReportsEveryReason()
    {
        Run(true, true, VerdictReason.ClockUnset, PhysicalFinding.Inconsistent, D, S, C, out int reasons);
        Assert.Equal(VerdictReason.ClockUnset | VerdictReason.PaperInconsistent | VerdictReason.MicroTextDenied
            | VerdictReason.HumanChecksIncomplete, reasons);
        Assert.Equal("CLOCK_UNSET,PAPER_INCONSISTENT,MICROTEXT_DENIED,HUMAN_CHECKS_INCOMPLETE", VerdictReason.Describe(reasons));
    }

    [Fact]
    public void Decide_AnyDeviceReasonWithValidSignature_NeverGenuine()
    {
        int[] device = { VerdictReason.ClockUnset, VerdictReason.TrustStale, VerdictReason.DigitalIncomplete,
            VerdictReason.SensorFault, VerdictReason.PhysicalInconclusive, VerdictReason.HumanChecksIncomplete, VerdictReason.LampFault };
        foreach (int r in device) Assert.NotEqual(Outcome.Genuine, Verdict.Decide(r, true));
    }

    [Fact]
    public void Decide_NoReasonsButSignatureNotValid_Unverified()
    {
        Assert.Equal(Outcome.Unverified, Verdict.Decide(0, false));
    }

    [Fact]
    public void NameOf_EveryReasonBit_HasAName()
    {
        for (int i = 0; i < VerdictReason.Count; i++) Assert.NotEqual("UNKNOWN", VerdictReason.NameOf(1 << i));
    }
}
