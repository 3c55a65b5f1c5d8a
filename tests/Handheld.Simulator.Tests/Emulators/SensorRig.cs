using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Core.Ports;
using Handheld.Simulator.Emulators;
using Handheld.Simulator.Timing;

namespace Handheld.Simulator.Tests.Emulators;

/// <summary>Wires the unchanged Core drivers, lamp guard and sampler to the emulators (what physics does too).</summary>
internal sealed class SensorRig
{
    public VirtualClock Clock { get; } = new();
    public SimulatedUvLamp Lamp { get; }
    public ConstantScene Scene { get; }
    public Tcs34725Emulator? Tcs { get; }
    public As7341Emulator? As { get; }
    public IRegisterBus Bus { get; }
    public IFluorescenceSensor Sensor { get; }
    public UvLampGuard Guard { get; }
    public FluorescenceSampler Sampler { get; }

    public SensorRig(SensorKind kind, double[]? ambient = null, double[]? underUv = null, int seed = 1)
    {
        Lamp = new SimulatedUvLamp(Clock);
        Scene = new ConstantScene(ambient ?? OfficeAmbient(), underUv ?? SecurityFibreGlow(), Lamp);
        if (kind == SensorKind.Tcs34725)
        {
            Tcs = new Tcs34725Emulator(Clock, Scene, seed);
            Bus = Tcs;
            Sensor = new Tcs34725(Tcs, Clock);
        }
        else
        {
            As = new As7341Emulator(Clock, Scene, seed);
            Bus = As;
            Sensor = new As7341(As, Clock);
        }
        Guard = new UvLampGuard(Lamp, Clock, new LampLimits());
        Sampler = new FluorescenceSampler(Sensor, Guard, Clock, SensorCalibration.Identity(kind), new SamplerSettings());
    }

    public EmulatorFaults Faults => Tcs?.Faults ?? As!.Faults;
    public SensorNoise Noise => Tcs?.Noise ?? As!.Noise;

    /// <summary>Room light leaking under the window: flat 400–700 nm.</summary>
    public static double[] OfficeAmbient(double level = 0.05) => ConstantScene.Flat(400, 700, level);

    /// <summary>Blue (445 nm) and green (515 nm) emission under the lamp.</summary>
    public static double[] SecurityFibreGlow(double blue = 0.02, double green = 0.015) =>
        ConstantScene.Sum(ConstantScene.Band(445, 30, blue), ConstantScene.Band(515, 35, green));
}
