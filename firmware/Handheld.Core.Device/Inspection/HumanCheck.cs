namespace Handheld.Core.Inspection
{
    /// <summary>The inspector's answer to one prompt. Stored in records: never renumber.</summary>
    public enum PromptAnswer : byte
    {
        NotAsked = 0,
        Confirmed = 1,
        Denied = 2,
        Skipped = 3,
        TimedOut = 4,
    }

    /// <summary>The guided checklist of the sheet's own features, in the order asked.</summary>
    public enum Prompt : byte
    {
        /// <summary>Under the 50× magnifier the micro-text line reads the licence number shown on the display.</summary>
        MicroText = 0,
        /// <summary>Tilting the sheet, the hologram border shows the text 安全许可.</summary>
        Hologram = 1,
        /// <summary>The thermochromic date fades under a fingertip and returns.</summary>
        Thermochromic = 2,
    }

    /// <summary>The answers of one inspection; every answer is recorded, including skips and timeouts.</summary>
    public sealed class HumanChecklist
    {
        public const int PromptCount = 3;

        public readonly PromptAnswer[] Answers = new PromptAnswer[PromptCount];

        /// <summary>Minimum number of confirmed prompts (with none denied) for the human check to pass.
        /// Two of three: one feature may be worn or hard to see without the check counting as done.</summary>
        public int RequiredConfirmations = 2;

        public void Reset()
        {
            for (int i = 0; i < PromptCount; i++) Answers[i] = PromptAnswer.NotAsked;
        }

        public int CountOf(PromptAnswer answer)
        {
            int n = 0;
            for (int i = 0; i < PromptCount; i++) if (Answers[i] == answer) n++;
            return n;
        }

        /// <summary>Reason bits for denied prompts.</summary>
        public int DeniedReasons()
        {
            int r = 0;
            if (Answers[(int)Prompt.MicroText] == PromptAnswer.Denied) r |= VerdictReason.MicroTextDenied;
            if (Answers[(int)Prompt.Hologram] == PromptAnswer.Denied) r |= VerdictReason.HologramDenied;
            if (Answers[(int)Prompt.Thermochromic] == PromptAnswer.Denied) r |= VerdictReason.ThermochromicDenied;
            return r;
        }

        public static string AnswerName(PromptAnswer a)
        {
            switch (a)
            {
                case PromptAnswer.Confirmed: return "confirmed";
                case PromptAnswer.Denied: return "denied";
                case PromptAnswer.Skipped: return "skipped";
                case PromptAnswer.TimedOut: return "timed out";
                default: return "not asked";
            }
        }

        public static string PromptName(Prompt p)
        {
            switch (p)
            {
                case Prompt.MicroText: return "micro-text";
                case Prompt.Hologram: return "hologram";
                default: return "thermochromic";
            }
        }
    }
}
