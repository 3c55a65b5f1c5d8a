using System.CommandLine;
using Handheld.Cli.Conventions;

namespace Handheld.Cli;

/// <summary><c>--port</c> of <c>handheld device …</c>: the simulator's TCP port, the same default as
/// <c>handheld-sim serve</c> (CliDefaults.DevicePort), checked as a port number at parse time.</summary>
internal static class DevicePortOption
{
    public static Option<int> Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "simulator TCP port (handheld-sim serve), 1–65535",
            DefaultValueFactory = _ => CliDefaults.DevicePort,
        };
        port.Validators.Add(r =>
        {
            int v = r.GetValueOrDefault<int>();
            if (v < 1 || v > 65535) r.AddError($"{v} is not a TCP port (1–65535)");
        });
        return port;
    }
}
