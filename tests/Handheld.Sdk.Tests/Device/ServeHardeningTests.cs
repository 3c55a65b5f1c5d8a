using System.Diagnostics;
using System.Net.Sockets;
using Handheld.Core.Protocol;
using Handheld.Simulator.Link;
using static Handheld.Sdk.Tests.Device.DeviceTestKit;

namespace Handheld.Sdk.Tests.Device;

/// <summary>Issue 15 items 7 and 8 on `handheld-sim serve`: idle clients are cut off, self-test reports all six tests.</summary>
public class ServeHardeningTests
{
    private static async Task<(TcpLinkServer Server, Task Run, CancellationTokenSource Cts, StringWriter Log)> Start(long firstMs, long idleMs)
    {
        var log = new StringWriter();
        var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var server = new TcpLinkServer(NewDevice(0), 0, 185, true, log: TextWriter.Synchronized(log))
        {
            FirstRequestTimeoutMs = firstMs, IdleTimeoutMs = idleMs,
        };
        var run = server.RunAsync(cts.Token);
        while (server.Port == 0) await Task.Delay(10);
        return (server, run, cts, log);
    }

    /// <summary>Reads until the server closes the socket; returns the bytes seen and the time it took.</summary>
    private static async Task<(int Bytes, long Ms)> UntilClosed(NetworkStream s)
    {
        var sw = Stopwatch.StartNew();
        int total = 0;
        var b = new byte[256];
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            int n = await s.ReadAsync(b, guard.Token);
            if (n == 0) return (total, sw.ElapsedMilliseconds);
            total += n;
        }
    }

    [Fact]
    public async Task SilentClient_ClosedAfterTheFirstRequestTimeout_NextClientServed()
    {
        var (server, run, cts, log) = await Start(firstMs: 300, idleMs: 5000);
        using (var squatter = new TcpClient())
        {
            await squatter.ConnectAsync("127.0.0.1", server.Port);
            var (bytes, ms) = await UntilClosed(squatter.GetStream());
            Assert.Equal(3, bytes); // the hello only
            Assert.InRange(ms, 200, 5000);
        }
        // The link is free again: a real client gets its answer.
        await using (var c = new Handheld.Sdk.Device.DeviceClient(await Handheld.Sdk.Device.TcpDeviceTransport.ConnectAsync("127.0.0.1", server.Port)))
        {
            Assert.Equal("sim-1.0.0", (await c.GetInfoAsync()).FirmwareVersion);
        }
        cts.Cancel();
        await run;
        Assert.Contains("link closed: idle timeout", log.ToString());
    }

    [Fact]
    public async Task ClientIdleAfterARequest_ClosedAfterTheIdleTimeout()
    {
        var (server, run, cts, log) = await Start(firstMs: 5000, idleMs: 400);
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync("127.0.0.1", server.Port);
            var s = tcp.GetStream();
            var m = Frame.EncodeMessage(MessageType.GetInfo, 1, [], 0, 0);
            var chunk = new byte[2 + 1 + m.Length];
            chunk[0] = (byte)(1 + m.Length);
            chunk[2] = Frame.StartFlag;
            m.CopyTo(chunk, 3);
            await s.WriteAsync(chunk);
            var (bytes, ms) = await UntilClosed(s);
            Assert.True(bytes > 3 + 40, $"hello and a DeviceInfo reply expected, got {bytes} bytes");
            Assert.InRange(ms, 300, 5000);
        }
        cts.Cancel();
        await run;
        Assert.Contains("link closed: idle timeout", log.ToString());
    }

    [Fact]
    public void SimulatedSelfTest_ReportsAllSevenTests_BatteryWithMillivolts()
    {
        var results = NewDevice(0).Run();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], results.Select(r => (int)r.TestId));
        var battery = results.Single(r => r.TestId == SelfTestResult.Battery);
        Assert.Equal(3960, battery.Detail);
        Assert.Equal(SelfTestResult.Pass, battery.Status);
    }
}
