using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Simulator.Emulators;
using Handheld.Simulator.Physics;
using Handheld.Simulator.Timing;

namespace Handheld.Simulator.Scenarios;

/// <summary>One run of a scenario: what the device measured and decided.</summary>
public sealed class ScenarioRun
{
    public required Scenario Scenario { get; init; }
    public required Lighting Lighting { get; init; }
    public required SensorKind Sensor { get; init; }
    public required int Seed { get; init; }
    public required SweepTrace Trace { get; init; }
    public required PhysicalCheckResult Result { get; init; }
    public required SamplerFault SamplerFault { get; init; }
    /// <summary>Sweep time used on the virtual clock, ms.</summary>
    public required int SweepMs { get; init; }
    public required int FibresOnSheet { get; init; }
    /// <summary>The analysis object of this run (its tracked baselines, for plots).</summary>
    public required PhysicalCheck Check { get; init; }
    /// <summary>AS7341: the per-event spectra of this run (Status NotAvailable on the TCS34725).</summary>
    public SpectrumResult Spectrum { get; init; } = new();
    /// <summary>AS7341: the spectral channels of the sweep (null on the TCS34725).</summary>
    public SpectralTrace? Spectral { get; init; }
    /// <summary>TCS34725: the per-event colour signatures of this run (Status NotAvailable on the AS7341).</summary>
    public ColourSignatureResult ColourSignature { get; init; } = new();
    public PhysicalVerdict Expected => Scenario.Expected(Lighting);
    public PhysicalVerdict Verdict => Result.Verdict;
}

/// <summary>
/// Runs a scenario end to end through the real Core code: physical scene → register-level chip emulator →
/// Core driver (Tcs34725 / As7341) → Core FluorescenceSampler with the UvLampGuard over the simulated lamp →
/// SweepTrace → Core PhysicalCheck. Everything is derived from one seed and a virtual clock.
/// </summary>
public sealed class ScenarioRunner
{
    public const int TraceCapacity = 256;

    private readonly DeviceOptics _optics;
    private readonly SamplerSettings _samplerSettings;

    /// <param name="trustList">The trust list in force on the emulated device, whose catalogue declares the fibres
    /// (docs/ble-protocol.md §6.1.1); null: the simulator's provisioned format-2 list for <paramref name="optics"/>.</param>
    public ScenarioRunner(DeviceOptics? optics = null, SamplerSettings? samplerSettings = null, Handheld.Core.Trust.TrustList? trustList = null)
    {
        _optics = optics ?? new DeviceOptics();
        // 20 ms spans two periods of the 100 Hz flicker of 50 Hz mains (China, where these licences are
        // checked), so ambient still cancels, and gives 2.5× more samples per sweep than the 50 ms default.
        _samplerSettings = samplerSettings ?? SamplerSettings.ForMains50Hz();
        // The AS7341's templates and the TCS34725's colour shares come out of the trust list's catalogue, as on the device.
        var list = trustList ?? ProvisionedTrustList.Provisioned(_optics);
        _declared = ProvisionedTrustList.SpectraOf(list);
        _declaredShares = ProvisionedTrustList.ColourSharesOf(list);
    }

    private readonly DeclaredSpectra _declared;
    private readonly DeclaredColourShares _declaredShares;

    /// <summary>
    /// The emulated measuring head (<see cref="SensorHead"/>) over the scenario's sheet under one lighting. Sheet,
    /// sweep path, flicker phase and sensor noise are drawn from <paramref name="seed"/> in that order, so a run
    /// replays from its seed; the physics batch and <c>handheld-sim run</c> both build their head here.
    /// </summary>
    public static SensorHead CreateHead(Scenario scenario, Lighting lighting, SensorKind sensor, int seed, VirtualClock clock,
        DeviceOptics optics, SamplerSettings samplerSettings, out SheetScene scene)
    {
        var rng = new Random(seed);
        var sheet = new SheetModel(scenario.Sheet, new Random(rng.Next()));
        var path = new SweepTrajectory(scenario.Sweep, new Random(rng.Next()));
        var ambient = new AmbientLight(lighting, rng.NextDouble() * 2 * Math.PI);
        int noiseSeed = rng.Next();
        SheetScene? built = null;
        var head = SensorHead.Create(sensor, clock,
            lamp => built = new SheetScene(sheet, optics, ambient, path, lamp.AverageOutput), noiseSeed, settings: samplerSettings);
        scene = built!;
        // Drawn from its own stream so that schema 1 runs of the same seed replay unchanged.
        if (scenario.Lamp is { } lampSpec) scene.LampModulation = new LampModulation(lampSpec, new Random(seed ^ 0x4C414D50));
        return head;
    }

    /// <summary>Fault injected into the daylight (white) LED of every run (tests of the fail-closed path).</summary>
    public WhiteLedFaultMode WhiteLedFault { get; init; }

    /// <summary>AS7341 spectral SMUX layout (SpectrumSampling.LayoutJoint, the device's, or LayoutAlternating).</summary>
    public int SpectrumLayout { get; init; } = SpectrumSampling.LayoutJoint;

    public ScenarioRun Run(Scenario scenario, Lighting lighting, SensorKind sensor, int seed)
    {
        var clock = new VirtualClock();
        var head = CreateHead(scenario, lighting, sensor, seed, clock, _optics, _samplerSettings, out var scene);
        if (head.WhiteLed is { } white) white.Fault = WhiteLedFault;
        var sampler = head.Sampler;

        var trace = new SweepTrace(TraceCapacity);
        SpectralTrace? spectral = null;
        if (head.Sensor is As7341 as7341)
        {
            // The AS7341 reads F1 and F5 beside the fluorescence bands on every sample (SpectrumJoint; or F1–F7 in
            // two SMUX halves alternating pair by pair, SpectrumSampling).
            spectral = new SpectralTrace(TraceCapacity);
            sampler.Spectrum = new SpectrumSampling(as7341, spectral, sampler.Settings.ElectronsPerCountAt1x, sampler.Settings.ReadNoiseMilliCounts, SpectrumLayout);
        }
        SamplerFault fault = sampler.Prepare();
        scene.Path.StartUs = clock.NowUs;
        if (fault == SamplerFault.None) fault = sampler.Sweep(trace, scenario.Sweep.DurationMs);

        var check = new PhysicalCheck(PhysicalCheckSettings.For(sensor), TraceCapacity);
        var result = new PhysicalCheckResult();
        check.Run(trace, fault, scenario.Profile.ColourFlags(), scenario.Profile.UvDullPaper, result);
        var spectrum = new SpectrumResult();
        new SpectrumCheck(new SpectrumSettings(), TraceCapacity).Apply(trace, spectral, _declared, result, spectrum);
        var signature = new ColourSignatureResult();
        // The TCS34725's broad filters give no spectrum, but each event's R/G/B shares still show a broad ink.
        if (spectral == null) new ColourSignatureCheck(new ColourSignatureSettings(), TraceCapacity).Apply(trace, _declaredShares, result, signature);
        return new ScenarioRun
        {
            Spectrum = spectrum, Spectral = spectral, ColourSignature = signature,
            Scenario = scenario, Lighting = lighting, Sensor = sensor, Seed = seed, Trace = trace, Result = result,
            SamplerFault = fault, SweepMs = sampler.SweepDurationMs, FibresOnSheet = scene.Sheet.FibreCount, Check = check
        };
    }
}
