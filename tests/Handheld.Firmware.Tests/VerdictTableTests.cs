using Handheld.Core.Inspection;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>The verdict decision table on the device's own runtime (same rows as the host VerdictTests).</summary>
    [TestClass]
    public class VerdictTableTests
    {
        private static Outcome Combine(bool sigValid, int digitalReasons, PhysicalFinding physical,
            PromptAnswer a0, PromptAnswer a1, PromptAnswer a2, out int reasons)
        {
            DigitalResult d = new DigitalResult();
            d.Completed = true;
            d.SignatureValid = sigValid;
            d.Reasons = digitalReasons;
            PhysicalResult p = new PhysicalResult();
            p.Finding = physical;
            HumanChecklist h = new HumanChecklist();
            h.Answers[0] = a0; h.Answers[1] = a1; h.Answers[2] = a2;
            return Verdict.Combine(d, p, h, out reasons);
        }

        [TestMethod]
        public void Combine_AllPass_Genuine()
        {
            int r;
            Assert.AreEqual((int)Outcome.Genuine, (int)Combine(true, 0, PhysicalFinding.Consistent,
                PromptAnswer.Confirmed, PromptAnswer.Confirmed, PromptAnswer.Confirmed, out r));
            Assert.AreEqual(0, r);
        }

        [TestMethod]
        public void Combine_BadSignature_Forged()
        {
            int r;
            Assert.AreEqual((int)Outcome.Forged, (int)Combine(false, VerdictReason.SignatureInvalid, PhysicalFinding.Consistent,
                PromptAnswer.Confirmed, PromptAnswer.Confirmed, PromptAnswer.Confirmed, out r));
        }

        [TestMethod]
        public void Combine_CopyOnPlainPaperDenied_Forged()
        {
            int r;
            Assert.AreEqual((int)Outcome.Forged, (int)Combine(true, 0, PhysicalFinding.Inconsistent,
                PromptAnswer.Denied, PromptAnswer.Confirmed, PromptAnswer.Confirmed, out r));
            Assert.AreEqual("PAPER_INCONSISTENT,MICROTEXT_DENIED", VerdictReason.Describe(r));
        }

        [TestMethod]
        public void Combine_Revoked_Invalid()
        {
            int r;
            Assert.AreEqual((int)Outcome.Invalid, (int)Combine(true, VerdictReason.Revoked, PhysicalFinding.Consistent,
                PromptAnswer.Confirmed, PromptAnswer.Confirmed, PromptAnswer.Confirmed, out r));
        }

        [TestMethod]
        public void Combine_PaperInconsistentOnly_Suspect()
        {
            int r;
            Assert.AreEqual((int)Outcome.Suspect, (int)Combine(true, 0, PhysicalFinding.Inconsistent,
                PromptAnswer.Confirmed, PromptAnswer.Confirmed, PromptAnswer.Confirmed, out r));
        }

        [TestMethod]
        public void Combine_ClockUnset_Unverified()
        {
            int r;
            Assert.AreEqual((int)Outcome.Unverified, (int)Combine(true, VerdictReason.ClockUnset, PhysicalFinding.Consistent,
                PromptAnswer.Confirmed, PromptAnswer.Confirmed, PromptAnswer.Confirmed, out r));
        }

        [TestMethod]
        public void Combine_SensorFault_Unverified()
        {
            int r;
            Assert.AreEqual((int)Outcome.Unverified, (int)Combine(true, 0, PhysicalFinding.SensorFault,
                PromptAnswer.Confirmed, PromptAnswer.Confirmed, PromptAnswer.Confirmed, out r));
        }

        [TestMethod]
        public void Combine_TwoSkips_Unverified()
        {
            int r;
            Assert.AreEqual((int)Outcome.Unverified, (int)Combine(true, 0, PhysicalFinding.Consistent,
                PromptAnswer.Confirmed, PromptAnswer.Skipped, PromptAnswer.TimedOut, out r));
            Assert.AreEqual(VerdictReason.HumanChecksIncomplete, r);
        }

        [TestMethod]
        public void Decide_NoReasonsWithoutSignature_Unverified()
        {
            Assert.AreEqual((int)Outcome.Unverified, (int)Verdict.Decide(0, false));
        }
    }
}
