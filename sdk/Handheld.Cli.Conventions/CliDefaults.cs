namespace Handheld.Cli.Conventions;

/// <summary>Defaults both tools share, so `handheld-sim serve` and `handheld device …` meet without options.</summary>
public static class CliDefaults
{
    /// <summary>TCP port of the simulated device's link on 127.0.0.1.</summary>
    public const int DevicePort = 47800;
}
