using Handheld.Core.Calibration;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;

namespace Handheld.Firmware.Adapters
{
    /// <summary>Firmware version and battery for GetInfo and the GATT Battery service.</summary>
    public sealed class BoardStatus : IDeviceStatus
    {
        // Single Li-ion cell: 3.30 V ≈ empty (the self-test's floor), 4.20 V full; linear in between is a
        // rough gauge, good enough for "charge soon".
        private const int EmptyMv = SelfTest.BatteryMinMv, FullMv = 4200;
        private readonly Board _board;
        private readonly string _version;

        public BoardStatus(Board board, uint firmwareVersion)
        {
            _board = board;
            _version = ((firmwareVersion >> 16) & 0xFF).ToString() + "." + ((firmwareVersion >> 8) & 0xFF).ToString()
                + "." + (firmwareVersion & 0xFF).ToString();
        }

        public string FirmwareVersion { get { return _version; } }

        public int BatteryMillivolts { get { return _board.BatteryMillivolts(); } }

        public int BatteryPercent
        {
            get
            {
                int mv = _board.BatteryMillivolts();
                if (mv <= 0) return -1;
                if (mv <= EmptyMv) return 0;
                if (mv >= FullMv) return 100;
                return (mv - EmptyMv) * 100 / (FullMv - EmptyMv);
            }
        }
    }

    /// <summary>
    /// Self-test over BLE, ids as in docs/ble-protocol.md §5.6 (SelfTestResult.UvLamp …). The lamp, sensor and
    /// scanner checks need the device on the calibration tile and must not run while an inspection sweeps, so
    /// they are reported from the boot self-test (SelfTest.Run); storage (config round trip, detail 0), clock
    /// and battery are measured now; calibration (7) is the state of the stored tile calibration read at boot.
    /// </summary>
    public sealed class BoardSelfTest : ISelfTest
    {
        private readonly Board _board;
        private readonly SelfTestOutcome _boot;
        private readonly CalibrationService _calibration;

        public BoardSelfTest(Board board, SelfTestOutcome boot, CalibrationService calibration)
        {
            _board = board;
            _boot = boot;
            _calibration = calibration;
        }

        public SelfTestResult[] Run()
        {
            int mv = _board.BatteryMillivolts();
            long unix;
            ClockSource source;
            bool clockSet = _board.WallClock.TryRead(out unix, out source);
            return new SelfTestResult[]
            {
                new SelfTestResult(SelfTestResult.UvLamp, PassOrFail(_boot.Lamp), 0),
                new SelfTestResult(SelfTestResult.ColourSensor, PassOrFail(_boot.Sensor), 0),
                new SelfTestResult(SelfTestResult.QrScanner, PassOrFail(_boot.Scanner), 0),
                new SelfTestResult(SelfTestResult.Storage, PassOrFail(SelfTest.StorageRoundTrip(_board)), 0),
                new SelfTestResult(SelfTestResult.Clock, PassOrFail(clockSet), (int)source),
                new SelfTestResult(SelfTestResult.Battery, PassOrFail(mv > SelfTest.BatteryMinMv), mv),
                new SelfTestResult(SelfTestResult.Calibration, _calibration.SelfTestStatus, (int)_calibration.InForce.Number),
            };
        }

        private static byte PassOrFail(bool ok) { return ok ? SelfTestResult.Pass : SelfTestResult.Fail; }
    }
}
