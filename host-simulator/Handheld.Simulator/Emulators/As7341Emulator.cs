using Handheld.Simulator.Optics;
using Handheld.Simulator.Timing;

namespace Handheld.Simulator.Emulators;

/// <summary>Photodiodes the AS7341 SMUX can route.</summary>
public enum As7341Pixel
{
    None = 0, F1, F2, F3, F4, F5, F6, F7, F8, Clear, Nir,
}

/// <summary>
/// Register-level AS7341 emulator. Bus face: <see cref="Handheld.Core.Ports.IRegisterBus"/> with auto-incrementing register
/// addresses, reset values, REG_BANK, SMUX RAM at 0x00–0x13 loaded by SMUXEN (which self-clears), AVALID in
/// STATUS2 only after (ATIME+1)(ASTEP+1)×2.78 µs on the virtual clock, 12-byte data block at 0x95 low byte
/// first, digital saturation at full scale. Backend face and integration timing: <see cref="ChipEmulator"/>.
/// Each ADC sums the responses of the pixels the SMUX routes to it.
/// </summary>
public sealed class As7341Emulator : ChipEmulator
{
    public const byte ChipIdValue = 0x24;
    /// <summary>Time SMUXEN stays set after a SMUX command (assumed; the driver polls it).</summary>
    public const int SmuxBusyUs = 200;

    /// <summary>
    /// Which pixel each SMUX RAM nibble (byte × 2 + 1 for the high nibble) controls, as far as the two
    /// published SMUX tables reveal it; nibbles they leave at 0 map to no modelled pixel.
    /// </summary>
    public static readonly As7341Pixel[] NibblePixel = BuildNibbleMap();

    private static readonly double[] Gains = { 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 252.8, 496 };

    private readonly byte[] _regs = new byte[256];
    private readonly byte[] _smuxRam = new byte[20];
    private readonly byte[] _smuxActive = new byte[20];
    private readonly double[][] _pixelResponse = new double[11][];
    private readonly ushort[] _data = new ushort[6];
    private byte _pointer;
    private long _smuxDoneUs = -1;

    public As7341Emulator(VirtualClock clock, ISpectralScene scene, int seed) : base(clock, scene, seed)
    {
        for (int f = 0; f < 8; f++) _pixelResponse[(int)As7341Pixel.F1 + f] = Half(SpectralResponse.As7341Filter(f));
        _pixelResponse[(int)As7341Pixel.Clear] = Half(SpectralResponse.As7341Clear());
        _pixelResponse[(int)As7341Pixel.Nir] = SpectralResponse.As7341Nir();
        Reset();
    }

    public override int Address => 0x39;

    /// <summary>Low bits of the ID register (revision bits the driver must mask off).</summary>
    public byte IdLowBits { get; set; }

    /// <summary>SMUX configuration currently active (copied from RAM by the last SMUX write command).</summary>
    public byte[] ActiveSmux => (byte[])_smuxActive.Clone();

    /// <summary>Pixels routed to an ADC by the active SMUX configuration.</summary>
    public As7341Pixel[] PixelsOnAdc(int adc)
    {
        var list = new List<As7341Pixel>();
        for (int n = 0; n < 40; n++)
        {
            int v = (_smuxActive[n / 2] >> ((n & 1) * 4)) & 0x0F;
            if (v == adc + 1 && NibblePixel[n] != As7341Pixel.None && !list.Contains(NibblePixel[n])) list.Add(NibblePixel[n]);
        }
        return list.ToArray();
    }

    /// <summary>Power-on reset values [ADS]: ENABLE 0, ATIME 0, ASTEP 999, AGAIN 9 (256×).</summary>
    public void Reset()
    {
        Array.Clear(_regs);
        _regs[0xCA] = 999 & 0xFF;
        _regs[0xCB] = 999 >> 8;
        _regs[0xAA] = 9;
        _regs[0x92] = ChipIdValue;
        Array.Clear(_smuxRam);
        Array.Clear(_smuxActive);
        ResetCycles();
        _smuxDoneUs = -1;
        Array.Clear(_data);
    }

    public byte Peek(int register) => _regs[register & 0xFF];

    public override bool Write(byte[] data, int count)
    {
        if (!BeginTransfer(count)) return false;
        if (count < 1) return true;
        _pointer = data[0];
        for (int i = 1; i < count; i++)
        {
            WriteRegister(_pointer, data[i]);
            _pointer++;
        }
        return true;
    }

    public override bool WriteRead(byte[] write, int writeCount, byte[] read, int readCount)
    {
        if (!BeginTransfer(writeCount + readCount + 1)) return false;
        if (writeCount >= 1) _pointer = write[0];
        Update();
        for (int i = 0; i < readCount; i++)
        {
            read[i] = ReadRegister(_pointer);
            _pointer++;
        }
        return true;
    }

    private bool BankHigh => (_regs[0xA9] & 0x10) != 0;

