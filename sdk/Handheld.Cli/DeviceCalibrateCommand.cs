using System.CommandLine;
using Handheld.Cli.Conventions;
using Handheld.Core.Calibration;
using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Sdk.Device;

namespace Handheld.Cli;

/// <summary>
/// <c>handheld device calibrate [--report-only] [--json]</c>: calibrate against the reference tile (docs/ble-protocol.md
/// §5.8). Exit 0 stored (or, with --report-only, a calibration is in force), 1 out of limits (old kept) or none in
/// force, 2 input, 3 device refused (busy, not provisioned, unsupported, storage) or link error.
/// </summary>
public static class DeviceCalibrateCommand
{
    private static readonly string[] ZoneNames = { "A dull", "B brightened", "C fibres" };

    public static Command Create(Func<ParseResult, CancellationToken, Func<DeviceClient, Task<int>>, Task<int>> run)
    {
        var reportOnly = new Option<bool>("--report-only") { Description = "show the calibration in force; sweep nothing, store nothing" };
        var json = JsonOutput.Create();
        var cmd = new Command("calibrate",
            "Calibrate against the reference tile: the device asks for sweeps over zones A, B and C, checks the limits and "
            + "stores the gains only when every check passes. Exit 0 stored, 1 out of limits (old calibration kept), 2 input, 3 device or link.")
        { reportOnly, json };
        cmd.SetAction((pr, ct) => run(pr, ct, async c =>
        {
            bool report = pr.GetValue(reportOnly);
            if (!report) Console.Error.WriteLine("calibrating: sweep zones A, B and C of the tile when the device asks (up to "
                + (int)DeviceClient.CalibrateTimeout.TotalSeconds + " s)");
            CalibrationReport r;
            try
            {
                r = await c.CalibrateAsync(report, ct);
            }
            catch (DeviceErrorException e)
            {
                Console.Error.WriteLine("error: device: " + Explain(e.Code) + " (" + CliErrors.OneLine(e.Message) + ")");
                return DeviceRefusal.ExitCode(e.Code);
            }
            int exit = r.Status is CalibrationReport.Stored or CalibrationReport.Reported ? ExitCodes.Success : ExitCodes.Negative;
            if (pr.GetValue(json)) JsonOutput.Write(ToJson(r));
            else Print(r);
            return exit;
        }));
        return cmd;
    }

    private static string Explain(byte code) => code switch
    {
        Core.Protocol.ErrorCode.Busy => "an inspection is running; finish it and try again",
        Core.Protocol.ErrorCode.NotProvisioned => "the device is not provisioned (run `handheld device provision` first)",
        Core.Protocol.ErrorCode.Unsupported => "this device has no measuring head to calibrate",
        Core.Protocol.ErrorCode.StorageFault => "the calibration could not be recorded or stored; the old one is kept (sync records first)",
        Core.Protocol.ErrorCode.UnknownType => "the firmware predates calibration (protocol document revision 1.3)",
        _ => Core.Protocol.ErrorCode.Name(code),
    };

    internal static string StatusName(byte status) => status switch
    {
        CalibrationReport.Stored => "stored",
        CalibrationReport.OutOfLimits => "out-of-limits",
        CalibrationReport.Reported => "reported",
        CalibrationReport.NoneStored => "none-stored",
        _ => "status-" + status,
    };

    private static string StateName(byte state) => state switch
    {
        StoredCalibrationState.Valid => "valid",
        StoredCalibrationState.Corrupt => "corrupt",
        _ => "none",
    };

    private static string SensorName(SensorKind k) => k == SensorKind.As7341 ? "as7341" : k == SensorKind.Tcs34725 ? "tcs34725" : "sensor-" + (int)k;

    private static string PaperName(PaperClass p) => p switch { PaperClass.UvDull => "uv-dull", PaperClass.Brightened => "brightened", _ => "unknown" };

    /// <summary>Each zone's checks: (passed, what was required).</summary>
    private static (bool Pass, string Rule) ZoneCheck(int zone, int limits) => zone switch
    {
        TileZone.A => ((limits & (CalibrationLimits.ZoneANotDull | CalibrationLimits.GainOutOfRange)) == 0,
            $"UV-dull, gains {TileCalibrator.MinGainPermille}–{TileCalibrator.MaxGainPermille} ‰"),
        TileZone.B => ((limits & (CalibrationLimits.ZoneBNotBrightened | CalibrationLimits.BrightRatioLow)) == 0, "brightened, B/A blue above the analysis' ratio"),
        _ => ((limits & CalibrationLimits.FibreColourMissing) == 0, "blue and green fibre events"),
    };

