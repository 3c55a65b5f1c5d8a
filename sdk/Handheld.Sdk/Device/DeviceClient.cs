using System.Security.Cryptography;
using Handheld.Core.Calibration;
using Handheld.Core.Protocol;
using Handheld.Core.Trust;
using Handheld.Sdk.Records;

namespace Handheld.Sdk.Device;

/// <summary>
/// The app side of the Handheld BLE protocol (docs/ble-protocol.md) over any <see cref="IDeviceTransport"/>.
/// One request at a time; live inspection events arriving meanwhile are raised on <see cref="InspectionReceived"/>.
/// Uses Core's frame and message codecs, so host and device cannot disagree on the format.
/// </summary>
public sealed class DeviceClient : IAsyncDisposable
{
    private readonly IDeviceTransport _transport;
    private readonly FrameAssembler _assembler = new();
    private readonly TimeSpan _timeout;
    private int _nextId;

    public DeviceClient(IDeviceTransport transport, TimeSpan? timeout = null)
    {
        _transport = transport;
        _timeout = timeout ?? TimeSpan.FromSeconds(10);
    }

    public event Action<InspectionEvent>? InspectionReceived;

    /// <summary>Bytes of chunk payload sent and received (for throughput figures).</summary>
    public long BytesSent { get; private set; }
    public long BytesReceived { get; private set; }
    public long ChunksSent { get; private set; }
    public long ChunksReceived { get; private set; }
    /// <summary>Chunks and bytes of each request/response exchange, in order (input to <see cref="LinkTimingModel"/>).</summary>
    public List<LinkExchange> Exchanges { get; } = new();

    /// <summary>Sends one request and returns the response payload; throws <see cref="DeviceErrorException"/>
    /// on an Error reply and <see cref="DeviceLinkException"/> when the link drops or times out.</summary>
    public Task<byte[]> RequestAsync(byte type, byte[] payload, CancellationToken ct = default) =>
        RequestAsync(type, payload, _timeout, ct);

