using System.Security.Cryptography;
using Handheld.Core.Crypto;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;
using Handheld.Core.Trust;
using Handheld.Sdk.Device;

namespace Handheld.Simulator.Link;

/// <summary>
/// The device's protocol side with simulated flash, clock and record log: the real Core
/// <see cref="RequestHandler"/> and <see cref="ListUpdater"/> over in-memory ports. Deterministic: records,
/// ids and keys derive from the seed; time is set explicitly.
/// </summary>
public sealed class SimulatedDevice : IRecordSource, IClockSetter, IWallClock, IConfigStore, ISelfTest, IProvisioningStore, IDeviceStatus
{
    private readonly List<byte[]> _records = new(); // index = seq - 1
    private readonly SortedDictionary<byte, int> _config = new() { [1] = 1, [2] = 3000, [3] = 300, [4] = 1 };
    private long _synced;
    private long _unix;
    private ClockSource _source;
    private byte[] _recordKey = new byte[32];

    public SimulatedDevice(byte[]? rootSpki, SignatureAlgorithm rootAlgorithm = SignatureAlgorithm.EcdsaP256Sha256,
        IBlockStorage? trustFlash = null, IBlockStorage? revocationFlash = null)
    {
        Hash = new HostHash256();
        TrustFlash = trustFlash ?? new ArrayBlockStorage(2 * (ListFormat.MaxTrustListBytes + SignedListStore.SlotHeaderLength));
        RevocationFlash = revocationFlash ?? new ArrayBlockStorage(2 * (72 * 1024));
        Lists = new ListUpdater(new SignedListStore(TrustFlash, Hash), new SignedListStore(RevocationFlash, new HostHash256()),
            new HostSignatureEngine(), new HostHash256(), rootAlgorithm, rootSpki ?? []);
        Handler = new RequestHandler(this, Lists, this, this, this, this, this, this, new HostHash256());
    }

    public IHash256 Hash { get; }
    public IBlockStorage TrustFlash { get; }
    public IBlockStorage RevocationFlash { get; }
    public ListUpdater Lists { get; }
    public RequestHandler Handler { get; }
    public byte[] RecordKey => _recordKey;

    /// <summary>Provisions with an id and key derived from <paramref name="seed"/> (simulator start-up).</summary>
    public void ProvisionFromSeed(int seed)
    {
        byte[] s = SHA256.HashData(BitConverter.GetBytes(seed));
        Provision(s.AsSpan(0, 16).ToArray(), SHA256.HashData(s));
    }

    /// <summary>Appends an inspection record in the interim layout (see <see cref="InterimRecordFormat"/>).</summary>
    public long AppendRecord(byte[] body)
    {
        long seq = _records.Count + 1;
        byte[] prev = _records.Count == 0 ? [] : _records[^1];
        _records.Add(InterimRecordFormat.Build(seq, _unix, (byte)_source, prev, body, _recordKey));
        return seq;
    }

    public void AddSampleRecords(int count, int seed)
    {
        var rng = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            var body = new byte[90 + rng.Next(60)];
            rng.NextBytes(body);
            AppendRecord(body);
        }
    }

    // IRecordSource
    public long FirstSequence => _records.Count == 0 ? 0 : 1;
    public long LastSequence => _records.Count;
    public long SyncedThrough => _synced;
    public int MarkSyncedCalls { get; private set; }
    public int ReadRecord(long sequence, byte[] buffer)
    {
        if (sequence < 1 || sequence > _records.Count) return -1;
        var r = _records[(int)sequence - 1];
        if (r.Length > buffer.Length) return -1;
        r.CopyTo(buffer, 0);
        return r.Length;
    }
    public bool MarkSynced(long sequence)
    {
        MarkSyncedCalls++;
        if (sequence > _synced) _synced = sequence;
        return true;
    }
    public long UsedBytes => _records.Sum(r => (long)r.Length);
    public long CapacityBytes => 1024 * 1024;

    // clock
    public void SetTime(long unixSeconds, ClockSource source)
    {
        _unix = unixSeconds;
        _source = source;
    }
    public bool TryRead(out long unixSeconds, out ClockSource source)
    {
        unixSeconds = _unix;
        source = _source;
        return _source != ClockSource.Unset;
    }

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
        new(1, SelfTestResult.Pass, 0), // UV lamp (emulated)
        new(2, SelfTestResult.Pass, 0), // colour sensor (emulated)
        new(3, SelfTestResult.Pass, 0), // scanner (emulated)
        new(4, SelfTestResult.Pass, (int)(CapacityBytes - UsedBytes)), // storage free bytes
        new(5, _source == ClockSource.Unset ? SelfTestResult.Fail : SelfTestResult.Pass, (int)_source), // clock
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
        return ErrorCode.None;
    }

    public string FirmwareVersion => "sim-1.0.0";
    public int BatteryPercent => 87;
    public int BatteryMillivolts => 3960;
}
