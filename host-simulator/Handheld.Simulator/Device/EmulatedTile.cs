using Handheld.Core.Calibration;
using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Simulator.Emulators;
using Handheld.Simulator.Physics;
using Handheld.Simulator.Timing;

namespace Handheld.Simulator.Device;

/// <summary>Which calibration tile the simulated inspector sweeps (<c>handheld-sim serve --tile</c>).</summary>
public enum TileCondition
{
    /// <summary>hardware/calibration.md as specified: A UV-dull rag paper, B brightened office paper, C zone A with blue and green fibres.</summary>
    New,
    /// <summary>Zone A aged: brightener contamination (0.35 of office paper's) and dimmed pulp; out of limits (A not dull).</summary>
    Aged,
    /// <summary>A wrong tile: office copy paper in every zone, no fibres; out of limits (A not dull, B/A ratio, no fibres).</summary>
    Wrong,
}

/// <summary>
/// The three-zone calibration tile of hardware/calibration.md, emulated with the sheet model the scenarios use:
/// each zone is swept as its own sheet (the zone's paper and fibres; a real zone is 20 × 20 mm, the model's sheet
/// is larger, so a sweep never leaves the zone) by the emulated head (chip emulator → Core driver → Core
/// sampler) with the unit's dark offsets and unit gains, as <see cref="ITileSweep"/> requires.
/// Deterministic: zone z of the n-th sweep draws from seed ^ (n·3 + z).
/// </summary>
public sealed class EmulatedTile : ITileSweep
{
    public const int SweepMs = SamplerSettings.SweepMs;

    private readonly int _seed;
    private readonly DeviceOptics _optics = new();
    private readonly SensorCalibration _unitGains;
    private int _sweeps;

    public EmulatedTile(SensorKind kind, TileCondition condition, int seed)
    {
        Kind = kind;
        Condition = condition;
        _seed = seed;
        _unitGains = SensorCalibration.Identity(kind);
    }

    public SensorKind Kind { get; }
    public int Seed => _seed;
    public TileCondition Condition { get; set; }
    /// <summary>Set while the simulated inspector runs an inspection (calibration is then Busy).</summary>
    public bool InspectionRunning { get; set; }
    /// <summary>Called before each zone's sweep with the zone index (tests use it to drop the link mid-calibration).</summary>
    public Action<int>? BeforeZone { get; set; }

    /// <summary>The sheet a zone is made of under <paramref name="condition"/>.</summary>
    public static SheetSpec ZoneSheet(int zone, TileCondition condition)
    {
        if (condition == TileCondition.Wrong) return new SheetSpec { Paper = new PaperSpec { Brightener = 1.0 } };
        return zone switch
        {
            TileZone.A => new SheetSpec
            {
                Paper = condition == TileCondition.Aged
                    ? new PaperSpec { Brightener = 0.35, DullFluorescence = 0.8 }
                    : new PaperSpec { Brightener = 0.0, DullFluorescence = 1.0 }
            },
            TileZone.B => new SheetSpec { Paper = new PaperSpec { Brightener = 1.0 } },
            _ => new SheetSpec
            {
                Paper = new PaperSpec { Brightener = 0.0, DullFluorescence = 1.0 },
                Fibres = new FibreSpec { DensityPerCm2 = 16, Blue = 0.5, Green = 0.5 }
            },
        };
    }

    public SamplerFault SweepZone(int zone, SweepTrace trace)
    {
        BeforeZone?.Invoke(zone);
        int seed = _seed ^ (_sweeps * 3 + zone + 1) * 7919;
        if (zone == TileZone.C) _sweeps++;
        var rng = new Random(seed);
        var sheet = new SheetModel(ZoneSheet(zone, Condition), new Random(rng.Next()));
        var path = new SweepTrajectory(new SweepSpec { DurationMs = SweepMs, SpeedMmPerS = 40 }, new Random(rng.Next()));
        var ambient = new AmbientLight(Lighting.OfficeLed, rng.NextDouble() * 2 * Math.PI);
        int noiseSeed = rng.Next();
        var clock = new VirtualClock();
        SheetScene? scene = null;
        var head = SensorHead.Create(Kind, clock, lamp => scene = new SheetScene(sheet, _optics, ambient, path, lamp.AverageOutput),
            noiseSeed, settings: SamplerSettings.ForMains50Hz(), calibration: _unitGains);
        SamplerFault f = head.Sampler.Prepare();
        scene!.Path.StartUs = clock.NowUs;
        if (f != SamplerFault.None)
        {
            trace.Reset();
            return f;
        }
        return head.Sampler.Sweep(trace, SweepMs);
    }
}