    /// <summary>As <see cref="RequestAsync(byte, byte[], CancellationToken)"/> with its own response timeout
    /// (requests the device takes long to answer, such as Calibrate).</summary>
    public async Task<byte[]> RequestAsync(byte type, byte[] payload, TimeSpan timeout, CancellationToken ct = default)
    {
        _nextId = (_nextId % 0xFFFF) + 1;
        int id = _nextId;
        byte[] message = Frame.EncodeMessage(type, id, payload, 0, payload.Length);
        int size = Frame.ChunkSizeForMtu(_transport.Mtu);
        var chunk = new byte[size];
        int chunks = Frame.ChunkCount(message.Length, size);
        var ex = new LinkExchange { ChunksUp = chunks, BytesUp = message.Length + chunks };
        Exchanges.Add(ex);
        for (int i = 0; i < chunks; i++)
        {
            int n = Frame.WriteChunk(message, message.Length, size, i, chunk);
            await _transport.SendChunkAsync(chunk, 0, n, ct).ConfigureAwait(false);
            BytesSent += n;
            ChunksSent++;
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        while (true)
        {
            byte[]? c;
            try
            {
                c = await _transport.ReceiveChunkAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new DeviceLinkException("timeout waiting for response to 0x" + type.ToString("X2"));
            }
            if (c == null) throw new DeviceLinkException("link closed");
            BytesReceived += c.Length;
            ChunksReceived++;
            ex.ChunksDown++;
            ex.BytesDown += c.Length;
            var r = _assembler.Feed(c, 0, c.Length);
            if (r == FrameResult.Error) throw new DeviceLinkException("bad frame from device: " + ErrorCode.Name(_assembler.ErrorCode));
            if (r != FrameResult.Message) continue;
            byte t = _assembler.MessageType;
            var body = new byte[_assembler.PayloadLength];
            Array.Copy(_assembler.Buffer, Frame.HeaderLength, body, 0, body.Length);
            if (t == MessageType.InspectionEvent)
            {
                var e = InspectionEvent.Decode(body, 0, body.Length);
                if (e != null) InspectionReceived?.Invoke(e);
                continue;
            }
            if (_assembler.RequestId != id) continue; // a late answer to an abandoned request
            if (t == MessageType.Error) throw new DeviceErrorException(body.Length > 0 ? body[0] : (byte)0, body.Length > 1 ? body[1] : type);
            if (t != MessageType.ResponseTo(type)) throw new DeviceLinkException($"unexpected response type 0x{t:X2}");
            return body;
        }
    }

    public async Task<DeviceInfo> GetInfoAsync(CancellationToken ct = default)
    {
        var b = await RequestAsync(MessageType.GetInfo, [], ct).ConfigureAwait(false);
        return DeviceInfo.Decode(b, 0, b.Length) ?? throw new DeviceLinkException("malformed info");
    }

    /// <summary>Sets the device clock; returns the clock source and time it had before.</summary>
    public async Task<(Handheld.Core.Ports.ClockSource Source, long Unix)> SetTimeAsync(long unixSeconds, CancellationToken ct = default)
    {
        var w = new PayloadWriter(8);
        w.I64(unixSeconds);
        var b = await RequestAsync(MessageType.SetTime, w.ToArray(), ct).ConfigureAwait(false);
        var r = new PayloadReader(b, 0, b.Length);
        var src = (Handheld.Core.Ports.ClockSource)r.U8();
        long previous = r.I64();
        return r.Done ? (src, previous) : throw new DeviceLinkException("malformed set-time reply");
    }

    public async Task<SyncBatch> SyncReadAsync(uint fromSequence, int maxCount = 255, int maxBytes = 0, CancellationToken ct = default)
    {
        var w = new PayloadWriter(8);
        w.U32(fromSequence);
        w.U16(maxCount);
        w.U16(maxBytes);
        var b = await RequestAsync(MessageType.SyncRead, w.ToArray(), ct).ConfigureAwait(false);
        return SyncBatch.Decode(b, 0, b.Length) ?? throw new DeviceLinkException("malformed sync batch");
    }

    /// <summary>Releases records after <paramref name="afterSequence"/> (the device's SyncedThrough) through
    /// <paramref name="throughSequence"/> against the chain hash of the last and the receipt proof over all of them
    /// (<see cref="SyncProof"/>, protocol revision 1); returns the device's new SyncedThrough.</summary>
    public async Task<uint> SyncCommitAsync(uint afterSequence, uint throughSequence, byte[] chainHash, byte[] receiptProof, CancellationToken ct = default)
    {
        var w = new PayloadWriter(72);
        w.U32(afterSequence);
        w.U32(throughSequence);
        w.Bytes(chainHash, 0, 32);
        w.Bytes(receiptProof, 0, 32);
        return CommitReply(await RequestAsync(MessageType.SyncCommit, w.ToArray(), ct).ConfigureAwait(false));
    }

    /// <summary>The protocol-1.0 commit (record hash only) for a device of revision 0; used by <see cref="SyncAsync"/>
    /// only for a prefix this host holds and verified.</summary>
    public async Task<uint> SyncCommitRevision0Async(uint throughSequence, byte[] chainHash, CancellationToken ct = default)
    {
        var w = new PayloadWriter(36);
        w.U32(throughSequence);
        w.Bytes(chainHash, 0, 32);
        return CommitReply(await RequestAsync(MessageType.SyncCommit, w.ToArray(), ct).ConfigureAwait(false));
    }

    private static uint CommitReply(byte[] b)
    {
        var r = new PayloadReader(b, 0, b.Length);
        uint synced = r.U32();
        return r.Done ? synced : throw new DeviceLinkException("malformed sync-commit reply");
    }

    /// <summary>The device's authenticated checkpoint for <paramref name="challenge"/> (16 bytes), raw as received
    /// (verify its MAC with <see cref="IRecordVerifier.VerifyCheckpoint"/>). <paramref name="form"/> 2 (devices of
    /// protocol revision 2) adds the record log's state and committed-through mark.</summary>
    public async Task<byte[]> GetCheckpointAsync(byte[] challenge, CancellationToken ct = default, byte form = 1)
    {
        if (challenge.Length != 16) throw new ArgumentException("challenge is 16 bytes", nameof(challenge));
        if (form is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(form), "checkpoint form is 1 or 2");
        byte[] request = form == 1 ? challenge : [.. challenge, form];
        var b = await RequestAsync(MessageType.GetCheckpoint, request, ct).ConfigureAwait(false);
        // The form is the caller's to check (a relay answering form 1 to a form-2 request is an anomaly, not a dead link).
        return SyncCheckpoint.Decode(b, 0, b.Length) != null ? b : throw new DeviceLinkException("malformed checkpoint");
    }

    /// <summary>Told how far long work is (what, done, total; bytes of a list push, records of a sync), for a
    /// progress display; called on the calling flow, between requests.</summary>
    public Action<string, long, long>? Progress { get; set; }

    /// <summary>
    /// Pulls every record the device holds that <paramref name="store"/> does not hold verified, stores each (verified,
    /// unlinked or kept apart), and releases on the device only the contiguous prefix held and verified here, with
    /// proof (docs/ble-protocol.md §5.3). Notices a log reset (new epoch), forks, gaps and a lying device by name.
    /// Safe to call again after a dropped link: it releases what was stored but not released, then continues.
    /// </summary>
    public Task<SyncSummary> SyncAsync(IRecordStore store, IRecordVerifier verifier, CancellationToken ct = default) =>
        new RecordSyncSession(this, new RecordImporter(store, verifier), verifier).RunAsync(ct);

    /// <summary>Sends a signed list in pieces, resuming a staged transfer, then asks the device to apply it.
    /// Returns the version now in force.</summary>
    public async Task<uint> PushListAsync(byte kind, byte[] list, CancellationToken ct = default)
    {
        // Idempotent across dropped links: when the commit was applied but its answer was lost, the device
        // already holds this version, so the push is complete (re-sending would be refused as a rollback).
        if (list.Length >= 12)
        {
            uint version = LittleEndian.ReadU32(list, 8);
            var info = await GetInfoAsync(ct).ConfigureAwait(false);
            uint current = kind == ListKind.Trust ? info.TrustListVersion : info.RevocationListVersion;
            if (current == version) return current;
        }
        var begin = new PayloadWriter(37);
        begin.U8(kind);
        begin.U32((uint)list.Length);
        begin.Bytes(SHA256.HashData(list), 0, 32);
        var b = await RequestAsync(MessageType.ListBegin, begin.ToArray(), ct).ConfigureAwait(false);
        int staged = (int)ListReply(b, kind);
        // A chunk message fills whole link chunks: at most MaxPayload, and several MTU-sized pieces.
        const int piece = 2048;
        while (staged < list.Length)
        {
            int n = Math.Min(piece, list.Length - staged);
            Progress?.Invoke(kind == ListKind.Trust ? "trust list" : "revocation list", staged, list.Length);
            var w = new PayloadWriter(5 + n);
            w.U8(kind);
            w.U32((uint)staged);
            w.Bytes(list, staged, n);
            b = await RequestAsync(MessageType.ListChunk, w.ToArray(), ct).ConfigureAwait(false);
            staged = (int)ListReply(b, kind);
        }
        Progress?.Invoke(kind == ListKind.Trust ? "trust list" : "revocation list", list.Length, list.Length);
        b = await RequestAsync(MessageType.ListCommit, [kind], ct).ConfigureAwait(false);
        return ListReply(b, kind);
    }

    /// <summary>The `kind u8, value u32` reply of ListBegin, ListChunk and ListCommit (staged bytes or version in
    /// force); a short, long or other-kind reply is a link error, not an index fault.</summary>
    private static uint ListReply(byte[] b, byte kind)
    {
        var r = new PayloadReader(b, 0, b.Length);
        byte k = r.U8();
        uint v = r.U32();
        return r.Done && k == kind ? v : throw new DeviceLinkException("malformed list reply");
    }

    public async Task<IReadOnlyList<(byte Key, int Value)>> GetConfigAsync(CancellationToken ct = default)
    {
        var b = await RequestAsync(MessageType.ConfigGet, [], ct).ConfigureAwait(false);
        var r = new PayloadReader(b, 0, b.Length);
        int n = r.U8();
        var list = new List<(byte, int)>();
        for (int i = 0; i < n; i++) list.Add((r.U8(), (int)r.U32()));
        return r.Done ? list : throw new DeviceLinkException("malformed config");
    }

    public async Task SetConfigAsync(byte key, int value, CancellationToken ct = default)
    {
        var w = new PayloadWriter(5);
        w.U8(key);
        w.U32((uint)value);
        await RequestAsync(MessageType.ConfigSet, w.ToArray(), ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SelfTestResult>> SelfTestAsync(CancellationToken ct = default)
    {
        var b = await RequestAsync(MessageType.SelfTest, [], ct).ConfigureAwait(false);
        var r = new PayloadReader(b, 0, b.Length);
        int n = r.U8();
        var list = new List<SelfTestResult>();
        for (int i = 0; i < n; i++) list.Add(new SelfTestResult(r.U8(), r.U8(), (int)r.U32()));
        return r.Done ? list : throw new DeviceLinkException("malformed self-test result");
    }

    /// <summary>Longest the device may take to answer Calibrate: it guides the inspector over three tile zones
    /// (docs/ble-protocol.md §5.8). The client's own timeout applies when it is longer.</summary>
    public static readonly TimeSpan CalibrateTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Calibrate (0x41): with <paramref name="reportOnly"/> false the device sweeps its calibration tile and
    /// stores the calibration when it is within limits (<see cref="CalibrationReport.Stored"/>) or keeps the old one
    /// (<see cref="CalibrationReport.OutOfLimits"/>); with true it reports the stored one. Throws
    /// <see cref="DeviceErrorException"/> (Busy during an inspection, NotProvisioned, Unsupported, StorageFault).</summary>
    public async Task<CalibrationReport> CalibrateAsync(bool reportOnly = false, CancellationToken ct = default)
    {
        var timeout = _timeout > CalibrateTimeout ? _timeout : CalibrateTimeout;
        var b = await RequestAsync(MessageType.Calibrate, [reportOnly ? (byte)1 : (byte)0], timeout, ct).ConfigureAwait(false);
        return CalibrationReport.Decode(b, 0, b.Length) ?? throw new DeviceLinkException("malformed calibration report");
    }

    public async Task ProvisionAsync(byte[] deviceId, byte[] recordKey, long unixSeconds, CancellationToken ct = default)
    {
        if (deviceId.Length != 16 || recordKey.Length != 32) throw new ArgumentException("device id is 16 bytes, record key 32 bytes");
        var w = new PayloadWriter(56);
        w.Bytes(deviceId, 0, 16);
        w.Bytes(recordKey, 0, 32);
        w.I64(unixSeconds);
        await RequestAsync(MessageType.Provision, w.ToArray(), ct).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _transport.DisposeAsync();
}

public static class ListKind
{
    public const byte Trust = ListFormat.KindTrust;
    public const byte Revocation = ListFormat.KindRevocation;
}
