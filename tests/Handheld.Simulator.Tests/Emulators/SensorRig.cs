using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Core.Ports;
using Handheld.Simulator.Emulators;
using Handheld.Simulator.Timing;

namespace Handheld.Simulator.Tests.Emulators;

/// <summary>A <see cref="SensorHead"/> over a <see cref="ConstantScene"/>, with typed access to the emulators.</summary>
internal sealed class SensorRig
{
    private readonly SensorHead _head;

    public SensorRig(SensorKind kind, double[]? ambient = null, double[]? underUv = null, int seed = 1)
    {
        ConstantScene? scene = null;
        _head = SensorHead.Create(kind, new VirtualClock(),
            lamp => scene = new ConstantScene(ambient ?? OfficeAmbient(), underUv ?? SecurityFibreGlow(), lamp), seed);
        Scene = scene!;
    }

    public VirtualClock Clock => _head.Clock;
    public SimulatedUvLamp Lamp => _head.Lamp;
    public ConstantScene Scene { get; }
    public Tcs34725Emulator? Tcs => _head.Bus as Tcs34725Emulator;
    public As7341Emulator? As => _head.Bus as As7341Emulator;
    public IRegisterBus Bus => _head.Bus;
    public IFluorescenceSensor Sensor => _head.Sensor;
    public UvLampGuard Guard => _head.Guard;
    public FluorescenceSampler Sampler => _head.Sampler;
    public EmulatorFaults Faults => _head.Faults;
    public SensorNoise Noise => _head.Noise;

    /// <summary>Room light leaking under the window: flat 400–700 nm.</summary>
    public static double[] OfficeAmbient(double level = 0.05) => ConstantScene.Flat(400, 700, level);

    /// <summary>Blue (445 nm) and green (515 nm) emission under the lamp.</summary>
    public static double[] SecurityFibreGlow(double blue = 0.02, double green = 0.015) =>
        ConstantScene.Sum(ConstantScene.Band(445, 30, blue), ConstantScene.Band(515, 35, green));
}
