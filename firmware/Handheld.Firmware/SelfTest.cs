using System;
using System.Threading;
using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Core.Scanning;
using Handheld.Firmware.Adapters;

namespace Handheld.Firmware
{
    /// <summary>
    /// Factory and power-on self-test (README "Factory self-test"). Each check prints one line on the serial
    /// console (COM1) and the result is kept for the BLE status request. The lamp part needs the window closed
    /// on the calibration tile (the hardware interlock keeps the LED dark otherwise, which the test reports).
    /// </summary>
    public static class SelfTest
    {
        public const int LampMinMa = 15;
        public const int LampMaxMa = 25;
        public const int BatteryMinMv = 3300;

        /// <summary>Runs the checks; the outcome keeps each one for the BLE SelfTest response.</summary>
        public static SelfTestOutcome Run(Board board, SweepStage sweep, QrScanner scanner)
        {
            SelfTestOutcome o = new SelfTestOutcome();
            o.Scanner = ConfigureScanner(scanner, board.Clock);
            Report("scanner reply", o.Scanner, "");

            SensorStatus s = sweep.Sensor.Initialise(50000);
            o.Sensor = s == SensorStatus.Ok && sweep.SensorBus.FailedTransfers == 0;
            Report("sensor identity (" + (sweep.Sensor.Kind == SensorKind.As7341 ? "AS7341" : "TCS34725") + ")", o.Sensor,
                "status " + ((int)s).ToString());

            if (!board.Lamp.WindowOnSheet)
            {
                Report("lamp current", false, "window switch open: place the device on the calibration tile");
                o.Lamp = false;
            }
            else
            {
                LampStatus ls = sweep.Lamp.SwitchOn(1000);
                if (ls == LampStatus.Ok) ls = sweep.Lamp.CheckCurrent();
                int onMa = sweep.Lamp.LastCurrentMa;
                sweep.Lamp.SwitchOff();
                bool lampOk = ls == LampStatus.Ok && onMa >= LampMinMa && onMa <= LampMaxMa;
                Report("lamp current", lampOk, onMa.ToString() + " mA");

                int offMa;
                bool offOk = board.Lamp.TryReadCurrentMa(out offMa) && offMa < 1;
                Report("lamp off", offOk, offMa.ToString() + " mA");
                o.Lamp = lampOk && offOk;
            }

            o.Storage = StorageRoundTrip(board);
            Report("config storage", o.Storage, "");

            int mv = board.BatteryMillivolts();
            o.Battery = mv > BatteryMinMv;
            Report("battery", o.Battery, mv.ToString() + " mV");
            return o;
        }

        /// <summary>Puts the GM65 into command-triggered mode with a CR tail (the "scanner reply" check).</summary>
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

        internal static bool StorageRoundTrip(Board board)
        {
            // The last 16 bytes of the config region are a scratch area reserved for this test.
            int pos = board.ConfigStorage.Capacity - 16;
            byte[] pattern = new byte[16];
            byte[] back = new byte[16];
            for (int i = 0; i < 16; i++) pattern[i] = (byte)(0xA5 ^ i);
            board.ConfigStorage.Write(pos, pattern, 0, 16);
            board.ConfigStorage.Flush();
            board.ConfigStorage.Read(pos, back, 0, 16);
            for (int i = 0; i < 16; i++) if (back[i] != pattern[i]) return false;
            return true;
        }

        private static void Report(string check, bool pass, string detail)
        {
            Console.WriteLine("[self-test] " + check + ": " + (pass ? "PASS" : "FAIL") + (detail.Length > 0 ? " (" + detail + ")" : ""));
        }
    }
}
