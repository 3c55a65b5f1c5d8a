using Handheld.Sdk.Tests.Licensing;
using Handheld.Simulator.Link;

namespace Handheld.Sdk.Tests.Device;

/// <summary>Issue 13 finding 5 at the CLI: <c>handheld device sync</c> with an empty or mistyped key file is a
/// one-line error naming <c>--keys</c> (exit 2) and releases nothing; the right file then syncs everything.</summary>
[Collection("Console")]
public sealed class DeviceSyncKeyFileTests : IDisposable
{
    readonly SimulatedDevice _device = DeviceTestKit.NewDevice(7);
    readonly TcpLinkServer _server;
    readonly CancellationTokenSource _stop = new();
    readonly Task _serving;
    readonly CliHarness _cli = new();

    public DeviceSyncKeyFileTests()
    {
        _server = new TcpLinkServer(_device, 0, 185, true, long.MaxValue, 0, 1, null);
        _serving = _server.RunAsync(_stop.Token);
    }

    // DeviceCommand writes to Console (not the invocation's writers): capture it, in the Console collection.
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(o);
        Console.SetError(e);
        try { return (Handheld.Cli.Program.BuildRoot().Parse(args).Invoke(), o.ToString(), e.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }

    [Theory]
    [InlineData("", "error: --keys: empty file")]
    [InlineData("# keys\nA1B2C3 12345\n", "error: --keys: line 2: the record key is not 64 hex digits")]
    [InlineData("A1B2C3D4 00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF extra\n", "error: --keys: line 1: not 'deviceIdHex recordKeyHex'")]
    public void Sync_BadKeyFile_OneLineErrorExitTwoNothingReleased(string content, string expected)
    {
        File.WriteAllText(_cli.Path("keys.txt"), content);
        var r = Run("device", "sync", "--port", _server.Port.ToString(), "--keys", _cli.Path("keys.txt"), "--db", _cli.Path("records.db"));
        Assert.Equal(2, r.Exit);
        Assert.StartsWith(expected, r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
        Assert.Equal(0, _device.SyncedThrough);
    }

    [Fact]
    public void Sync_RightKeyFile_ReleasesEverything()
    {
        File.WriteAllText(_cli.Path("keys.txt"), Convert.ToHexString(_device.DeviceId) + " " + Convert.ToHexString(_device.RecordKey) + "\n");
        var r = Run("device", "sync", "--port", _server.Port.ToString(), "--keys", _cli.Path("keys.txt"), "--db", _cli.Path("records.db"));
        Assert.True(r.Exit == 0, r.Out + r.Err);
        Assert.Equal(7, _device.SyncedThrough);
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _serving.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _cli.Dispose();
    }
}
