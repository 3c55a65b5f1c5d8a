using System.Security.Cryptography;
using Handheld.Core.Calibration;
using Handheld.Core.Crypto;
using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;
using Handheld.Core.Records;
using Handheld.Core.Trust;
using Handheld.Sdk.Device;
using Handheld.Simulator.Device;

namespace Handheld.Simulator.Link;

/// <summary>
/// The device's protocol side with simulated flash, clock and record log: the real Core
/// <see cref="RequestHandler"/> and <see cref="ListUpdater"/> over in-memory ports. Deterministic: records,
/// ids and keys derive from the seed; time is set explicitly.
/// </summary>
public sealed class SimulatedDevice : IRecordSource, IRecordLogState, IClockSetter, IWallClock, IConfigStore, ISelfTest, IProvisioningStore, IDeviceStatus
{
    private RecordLog? _log;
    private RecordLogSource? _records; // the protocol's view of _log, made with it
    private readonly SortedDictionary<byte, int> _config = new() { [1] = 1, [2] = 3000, [3] = 300, [4] = 1 };
    private readonly SimulatedRtc _rtc = new();
    private byte[] _recordKey = new byte[32];

    public SimulatedDevice(byte[]? rootSpki, SignatureAlgorithm rootAlgorithm = SignatureAlgorithm.EcdsaP256Sha256,
        IBlockStorage? trustFlash = null, IBlockStorage? revocationFlash = null)
    {
        Hash = new HostHash256();
        TrustFlash = trustFlash ?? new ArrayBlockStorage(2 * (ListFormat.MaxTrustListBytes + SignedListStore.SlotHeaderLength));
        RevocationFlash = revocationFlash ?? new ArrayBlockStorage(2 * (72 * 1024));
        Lists = new ListUpdater(new SignedListStore(TrustFlash, Hash), new SignedListStore(RevocationFlash, new HostHash256()),
            new HostSignatureEngine(), new HostHash256(), rootAlgorithm, rootSpki ?? []);
        // As the firmware's ListReload: the declared fibre spectra and colour shares follow the trust list in force (its catalogue).
        ReloadCatalogue();
        Lists.ListApplied = (kind, version) => ReloadCatalogue();
        Clock = new AuditedClock(_rtc);
        Handler = new RequestHandler(this, Lists, this, this, this, this, this, this, new HostHash256());
        UseSensor(SensorKind.Tcs34725, TileCondition.New, 1);
    }

    /// <summary>Config region (4 KB like the device's I:\config0.bin); the tile calibration's A/B slots live in it.</summary>
    public IBlockStorage ConfigFlash { get; } = new ArrayBlockStorage(4096);
    /// <summary>Positions of the calibration slots in <see cref="ConfigFlash"/> (the firmware's ConfigRegion uses the same).</summary>
    public const int CalibrationSlotA = 512, CalibrationSlotB = 640;

    /// <summary>The emulated calibration tile the simulated inspector sweeps on Calibrate.</summary>
    public EmulatedTile Tile { get; private set; } = null!;
    /// <summary>The sampler's calibration the stored tile calibration sets (its gains).</summary>
    public SensorCalibration SamplerCalibration { get; private set; } = null!;
    public CalibrationService Calibration { get; private set; } = null!;

    /// <summary>Fits a sensor and a calibration tile (serve --sensor/--tile) and loads the stored calibration,
    /// as the firmware does at boot.</summary>
    public void UseSensor(SensorKind kind, TileCondition tile, int seed)
    {
        Tile = new EmulatedTile(kind, tile, seed);
        SamplerCalibration = SensorCalibration.Identity(kind);
        var calibrator = new TileCalibrator(Tile, new PhysicalCheck(PhysicalCheckSettings.For(kind), ScenarioTraceCapacity), new SweepTrace(ScenarioTraceCapacity));
        Calibration = new CalibrationService(Tile, calibrator, new CalibrationStore(ConfigFlash, CalibrationSlotA, CalibrationSlotB), Clock, SamplerCalibration);
        Calibration.Load();
        if (_log != null) Calibration.AttachLog(_log, DeviceId, 0x01000000);
        Handler.Calibration = Calibration;
    }

    private const int ScenarioTraceCapacity = 256;

    /// <summary>The device's wall clock (Core's, as on the device): source kept, backward steps bounded,
    /// every change a CLOCK_CHANGE record once provisioned. Simulated time stands still between sets.</summary>
    public AuditedClock Clock { get; }

