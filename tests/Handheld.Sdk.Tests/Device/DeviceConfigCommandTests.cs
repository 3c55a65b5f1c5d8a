using Handheld.Sdk.Tests.Licensing;
using Handheld.Simulator.Link;

namespace Handheld.Sdk.Tests.Device;

/// <summary><c>handheld device config get|set</c> against the simulated device served over TCP.</summary>
public sealed class DeviceConfigCommandTests : IDisposable
{
    readonly SimulatedDevice _device = DeviceTestKit.NewDevice(0);
    readonly TcpLinkServer _server;
    readonly CancellationTokenSource _stop = new();
    readonly Task _serving;
    readonly CliHarness _cli = new();

    public DeviceConfigCommandTests()
    {
        _server = new TcpLinkServer(_device, 0, 185, true, long.MaxValue, 0, 1, null);
        _serving = _server.RunAsync(_stop.Token);
    }

    int Value(byte key)
    {
        for (int i = 0; i < _device.Count; i++)
            if (_device.GetAt(i, out byte k, out int v) && k == key) return v;
        throw new InvalidOperationException("key " + key + " not reported");
    }

    [Fact]
    public void Set_SweepMsByName_DeviceKeepsValue()
    {
        var r = _cli.Run("device", "config", "set", "sweep-ms", "3500", "--port", _server.Port.ToString());
        Assert.True(r.Exit == 0, r.Err);
        Assert.Equal(3500, Value(2));
        var get = _cli.Run("device", "config", "get", "--json", "--port", _server.Port.ToString());
        Assert.Equal(0, get.Exit);
        using var json = System.Text.Json.JsonDocument.Parse(get.Out);
        Assert.Equal(3500, json.RootElement.GetProperty("sweep-ms").GetInt32());
    }

    [Theory]
    [InlineData("sweep-ms", "100", "value")]
    [InlineData("sweep-ms", "99999", "value")]
    [InlineData("beeper", "1", "name")]
    public void Set_BadNameOrValue_RefusedBeforeTheLinkExitTwo(string name, string value, string field)
    {
        int before = Value(2);
        var r = _cli.Run("device", "config", "set", name, value, "--port", _server.Port.ToString());
        Assert.Equal(2, r.Exit);
        Assert.Contains(field + ":", r.Err);
        Assert.Equal(before, Value(2));
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _serving.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _cli.Dispose();
    }
}
