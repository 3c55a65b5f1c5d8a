using System.Text.Json;
using Handheld.Core.Calibration;
using Handheld.Core.Protocol;
using Handheld.Sdk.Device;
using Handheld.Sdk.Tests.Cli;
using Handheld.Simulator.Device;
using Handheld.Simulator.Link;

namespace Handheld.Sdk.Tests.Device;

/// <summary><c>handheld device calibrate</c> and <see cref="DeviceClient.CalibrateAsync"/> end to end over TCP to the
/// simulated device and its emulated tile (the CLI through <c>Program.Run</c>, as <c>Main</c>, output captured).</summary>
[Collection("Console")]
public sealed class DeviceCalibrateTests : IDisposable
{
    readonly SimulatedDevice _device = DeviceTestKit.NewDevice(0);
    readonly List<(CancellationTokenSource Stop, Task Serving)> _servers = new();

    TcpLinkServer Serve(int mtu = 185, long dropAfterBytes = long.MaxValue)
    {
        var server = new TcpLinkServer(_device, 0, mtu, true, dropAfterBytes, 0, 1, null);
        var stop = new CancellationTokenSource();
        _servers.Add((stop, server.RunAsync(stop.Token)));
        return server;
    }

    static (int Exit, string Out, string Err) Cli(params string[] args) => BadInputTests.Run(string.Join(' ', args));

    [Fact]
    public async Task Sdk_calibrate_then_report_only_returns_the_typed_result()
    {
        var server = Serve();
        await using var c = new DeviceClient(await TcpDeviceTransport.ConnectAsync("127.0.0.1", server.Port));
        var r = await c.CalibrateAsync();
        Assert.Equal(CalibrationReport.Stored, r.Status);
        Assert.Equal(1u, r.InForceNumber);
        Assert.True(r.RecordSequence > 0);
        Assert.InRange(r.Calibration.GainBluePermille, TileCalibrator.MinGainPermille, TileCalibrator.MaxGainPermille);
        var stored = await c.CalibrateAsync(reportOnly: true);
        Assert.Equal(CalibrationReport.Reported, stored.Status);
        Assert.Equal(r.Calibration.Zones[TileZone.B].Blue, stored.Calibration.Zones[TileZone.B].Blue);
        Assert.Equal(0u, stored.RecordSequence);
    }

    [Fact]
    public void Cli_within_limits_stores_and_lists_each_zone_with_units_exit_zero()
    {
        var server = Serve();
        var r = Cli("device", "calibrate", "--port", server.Port.ToString());
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("zone A dull", r.Out);
        Assert.Contains("zone B brightened", r.Out);
        Assert.Contains("zone C fibres", r.Out);
        Assert.Contains("cps16", r.Out);
        Assert.Contains("‰", r.Out);
        Assert.Contains("STORED as calibration #1", r.Out);
        Assert.DoesNotContain("FAIL", r.Out);
        Assert.Equal(1u, _device.Calibration.InForce.Number);
    }

    [Fact]
    public void Cli_aged_tile_is_out_of_limits_old_kept_exit_one_and_json_says_why()
    {
        var server = Serve();
        Assert.Equal(0, Cli("device", "calibrate", "--port", server.Port.ToString()).Exit);
        int gain = _device.SamplerCalibration.GainBlueQ12;
        _device.Tile.Condition = TileCondition.Aged;
        var r = Cli("device", "calibrate", "--json", "--port", server.Port.ToString());
        Assert.True(r.Exit == 1, r.Err);
        using var json = JsonDocument.Parse(r.Out);
        var root = json.RootElement;
        Assert.Equal("out-of-limits", root.GetProperty("status").GetString());
        Assert.Contains("zone-a-not-dull", root.GetProperty("limits").EnumerateArray().Select(e => e.GetString()));
        Assert.False(root.GetProperty("zones")[0].GetProperty("pass").GetBoolean());
        Assert.Equal(1, root.GetProperty("inForce").GetProperty("number").GetInt32());
        Assert.Equal(gain, _device.SamplerCalibration.GainBlueQ12);
        var human = Cli("device", "calibrate", "--port", server.Port.ToString());
        Assert.Equal(1, human.Exit);
        Assert.Contains("OUT OF LIMITS (zone-a-not-dull", human.Out);
        Assert.Contains("calibration #1 of", human.Out);
    }

    [Fact]
    public void Cli_report_only_on_a_never_calibrated_device_exit_one()
    {
        var server = Serve();
        var r = Cli("device", "calibrate", "--report-only", "--port", server.Port.ToString());
        Assert.Equal(1, r.Exit);
        Assert.Contains("NONE in force: never calibrated", r.Out);
    }

    [Fact]
    public void Cli_busy_during_an_inspection_is_a_device_error_exit_three()
    {
        var server = Serve();
        _device.Tile.InspectionRunning = true;
        var r = Cli("device", "calibrate", "--port", server.Port.ToString());
        Assert.Equal(3, r.Exit);
        Assert.StartsWith("error: device: an inspection is running", r.Err.Split('\n').Last(l => l.Length > 0));
        Assert.Equal(StoredCalibrationState.None, _device.Calibration.State);
    }

    [Fact]
    public void Link_drop_mid_calibrate_leaves_no_half_stored_calibration()
    {
        // MTU 23: the 79-byte report needs five chunks; the link drops after the first.
        var dropping = Serve(mtu: 23, dropAfterBytes: 20);
        var r = Cli("device", "calibrate", "--port", dropping.Port.ToString());
        Assert.Equal(3, r.Exit);
        Assert.Contains("error: link:", r.Err);

        // The device finished the calibration as one unit: either all of it is in force or none. Here all of it,
        // with its record; a restart reads the same from the config region.
        var server = Serve();
        var report = Cli("device", "calibrate", "--report-only", "--json", "--port", server.Port.ToString());
        Assert.True(report.Exit == 0, report.Err);
        using var json = JsonDocument.Parse(report.Out);
        Assert.Equal(1, json.RootElement.GetProperty("inForce").GetProperty("number").GetInt32());
        Assert.Equal(1u, _device.Calibration.InForce.Number);
        var buf = new byte[RequestHandler.MaxRecordLength];
        int n = _device.ReadRecord(_device.LastSequence, buf);
        var rec = new Handheld.Core.Records.InspectionRecord();
        Assert.Equal(Handheld.Core.Records.RecordStatus.Ok, Handheld.Core.Records.RecordCodec.Decode(buf, 0, n, rec));
        Assert.True(Handheld.Core.Records.CalibrationRecord.Is(rec));
        _device.Reboot();
        Assert.Equal(StoredCalibrationState.Valid, _device.Calibration.State);
        Assert.Equal(1u, _device.Calibration.InForce.Number);
    }

    [Theory]
    [InlineData("--report-only=maybe", "'maybe'")]
    [InlineData("--mode", "--mode")]
    [InlineData("--port=70000", "--port")]
    public void Bad_input_is_one_line_naming_the_option_exit_two(string arg, string named)
    {
        var server = Serve();
        var args = arg.StartsWith("--port") ? new[] { "device", "calibrate", arg } : new[] { "device", "calibrate", arg, "--port", server.Port.ToString() };
        var r = Cli(args);
        Assert.Equal(2, r.Exit);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(named, lines[0]);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.Equal(StoredCalibrationState.None, _device.Calibration.State);
    }

    public void Dispose()
    {
        foreach (var (stop, serving) in _servers)
        {
            stop.Cancel();
            try { serving.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        }
    }
}
