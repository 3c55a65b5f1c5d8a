using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;
using Handheld.Core.Ports;
using Handheld.Core.Records;
using Handheld.Core.Scanning;
using Handheld.Simulator.Emulators;
using Handheld.Simulator.Physics;
using Handheld.Simulator.Scenarios;
using Handheld.Simulator.Timing;

namespace Handheld.Simulator.Device;

/// <summary>Options of one emulated inspection.</summary>
public sealed class RunOptions
{
    /// <summary>IL instructions per second of the device interpreter (ESP32: 1.5–5 M; default the slow end).</summary>
    public double IlPerSecond { get; set; } = 1.5e6;
    /// <summary>Main-loop tick of the firmware.</summary>
    public int TickMs { get; set; } = 10;
    /// <summary>Upper bound of virtual time for one run.</summary>
    public int MaxMs { get; set; } = 180_000;

    /// <summary>The digital check to run instead of the scenario's scripted outcome, e.g. Core's real
    /// <see cref="Handheld.Core.Inspection.LicenceDigitalCheck"/> over a trust store (the demo does this).</summary>
    public Func<RunScenario, IDigitalCheck>? DigitalCheck { get; set; }

    /// <summary>The trust list in force on the emulated device; an AS7341 takes its declared fibre spectra, a TCS34725
    /// its declared colour shares from its catalogue (docs/ble-protocol.md §6.1.1). Null: the simulator's provisioned format-2 list
    /// (<see cref="ProvisionedTrustList"/>).</summary>
    public Handheld.Core.Trust.TrustList? TrustList { get; set; }

    /// <summary>IL instructions of one signature verification per algorithm, key prepared, as counted by
    /// `dotnet run -c Release --project tools/Handheld.IlCounter` (docs/device-budget.md): RSA-2048 e=65537
    /// 1,190,968; ECDSA P-256 2,730,170 (the worst valid Wycheproof case); SM2 2,853,184 plus SM3(Z ‖ TBS)
    /// for a ≈ 280-byte TBS (SM3 of 300 B: 48,621); RSA-4096 is not counted: the old
    /// model's 7.6 M (scaled from RSA-3072), an upper bound since the dedicated squaring.</summary>
    public static long IlFor(string algorithm) => algorithm switch
    {
        "ecdsa-p256" => 2_730_170,
        "sm2" => 2_902_000,
        "rsa4096" => 7_600_000,
        _ => 1_190_968,
    };
}

/// <summary>What one run produced.</summary>
public sealed class RunResult
{
    public Outcome Outcome { get; init; }
    public int Reasons { get; init; }
    public bool RecordStored { get; init; }
    public PromptAnswer[] Answers { get; init; } = Array.Empty<PromptAnswer>();
    public long StartMs { get; init; }
    public long ScannedMs { get; init; }
    public long SweepDoneMs { get; init; }
    public long DigitalDoneMs { get; init; }
    public long PromptsStartMs { get; init; }
    public long LastActionMs { get; init; }
    public long VerdictMs { get; init; }
    public long SignatureDeviceMs { get; init; }
    public long AllocatedBytes { get; set; }
    public long LampOnMs { get; init; }
    public string PhysicalSummary { get; init; } = "";
    public List<string> Log { get; init; } = new();

    public long ScanMs => ScannedMs - StartMs;
    public long SweepMs => SweepDoneMs - ScannedMs;
    public long PromptsMs => PromptsStartMs < 0 ? 0 : LastActionMs - PromptsStartMs;
    public long WaitAfterLastActionMs => Math.Max(0, VerdictMs - LastActionMs);
    public long TotalMs => VerdictMs - StartMs;
}

/// <summary>
/// Runs the real <see cref="InspectionController"/> against the emulated device for one scenario, in virtual
/// time, the way the firmware's main loop does (Tick every 10 ms).
/// </summary>
public static class InspectionRun
{
    /// <summary>Runs the scenario twice: once logging the flow, once silent to measure Core's allocation
    /// without the simulator's own log strings.</summary>
    public static RunResult Execute(RunScenario scenario, RunOptions? options = null, Action<string>? echo = null)
    {
        var logged = ExecuteOnce(scenario, options ?? new RunOptions(), echo, withLog: true);
        var silent = ExecuteOnce(scenario, options ?? new RunOptions(), null, withLog: false);
        logged.AllocatedBytes = silent.AllocatedBytes;
        return logged;
    }

