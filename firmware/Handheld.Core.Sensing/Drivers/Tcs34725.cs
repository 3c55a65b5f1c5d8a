using Handheld.Core.Ports;

namespace Handheld.Core.Drivers
{
    /// <summary>
    /// ams TCS34725 RGBC colour sensor over a register bus (datasheet TCS3472 v1-02, referred to as [TDS]).
    /// Multi-byte reads use the auto-increment command type (0xA0 | register) and combine bytes low byte
    /// first, as the datasheet specifies; see README.md for why this differs from the dotnet/iot and
    /// nanoFramework bindings.
    /// </summary>
    public sealed class Tcs34725 : IFluorescenceSensor
    {
        /// <summary>Fixed 7-bit I2C address [TDS "I2C Protocol"].</summary>
        public const int DefaultI2cAddress = 0x29;

        /// <summary>Integration cycle length, microseconds: 2.4 ms per ATIME step [TDS ATIME register].</summary>
        public const int CycleUs = 2400;

        /// <summary>ID register values: 0x44 = TCS34721/TCS34725, 0x4D = TCS34723/TCS34727 [TDS ID register].</summary>
        public const byte IdTcs34725 = 0x44;
        public const byte IdTcs34727 = 0x4D;

        // Command byte [TDS Command Register]: b7 CMD = 1, b6:5 TYPE (00 repeated byte, 01 auto-increment,
        // 11 special function), b4:0 register address.
        internal const byte CommandRepeated = 0x80;
        internal const byte CommandAutoIncrement = 0xA0;
        /// <summary>Special function: clear the RGBC interrupt [TDS Command Register].</summary>
        internal const byte CommandClearInterrupt = 0xE6;

        // ENABLE bits [TDS Enable Register 0x00].
        internal const byte EnablePon = 0x01;
        internal const byte EnableAen = 0x02;
        // STATUS bits [TDS Status Register 0x13].
        internal const byte StatusAvalid = 0x01;

        /// <summary>Nominal gains of CONTROL.AGAIN 00/01/10/11 [TDS Control Register 0x0F], in thousandths.</summary>
        private static readonly int[] GainMilliTable = new int[] { 1000, 4000, 16000, 60000 };

        private readonly IRegisterBus _bus;
        private readonly IDelay _delay;
        private readonly byte[] _write = new byte[2];
        private readonly byte[] _read = new byte[8];
        private bool _initialised;
        private int _cycles = 1;
        private int _gainLevel;

        public Tcs34725(IRegisterBus bus, IDelay delay)
        {
            _bus = bus;
            _delay = delay;
        }

        public SensorKind Kind { get { return SensorKind.Tcs34725; } }

        /// <summary>ID register value read by the last Initialise (0 before).</summary>
        public byte ChipId { get; private set; }

        public int IntegrationTimeUs { get { return _cycles * CycleUs; } }

        /// <summary>Full scale = min(65535, 1024 × cycles) [TDS RGBC timing].</summary>
        public int FullScale
        {
            get
            {
                int fs = 1024 * _cycles;
                return fs > 65535 ? 65535 : fs;
            }
        }

        public int GainLevelCount { get { return GainMilliTable.Length; } }

        public int GainLevel { get { return _gainLevel; } }

        public int GainMilliAt(int level)
        {
            if (level < 0 || level >= GainMilliTable.Length) return 0;
            return GainMilliTable[level];
        }

        /// <summary>ATIME value for the configured time: 256 − cycles [TDS ATIME register].</summary>
        public byte Atime { get { return (byte)(256 - _cycles); } }

        public SensorStatus Initialise(int integrationTimeUs)
        {
            _initialised = false;
            // The first transfer doubles as the presence check: a NACK here means no chip.
            byte id;
            if (!TryReadByte(Register.Id, out id)) return SensorStatus.Absent;
            ChipId = id;
            if (id != IdTcs34725 && id != IdTcs34727) return SensorStatus.WrongIdentity;

            int cycles = (integrationTimeUs + CycleUs / 2) / CycleUs;
            if (cycles < 1) cycles = 1;
            if (cycles > 256) cycles = 256;
            _cycles = cycles;

            if (!WriteByte(Register.Enable, EnablePon)) return SensorStatus.BusError;
            // At least 2.4 ms after PON before RGBC may be enabled [TDS Power-on]; 3 ms leaves margin.
            _delay.WaitMs(3);
            if (!WriteByte(Register.Atime, Atime)) return SensorStatus.BusError;
            if (!WriteByte(Register.Control, (byte)_gainLevel)) return SensorStatus.BusError;
            // Persistence 0 and no interrupt: the driver polls AVALID.
            if (!WriteByte(Register.Pers, 0)) return SensorStatus.BusError;
            _initialised = true;
            return SensorStatus.Ok;
        }

