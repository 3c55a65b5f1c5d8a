using Handheld.Core.Ports;
using Handheld.Simulator.Optics;
using Handheld.Simulator.Timing;

namespace Handheld.Simulator.Emulators;

/// <summary>
/// What the register-level colour-sensor emulators share: the backend face (<see cref="Scene"/>,
/// <see cref="Noise"/>, <see cref="Faults"/>), fault handling and bus time of a transfer, and the free-running
/// integration cycle on the virtual clock. Cycles are evaluated lazily when the driver looks, so no timer is
/// needed. A chip supplies its registers, its data-valid bit and what a completed window converts to.
/// </summary>
public abstract class ChipEmulator : IRegisterBus
{
    private long _cycleStartUs = -1; // start of the first integration after enabling, -1 = not running
    private long _latchedCycle = -1; // index of the cycle behind the current data registers

    protected ChipEmulator(VirtualClock clock, ISpectralScene scene, int seed)
    {
        Clock = clock;
        Scene = scene;
        Noise = new SensorNoise(seed);
    }

    protected VirtualClock Clock { get; }

    /// <summary>Spectral irradiance of the latest completed window (filled before <see cref="Convert"/>).</summary>
    protected double[] Irradiance { get; } = new double[SpectralGrid.Count];

    // ---------------- backend face ----------------

    /// <summary>What the sensor window sees.</summary>
    public ISpectralScene Scene { get; set; }

    public SensorNoise Noise { get; }

    public EmulatorFaults Faults { get; } = new();

    /// <summary>I2C clock used to charge transfer time to the virtual clock (0 = transfers take no time).</summary>
    public int BusSpeedHz { get; set; } = 400_000;

    /// <summary>Integrations completed since creation (each consumed one scene window).</summary>
    public int Integrations { get; private set; }

    /// <summary>Start and end (µs) of the integration window behind the current data registers.</summary>
    public long LastWindowStartUs { get; private set; } = -1;
    public long LastWindowEndUs { get; private set; } = -1;

    // ---------------- bus face ----------------

    public abstract int Address { get; }

    public abstract bool Write(byte[] data, int count);

    public abstract bool WriteRead(byte[] write, int writeCount, byte[] read, int readCount);

    /// <summary>False when the faults NACK this transfer; otherwise charges its bus time.</summary>
    protected bool BeginTransfer(int bytes)
    {
        if (Faults.Nack()) return false;
        // Address byte + payload, 9 clocks per byte.
        if (BusSpeedHz > 0) Clock.Advance((bytes + 1) * 9L * 1_000_000 / BusSpeedHz);
        return true;
    }

    // ---------------- integration cycle ----------------

    /// <summary>The ADC starts free-running cycles, the first beginning at <paramref name="firstStartUs"/>.</summary>
    protected void StartCycles(long firstStartUs)
    {
        _cycleStartUs = firstStartUs;
        _latchedCycle = -1;
    }

    /// <summary>The ADC stops; the data registers keep their values.</summary>
    protected void StopCycles() => _cycleStartUs = -1;

    /// <summary>Power-on state of the cycle: stopped, nothing latched.</summary>
    protected void ResetCycles()
    {
        _cycleStartUs = -1;
        _latchedCycle = -1;
    }

    /// <summary>
    /// Completes the latest integration whose window has ended on the virtual clock: sets the data-valid bit,
    /// counts it, and (unless the ADC is stuck) integrates the scene over its window and converts it.
    /// </summary>
    protected void CompleteCycles(long cycleUs)
    {
        if (_cycleStartUs < 0 || Faults.NeverValid) return;
        long elapsed = Clock.NowUs - _cycleStartUs;
        if (elapsed < cycleUs) return;
        long k = elapsed / cycleUs - 1; // index of the latest completed cycle
        if (k == _latchedCycle) return;
        _latchedCycle = k;
        SetDataValid();
        Integrations++;
        if (Faults.StuckAfterIntegrations is int n && Integrations > n) return;
        long start = _cycleStartUs + k * cycleUs, end = start + cycleUs;
        LastWindowStartUs = start;
        LastWindowEndUs = end;
        Scene.Integrate(start, end, Irradiance);
        Convert(cycleUs);
    }

    /// <summary>Sets the chip's data-valid status bit.</summary>
    protected abstract void SetDataValid();

    /// <summary>Turns <see cref="Irradiance"/> over a window of <paramref name="cycleUs"/> into the data registers.</summary>
    protected abstract void Convert(long cycleUs);
}
