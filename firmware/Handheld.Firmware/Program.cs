using System;
using System.Threading;
using Handheld.Core.Crypto;
using Handheld.Core.Inspection;
using Handheld.Core.Licensing;
using Handheld.Core.Records;
using Handheld.Core.Scanning;
using Handheld.Core.Trust;
using Handheld.Firmware.Adapters;

namespace Handheld.Firmware
{
    /// <summary>
    /// Composition root: opens the board, runs the self-test, builds the inspection stages over Core and
    /// drives the controller from the main loop (10 ms ticks), with light sleep when idle.
    /// </summary>
    public static class Program
    {
        public const uint FirmwareVersion = 0x00010000;
        public const int TickMs = 10;
        public const int IdleSleepAfterMs = 60000;

        // Config region layout (Board.ConfigBytes, written at factory provisioning over BLE):
        // [0] layout version (0xFF = never provisioned), [1] device id length, [2..33] device id,
        // [34..65] per-device record MAC key (32 bytes).
        private const int ConfigVersion = 1;
        private const int ConfigIdLength = 1, ConfigId = 2, ConfigKey = 34;

        public static void Main()
        {
            Board board = new Board();
            SweepStage sweep = new SweepStage(board);

            QrScanner scanner = new QrScanner(board.ScannerLink, board.Clock, 1024);
            bool scannerOk = ConfigureScanner(scanner, board.Clock);
            Console.WriteLine("[self-test] scanner reply: " + (scannerOk ? "PASS" : "FAIL"));
            bool selfTestOk = SelfTest.Run(board, sweep) && scannerOk;

            byte[] deviceId;
            byte[] recordKey;
            bool provisioned = ReadProvisioning(board, out deviceId, out recordKey);
            RecordLog log = new RecordLog(board.RecordStorage, recordKey);
            if (provisioned)
            {
                LogOpenResult open = log.Open();
                Console.WriteLine("[records] open: " + ((int)open).ToString() + ", " + log.Count.ToString() + " records");
            }
            else
            {
                // Unprovisioned: no device key, so no record can be authenticated; the log stays closed and
                // every verdict shows RECORD_NOT_STORED until the factory provisions the device.
                Console.WriteLine("[records] device not provisioned: records disabled");
            }

            // Trusted issuer keys: filled from the verified trust list (BLE list updates, Trust.ListUpdater).
            // Empty until then, so every licence is UNKNOWN_ISSUER_KEY (fail closed, never GENUINE).
            TrustStore trust = new TrustStore(new ManagedSignatureEngine(), 32);
            LicenceVerifier verifier = new LicenceVerifier(trust, null);
            IDigitalCheck digital = new ThreadedDigitalCheck(new LicenceDigitalCheck(verifier), board.Clock);

            InspectionController controller = new InspectionController(board.Clock, board.WallClock,
                new QrScannerSource(scanner), digital, sweep.Check, new RecordLogSink(log, deviceId, FirmwareVersion),
                board.Indicator, new ButtonPanel(board.Buttons), new InspectionSettings());

            if (!selfTestOk) board.Indicator.ShowText("Self-test failed", "see service menu");
            Run(board, controller);
        }

        private static void Run(Board board, InspectionController controller)
        {
            long idleSince = board.Clock.NowMs;
            InspectionState last = controller.State;
            uint freeAtStart = nanoFramework.Runtime.Native.GC.Run(false);
            uint lowestFree = freeAtStart;
            while (true)
            {
                controller.Tick();
                long now = board.Clock.NowMs;
                board.Indicator.Update(now);

                InspectionState state = controller.State;
                if (state != InspectionState.Idle)
                {
                    // Managed heap headroom during inspections (figure for the report: peak use = start − lowest).
                    uint free = nanoFramework.Runtime.Native.GC.Run(false);
                    if (free < lowestFree) lowestFree = free;
                }
                if (state == InspectionState.Verdict && last != InspectionState.Verdict)
                {
                    Console.WriteLine("[verdict] " + OutcomeNames.Of(controller.LastOutcome) + " "
                        + VerdictReason.Describe(controller.LastReasons) + " heap used ≤ " + (freeAtStart - lowestFree).ToString() + " B");
                }
                last = state;

                if (!controller.CanSleep) idleSince = now;
                else if (now - idleSince >= IdleSleepAfterMs)
                {
                    board.IdleSleep();
                    idleSince = board.Clock.NowMs;
                }
                Thread.Sleep(TickMs);
            }
        }

        /// <summary>Puts the GM65 into command-triggered mode with a CR tail (the factory "scanner reply" check).</summary>
        private static bool ConfigureScanner(QrScanner scanner, DeviceMonotonicClock clock)
        {
            if (!scanner.Configure()) return false;
            long deadline = clock.NowMs + 5000;
            while (clock.NowMs < deadline)
            {
                ScanEvent e = scanner.Poll();
                if (e == ScanEvent.Configured) return true;
                if (e == ScanEvent.NakOrTimeout) return false;
                if (e == ScanEvent.None) Thread.Sleep(10);
            }
            scanner.Cancel();
            return false;
        }

        private static bool ReadProvisioning(Board board, out byte[] deviceId, out byte[] recordKey)
        {
            byte[] config = new byte[ConfigKey + 32];
            board.ConfigStorage.Read(0, config, 0, config.Length);
            recordKey = new byte[32];
            int idLength = config[ConfigIdLength];
            if (config[0] != ConfigVersion || idLength < 1 || idLength > 32)
            {
                deviceId = new byte[] { (byte)'?' };
                return false;
            }
            deviceId = new byte[idLength];
            Array.Copy(config, ConfigId, deviceId, 0, idLength);
            Array.Copy(config, ConfigKey, recordKey, 0, 32);
            return true;
        }
    }
}
