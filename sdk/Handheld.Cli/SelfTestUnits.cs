using Handheld.Core.Ports;
using Handheld.Core.Protocol;

namespace Handheld.Cli;

/// <summary>The detail value of a self-test result in words and units (docs/ble-protocol.md §5.6): "uv-lamp pass 0"
/// said nothing; lamp, sensor and scanner carry no figure, storage free bytes, clock its source, battery millivolts.</summary>
internal static class SelfTestUnits
{
    public static string Describe(byte testId, int detail) => testId switch
    {
        SelfTestResult.UvLamp or SelfTestResult.ColourSensor or SelfTestResult.QrScanner => "(boot self-test; no figure)",
        SelfTestResult.Storage => detail == 0 ? "(config round trip; free space not measured)" : $"{detail:N0} bytes free",
        SelfTestResult.Clock => "clock source " + ClockName((ClockSource)detail),
        SelfTestResult.Battery => $"{detail} mV",
        SelfTestResult.Calibration => detail == 0 ? "no tile calibration in force (unit gains)" : $"tile calibration #{detail} in force",
        _ => $"detail {detail}",
    };

    private static string ClockName(ClockSource s) => s switch
    {
        ClockSource.Unset => "unset",
        ClockSource.Rtc => "rtc",
        ClockSource.AppSynced => "app-synced",
        ClockSource.Factory => "factory",
        _ => "code " + (int)s,
    };
}
