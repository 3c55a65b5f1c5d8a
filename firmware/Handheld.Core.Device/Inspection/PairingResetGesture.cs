using Handheld.Core.Ports;

namespace Handheld.Core.Inspection
{
    /// <summary>
    /// The service gesture that removes every BLE bond (docs/ble-protocol.md §10.3): both buttons held while
    /// the device starts, for <see cref="HoldMs"/> without release. Physical presence is the authorisation, so a
    /// lost phone's bond can be revoked without it; a single bounce-free release aborts (no accidental reset).
    /// </summary>
    public static class PairingResetGesture
    {
        /// <summary>How long both buttons must stay down at boot.</summary>
        public const int HoldMs = 3000;
        /// <summary>Sampling step while waiting.</summary>
        public const int StepMs = 50;

        /// <summary>True when buttons 0 and 1 are both down now and stay down for <see cref="HoldMs"/>;
        /// returns as soon as either is released (false).</summary>
        public static bool Detect(IButtonInput buttons, IMonotonicClock clock, IDelay delay)
        {
            if (buttons == null || buttons.Count < 2) return false;
            long start = clock.NowMs;
            while (true)
            {
                if (!buttons.IsPressed(0) || !buttons.IsPressed(1)) return false;
                if (clock.NowMs - start >= HoldMs) return true;
                delay.WaitMs(StepMs);
            }
        }
    }
}
