using System.Threading.Channels;
using Handheld.Core.Protocol;
using Handheld.Sdk.Device;

namespace Handheld.Simulator.Link;

/// <summary>
/// An in-process link between a <see cref="DeviceClient"/> and a device's <see cref="LinkSession"/>, with
/// seeded drop injection: the link dies after a byte budget or with a probability per chunk, in either
/// direction, exactly like a BLE disconnect (the device sees OnDisconnected, the client a closed link).
/// </summary>
public sealed class LoopbackLink : IDeviceTransport, ILinkOutput
{
    private readonly Channel<byte[]> _toClient = Channel.CreateUnbounded<byte[]>();
    private readonly LinkSession _session;
    private readonly long _dropAfterBytes;
    private readonly double _dropProbability;
    private readonly Random _rng;
    private long _bytes;

    public LoopbackLink(RequestHandler handler, int mtu, bool authenticated, long dropAfterBytes = long.MaxValue,
        double dropProbability = 0, int seed = 0)
    {
        Mtu = mtu;
        _session = new LinkSession(handler, this) { Mtu = mtu, Authenticated = authenticated };
        _dropAfterBytes = dropAfterBytes;
        _dropProbability = dropProbability;
        _rng = new Random(seed);
    }

    public int Mtu { get; }
    public bool Dropped { get; private set; }
    public LinkSession Session => _session;

    private bool Survives(int n)
    {
        if (Dropped) return false;
        _bytes += n;
        if (_bytes > _dropAfterBytes || (_dropProbability > 0 && _rng.NextDouble() < _dropProbability))
        {
            Dropped = true;
            _session.OnDisconnected();
            _toClient.Writer.TryComplete();
            return false;
        }
        return true;
    }

    public Task SendChunkAsync(byte[] chunk, int offset, int count, CancellationToken ct)
    {
        if (!Survives(count)) throw new DeviceLinkException("link dropped");
        _session.OnChunk(chunk, offset, count);
        return Task.CompletedTask;
    }

    public void SendChunk(byte[] chunk, int offset, int count)
    {
        if (!Survives(count)) return;
        _toClient.Writer.TryWrite(chunk.AsSpan(offset, count).ToArray());
    }

    public async Task<byte[]?> ReceiveChunkAsync(CancellationToken ct)
    {
        try
        {
            return await _toClient.Reader.ReadAsync(ct).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!Dropped) _session.OnDisconnected();
        _toClient.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