        public SensorStatus SetIntegrationTime(int integrationTimeUs)
        {
            if (!_initialised) return SensorStatus.NotInitialised;
            int cycles = (integrationTimeUs + CycleUs / 2) / CycleUs;
            if (cycles < 1) cycles = 1;
            if (cycles > 256) cycles = 256;
            if (cycles == _cycles) return SensorStatus.Ok;
            if (!WriteByte(Register.Atime, (byte)(256 - cycles))) return SensorStatus.BusError;
            _cycles = cycles;
            return SensorStatus.Ok;
        }

        public SensorStatus SetGainLevel(int level)
        {
            if (level < 0 || level >= GainMilliTable.Length) return SensorStatus.InvalidArgument;
            if (!_initialised) return SensorStatus.NotInitialised;
            if (!WriteByte(Register.Control, (byte)level)) return SensorStatus.BusError;
            _gainLevel = level;
            return SensorStatus.Ok;
        }

        public SensorStatus StartIntegration()
        {
            if (!_initialised) return SensorStatus.NotInitialised;
            // Clearing AEN aborts the running cycle; setting it starts Init (2.4 ms) and a fresh RGBC cycle.
            if (!WriteByte(Register.Enable, EnablePon)) return SensorStatus.BusError;
            if (!WriteByte(Register.Enable, (byte)(EnablePon | EnableAen))) return SensorStatus.BusError;
            return SensorStatus.Ok;
        }

        /// <summary>Raw RGBC read with the conditions it was taken at (the same as <see cref="ReadWhenReady"/>).</summary>
        public SensorStatus TryReadColour(out BandReading reading)
        {
            return ReadWhenReady(out reading);
        }

        public SensorStatus ReadWhenReady(out BandReading reading)
        {
            reading = new BandReading();
            if (!_initialised) return SensorStatus.NotInitialised;
            // Init state (one 2.4 ms cycle) plus the integration, then poll STATUS.AVALID every millisecond,
            // giving up after twice the expected time plus 10 ms.
            SensorStatus s = StatusPoll.WaitForData(_bus, _delay, _write, _read, (byte)(CommandRepeated | (byte)Register.Status),
                StatusAvalid, (IntegrationTimeUs + CycleUs + 999) / 1000);
            if (s != SensorStatus.Ok) return s;
            // One auto-increment burst CDATAL..BDATAH: reading the low byte latches the high byte, and a
            // burst keeps the four channels from the same cycle [TDS RGBC data registers].
            _write[0] = (byte)(CommandAutoIncrement | (byte)Register.Cdatal);
            if (!_bus.WriteRead(_write, 1, _read, 8)) return SensorStatus.BusError;
            reading.Clear = _read[0] | (_read[1] << 8);
            reading.Red = _read[2] | (_read[3] << 8);
            reading.Green = _read[4] | (_read[5] << 8);
            reading.Blue = _read[6] | (_read[7] << 8);
            reading.GainMilli = GainMilliTable[_gainLevel];
            reading.IntegrationTimeUs = IntegrationTimeUs;
            reading.FullScale = FullScale;
            int fs = reading.FullScale;
            reading.Saturated = reading.Clear >= fs || reading.Red >= fs || reading.Green >= fs || reading.Blue >= fs;
            return SensorStatus.Ok;
        }

        public void PowerDown()
        {
            WriteByte(Register.Enable, 0);
        }

        private bool WriteByte(Register register, byte value)
        {
            _write[0] = (byte)(CommandRepeated | (byte)register);
            _write[1] = value;
            return _bus.Write(_write, 2);
        }

        private bool TryReadByte(Register register, out byte value)
        {
            _write[0] = (byte)(CommandRepeated | (byte)register);
            value = 0;
            if (!_bus.WriteRead(_write, 1, _read, 1)) return false;
            value = _read[0];
            return true;
        }

        /// <summary>Register addresses [TDS Register Set].</summary>
        internal enum Register : byte
        {
            Enable = 0x00,
            Atime = 0x01,
            Wtime = 0x03,
            Ailtl = 0x04,
            Ailth = 0x05,
            Aihtl = 0x06,
            Aihth = 0x07,
            Pers = 0x0C,
            Config = 0x0D,
            Control = 0x0F,
            Id = 0x12,
            Status = 0x13,
            Cdatal = 0x14,
            Cdatah = 0x15,
            Rdatal = 0x16,
            Rdatah = 0x17,
            Gdatal = 0x18,
            Gdatah = 0x19,
            Bdatal = 0x1A,
            Bdatah = 0x1B,
        }
    }
}
