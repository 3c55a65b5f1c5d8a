using System;
using System.Threading;
using Handheld.Core.Calibration;
using Handheld.Core.Crypto;
using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;
using Handheld.Core.Licensing;
using Handheld.Core.Protocol;
using Handheld.Core.Records;
using Handheld.Core.Scanning;
using Handheld.Core.Trust;
using Handheld.Firmware.Adapters;
using Handheld.Firmware.Ble;

namespace Handheld.Firmware
{
    /// <summary>
    /// Composition root: opens the board, runs the self-test, loads the signed trust and revocation lists
    /// (verified against <see cref="RootKey"/>), builds the inspection stages over Core, starts the BLE GATT
    /// server and drives the controller from the main loop (10 ms ticks), with light sleep when idle.
    /// </summary>
    public static class Program
    {
        public const uint FirmwareVersion = 0x00010000;
        public const int TickMs = 10;

        public static void Main()
        {
            Board board = new Board();
            PhaseLog boot = new PhaseLog(board.Clock, "boot");
            boot.Mark("board");
            if (PairingResetGesture.Detect(board.Buttons, board.Clock, board.Clock))
            {
                // Both buttons held at boot: forget every bonded phone (a lost phone loses its link key).
                GattServer.RemoveAllBonds();
                Console.WriteLine("[ble] pairing reset: all bonds removed");
                board.Indicator.ShowText("Pairing reset", "pair the app again");
            }
            SweepStage sweep = new SweepStage(board);

            QrScanner scanner = new QrScanner(board.ScannerLink, board.Clock, 1024);
            SelfTestOutcome bootTest = SelfTest.Run(board, sweep, scanner);
            bool selfTestOk = bootTest.AllPassed;
            boot.Mark("self-test");

            ConfigRegion config = new ConfigRegion(board.ConfigStorage);
            byte[] deviceId;
            byte[] recordKey;
            bool provisioned = config.TryRead(out deviceId, out recordKey);
            RecordLog log = new RecordLog(board.RecordStorage, recordKey);
            if (provisioned)
            {
                LogOpenResult open = log.Open();
                Console.WriteLine("[records] open: " + ((int)open).ToString() + ", " + log.Count.ToString() + " records");
                // Every clock change from now on is a CLOCK_CHANGE record in this log.
                board.WallClock.AttachLog(log, deviceId, FirmwareVersion);
            }
            else
            {
                // Unprovisioned: no device key, so no record can be authenticated; the log stays closed and
                // every verdict shows RECORD_NOT_STORED until the factory provisions the device (and it restarts).
                Console.WriteLine("[records] device not provisioned: records disabled");
            }
            boot.Mark("records");

            // One gate for the data shared between threads: the verification worker holds it for a whole
            // digital check, the BLE thread for each request (list updates, record sync, config), the main
            // thread while appending a record. So a list update never swaps keys or revocations in the middle
            // of a verification, and the record log and flash files are never used by two threads at once.
            object dataGate = new object();

            // Signed lists (A/B slots in I:\trust*.bin, I:\revoc*.bin), verified against the firmware root key
            // at every start. A placeholder root key prepares to null, so no trust list ever verifies.
            // A provisioned device seals its list slots with a key derived from its device key (native HMAC), so
            // start-up checks a MAC instead of hashing a 64 KB list with managed SHA-256 (≈ 10 M IL) and
            // re-verifying signatures; unprovisioned, the slots are hashed and re-verified as before.
            ManagedSignatureEngine engine = new ManagedSignatureEngine();
            Sha256 hash = new Sha256();
            IHmacSha256 hmac = new NativeHmacSha256();
            byte[] sealKey = provisioned ? SignedListStore.DeriveSealKey(hmac, recordKey, RootKey.SubjectPublicKeyInfo) : null;
            if (RootKey.IsPlaceholder) Console.WriteLine("[trust] ROOT KEY IS THE PLACEHOLDER: no trust list will be accepted");
            SignedListStore trustListStore = new SignedListStore(board.TrustStorage, hash, hmac, sealKey);
            SignedListStore revocationStore = new SignedListStore(board.RevocationStorage, hash, hmac, sealKey);
            ListUpdater updater = new ListUpdater(trustListStore, revocationStore, engine, hash,
                RootKey.Algorithm, RootKey.SubjectPublicKeyInfo);

            // Trusted issuer keys from the verified trust list; empty (every licence UNKNOWN_ISSUER_KEY, never
            // GENUINE) until a list signed by the root key has been applied.
            TrustStore trust = new TrustStore(engine, TrustStoreCapacity);
            ListReload reload = new ListReload(updater, trust, sweep.Spectra, sweep.ColourShares, dataGate);
            reload.Reload(0, updater.TrustListVersion);
            updater.ListApplied = new ListAppliedHandler(reload.Reload);
            boot.Mark(sealKey != null ? "lists (sealed)" : "lists (hashed)");

            LicenceVerifier verifier = new LicenceVerifier(trust, updater.Revocations);
            IDigitalCheck digital = new ThreadedDigitalCheck(new LicenceDigitalCheck(verifier), board.Clock, dataGate);

            // BLE: protocol handler over the firmware's ports, then the GATT server.
            RecordLogSource records = new RecordLogSource(log, board.RecordStorage.Capacity);
            BoardStatus status = new BoardStatus(board, FirmwareVersion);
            // Tile calibration (Calibrate, ble-protocol.md §5.8): the stored gains go into the sampler now; a damaged
            // stored calibration leaves unit gains and fails self-test 7.
            TileSweep tileSweep = new TileSweep(board, sweep);
            CalibrationService calibration = new CalibrationService(tileSweep,
                new TileCalibrator(tileSweep, sweep.Physical, sweep.Check.Trace),
                new CalibrationStore(board.ConfigStorage, ConfigRegion.CalibrationSlotA, ConfigRegion.CalibrationSlotB),
                board.WallClock, sweep.ActiveCalibration);
            byte calState = calibration.Load();
            Console.WriteLine("[calibration] " + (calState == StoredCalibrationState.Valid ? "#" + calibration.InForce.Number.ToString() + " in force"
                : calState == StoredCalibrationState.Corrupt ? "STORED CALIBRATION DAMAGED: unit gains" : "never calibrated: unit gains"));
            if (calState == StoredCalibrationState.Corrupt) selfTestOk = false;
            if (provisioned) calibration.AttachLog(log, deviceId, FirmwareVersion);
            RequestHandler handler = new RequestHandler(records, updater, board.WallClock, board.WallClock,
                config, new BoardSelfTest(board, bootTest, calibration), config, status, hash);
            handler.Calibration = calibration;
            GattServer gatt = new GattServer(handler, board.WallClock, board.Clock, status, DeviceName, SerialOf(provisioned, deviceId));
            gatt.RequestGate = dataGate;
            gatt.PasskeyDisplay = new PasskeyDisplayHandler(new PasskeyShow(board.Indicator).Show);
            gatt.Start();
            Console.WriteLine("[ble] advertising as " + DeviceName);

            // Every stored record is also announced to an authenticated app (InspectionEvent), under the gate.
            IRecordSink sink = new GuardedRecordSink(new InspectionBroadcaster(
                new RecordLogSink(log, deviceId, FirmwareVersion), records, gatt.Session), dataGate);

            InspectionController controller = new InspectionController(board.Clock, board.WallClock,
                new QrScannerSource(scanner), digital, sweep.Check, sink,
                board.Indicator, new ButtonPanel(board.Buttons), new InspectionSettings());
            tileSweep.Controller = controller;

            boot.Mark("ble+controller");
            if (!selfTestOk) board.Indicator.ShowText("Self-test failed", "see service menu");
            Run(board, controller, config, gatt, tileSweep);
        }

