using Handheld.Cli.Conventions;
using Handheld.Sdk.Device;

namespace Handheld.Cli;

/// <summary>Progress of list pushes and syncs as a line per 10 % on stderr (also when output is redirected, so
/// a long transfer over BLE shows life in logs).</summary>
internal sealed class DeviceProgress
{
    private readonly Dictionary<string, Progress> _byWhat = new();

    public static void Attach(DeviceClient client) => client.Progress = new DeviceProgress().Report;

    private void Report(string what, long done, long total)
    {
        if (!_byWhat.TryGetValue(what, out var p))
            _byWhat[what] = p = new Progress(Console.Error, what, what == "sync" ? "records" : "bytes");
        p.Report(done, total);
    }
}