    public IHash256 Hash { get; }
    /// <summary>Flash region of the record log (256 KB, like the device's I: drive budget for records).</summary>
    public IBlockStorage RecordFlash { get; } = new ArrayBlockStorage(256 * 1024);
    public IBlockStorage TrustFlash { get; }
    public IBlockStorage RevocationFlash { get; }
    public ListUpdater Lists { get; }
    /// <summary>The fibre spectra the installed trust list declares (docs/ble-protocol.md §6.1.1), what an AS7341
    /// device's spectrum check compares with; empty without a format-2 list carrying an intact FS block.</summary>
    public DeclaredSpectra Spectra { get; } = new();
    /// <summary>The fibre colour shares the installed trust list declares (§6.1.1), what a TCS34725 device's colour
    /// signature compares with; empty without a format-2 list carrying an intact FT block.</summary>
    public DeclaredColourShares ColourShares { get; } = new();

    private void ReloadCatalogue()
    {
        PaperCatalogue.LoadSpectra(Lists.TrustList, Spectra);
        PaperCatalogue.LoadColourShares(Lists.TrustList, ColourShares);
    }
    public RequestHandler Handler { get; }
    public byte[] RecordKey => _recordKey;

    /// <summary>Provisions with an id and key derived from <paramref name="seed"/> (simulator start-up).</summary>
    public void ProvisionFromSeed(int seed)
    {
        byte[] s = SHA256.HashData(BitConverter.GetBytes(seed));
        Provision(s.AsSpan(0, 16).ToArray(), SHA256.HashData(s));
    }

    /// <summary>Appends an inspection record to the real record log (Core Records.RecordLog, sealed with the
    /// record key). Returns its sequence, or 0 when the device is not provisioned or the log refuses.</summary>
    public long AppendRecord(string licenceNumber, byte outcome, ushort reason)
    {
        if (_log == null) return 0;
        Clock.TryRead(out long unix, out ClockSource source);
        var r = new InspectionRecord { UnixSeconds = unix, Clock = source, Outcome = outcome, FirmwareVersion = 0x01000000 };
        r.SetDeviceId(DeviceId, 0, DeviceId.Length);
        var lic = System.Text.Encoding.UTF8.GetBytes(licenceNumber);
        r.SetLicenceNumber(lic, 0, Math.Min(lic.Length, InspectionRecord.MaxLicenceBytes));
        r.AddReason(reason);
        var res = _log.Append(r);
        return res is AppendResult.Ok or AppendResult.OkStorageLow ? _log.LastSequence : 0;
    }