        public const string DeviceName = "Handheld";
        /// <summary>Licence-signing keys held at once (a prepared P-256 key is ~0.2 KB, RSA-2048 ~0.6 KB).</summary>
        public const int TrustStoreCapacity = 32;

        private static string SerialOf(bool provisioned, byte[] deviceId)
        {
            if (!provisioned) return "unprovisioned";
            const string hex = "0123456789ABCDEF";
            char[] c = new char[deviceId.Length * 2];
            for (int i = 0; i < deviceId.Length; i++)
            {
                c[2 * i] = hex[deviceId[i] >> 4];
                c[2 * i + 1] = hex[deviceId[i] & 0x0F];
            }
            return new string(c);
        }

        /// <summary>Refills the licence verifier's key store, and the paper's fibre declarations (the list's catalogue,
        /// ble-protocol.md §6.1.1: spectra on an AS7341, colour shares on a TCS34725), from the verified trust list
        /// (boot and each update).</summary>
        private sealed class ListReload
        {
            private readonly ListUpdater _updater;
            private readonly TrustStore _trust;
            private readonly DeclaredSpectra _spectra;
            private readonly DeclaredColourShares _colourShares;
            private readonly object _gate;

            public ListReload(ListUpdater updater, TrustStore trust, DeclaredSpectra spectra, DeclaredColourShares colourShares, object gate)
            {
                _updater = updater;
                _trust = trust;
                _spectra = spectra;
                _colourShares = colourShares;
                _gate = gate;
            }

