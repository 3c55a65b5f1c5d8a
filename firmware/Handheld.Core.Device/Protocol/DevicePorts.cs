using Handheld.Core.Ports;

namespace Handheld.Core.Protocol
{
    /// <summary>The inspection record log as the sync protocol sees it (implemented over Records.RecordLog).
    /// Sequence numbers start at 1; 0 means "none".</summary>
    public interface IRecordSource
    {
        /// <summary>Oldest record still stored (0 when empty).</summary>
        long FirstSequence { get; }
        /// <summary>Newest record (0 when empty).</summary>
        long LastSequence { get; }
        /// <summary>Highest sequence the app has confirmed; records up to it may be reused.</summary>
        long SyncedThrough { get; }
        /// <summary>Copies record <paramref name="sequence"/> into <paramref name="buffer"/>; returns its length,
        /// or −1 when it is not stored or does not fit.</summary>
        int ReadRecord(long sequence, byte[] buffer);
        /// <summary>Releases records up to <paramref name="sequence"/> for reuse (durably). False on fault.</summary>
        bool MarkSynced(long sequence);
        /// <summary>The anchor a fresh reader checks the first stored record against: <paramref name="sequence"/> =
        /// FirstSequence − 1 (the newest record when the log holds none) and its chain hash (32 zero bytes for 0).</summary>
        void GetAnchor(out long sequence, byte[] chainHash32, int offset);
        /// <summary>Chain hash of the newest record (zeros when there has never been one).</summary>
        void GetHeadHash(byte[] chainHash32, int offset);
        /// <summary>HMAC-SHA256 under the device's record key of data[offset..offset+count) into mac32 at
        /// macOffset; false when the device has no key (not provisioned).</summary>
        bool Authenticate(byte[] data, int offset, int count, byte[] mac32, int macOffset);
        long UsedBytes { get; }
        long CapacityBytes { get; }
    }

    /// <summary>Sets the wall clock (Records.AuditedClock on the device: records then carry the source, and
    /// every change is itself a record).</summary>
    public interface IClockSetter
    {
        /// <summary>Returns an <see cref="ErrorCode"/>: None, or why the clock was left as it was
        /// (ClockBackward, StorageFault).</summary>
        byte SetTime(long unixSeconds, ClockSource source);
    }

    /// <summary>Device settings, a small table of integer values keyed by a byte (docs/ble-protocol.md §5.7).</summary>
    public interface IConfigStore
    {
        int Count { get; }
        /// <summary>Key and value of the <paramref name="index"/>-th setting.</summary>
        bool GetAt(int index, out byte key, out int value);
        /// <summary>Validates and stores a setting; returns an <see cref="ErrorCode"/> (None on success).</summary>
        byte Set(byte key, int value);
    }

    /// <summary>One self-test outcome: test id, status (0 pass, 1 fail, 2 not available) and a detail value.</summary>
    public sealed class SelfTestResult
    {
        public const byte Pass = 0;
        public const byte Fail = 1;
        public const byte NotAvailable = 2;

        /// <summary>Test ids of the SelfTest response (docs/ble-protocol.md §5.6), one list for device and apps.</summary>
        public const byte UvLamp = 1;
        public const byte ColourSensor = 2;
        public const byte QrScanner = 3;
        /// <summary>Detail: free bytes where the device measures them, else 0.</summary>
        public const byte Storage = 4;
        /// <summary>Detail: the clock source.</summary>
        public const byte Clock = 5;
        /// <summary>Detail: battery millivolts.</summary>
        public const byte Battery = 6;
        /// <summary>Detail: number of the tile calibration in force (fail: the stored one is damaged; not available: never calibrated).</summary>
        public const byte Calibration = 7;

        private static readonly string[] Names = { "", "uv-lamp", "colour-sensor", "scanner", "storage", "clock", "battery", "calibration" };

        /// <summary>Short name of a test id ("test-N" for ids this version does not know).</summary>
        public static string TestName(int testId)
        {
            if (testId > 0 && testId < Names.Length) return Names[testId];
            return "test-" + testId.ToString();
        }

        public SelfTestResult(byte testId, byte status, int detail)
        {
            TestId = testId;
            Status = status;
            Detail = detail;
        }

        public byte TestId { get; private set; }
        public byte Status { get; private set; }
        public int Detail { get; private set; }
    }

    public interface ISelfTest
    {
        /// <summary>Runs the built-in tests (lamp, sensor, scanner, storage, clock) and returns their results.</summary>
        SelfTestResult[] Run();
    }

    /// <summary>Factory identity: written once, then locked.</summary>
    public interface IProvisioningStore
    {
        bool IsProvisioned { get; }
        /// <summary>16-byte device id (all zero before provisioning).</summary>
        byte[] DeviceId { get; }
        /// <summary>Stores id and 32-byte record key durably and locks; returns an ErrorCode
        /// (AlreadyProvisioned when locked).</summary>
        byte Provision(byte[] deviceId, byte[] recordKey);
    }

    /// <summary>Firmware facts for the info message.</summary>
    public interface IDeviceStatus
    {
        string FirmwareVersion { get; }
        /// <summary>Battery charge in percent, or −1 when unknown.</summary>
        int BatteryPercent { get; }
        /// <summary>Battery voltage in millivolts, or 0 when unknown.</summary>
        int BatteryMillivolts { get; }
    }

    /// <summary>Where the handler sends chunks (a GATT notification, a TCP socket, a test queue).</summary>
    public interface ILinkOutput
    {
        void SendChunk(byte[] chunk, int offset, int count);
    }
}