    public void AddSampleRecords(int count, int seed)
    {
        var rng = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            AppendRecord("（京）FM安许证字〔2024〕" + rng.Next(1_000_000).ToString("D6"), (byte)(1 + rng.Next(5)), (ushort)rng.Next(16));
        }
    }

    /// <summary>The record log (null until provisioned: records are sealed with the record key).</summary>
    public RecordLog? Log => _log;

    // IRecordSource over the real log
    public long FirstSequence => _records?.FirstSequence ?? 0;
    public long LastSequence => _records?.LastSequence ?? 0;
    public long SyncedThrough => _records?.SyncedThrough ?? 0;
    public int ReadRecord(long sequence, byte[] buffer) => _records?.ReadRecord(sequence, buffer) ?? -1;
    public bool MarkSynced(long sequence) => _records?.MarkSynced(sequence) ?? false;
    public void GetAnchor(out long sequence, byte[] chainHash32, int offset)
    {
        sequence = 0;
        Array.Clear(chainHash32, offset, 32);
        _records?.GetAnchor(out sequence, chainHash32, offset);
    }
    public void GetHeadHash(byte[] chainHash32, int offset)
    {
        Array.Clear(chainHash32, offset, 32);
        _records?.GetHeadHash(chainHash32, offset);
    }
    public bool Authenticate(byte[] data, int offset, int count, byte[] mac32, int macOffset) =>
        _records?.Authenticate(data, offset, count, mac32, macOffset) ?? false;
    public byte LogState => _records?.LogState ?? SyncCheckpoint.LogStateNotReported;
    public long CommittedThrough => _records?.CommittedThrough ?? 0;
    public long UsedBytes => _records?.UsedBytes ?? 0;
    public long CapacityBytes => RecordFlash.Capacity;

    // clock
    public byte SetTime(long unixSeconds, ClockSource source) => Clock.SetTime(unixSeconds, source);
    public bool TryRead(out long unixSeconds, out ClockSource source) => Clock.TryRead(out unixSeconds, out source);

    // config: 1 buzzer on/off, 2 UV sweep ms, 3 auto-sleep s, 4 require inspector confirmation
    public int Count => _config.Count;
    public bool GetAt(int index, out byte key, out int value)
    {
        var kv = _config.ElementAt(index);
        key = kv.Key;
        value = kv.Value;
        return true;
    }
    public byte Set(byte key, int value)
    {
        if (!_config.ContainsKey(key)) return ErrorCode.UnknownKey;
        bool ok = key switch { 1 or 4 => value is 0 or 1, 2 => value is >= 500 and <= 10000, 3 => value is >= 30 and <= 3600, _ => false };
        if (!ok) return ErrorCode.ValueOutOfRange;
        _config[key] = value;
        return ErrorCode.None;
    }

    public SelfTestResult[] Run() =>
    [
        new(SelfTestResult.UvLamp, SelfTestResult.Pass, 0),          // emulated
        new(SelfTestResult.ColourSensor, SelfTestResult.Pass, 0),    // emulated
        new(SelfTestResult.QrScanner, SelfTestResult.Pass, 0),       // emulated
        new(SelfTestResult.Storage, SelfTestResult.Pass, (int)(CapacityBytes - UsedBytes)), // free bytes
        new(SelfTestResult.Clock, TryRead(out _, out var source) ? SelfTestResult.Pass : SelfTestResult.Fail, (int)source),
        new(SelfTestResult.Battery, BatteryMillivolts > 3300 ? SelfTestResult.Pass : SelfTestResult.Fail, BatteryMillivolts), // emulated cell
        new(SelfTestResult.Calibration, Calibration.SelfTestStatus, (int)Calibration.InForce.Number),
    ];

    // provisioning
    public bool IsProvisioned { get; private set; }
    public byte[] DeviceId { get; private set; } = new byte[16];
    public byte Provision(byte[] deviceId, byte[] recordKey)
    {
        if (IsProvisioned) return ErrorCode.AlreadyProvisioned;
        DeviceId = (byte[])deviceId.Clone();
        _recordKey = (byte[])recordKey.Clone();
        IsProvisioned = true;
        _log = new RecordLog(RecordFlash, _recordKey);
        _log.Open();
        _records = new RecordLogSource(_log, RecordFlash.Capacity);
        Clock.AttachLog(_log, DeviceId, 0x01000000);
        Calibration.AttachLog(_log, DeviceId, 0x01000000);
        return ErrorCode.None;
    }

    /// <summary>Erases records <paramref name="from"/>..<paramref name="through"/> in the record flash (0xFF, as an
    /// attacker with the flash, or a failing chip, would) and restarts the device (<see cref="Reboot"/>); returns what
    /// the log's open found (Truncated when the authenticated committed-through mark says they were committed).
    /// Only for a log that never reclaimed space (its entries start at the area's start).</summary>
    public LogOpenResult EraseRecordsAtRest(long from, long through)
    {
        if (_log == null || _log.FirstSequence != 1 || from < 1 || through < from || through > _log.LastSequence)
            throw new ArgumentOutOfRangeException(nameof(from), $"records {from}..{through} are not all in this log (1..{_log?.LastSequence}, never reclaimed)");
        var image = new byte[RecordFlash.Capacity];
        RecordFlash.Read(0, image, 0, image.Length);
        int Offset(long seq)
        {
            int p = RecordLog.DataStart;
            for (long q = 1; q < seq; q++) p += RecordLog.EntryOverheadBytes + (image[p + 8] | (image[p + 9] << 8));
            return p;
        }
        int start = Offset(from), end = Offset(through + 1);
        var erased = new byte[end - start];
        Array.Fill(erased, (byte)0xFF);
        RecordFlash.Write(start, erased, 0, erased.Length);
        RecordFlash.Flush();
        return Reboot();
    }

    /// <summary>Restarts the device: the record log is opened again from <see cref="RecordFlash"/> as at boot (after a
    /// test altered the flash, e.g. erased records). Returns what the open found.</summary>
    public LogOpenResult Reboot()
    {
        // The calibration is read from the config region again (a damaged one: unit gains, self-test fail).
        UseSensor(Tile.Kind, Tile.Condition, Tile.Seed);
        if (!IsProvisioned) return LogOpenResult.Corrupt;
        _log = new RecordLog(RecordFlash, _recordKey);
        var open = _log.Open();
        _records = new RecordLogSource(_log, RecordFlash.Capacity);
        // Clock-set records go to the reopened log: the old RecordLog object's view of the flash is stale.
        Clock.AttachLog(_log, DeviceId, 0x01000000);
        Calibration.AttachLog(_log, DeviceId, 0x01000000);
        return open;
    }

    public string FirmwareVersion => "sim-1.0.0";
    public int BatteryPercent => 87;
    public int BatteryMillivolts => 3960;
}

/// <summary>The simulated RTC counter: holds what was written (simulated time does not run).</summary>
internal sealed class SimulatedRtc : IRtc
{
    private long _unix;
    public long ReadUnix() => _unix;
    public bool Write(long unixSeconds)
    {
        _unix = unixSeconds;
        return true;
    }
}
