using System.CommandLine;
using Handheld.Core.Drivers;

namespace Handheld.Simulator.Cli;

/// <summary>The --sensor option shared by the fluorescence commands.</summary>
internal static class SensorOption
{
    public static Option<string> Create() => new Option<string>("--sensor")
    {
        Description = "Colour sensor to emulate: tcs34725 or as7341",
        DefaultValueFactory = _ => "tcs34725"
    }.AcceptOnlyFromAmong("tcs34725", "as7341");

    public static SensorKind Parse(string? s) => s == "as7341" ? SensorKind.As7341 : SensorKind.Tcs34725;

    public static string Name(SensorKind k) => k == SensorKind.As7341 ? "as7341" : "tcs34725";
}
