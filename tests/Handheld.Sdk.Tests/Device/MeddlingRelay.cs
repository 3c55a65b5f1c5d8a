using Handheld.Core.Protocol;
using Handheld.Sdk.Device;

namespace Handheld.Sdk.Tests.Device;

/// <summary>
/// A relay between the app and the device (a phone app forwarding to a cloud tool, a BLE proxy) that rewrites every
/// SyncRead response it forwards: <see cref="Meddle"/> gets the batch's records and returns what to pass on (drop,
/// reorder, duplicate, alter). Everything else passes unchanged. Messages are re-framed with Core's codec.
/// </summary>
internal sealed class MeddlingRelay(IDeviceTransport inner, Func<List<SyncedRecord>, List<SyncedRecord>> meddle) : IDeviceTransport
{
    private readonly FrameAssembler _assembler = new();
    private readonly Queue<byte[]> _out = new();

    public Func<List<SyncedRecord>, List<SyncedRecord>> Meddle { get; } = meddle;
    public int Mtu => inner.Mtu;

    public Task SendChunkAsync(byte[] chunk, int offset, int count, CancellationToken ct) => inner.SendChunkAsync(chunk, offset, count, ct);

    public async Task<byte[]?> ReceiveChunkAsync(CancellationToken ct)
    {
        while (_out.Count == 0)
        {
            var c = await inner.ReceiveChunkAsync(ct).ConfigureAwait(false);
            if (c == null) return null;
            if (_assembler.Feed(c, 0, c.Length) != FrameResult.Message) continue;
            byte type = _assembler.MessageType;
            var payload = _assembler.Buffer.AsSpan(Frame.HeaderLength, _assembler.PayloadLength).ToArray();
            if (type == MessageType.ResponseTo(MessageType.SyncRead)) payload = Rewrite(payload);
            var m = Frame.EncodeMessage(type, _assembler.RequestId, payload, 0, payload.Length);
            int size = Frame.ChunkSizeForMtu(Mtu);
            var buf = new byte[size];
            for (int i = 0; i < Frame.ChunkCount(m.Length, size); i++)
            {
                int n = Frame.WriteChunk(m, m.Length, size, i, buf);
                _out.Enqueue(buf[..n]);
            }
        }
        return _out.Dequeue();
    }

    private byte[] Rewrite(byte[] payload)
    {
        var b = SyncBatch.Decode(payload, 0, payload.Length)!;
        var records = Meddle(b.Records.ToList());
        var w = new PayloadWriter(Frame.MaxPayload);
        w.U32(b.LastSequence);
        w.U32(b.SyncedThrough);
        w.U8(records.Count);
        foreach (var r in records)
        {
            w.U32(r.Sequence);
            w.U16(r.Data.Length);
            w.Bytes(r.Data, 0, r.Data.Length);
        }
        return w.ToArray();
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
