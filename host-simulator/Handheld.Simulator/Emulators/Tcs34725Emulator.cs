using Handheld.Simulator.Optics;
using Handheld.Simulator.Timing;

namespace Handheld.Simulator.Emulators;

/// <summary>
/// Register-level TCS34725 emulator. Bus face: <see cref="Handheld.Core.Ports.IRegisterBus"/> answering like the chip
/// (command byte with repeated/auto-increment/special-function types, reset values, read-only registers,
/// low-byte latch, AVALID only after Init + integration time on the virtual clock, digital saturation).
/// Backend face and integration timing: <see cref="ChipEmulator"/>.
/// </summary>
public sealed class Tcs34725Emulator : ChipEmulator
{
    public const byte ChipIdValue = 0x44;
    private const int CycleUs = 2400;

    private readonly byte[] _regs = new byte[32];
    private readonly double[] _clearResp = SpectralResponse.TcsClear();
    private readonly double[] _redResp = SpectralResponse.TcsRed();
    private readonly double[] _greenResp = SpectralResponse.TcsGreen();
    private readonly double[] _blueResp = SpectralResponse.TcsBlue();
    private static readonly double[] Gains = { 1, 4, 16, 60 };

    private byte _address;          // register pointer set by the last command byte
    private int _type;              // command TYPE of the last command byte
    private readonly ushort[] _data = new ushort[4]; // C, R, G, B of the latest completed cycle
    private byte _latchedHigh;

    public Tcs34725Emulator(VirtualClock clock, ISpectralScene scene, int seed) : base(clock, scene, seed) => Reset();

    public override int Address => 0x29;

    /// <summary>Power-on reset: register reset values [TDS register set].</summary>
    public void Reset()
    {
        Array.Clear(_regs);
        _regs[0x01] = 0xFF; // ATIME
        _regs[0x03] = 0xFF; // WTIME
        _regs[0x12] = ChipIdValue;
        ResetCycles();
        Array.Clear(_data);
    }

    /// <summary>Register value as the chip holds it now (test inspection; no side effects).</summary>
    public byte Peek(int register) => _regs[register & 0x1F];

    // ---------------- bus face ----------------

    public override bool Write(byte[] data, int count)
    {
        if (!BeginTransfer(count)) return false;
        if (count < 1) return true;
        if (!Command(data[0])) return true;
        for (int i = 1; i < count; i++)
        {
            WriteRegister(_address, data[i]);
            if (_type == 1) _address = (byte)((_address + 1) & 0x1F);
        }
        return true;
    }

    public override bool WriteRead(byte[] write, int writeCount, byte[] read, int readCount)
    {
        if (!BeginTransfer(writeCount + readCount + 1)) return false;
        if (writeCount >= 1) Command(write[0]);
        CompleteCycles((long)Cycles * CycleUs);
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
                    StartCycles(Clock.NowUs + CycleUs);
                    _regs[0x13] &= unchecked((byte)~0x01); // AVALID clears on a fresh start
                }
                else if (!running)
                {
                    StopCycles();
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

    protected override void SetDataValid() => _regs[0x13] |= 0x01; // AVALID

    protected override void Convert(long cycleUs)
    {
        double gain = Gains[_regs[0x0F] & 0x03];
        double ms = cycleUs / 1000.0;
        int fs = Math.Min(65535, 1024 * Cycles);
        _data[0] = (ushort)Noise.Sample(SpectralResponse.Apply(Irradiance, _clearResp) * gain * ms, gain, fs);
        _data[1] = (ushort)Noise.Sample(SpectralResponse.Apply(Irradiance, _redResp) * gain * ms, gain, fs);
        _data[2] = (ushort)Noise.Sample(SpectralResponse.Apply(Irradiance, _greenResp) * gain * ms, gain, fs);
        _data[3] = (ushort)Noise.Sample(SpectralResponse.Apply(Irradiance, _blueResp) * gain * ms, gain, fs);
    }
}