    private bool Accessible(int reg)
    {
        // REG_BANK = 1 reaches 0x60–0x74, 0 reaches 0x80 and above [ADS]; CFG0 itself must stay reachable
        // from both banks or the bank could never be switched back (assumption).
        if (reg == 0xA9) return true;
        if (reg >= 0x60 && reg <= 0x74) return BankHigh;
        if (reg >= 0x80) return !BankHigh;
        return true;
    }

    private void WriteRegister(int reg, byte value)
    {
        if (reg < 0x14) { _smuxRam[reg] = value; return; }
        if (!Accessible(reg)) return;
        switch (reg)
        {
            case 0x80:
            {
                bool wasRunning = (_regs[0x80] & 0x03) == 0x03;
                _regs[0x80] = (byte)(value & 0x5B);
                if ((value & 0x10) != 0)
                {
                    // SMUX_CMD 2 = write configuration from RAM; the bit self-clears when done [ADS].
                    if (((_regs[0xAF] >> 3) & 0x03) == 2) Array.Copy(_smuxRam, _smuxActive, 20);
                    _smuxDoneUs = Clock.NowUs + SmuxBusyUs;
                }
                bool running = (_regs[0x80] & 0x03) == 0x03;
                if (running && !wasRunning)
                {
                    StartCycles(Clock.NowUs);
                    _regs[0xA3] &= unchecked((byte)~0x40);
                }
                else if (!running)
                {
                    StopCycles();
                }
                break;
            }
            case 0x92: case 0x93: case 0x94: case >= 0x95 and <= 0xA0: case 0xA3:
                break; // read-only
            default:
                _regs[reg] = value;
                break;
        }
    }

    private byte ReadRegister(int reg)
    {
        if (reg < 0x14) return _smuxRam[reg];
        if (!Accessible(reg)) return 0;
        if (reg == 0x92) return Faults.IdentityOverride ?? (byte)(ChipIdValue | (IdLowBits & 0x03));
        if (reg >= 0x95 && reg <= 0xA0)
        {
            int i = reg - 0x95;
            ushort v = _data[i / 2];
            return (i & 1) == 0 ? (byte)v : (byte)(v >> 8);
        }
        return _regs[reg];
    }

    private int Atime => _regs[0x81];
    private int Astep => _regs[0xCA] | (_regs[0xCB] << 8);

    private long Steps => (long)(Atime + 1) * (Astep + 1);

    private void Update()
    {
        if (_smuxDoneUs >= 0 && Clock.NowUs >= _smuxDoneUs)
        {
            _regs[0x80] &= unchecked((byte)~0x10);
            _smuxDoneUs = -1;
        }
        long cycleUs = Steps * 2780 / 1000;
        if (cycleUs < 1) cycleUs = 1;
        CompleteCycles(cycleUs);
    }

    protected override void SetDataValid() => _regs[0xA3] |= 0x40; // AVALID

    protected override void Convert(long cycleUs)
    {
        double gain = Gains[Math.Min(10, (int)_regs[0xAA])];
        double ms = cycleUs / 1000.0;
        int fs = (int)Math.Min(65535, Steps);
        for (int adc = 0; adc < 6; adc++)
        {
            double mean = 0;
            for (int nib = 0; nib < 40; nib++)
            {
                int v = (_smuxActive[nib / 2] >> ((nib & 1) * 4)) & 0x0F;
                var pixel = NibblePixel[nib];
                if (v == adc + 1 && pixel != As7341Pixel.None)
                    mean += SpectralResponse.Apply(Irradiance, _pixelResponse[(int)pixel]);
            }
            _data[adc] = (ushort)Noise.Sample(mean * gain * ms, gain, fs);
        }
    }

    private static double[] Half(double[] r)
    {
        for (int i = 0; i < r.Length; i++) r[i] *= 0.5;
        return r;
    }

    private static As7341Pixel[] BuildNibbleMap()
    {
        var m = new As7341Pixel[40];
        void Set(int b, bool high, As7341Pixel p) => m[b * 2 + (high ? 1 : 0)] = p;
        // From the F1–F4 table (ADC k−1 ↔ F1..F4, 5 = Clear, 6 = NIR) and the F5–F8 table.
        Set(0x00, true, As7341Pixel.F3); Set(0x0F, true, As7341Pixel.F3);
        Set(0x01, false, As7341Pixel.F1); Set(0x10, false, As7341Pixel.F1);
        Set(0x05, false, As7341Pixel.F2); Set(0x0C, true, As7341Pixel.F2);
        Set(0x05, true, As7341Pixel.F4); Set(0x0D, false, As7341Pixel.F4);
        Set(0x06, true, As7341Pixel.F5); Set(0x09, true, As7341Pixel.F5);
        Set(0x04, false, As7341Pixel.F6); Set(0x0E, true, As7341Pixel.F6);
        Set(0x07, false, As7341Pixel.F7); Set(0x0A, false, As7341Pixel.F7);
        Set(0x03, true, As7341Pixel.F8); Set(0x0E, false, As7341Pixel.F8);
        Set(0x08, true, As7341Pixel.Clear); Set(0x11, true, As7341Pixel.Clear);
        Set(0x13, false, As7341Pixel.Nir);
        return m;
    }
}
