using System.Text.Json;
using Handheld.Sdk.Tests.Device;
using Handheld.Simulator.Link;

namespace Handheld.Sdk.Tests.Cli;

/// <summary>Issue 16's misleading device outputs, against the simulated device over TCP: a list with the version the
/// device already holds says the device kept its list; a repeat sync says nothing new and where it is synced
/// through; self-test gives units; --json is camelCase; progress lines go to stderr.</summary>
[Collection("Console")]
public sealed class DeviceOutputTests : IDisposable
{
    readonly SimulatedDevice _device = DeviceTestKit.NewDevice(30);
    readonly TcpLinkServer _server;
    readonly CancellationTokenSource _stop = new();
    readonly string _dir = Directory.CreateTempSubdirectory("handheld-devout-").FullName;

    public DeviceOutputTests()
    {
        _server = new TcpLinkServer(_device, 0, 185, true, long.MaxValue, 0, 1, null);
        _ = _server.RunAsync(_stop.Token);
    }

    public void Dispose()
    {
        _stop.Cancel();
        Directory.Delete(_dir, true);
    }

    (int Code, string Out, string Err) Run(string command) => BadInputTests.Run(command + " --port " + _server.Port);

    [Fact]
    public void PushTrust_SameVersionTwice_SecondSaysTheDeviceKeptItsList()
    {
        var v3 = Path.Combine(_dir, "t3.bin");
        File.WriteAllBytes(v3, DeviceTestKit.TrustList(3));
        var first = Run($"device push-trust {v3}");
        Assert.True(first.Code == 0, first.Err);
        Assert.Contains("trust list v3 in force (was v0)", first.Out);
        Assert.Contains("progress: trust list 100 %", first.Err);

        var other = Path.Combine(_dir, "t3-other.bin");
        File.WriteAllBytes(other, DeviceTestKit.TrustList(3));   // signed again: different bytes, same version
        var second = Run($"device push-trust {other}");
        Assert.Equal(0, second.Code);
        Assert.Contains("the device kept its trust list v3", second.Out);
        Assert.DoesNotContain("in force", second.Out);

        var json = Run($"device push-trust {other} --json");
        using var doc = JsonDocument.Parse(json.Out);
        Assert.False(doc.RootElement.GetProperty("applied").GetBoolean());
        Assert.Equal(3u, doc.RootElement.GetProperty("versionInForce").GetUInt32());
    }

    [Fact]
    public void Sync_Repeat_SaysNothingNewAndSyncedThrough()
    {
        var keys = Path.Combine(_dir, "devices.keys");
        File.WriteAllText(keys, Convert.ToHexString(_device.DeviceId) + " " + Convert.ToHexString(_device.RecordKey) + "\n");
        var db = Path.Combine(_dir, "r.db");
        var first = Run($"device sync --keys {keys} --db {db}");
        Assert.True(first.Code == 0, first.Err);
        Assert.Contains("30 stored", first.Out);
        Assert.Contains("progress: sync 100 % (30/30 records)", first.Err);
        var again = Run($"device sync --keys {keys} --db {db}");
        Assert.Equal(0, again.Code);
        Assert.Contains("nothing new (synced through 30)", again.Out);
        var json = Run($"device sync --keys {keys} --db {db} --json");
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal(30u, doc.RootElement.GetProperty("syncedThrough").GetUInt32());
        Assert.Equal(0, doc.RootElement.GetProperty("stored").GetInt32());
    }

    [Fact]
    public void SelfTestAndInfo_UnitsInText_CamelCaseJson()
    {
        var text = Run("device self-test");
        Assert.True(text.Code == 0, text.Err);
        Assert.Matches(@"storage\s+pass\s+(\(config round trip|[\d,]+ bytes free)", text.Out);
        Assert.Matches(@"clock\s+pass\s+clock source app-synced", text.Out);
        Assert.DoesNotMatch(@"uv-lamp\s+pass\s+0\s*$", text.Out);
        var set = Run("device set-time --at 2026-03-01T10:00:00+08:00 --json");
        Assert.True(set.Code == 0, set.Err);
        using (var t = JsonDocument.Parse(set.Out)) Assert.Equal("2026-03-01T02:00:00Z", t.RootElement.GetProperty("time").GetString());
        var info = Run("device info --json");
        using var doc = JsonDocument.Parse(info.Out);
        Assert.Equal(Convert.ToHexString(_device.DeviceId), doc.RootElement.GetProperty("deviceId").GetString());
        Assert.Equal("app-synced", doc.RootElement.GetProperty("clock").GetProperty("source").GetString());
        Assert.EndsWith("Z", doc.RootElement.GetProperty("clock").GetProperty("time").GetString());
    }
}
