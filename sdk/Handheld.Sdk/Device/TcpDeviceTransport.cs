using System.Net.Sockets;

namespace Handheld.Sdk.Device;

/// <summary>
/// The simulator's BLE link over TCP (docs/ble-protocol.md §8): after connecting, the server sends
/// <c>mtu(u16) authenticated(u8)</c>; then each chunk in either direction is <c>length(u16) bytes</c>.
/// </summary>
public sealed class TcpDeviceTransport : IDeviceTransport
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private TcpDeviceTransport(TcpClient client, int mtu, bool authenticated)
    {
        _client = client;
        _stream = client.GetStream();
        Mtu = mtu;
        Authenticated = authenticated;
    }

    public int Mtu { get; }
    public bool Authenticated { get; }

    public static async Task<TcpDeviceTransport> ConnectAsync(string host, int port, CancellationToken ct = default)
    {
        var c = new TcpClient { NoDelay = true };
        await c.ConnectAsync(host, port, ct).ConfigureAwait(false);
        var hello = new byte[3];
        await c.GetStream().ReadExactlyAsync(hello, ct).ConfigureAwait(false);
        return new TcpDeviceTransport(c, hello[0] | (hello[1] << 8), hello[2] != 0);
    }

    public async Task SendChunkAsync(byte[] chunk, int offset, int count, CancellationToken ct)
    {
        var b = new byte[count + 2];
        b[0] = (byte)count;
        b[1] = (byte)(count >> 8);
        Array.Copy(chunk, offset, b, 2, count);
        try
        {
            await _stream.WriteAsync(b, ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new DeviceLinkException("link lost: " + e.Message);
        }
    }

    public async Task<byte[]?> ReceiveChunkAsync(CancellationToken ct)
    {
        try
        {
            var h = new byte[2];
            await _stream.ReadExactlyAsync(h, ct).ConfigureAwait(false);
            var b = new byte[h[0] | (h[1] << 8)];
            await _stream.ReadExactlyAsync(b, ct).ConfigureAwait(false);
            return b;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
