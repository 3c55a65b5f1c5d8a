using Handheld.Core.Drivers;
using Handheld.Core.Fingerprint;
using Handheld.Core.Fluorescence;
using Handheld.Core.Licensing;
using Handheld.Sdk.Licensing;
using Handheld.Simulator.Emulators;
using Handheld.Simulator.Physics;
using Handheld.Simulator.Timing;

namespace Handheld.Simulator.Scenarios;

/// <summary>One guided sweep of a sheet compared with the fingerprint registered from a (possibly other) sheet.</summary>
public sealed class FingerprintRun
{
    public required ScenarioRun Sweep { get; init; }
    public required FibreScanResult Registration { get; init; }
    public required RegisteredFibres Registered { get; init; }
    public required FingerprintResult Result { get; init; }
    public required double SpeedMmPerS { get; init; }
    public FingerprintVerdict Verdict => Result.Verdict;
}

/// <summary>
/// The fingerprint end to end: at issue the registered sheet's track is rendered as a UV scan
/// (<see cref="TrackScanImage"/>) and registered by the SDK's <see cref="FibreScan"/> (what
/// <c>handheld license register-fibres</c> does), the field goes through the licence codec; on site the swept sheet
/// is measured along the track by the emulated head, Core's sampler and PhysicalCheck, and Core's
/// <see cref="FingerprintMatcher"/> aligns the events. Sheets are drawn from their own seeds, so "the same sheet" is
/// the same seed and "a genuine blank with forged print" is another sheet of the same paper.
/// </summary>
public static class FingerprintRunner
{
    /// <summary>The sheet of a scenario for a sheet seed, with the track marks printed (a forger copies them too).</summary>
    public static SheetModel Sheet(Scenario scenario, int sheetSeed)
    {
        scenario.Sheet.Track ??= new TrackSpec();
        return new SheetModel(scenario.Sheet, new Random(sheetSeed));
    }

    /// <summary>Registers a sheet as the issuer would: render the scan, read it back, encode and decode the field.</summary>
    public static (FibreScanResult Scan, RegisteredFibres Registered) Register(SheetModel sheet)
    {
        using var image = TrackScanImage.Render(sheet);
        var scan = FibreScan.Read(image);
        byte[] field = scan.FieldValue;
        if (FibreFingerprint.TryDecode(field, 0, field.Length, out var decoded) != LicenceStatus.Valid)
            throw new InvalidOperationException("the registered field does not decode");
        var registered = new RegisteredFibres();
        Handheld.Core.Inspection.LicenceDigitalCheck.FibresOf(decoded, registered);
        return (scan, registered);
    }

    public static FingerprintRun Run(Scenario scenario, SheetModel swept, FibreScanResult scan, RegisteredFibres registered,
        Lighting lighting, SensorKind sensor, double speedMmPerS, double rampPerS, int sweepSeed, FingerprintSettings? settings = null)
    {
        var spec = new SweepSpec
        {
            DurationMs = SamplerSettings.SweepMs, SpeedMmPerS = speedMmPerS, SpeedSdMmPerS = 0, TiltDeg = scenario.Sweep.TiltDeg,
            TiltSdDeg = scenario.Sweep.TiltSdDeg, LiftOffsPerS = scenario.Sweep.LiftOffsPerS, LiftOffMm = scenario.Sweep.LiftOffMm,
            Guided = true, SpeedRampPerS = rampPerS,
        };
        var rng = new Random(sweepSeed);
        var path = new SweepTrajectory(spec, new Random(rng.Next()));
        var ambient = new AmbientLight(lighting, rng.NextDouble() * 2 * Math.PI);
        int noiseSeed = rng.Next();
        var clock = new VirtualClock();
        var optics = new DeviceOptics();
        SheetScene? scene = null;
        var head = SensorHead.Create(sensor, clock, lamp => scene = new SheetScene(swept, optics, ambient, path, lamp.AverageOutput),
            noiseSeed, settings: SamplerSettings.ForMains50Hz());
        var trace = new SweepTrace(ScenarioRunner.TraceCapacity);
        SamplerFault fault = head.Sampler.Prepare();
        path.StartUs = clock.NowUs;
        if (fault == SamplerFault.None) fault = head.Sampler.Sweep(trace, spec.DurationMs);
        var check = new PhysicalCheck(PhysicalCheckSettings.For(sensor), ScenarioRunner.TraceCapacity);
        var detail = new PhysicalCheckResult();
        check.Run(trace, fault, scenario.Profile.ColourFlags(), scenario.Profile.UvDullPaper, detail);
        var result = new FingerprintResult();
        new FingerprintMatcher(settings ?? FingerprintSettings.Default(), ScenarioRunner.TraceCapacity).Run(trace, detail, registered, result);
        var sweep = new ScenarioRun
        {
            Scenario = scenario, Lighting = lighting, Sensor = sensor, Seed = sweepSeed, Trace = trace, Result = detail,
            SamplerFault = fault, SweepMs = head.Sampler.SweepDurationMs, FibresOnSheet = swept.FibreCount, Check = check
        };
        return new FingerprintRun { Sweep = sweep, Registration = scan, Registered = registered, Result = result, SpeedMmPerS = speedMmPerS };
    }
}
