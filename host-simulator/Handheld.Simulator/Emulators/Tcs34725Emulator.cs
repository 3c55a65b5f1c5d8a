using Handheld.Core.Ports;
using Handheld.Simulator.Optics;
using Handheld.Simulator.Timing;

namespace Handheld.Simulator.Emulators;

/// <summary>
/// Register-level TCS34725 emulator. Bus face: <see cref="IRegisterBus"/> answering like the chip
/// (command byte with repeated/auto-increment/special-function types, reset values, read-only registers,
/// low-byte latch, AVALID only after Init + integration time on the virtual clock, digital saturation).
/// Backend face: <see cref="Scene"/> (irradiance), <see cref="Noise"/>, <see cref="Faults"/>.
/// Integration windows are evaluated lazily when the driver looks, so no timer is needed.
/// </summary>
public sealed class Tcs34725Emulator : IRegisterBus
{
    public const byte ChipIdValue = 0x44;
    private const int CycleUs = 2400;

    private readonly VirtualClock _clock;
    private readonly byte[] _regs = new byte[32];
    private readonly double[] _irradiance = new double[SpectralGrid.Count];
    private readonly double[] _clearResp = SpectralResponse.TcsClear();
    private readonly double[] _redResp = SpectralResponse.TcsRed();
    private readonly double[] _greenResp = SpectralResponse.TcsGreen();
    private readonly double[] _blueResp = SpectralResponse.TcsBlue();
    private static readonly double[] Gains = { 1, 4, 16, 60 };

    private byte _address;          // register pointer set by the last command byte
    private int _type;              // command TYPE of the last command byte
    private long _cycleStartUs = -1; // start of the first RGBC cycle after AEN (after Init), -1 = not running
    private long _latchedCycle = -1;
    private readonly ushort[] _data = new ushort[4]; // C, R, G, B of the latest completed cycle
    private byte _latchedHigh;
    private int _integrations;

    public Tcs34725Emulator(VirtualClock clock, ISpectralScene scene, int seed)
    {
        _clock = clock;
        Scene = scene;
        Noise = new SensorNoise(seed);
        Reset();
    }

    public int Address => 0x29;

    // ---------------- backend face ----------------

    /// <summary>What the sensor window sees.</summary>
    public ISpectralScene Scene { get; set; }

    public SensorNoise Noise { get; }

    public EmulatorFaults Faults { get; } = new();

    /// <summary>I2C clock used to charge transfer time to the virtual clock (0 = transfers take no time).</summary>
    public int BusSpeedHz { get; set; } = 400_000;

    /// <summary>Integrations completed since reset (each consumed one scene window).</summary>
    public int Integrations => _integrations;

    /// <summary>Start and end (µs) of the integration window behind the current data registers.</summary>
    public long LastWindowStartUs { get; private set; } = -1;
    public long LastWindowEndUs { get; private set; } = -1;

    /// <summary>Power-on reset: register reset values [TDS register set].</summary>
    public void Reset()
    {
        Array.Clear(_regs);
        _regs[0x01] = 0xFF; // ATIME
        _regs[0x03] = 0xFF; // WTIME
        _regs[0x12] = ChipIdValue;
        _cycleStartUs = -1;
        _latchedCycle = -1;
        Array.Clear(_data);
    }

    /// <summary>Register value as the chip holds it now (test inspection; no side effects).</summary>
    public byte Peek(int register) => _regs[register & 0x1F];

    // ---------------- bus face ----------------

    public bool Write(byte[] data, int count)
    {
        if (Faults.Nack()) return false;
        ChargeBusTime(count);
        if (count < 1) return true;
        if (!Command(data[0])) return true;
        for (int i = 1; i < count; i++)
        {
            WriteRegister(_address, data[i]);
            if (_type == 1) _address = (byte)((_address + 1) & 0x1F);
        }
        return true;
    }

    public bool WriteRead(byte[] write, int writeCount, byte[] read, int readCount)
    {
        if (Faults.Nack()) return false;
        ChargeBusTime(writeCount + readCount + 1);
        if (writeCount >= 1) Command(write[0]);
        Update();
        for (int i = 0; i < readCount; i++)
        {
            read[i] = ReadRegister(_address);
            if (_type == 1) _address = (byte)((_address + 1) & 0x1F);
        }
        return true;
    }

