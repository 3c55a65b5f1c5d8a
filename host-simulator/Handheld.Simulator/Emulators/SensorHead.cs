using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Core.Ports;
using Handheld.Simulator.Optics;
using Handheld.Simulator.Timing;

namespace Handheld.Simulator.Emulators;

/// <summary>
/// The emulated measuring head: UV lamp, colour-sensor chip emulator, and the unchanged Core driver, lamp guard
/// and sampler on top, all on one virtual clock. The scene is built from the lamp (it needs the lamp's duty
/// over each integration window) and then handed to the chip emulator.
/// </summary>
public sealed class SensorHead
{
    private SensorHead(VirtualClock clock, SimulatedUvLamp lamp, SimulatedWhiteLed? white, ISpectralScene scene, ChipEmulator chip,
        IFluorescenceSensor sensor, UvLampGuard guard, FluorescenceSampler sampler)
    {
        Clock = clock; Lamp = lamp; WhiteLed = white; Scene = scene; Chip = chip;
        Sensor = sensor; Guard = guard; Sampler = sampler;
    }

    public VirtualClock Clock { get; }
    public SimulatedUvLamp Lamp { get; }
    /// <summary>The daylight (white) LED; present when the scene models reflectance (a <see cref="Physics.SheetScene"/>).</summary>
    public SimulatedWhiteLed? WhiteLed { get; }
    public ISpectralScene Scene { get; }
    /// <summary>The chip emulator (a <see cref="Tcs34725Emulator"/> or <see cref="As7341Emulator"/>).</summary>
    public ChipEmulator Chip { get; }
    /// <summary>The chip emulator's bus face.</summary>
    public IRegisterBus Bus => Chip;
    public EmulatorFaults Faults => Chip.Faults;
    public SensorNoise Noise => Chip.Noise;
    public IFluorescenceSensor Sensor { get; }
    public UvLampGuard Guard { get; }
    public FluorescenceSampler Sampler { get; }

    /// <param name="sceneFromLamp">Builds the scene; pass <c>lamp.AverageOutput</c> to it as the lamp duty.</param>
    public static SensorHead Create(SensorKind kind, VirtualClock clock, Func<SimulatedUvLamp, ISpectralScene> sceneFromLamp,
        int seed, LampLimits? limits = null, SamplerSettings? settings = null, SensorCalibration? calibration = null)
    {
        var lamp = new SimulatedUvLamp(clock);
        if (limits is not null) lamp.NominalCurrentMa = limits.ExpectedCurrentMa;
        var scene = sceneFromLamp(lamp);
        ChipEmulator chip;
        IFluorescenceSensor sensor;
        switch (kind)
        {
            case SensorKind.Tcs34725:
                chip = new Tcs34725Emulator(clock, scene, seed);
                sensor = new Tcs34725(chip, clock);
                break;
            case SensorKind.As7341:
                chip = new As7341Emulator(clock, scene, seed);
                sensor = new As7341(chip, clock);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "No emulator for this sensor kind.");
        }
        var guard = new UvLampGuard(lamp, clock, limits ?? new LampLimits());
        // Every sheet scene gets the daylight LED (so every scenario yields reflectance); synthetic scenes do not.
        SimulatedWhiteLed? white = null;
        if (scene is Physics.SheetScene sheetScene)
        {
            white = new SimulatedWhiteLed(clock);
            sheetScene.WhiteLed = white.AverageOutput;
        }
        var sampler = new FluorescenceSampler(sensor, guard, clock, calibration ?? SensorCalibration.Identity(kind),
            settings ?? new SamplerSettings(), white);
        return new SensorHead(clock, lamp, white, scene, chip, sensor, guard, sampler);
    }
}
