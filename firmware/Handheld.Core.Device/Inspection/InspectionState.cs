namespace Handheld.Core.Inspection
{
    /// <summary>States of <see cref="InspectionController"/>.</summary>
    public enum InspectionState : byte
    {
        /// <summary>Waiting for OK; the firmware may sleep.</summary>
        Idle = 0,
        /// <summary>Scanner triggered, waiting for a QR code.</summary>
        Scanning = 1,
        /// <summary>UV sweep running; the signature check runs alongside.</summary>
        Sweeping = 2,
        /// <summary>Asking the inspector the checklist (the signature check may still run).</summary>
        Prompting = 3,
        /// <summary>Inspector done; waiting only for the signature check still in progress.</summary>
        Finishing = 4,
        /// <summary>Verdict shown until acknowledged or timed out.</summary>
        Verdict = 5,
        /// <summary>No code read (timeout or scanner fault); OK retries, NO returns to idle.</summary>
        ScanFailed = 6,
    }

    /// <summary>Names for <see cref="InspectionState"/> (enum ToString is a number on the device).</summary>
    public static class InspectionStateNames
    {
        public static string Of(InspectionState s)
        {
            switch (s)
            {
                case InspectionState.Idle: return "idle";
                case InspectionState.Scanning: return "scanning";
                case InspectionState.Sweeping: return "sweep+verify";
                case InspectionState.Prompting: return "prompting";
                case InspectionState.Finishing: return "finishing";
                case InspectionState.Verdict: return "verdict";
                default: return "scan-failed";
            }
        }
    }

    /// <summary>Receives state changes (the simulator prints them; the firmware may log them).</summary>
    public interface IInspectionObserver
    {
        void OnStateChanged(InspectionState from, InspectionState to, long nowMs);

        void OnPromptAnswered(Prompt prompt, PromptAnswer answer, long nowMs);
    }

    /// <summary>Timeouts and limits of the flow. Defaults are the shipped values.</summary>
    public sealed class InspectionSettings
    {
        /// <summary>Scan attempt without a code before giving up.</summary>
        public int ScanTimeoutMs = 8000;
        /// <summary>Safety bound on the sweep (the physical check ends itself well before).</summary>
        public int SweepTimeoutMs = 10000;
        /// <summary>Per-prompt time to answer; a timeout is recorded as such and counts as not confirmed.</summary>
        public int PromptTimeoutMs = 30000;
        /// <summary>Bound on the signature check from its start (device estimate ≤ 3.1 s for RSA-2048).</summary>
        public int DigitalTimeoutMs = 20000;
        /// <summary>How long the verdict stays before returning to idle.</summary>
        public int VerdictHoldMs = 20000;
        /// <summary>How long the scan-failed screen waits for a retry.</summary>
        public int ScanFailedHoldMs = 15000;
        /// <summary>Inspector id written into records.</summary>
        public int InspectorId;
    }

    /// <summary>Milliseconds (monotonic) of the milestones of the current or last inspection; -1 = not reached.</summary>
    public sealed class InspectionTimeline
    {
        public long StartMs = -1;
        public long ScannedMs = -1;
        public long SweepDoneMs = -1;
        public long DigitalDoneMs = -1;
        public long PromptsStartMs = -1;
        /// <summary>The inspector's last action (the physical release/threshold of the last answering gesture,
        /// or the end of the sweep when no prompt was asked).</summary>
        public long LastActionMs = -1;
        public long VerdictMs = -1;

        public void Reset()
        {
            StartMs = -1; ScannedMs = -1; SweepDoneMs = -1; DigitalDoneMs = -1; PromptsStartMs = -1;
            LastActionMs = -1; VerdictMs = -1;
        }

        /// <summary>Time the inspector waited after the last action (0 when the verdict was already due).</summary>
        public long WaitAfterLastActionMs
        {
            get { return VerdictMs < 0 || LastActionMs < 0 || VerdictMs < LastActionMs ? 0 : VerdictMs - LastActionMs; }
        }
    }
}
