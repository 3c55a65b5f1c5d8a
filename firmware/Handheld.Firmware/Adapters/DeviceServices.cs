using Handheld.Core.Ports;
using Handheld.Core.Protocol;

namespace Handheld.Firmware.Adapters
{
    /// <summary>Protocol clock setter over <see cref="DeviceWallClock.Set"/> (Rtc.SetSystemTime).</summary>
    public sealed class RtcClockSetter : IClockSetter
    {
        private readonly DeviceWallClock _clock;
        public RtcClockSetter(DeviceWallClock clock) { _clock = clock; }
        public void SetTime(long unixSeconds, ClockSource source) { _clock.Set(unixSeconds, source); }
    }

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
    /// Self-test over BLE. The lamp and sensor checks need the device on the calibration tile and must not run
    /// while an inspection sweeps, so they are reported from the boot self-test (SelfTest.Run); storage,
    /// battery and clock are measured now.
    /// Ids: 1 boot self-test (lamp, sensor, scanner), 2 config storage round trip, 3 battery mV, 4 clock set.
    /// </summary>
    public sealed class BoardSelfTest : ISelfTest
    {
        private readonly Board _board;
        private readonly bool _bootOk;

        public BoardSelfTest(Board board, bool bootSelfTestOk)
        {
            _board = board;
            _bootOk = bootSelfTestOk;
        }

        public SelfTestResult[] Run()
        {
            int mv = _board.BatteryMillivolts();
            long unix;
            ClockSource source;
            bool clockSet = _board.WallClock.TryRead(out unix, out source);
            return new SelfTestResult[]
            {
                new SelfTestResult(1, _bootOk ? SelfTestResult.Pass : SelfTestResult.Fail, 0),
                new SelfTestResult(2, SelfTest.StorageRoundTrip(_board) ? SelfTestResult.Pass : SelfTestResult.Fail, 0),
                new SelfTestResult(3, mv > SelfTest.BatteryMinMv ? SelfTestResult.Pass : SelfTestResult.Fail, mv),
                new SelfTestResult(4, clockSet ? SelfTestResult.Pass : SelfTestResult.Fail, (int)source),
            };
        }
    }
}