    private static RunResult ExecuteOnce(RunScenario scenario, RunOptions options, Action<string>? echo, bool withLog)
    {
        var clock = new VirtualClock();
        var log = new List<string>();
        void Log(string m) { string line = $"{clock.NowMs,7} ms  {m}"; log.Add(line); echo?.Invoke(line); }
        Action<string>? logSink = withLog ? Log : null;

        long sigMs = DeviceTimeDigitalCheck.EstimateMs(RunOptions.IlFor(scenario.Algorithm), options.IlPerSecond);
        // Scanner: Core's QrScanner (GM65 protocol) over the byte-level GM65 emulator, configured at "boot".
        var gm65 = new Gm65Emulator(clock, scenario.Seed);
        var qr = new QrScanner(gm65, clock, 1024);
        ConfigureScanner(qr, clock);
        gm65.PresentCode(System.Text.Encoding.UTF8.GetBytes(scenario.QrText));
        if ((scenario.Faults & RunFaults.ScannerGarbage) != 0)
        {
            // Line noise on the UART and an over-long garbage "code" before the real one: the parser discards
            // the noise, the adapter re-triggers after the over-long line.
            gm65.NoiseProbability = 0.01;
            gm65.OverlongOutputBytes = 2000;
        }
        var scanner = new QrScannerSource(qr);
        var digital = new DeviceTimeDigitalCheck(options.DigitalCheck?.Invoke(scenario) ?? new ScenarioDigitalCheck(scenario), sigMs);
        // The sweep is the real Core path over the physics sheet model: sheet → optics → register-level chip
        // emulator → Core driver → lamp guard over the simulated lamp → sampler → PhysicalCheck, with the
        // firmware's sampler settings (20 ms integrations, two periods of 100 Hz flicker at 50 Hz mains).
        var head = ScenarioRunner.CreateHead(scenario.Physical, scenario.Lighting, scenario.Sensor, scenario.Seed, clock,
            new DeviceOptics(), SamplerSettings.ForMains50Hz(), out var scene);
        var analysis = new FluorescenceProfileAnalysis(new PhysicalCheck(PhysicalCheckSettings.For(scenario.Sensor), 256),
            new Handheld.Core.Fingerprint.FingerprintMatcher(Handheld.Core.Fingerprint.FingerprintSettings.Default(), 256));
        // As the firmware's SweepStage and ListReload: the AS7341's templates and the TCS34725's colour shares come
        // from the catalogue of the trust list in force.
        var trustList = options.TrustList ?? ProvisionedTrustList.Provisioned(new DeviceOptics());
        if (head.Sensor is Handheld.Core.Drivers.As7341 as7341)
        {
            var spectral = new SpectralTrace(256);
            head.Sampler.Spectrum = new SpectrumSampling(as7341, spectral, head.Sampler.Settings.ElectronsPerCountAt1x, head.Sampler.Settings.ReadNoiseMilliCounts);
            analysis.UseSpectrum(new SpectrumCheck(new SpectrumSettings(), 256), spectral, ProvisionedTrustList.SpectraOf(trustList));
        }
        else analysis.UseColourSignature(new ColourSignatureCheck(new ColourSignatureSettings(), 256), ProvisionedTrustList.ColourSharesOf(trustList));
        IPhysicalCheck physical = new SweepStart(new SweepPhysicalCheck(head.Sampler, analysis, 256, scenario.Physical.Sweep.DurationMs), scene.Path, clock);
        if ((scenario.Faults & RunFaults.SensorNack) != 0) physical = new NackDuringSweep(physical, head.Faults, 40);
        // Records: Core's RecordLog over the simulated flash; power-cut-record cuts power in the middle of the
        // record's write (the 40th byte of the next write).
        var flash = new SimulatedFlash(64 * 1024);
        var recordKey = new byte[32];
        new Random(scenario.Seed).NextBytes(recordKey);
        var recordLog = new RecordLog(flash, recordKey);
        recordLog.Open();
        var records = new RecordLogSink(recordLog, System.Text.Encoding.ASCII.GetBytes("SIM-0001"), 1);
        if ((scenario.Faults & RunFaults.PowerCutRecord) != 0) flash.ArmPowerCut(0, 40);
        var wall = new ScenarioWallClock(scenario, 1_780_000_000);
        var indicator = new EmulatedIndicator(logSink);
        var inspector = new ScriptedInspector(() => clock.NowMs, scenario.Answers, scenario.ReactionMs) { Log = logSink };
        var controller = new InspectionController(clock, wall, scanner, digital, physical, records, indicator,
            new ButtonPanel(inspector), new InspectionSettings());
        controller.Observer = new Observer(inspector, logSink);

        Log($"scenario '{scenario.Name}' ({scenario.Physical.Class}, lighting {AmbientLight.Name(scenario.Lighting)}): licence {scenario.LicenceNumber}, {scenario.Digital}, signature {scenario.Algorithm} ≈ {sigMs} ms on the device at {options.IlPerSecond / 1e6:0.0} M IL/s");
        inspector.PressAt(clock.NowMs + 100, ButtonId.Ok, ScriptedInspector.ShortPressMs);
        Log("inspector presses OK");

        long allocated = 0;
        for (long t = 0; t < options.MaxMs; t += options.TickMs)
        {
            clock.Advance(options.TickMs * 1000L);
            long before = GC.GetAllocatedBytesForCurrentThread();
            controller.Tick();
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            if (controller.State == InspectionState.Verdict) break;
            if (controller.State == InspectionState.Idle && controller.Timeline.StartMs >= 0) break;
        }

        var tl = controller.Timeline;
        if (controller.Timeline.SweepDoneMs >= 0) Log($"physical: {analysis.Detail.Summary()}");
        Log($"scanner: {scanner.Retriggers} re-trigger(s), {qr.DiscardedBytes} junk byte(s) discarded");
        bool cut = flash.PoweredOff;
        if (cut)
        {
            // What the inspector finds after the power comes back: the log reopens with every committed record.
            flash.Reboot();
            var reopened = new RecordLog(flash, recordKey);
            var open = reopened.Open();
            Log($"power cut during the record write; after reboot the log opens {open} with {reopened.Count} committed record(s)");
        }
        else Log($"record log: {recordLog.Count} record(s), append {records.LastResult}");
        if (controller.State == InspectionState.Verdict)
            Log($"VERDICT {OutcomeNames.Of(controller.LastOutcome)}  reasons: {VerdictReason.Describe(controller.LastReasons)}  record {(controller.LastRecordStored ? "stored" : "NOT stored")}");
        else
            Log("no verdict (inspection ended without one)");

        return new RunResult
        {
            Outcome = controller.LastOutcome,
            Reasons = controller.LastReasons,
            RecordStored = controller.LastRecordStored && !cut,
            Answers = (PromptAnswer[])controller.Human.Answers.Clone(),
            StartMs = tl.StartMs, ScannedMs = tl.ScannedMs, SweepDoneMs = tl.SweepDoneMs, DigitalDoneMs = tl.DigitalDoneMs,
            PromptsStartMs = tl.PromptsStartMs, LastActionMs = tl.LastActionMs, VerdictMs = tl.VerdictMs,
            SignatureDeviceMs = sigMs, AllocatedBytes = allocated, LampOnMs = head.Lamp.TotalOnUs / 1000, Log = log,
            PhysicalSummary = analysis.Detail.Summary(),
        };
    }