            public void Reload(int kind, uint version)
            {
                // Called on the BLE thread, which already holds the gate (Monitor is re-entrant); taken again
                // here so a caller without it can never reload during a verification.
                Monitor.Enter(_gate);
                try
                {
                    int keys = TrustStoreLoader.Load(_updater.TrustList, _trust);
                    // With the keys, under the same gate; each null on the sensor that does not use it.
                    if (_spectra != null)
                    {
                        bool declared = PaperCatalogue.LoadSpectra(_updater.TrustList, _spectra);
                        Console.WriteLine("[trust] fibre spectra: " + (declared ? "declared, colours " + _spectra.Declared.ToString() : "none declared"));
                    }
                    if (_colourShares != null)
                    {
                        bool declared = PaperCatalogue.LoadColourShares(_updater.TrustList, _colourShares);
                        Console.WriteLine("[trust] fibre colour shares: " + (declared ? "declared, colours " + _colourShares.Declared.ToString() : "none declared"));
                    }
                    Console.WriteLine("[trust] list kind " + kind.ToString() + " v" + version.ToString() + ": trust list v"
                        + _updater.TrustListVersion.ToString() + ", " + keys.ToString() + " licence keys, revocations "
                        + (_updater.Revocations.IsLoaded ? "v" + _updater.Revocations.ListVersion.ToString() : "none"));
                }
                finally
                {
                    Monitor.Exit(_gate);
                }
            }
        }

        /// <summary>Shows the pairing passkey (6 digits, leading zeros kept) on the display / console.</summary>
        private sealed class PasskeyShow
        {
            private readonly GpioIndicator _indicator;
            public PasskeyShow(GpioIndicator indicator) { _indicator = indicator; }

            public void Show(uint passkey)
            {
                char[] d = new char[6];
                for (int i = 5; i >= 0; i--) { d[i] = (char)('0' + (int)(passkey % 10)); passkey /= 10; }
                _indicator.ShowText("BLE pairing code", new string(d));
            }
        }

        private static void Run(Board board, InspectionController controller, ConfigRegion config, GattServer gatt, TileSweep tileSweep)
        {
            long idleSince = board.Clock.NowMs;
            InspectionState last = controller.State;
            uint freeAtStart = nanoFramework.Runtime.Native.GC.Run(false);
            uint lowestFree = freeAtStart;
            // Each inspection state's time and the heap left when it ends (the per-inspection figures).
            PhaseLog inspection = new PhaseLog(board.Clock, "inspection");
            while (true)
            {
                // While the BLE thread sweeps the calibration tile the sampler is its: no inspection starts.
                if (!tileSweep.Calibrating) controller.Tick();
                gatt.Poll(); // closes a link held idle (one central: a squatter would keep the app out)
                long now = board.Clock.NowMs;
                board.Indicator.Update(now);

                InspectionState state = controller.State;
                if (state != last)
                {
                    if (last == InspectionState.Idle) inspection.Restart();
                    else inspection.Mark(InspectionStateNames.Of(last));
                }
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
                else if (now - idleSince >= config.Get(ConfigRegion.KeyAutoSleepS) * 1000L)
                {
                    board.IdleSleep();
                    idleSince = board.Clock.NowMs;
                }
                Thread.Sleep(TickMs);
            }
        }
    }
}
