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
    /// <summary>The marks and crossings the track sweep's extraction found.</summary>
    public required TrackEvents Events { get; init; }
    /// <summary>The simulator's true head position along the track (mm from the start mark) at a time of the trace (ms):
    /// what the extraction's positions are measured against.</summary>
    public required Func<int, double> TruePositionMm { get; init; }
}

/// <summary>
/// The fingerprint end to end: at issue the registered sheet's track is rendered as a UV scan
/// (<see cref="TrackScanImage"/>) and registered by the SDK's <see cref="FibreScan"/> (what
/// <c>handheld license register-fibres</c> does), the field goes through the licence codec; on site the swept sheet
/// is measured along the track in track mode by the emulated head, Core's TrackSampler and TrackExtractor, and Core's
/// <see cref="FingerprintMatcher"/> aligns the events. Sheets are drawn from their own seeds, so "the same sheet" is
/// the same seed and "a genuine blank with forged print" is another sheet of the same paper.
/// </summary>
public static class FingerprintRunner
{
    /// <summary>Samples a track sweep can hold: ≈ 240 readings of ≈ 12.3 ms in 2.94 s, with margin.</summary>
    public const int TraceCapacity = 320;

    /// <summary>The sheet of a scenario for a sheet seed, with the track marks printed (a forger copies them too).</summary>
    public static SheetModel Sheet(Scenario scenario, int sheetSeed)
    {
        scenario.Sheet.Track ??= new TrackSpec();
        return new SheetModel(scenario.Sheet, new Random(sheetSeed));
    }

    /// <summary>Registers track 0 of a sheet as the issuer would (layout 1): FingerprintRegistration with one track.</summary>
    public static (FibreScanResult Scan, RegisteredFibres Registered) Register(SheetModel sheet) => FingerprintRegistration.Register(sheet, 1);

    /// <summary>
    /// One inspection's fingerprint comparison: the tracks the registration has are swept one after the other (each
    /// from its own sweep seed; track 0 from <paramref name="sweepSeed"/>, as <see cref="Run"/>), their evidence
    /// combined by one matcher, until it decides (Match or Mismatch) or every track has been swept. A sweep the
    /// matcher could not compare is repeated on the same track (at most FingerprintSettings.MaxAttemptsPerTrack
    /// attempts); one that was too short (SweepTooShort) is repeated at twice the speed — the inspector told to sweep
    /// faster (an ASSUMPTION about people, README). A layout-1 registration is one sweep.
    /// </summary>
    public static FingerprintInspection Inspect(Scenario scenario, SheetModel swept, FibreScanResult scan, RegisteredFibres registered,
        Lighting lighting, SensorKind sensor, double speedMmPerS, double rampPerS, int sweepSeed, FingerprintSettings? settings = null)
    {
        var matcher = new FingerprintMatcher(settings ?? FingerprintSettings.Default(), TraceCapacity);
        matcher.Reset();
        var sweeps = new List<FingerprintRun>();
        int track = 0;
        double speed = speedMmPerS;
        while (true)
        {
            int attempt = sweeps.Count(x => x.Result.Track == track);
            int seed = track == 0 && attempt == 0 ? sweepSeed : BatchRunner.RunSeed(sweepSeed, "track" + attempt, Lighting.Dark, track);
            var run = Run(scenario, swept, scan, registered, lighting, sensor, speed, rampPerS, seed, settings, track, matcher);
            sweeps.Add(run);
            if (run.Result.NextTrack < 0) break;
            // ASSUMPTION: told "too short: sweep again, faster", the inspector doubles the speed.
            if (run.Result.NextTrack == track && (run.Result.Reasons & FingerprintReason.SweepTooShort) != 0) speed *= 2;
            track = run.Result.NextTrack;
        }
        return new FingerprintInspection(sweeps);
    }

    /// <summary>One track sweep. Without <paramref name="matcher"/>, a comparison of its own (track 0 alone, as
    /// layout 1); with one, the sweep of <paramref name="track"/> adds to the evidence the matcher carries.</summary>
    public static FingerprintRun Run(Scenario scenario, SheetModel swept, FibreScanResult scan, RegisteredFibres registered,
        Lighting lighting, SensorKind sensor, double speedMmPerS, double rampPerS, int sweepSeed, FingerprintSettings? settings = null,
        int track = 0, FingerprintMatcher? matcher = null)
    {
        var spec = new SweepSpec
        {
            DurationMs = SamplerSettings.SweepMs, SpeedMmPerS = speedMmPerS, SpeedSdMmPerS = 0, TiltDeg = scenario.Sweep.TiltDeg,
            TiltSdDeg = scenario.Sweep.TiltSdDeg, LiftOffsPerS = scenario.Sweep.LiftOffsPerS, LiftOffMm = scenario.Sweep.LiftOffMm,
            Guided = true, SpeedRampPerS = rampPerS, Track = track,
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
        // Track mode: the lamp on for the whole sweep, back-to-back 10 ms readings (Core's TrackSampler on the
        // emulated head's driver, lamp guard and clock), marks and crossings from the dense trace.
        var sampler = new TrackSampler(head.Sensor, head.Guard, clock, SensorCalibration.Identity(sensor), new TrackSamplerSettings());
        var trace = new SweepTrace(TraceCapacity);
        SamplerFault fault = sampler.Prepare();
        path.StartUs = clock.NowUs;
        long sweepStartMs = clock.NowMs;
        if (fault == SamplerFault.None) fault = sampler.Sweep(trace, TrackSamplerSettings.SweepMs);
        var events = new TrackEvents();
        new TrackExtractor(TrackExtractorSettings.For(sensor), TraceCapacity).Run(trace, fault, events);
        var result = new FingerprintResult();
        if (matcher == null) new FingerprintMatcher(settings ?? FingerprintSettings.Default(), TraceCapacity).Run(events, registered, result);
        else matcher.Run(events, registered, track, result);
        var detail = new PhysicalCheckResult();   // the track sweep is no physical check (that is the physical sweep's)
        var sweep = new ScenarioRun
        {
            Scenario = scenario, Lighting = lighting, Sensor = sensor, Seed = sweepSeed, Trace = trace, Result = detail,
            SamplerFault = fault, SweepMs = sampler.SweepDurationMs, FibresOnSheet = swept.FibreCount,
            Check = new PhysicalCheck(PhysicalCheckSettings.For(sensor), 4)
        };
        return new FingerprintRun
        {
            Sweep = sweep, Registration = scan, Registered = registered, Result = result, SpeedMmPerS = speedMmPerS, Events = events,
            TruePositionMm = ms => { path.At(sweepStartMs * 1000 + ms * 1000L, out double x, out double y, out _, out _, out _); return FibreTrack.Along(spec.Track, x, y); },
        };
    }
}

/// <summary>The track sweeps of one inspection in order; the last one's result is the inspection's fingerprint verdict.</summary>
public sealed class FingerprintInspection
{
    public FingerprintInspection(IReadOnlyList<FingerprintRun> sweeps) { Sweeps = sweeps; }
    public IReadOnlyList<FingerprintRun> Sweeps { get; }
    public FingerprintRun Last => Sweeps[^1];
    public FingerprintVerdict Verdict => Last.Verdict;
}
