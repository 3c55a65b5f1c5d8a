using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;

namespace Handheld.Simulator.Link;

/// <summary>
/// Serves a simulated device's BLE link on 127.0.0.1 (docs/ble-protocol.md §8): hello <c>mtu(u16)
/// authenticated(u8)</c>, then <c>length(u16) chunk</c> both ways. One connection at a time, like a
/// peripheral with one central. Drop switches close the socket mid-transfer (seeded). A client that holds the
/// link without using it is closed as the device would (Core's <see cref="LinkIdleTimer"/>, §10.2).
/// </summary>
public sealed class TcpLinkServer(SimulatedDevice device, int port, int mtu, bool authenticated,
    long dropAfterBytes = long.MaxValue, double dropProbability = 0, int seed = 0, TextWriter? log = null)
{
    private readonly Random _rng = new(seed);
    private readonly object _deviceLock = new();
    private readonly StopwatchClock _clock = new();

    /// <summary>Time to the first request (and for an unauthenticated link, its whole life).</summary>
    public long FirstRequestTimeoutMs { get; init; } = LinkIdleTimer.DefaultFirstRequestMs;
    /// <summary>Longest gap between complete requests.</summary>
    public long IdleTimeoutMs { get; init; } = LinkIdleTimer.DefaultIdleMs;

    private sealed class StopwatchClock : IMonotonicClock
    {
        private readonly Stopwatch _sw = Stopwatch.StartNew();
        public long NowMs => _sw.ElapsedMilliseconds;
    }

    public int Port { get; private set; } = port;

    public async Task RunAsync(CancellationToken ct)
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        log?.WriteLine($"serving on 127.0.0.1:{Port} mtu={mtu} authenticated={authenticated}");
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(ct).ConfigureAwait(false);
                await ServeOneAsync(client, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            listener.Stop();
        }
    }

    private sealed class SocketOutput(NetworkStream s, Func<int, bool> survives) : ILinkOutput
    {
        public void SendChunk(byte[] chunk, int offset, int count)
        {
            if (!survives(count)) throw new IOException("dropped");
            var b = new byte[count + 2];
            b[0] = (byte)count;
            b[1] = (byte)(count >> 8);
            Array.Copy(chunk, offset, b, 2, count);
            s.Write(b);
        }
    }

    private async Task ServeOneAsync(TcpClient client, CancellationToken ct)
    {
        client.NoDelay = true;
        var s = client.GetStream();
        long bytes = 0;
        bool Survives(int n)
        {
            bytes += n;
            return bytes <= dropAfterBytes && !(dropProbability > 0 && _rng.NextDouble() < dropProbability);
        }
        var session = new LinkSession(device.Handler, new SocketOutput(s, Survives), _clock)
        {
            Mtu = mtu, Authenticated = authenticated, Idle = new LinkIdleTimer(FirstRequestTimeoutMs, IdleTimeoutMs),
        };
        session.OnConnected();
        string why = "link closed";
        try
        {
            await s.WriteAsync(new byte[] { (byte)mtu, (byte)(mtu >> 8), (byte)(authenticated ? 1 : 0) }, ct).ConfigureAwait(false);
            var h = new byte[2];
            while (true)
            {
                // Every read waits at most until the idle deadline: a silent or trickling client is cut off.
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
                idle.CancelAfter(TimeSpan.FromMilliseconds(Math.Clamp(session.IdleRemainingMs, 1, int.MaxValue)));
                try
                {
                    await s.ReadExactlyAsync(h, idle.Token).ConfigureAwait(false);
                    int n = h[0] | (h[1] << 8);
                    var chunk = new byte[n];
                    await s.ReadExactlyAsync(chunk, idle.Token).ConfigureAwait(false);
                    if (!Survives(n)) break;
                    lock (_deviceLock) session.OnChunk(chunk, 0, n);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    why = "link closed: idle timeout";
                    break;
                }
                if (session.IdleExpired)
                {
                    why = "link closed: idle timeout";
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or SocketException)
        {
        }
        session.OnDisconnected();
        log?.WriteLine(why);
    }
}