    // Command byte [TDS Command Register]: b7 must be 1; TYPE 00 repeated, 01 auto-increment, 11 special.
    private bool Command(byte cmd)
    {
        if ((cmd & 0x80) == 0) return false;
        int type = (cmd >> 5) & 0x03;
        if (type == 3)
        {
            if ((cmd & 0x1F) == 0x06) _regs[0x13] &= unchecked((byte)~0x10); // clear AINT
            return false;
        }
        _type = type;
        _address = (byte)(cmd & 0x1F);
        return true;
    }

    private void WriteRegister(int reg, byte value)
    {
        switch (reg)
        {
            case 0x00:
            {
                byte old = _regs[0];
                _regs[0] = (byte)(value & 0x1B);
                bool wasRunning = (old & 0x03) == 0x03;
                bool running = (_regs[0] & 0x03) == 0x03;
                if (running && !wasRunning)
                {
                    // Init state takes one 2.4 ms cycle before the first RGBC integration [TDS state diagram].
                    _cycleStartUs = _clock.NowUs + CycleUs;
                    _latchedCycle = -1;
                    _regs[0x13] &= unchecked((byte)~0x01); // AVALID clears on a fresh start
                }
                else if (!running)
                {
                    _cycleStartUs = -1;
                }
                break;
            }
            case 0x12: case 0x13: case >= 0x14 and <= 0x1B:
                break; // read-only
            default:
                if (reg < _regs.Length) _regs[reg] = value;
                break;
        }
    }

    private byte ReadRegister(int reg)
    {
        if (reg == 0x12 && Faults.IdentityOverride is byte id) return id;
        if (reg >= 0x14 && reg <= 0x1B)
        {
            int ch = (reg - 0x14) / 2;
            if ((reg & 1) == 0)
            {
                // Reading the low byte latches the high byte of the same channel [TDS].
                _latchedHigh = (byte)(_data[ch] >> 8);
                return (byte)_data[ch];
            }
            return _latchedHigh;
        }
        return _regs[reg];
    }

    private int Cycles => 256 - _regs[0x01];

    /// <summary>Completes any integration whose window has ended on the virtual clock.</summary>
    private void Update()
    {
        if (_cycleStartUs < 0 || Faults.NeverValid) return;
        long cycleUs = (long)Cycles * CycleUs;
        long elapsed = _clock.NowUs - _cycleStartUs;
        if (elapsed < cycleUs) return;
        long k = elapsed / cycleUs - 1; // index of the latest completed cycle
        if (k == _latchedCycle) return;
        _latchedCycle = k;
        long start = _cycleStartUs + k * cycleUs, end = start + cycleUs;
        _regs[0x13] |= 0x01; // AVALID
        _integrations++;
        if (Faults.StuckAfterIntegrations is int n && _integrations > n) return;
        LastWindowStartUs = start;
        LastWindowEndUs = end;
        Scene.Integrate(start, end, _irradiance);
        double gain = Gains[_regs[0x0F] & 0x03];
        double ms = cycleUs / 1000.0;
        int fs = Math.Min(65535, 1024 * Cycles);
        _data[0] = (ushort)Noise.Sample(SpectralResponse.Apply(_irradiance, _clearResp) * gain * ms, gain, fs);
        _data[1] = (ushort)Noise.Sample(SpectralResponse.Apply(_irradiance, _redResp) * gain * ms, gain, fs);
        _data[2] = (ushort)Noise.Sample(SpectralResponse.Apply(_irradiance, _greenResp) * gain * ms, gain, fs);
        _data[3] = (ushort)Noise.Sample(SpectralResponse.Apply(_irradiance, _blueResp) * gain * ms, gain, fs);
    }

    private void ChargeBusTime(int bytes)
    {
        // Address byte + payload, 9 clocks per byte.
        if (BusSpeedHz > 0) _clock.Advance((bytes + 1) * 9L * 1_000_000 / BusSpeedHz);
    }
}
