using System.Security.Cryptography;
using Handheld.Core.Crypto;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Protocol;

/// <summary>Collects the device's outgoing chunks and reassembles them into messages.</summary>
internal sealed class CapturingOutput : ILinkOutput
{
    private readonly FrameAssembler _a = new();
    public List<(byte Type, int Id, byte[] Payload)> Messages { get; } = new();
    public int MaxChunk { get; private set; }

    public void SendChunk(byte[] chunk, int offset, int count)
    {
        MaxChunk = Math.Max(MaxChunk, count);
        if (_a.Feed(chunk, offset, count) == FrameResult.Message)
            Messages.Add((_a.MessageType, _a.RequestId, _a.Buffer.AsSpan(Frame.HeaderLength, _a.PayloadLength).ToArray()));
    }
}

/// <summary>A device's protocol side over in-memory fakes of every port.</summary>
internal sealed class HandlerFixture : IRecordSource, IWallClock, IClockSetter, IConfigStore, ISelfTest, IProvisioningStore, IDeviceStatus
{
    public readonly List<byte[]> Records = new();
    public long Synced;
    public long Unix;
    public ClockSource Source;
    public readonly Dictionary<byte, int> Config = new() { [1] = 1 };
    public ECDsa Root = TestLists.Key(1);

    public HandlerFixture(bool authenticated = true, int mtu = 185)
    {
        TrustFlash = new ArrayBlockStorage(40000);
        RevocationFlash = new ArrayBlockStorage(140000);
        Lists = new ListUpdater(new SignedListStore(TrustFlash, new TestHash()), new SignedListStore(RevocationFlash, new TestHash()),
            new TestEngine(), new TestHash(), SignatureAlgorithm.EcdsaP256Sha256, Root.ExportSubjectPublicKeyInfo());
        Handler = new RequestHandler(this, Lists, this, this, this, this, this, this, new TestHash());
        Session = new LinkSession(Handler, Output) { Authenticated = authenticated, Mtu = mtu };
    }

    public ArrayBlockStorage TrustFlash { get; }
    public ArrayBlockStorage RevocationFlash { get; }
    public ListUpdater Lists { get; }
    public RequestHandler Handler { get; }
    public CapturingOutput Output { get; } = new();
    public LinkSession Session { get; }
    private int _id;

    /// <summary>Sends a request through the link session and returns the device's reply.</summary>
    public (byte Type, byte[] Payload) Request(byte type, byte[] payload)
    {
        int id = ++_id;
        var m = Frame.EncodeMessage(type, id, payload, 0, payload.Length);
        int size = Frame.ChunkSizeForMtu(Session.Mtu);
        var c = new byte[size];
        int before = Output.Messages.Count;
        for (int i = 0; i < Frame.ChunkCount(m.Length, size); i++)
        {
            int n = Frame.WriteChunk(m, m.Length, size, i, c);
            Session.OnChunk(c, 0, n);
        }
        Assert.Equal(before + 1, Output.Messages.Count);
        var r = Output.Messages[^1];
        Assert.Equal(id, r.Id);
        return (r.Type, r.Payload);
    }

    public void AddRecords(int n)
    {
        for (int i = 0; i < n; i++) Records.Add(SHA256.HashData(BitConverter.GetBytes(Records.Count)).Concat(new byte[60 + i % 40]).ToArray());
    }

    long IRecordSource.FirstSequence => Records.Count == 0 ? 0 : 1;
    long IRecordSource.LastSequence => Records.Count;
    long IRecordSource.SyncedThrough => Synced;
    int IRecordSource.ReadRecord(long s, byte[] buffer)
    {
        if (s < 1 || s > Records.Count) return -1;
        Records[(int)s - 1].CopyTo(buffer, 0);
        return Records[(int)s - 1].Length;
    }
    bool IRecordSource.MarkSynced(long s) { Synced = Math.Max(Synced, s); return true; }
    void IRecordSource.GetAnchor(out long s, byte[] h, int o) { s = 0; Array.Clear(h, o, 32); }
    void IRecordSource.GetHeadHash(byte[] h, int o) { (Records.Count == 0 ? new byte[32] : SHA256.HashData(Records[^1])).CopyTo(h, o); }
    bool IRecordSource.Authenticate(byte[] d, int o, int n, byte[] mac, int mo)
    {
        if (!IsProvisioned) return false;
        HMACSHA256.HashData(RecordKey, d.AsSpan(o, n)).CopyTo(mac, mo);
        return true;
    }
    long IRecordSource.UsedBytes => Records.Sum(r => r.Length);
    long IRecordSource.CapacityBytes => 200_000;
    bool IWallClock.TryRead(out long u, out ClockSource s) { u = Unix; s = Source; return Source != ClockSource.Unset; }
    byte IClockSetter.SetTime(long u, ClockSource s) { Unix = u; Source = s; return ErrorCode.None; }
    int IConfigStore.Count => Config.Count;
    bool IConfigStore.GetAt(int i, out byte k, out int v) { var kv = Config.OrderBy(p => p.Key).ElementAt(i); k = kv.Key; v = kv.Value; return true; }
    byte IConfigStore.Set(byte k, int v) { if (!Config.ContainsKey(k)) return ErrorCode.UnknownKey; Config[k] = v; return ErrorCode.None; }
    SelfTestResult[] ISelfTest.Run() => [new(1, SelfTestResult.Pass, 12), new(2, SelfTestResult.Fail, -3)];
    public bool IsProvisioned { get; private set; }
    public byte[] DeviceId { get; private set; } = new byte[16];
    public byte[] RecordKey = [];
    public byte Provision(byte[] id, byte[] key)
    {
        if (IsProvisioned) return ErrorCode.AlreadyProvisioned;
        DeviceId = id; RecordKey = key; IsProvisioned = true;
        return ErrorCode.None;
    }
    string IDeviceStatus.FirmwareVersion => "1.2.3";
    int IDeviceStatus.BatteryPercent => 55;
    int IDeviceStatus.BatteryMillivolts => 3800;
}