    private static object ToJson(CalibrationReport r)
    {
        var cal = r.Calibration;
        bool measured = r.Status is CalibrationReport.Stored or CalibrationReport.OutOfLimits;
        return new
        {
            status = StatusName(r.Status),
            storedState = StateName(r.StoredState),
            sensor = SensorName(cal.Kind),
            limits = r.Calibration.Limits == 0 ? Array.Empty<string>() : CalibrationLimits.Describe(cal.Limits).Split(','),
            zones = Enumerable.Range(0, TileZone.Count).Select(i => new
            {
                zone = "ABC"[i].ToString(),
                blueCps16 = cal.Zones[i].Blue, greenCps16 = cal.Zones[i].Green, redCps16 = cal.Zones[i].Red,
                paper = PaperName(cal.Zones[i].Paper),
                blueEvents = cal.Zones[i].BlueEvents, greenEvents = cal.Zones[i].GreenEvents, redEvents = cal.Zones[i].RedEvents,
                samplerFault = cal.Zones[i].Fault == SamplerFault.None ? null : SamplerFaultNames.Name(cal.Zones[i].Fault),
                pass = measured ? ZoneCheck(i, cal.Limits).Pass : (bool?)null,
            }),
            gainsPermille = new { blue = cal.GainBluePermille, green = cal.GainGreenPermille, red = cal.GainRedPermille },
            inForce = r.InForceNumber == 0 ? null : new { number = r.InForceNumber, time = JsonOutput.Time(r.InForceUnix) },
            recordSequence = r.RecordSequence == 0 ? (uint?)null : r.RecordSequence,
        };
    }

    private static void Print(CalibrationReport r)
    {
        var cal = r.Calibration;
        bool measured = r.Status is CalibrationReport.Stored or CalibrationReport.OutOfLimits;
        if (r.Status == CalibrationReport.NoneStored)
        {
            Console.WriteLine(r.StoredState == StoredCalibrationState.Corrupt
                ? "calibration      NONE in force: the stored calibration is damaged (unit gains apply); calibrate again"
                : "calibration      NONE in force: never calibrated (unit gains apply)");
            return;
        }
        Console.WriteLine($"sensor           {SensorName(cal.Kind)}");
        for (int i = 0; i < TileZone.Count; i++)
        {
            var z = cal.Zones[i];
            string verdict = "";
            if (measured)
            {
                var (pass, rule) = ZoneCheck(i, cal.Limits);
                verdict = (pass ? "pass" : "FAIL") + " (" + rule + ")";
            }
            string fault = z.Fault == SamplerFault.None ? "" : " sweep fault " + SamplerFaultNames.Name(z.Fault);
            Console.WriteLine($"zone {ZoneNames[i],-12} blue {z.Blue} green {z.Green} red {z.Red} cps16, {PaperName(z.Paper)}, fibre events blue {z.BlueEvents} green {z.GreenEvents}{fault}  {verdict}");
        }
        Console.WriteLine($"gains            blue {cal.GainBluePermille} ‰, green {cal.GainGreenPermille} ‰, red {cal.GainRedPermille} ‰ (1000 = unit)");
        string inForce = r.InForceNumber == 0 ? "none" : $"#{r.InForceNumber} of {(r.InForceUnix == 0 ? "unknown time (clock unset)" : DateTimeOffset.FromUnixTimeSeconds(r.InForceUnix).ToString("u"))}";
        switch (r.Status)
        {
            case CalibrationReport.Stored:
                Console.WriteLine($"result           STORED as calibration {inForce}; record {r.RecordSequence}");
                break;
            case CalibrationReport.OutOfLimits:
                string kept = r.InForceNumber == 0 ? "no calibration in force (unit gains)" : $"calibration {inForce} kept";
                Console.WriteLine($"result           OUT OF LIMITS ({CalibrationLimits.Describe(cal.Limits)}): nothing stored, {kept}; record {r.RecordSequence}");
                break;
            default:
                Console.WriteLine($"result           calibration {inForce} in force");
                break;
        }
    }
}