    private static void ConfigureScanner(QrScanner qr, VirtualClock clock)
    {
        if (!qr.Configure()) return;
        for (int i = 0; i < 1000; i++)
        {
            var e = qr.Poll();
            if (e == ScanEvent.Configured || e == ScanEvent.NakOrTimeout) return;
            if (e == ScanEvent.None) clock.Advance(1000);
        }
    }

    /// <summary>Starts the inspector's hand movement over the sheet when the sampler starts measuring (after
    /// the sensor was prepared at the first position).</summary>
    private sealed class SweepStart(SweepPhysicalCheck inner, SweepTrajectory path, VirtualClock clock) : IPhysicalCheck
    {
        public void Begin(long nowMs, int expectedProfile, PhysicalResult result) => inner.Begin(nowMs, expectedProfile, result);

        public bool Step(long nowMs)
        {
            if (inner.ReadyToSweep) path.StartUs = clock.NowUs;
            return inner.Step(nowMs);
        }

        public void Abort() => inner.Abort();
    }

    /// <summary>Injects "sensor-nack": the emulated sensor stops acknowledging some transfers into the sweep.</summary>
    private sealed class NackDuringSweep(IPhysicalCheck inner, EmulatorFaults faults, int afterTransfers) : IPhysicalCheck
    {
        public void Begin(long nowMs, int expectedProfile, PhysicalResult result)
        {
            faults.NackAfterTransfers = faults.Transfers + afterTransfers;
            inner.Begin(nowMs, expectedProfile, result);
        }

        public bool Step(long nowMs) => inner.Step(nowMs);

        public void Abort() => inner.Abort();
    }

    private sealed class Observer(ScriptedInspector inspector, Action<string>? log) : IInspectionObserver
    {
        public void OnStateChanged(InspectionState from, InspectionState to, long nowMs)
        {
            log?.Invoke($"state {InspectionStateNames.Of(from)} -> {InspectionStateNames.Of(to)}");
            inspector.OnStateChanged(from, to, nowMs);
        }

        public void OnPromptAnswered(Prompt prompt, PromptAnswer answer, long nowMs)
        {
            log?.Invoke($"prompt {HumanChecklist.PromptName(prompt)}: {HumanChecklist.AnswerName(answer)}");
            inspector.OnPromptAnswered(prompt, answer, nowMs);
        }
    }
}
