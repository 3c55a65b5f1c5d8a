using Handheld.Core.Ports;

namespace Handheld.Core.Drivers
{
    /// <summary>Which photodiodes the SMUX routes to the six ADCs.</summary>
    public enum As7341ChannelSet : byte
    {
        /// <summary>ADC0–5 = F1, F2, F3, F4, Clear, NIR (published table).</summary>
        F1F4ClearNir = 0,
        /// <summary>ADC0–5 = F5, F6, F7, F8, Clear, NIR (published table).</summary>
        F5F8ClearNir = 1,
        /// <summary>ADC0–5 = F1 (415), F2 (445), F7 (630), F4 (515), Clear, NIR in one integration: the
        /// fluorescence bands without a second SMUX pass. Derived from the two published tables (see README).</summary>
        Fluorescence = 2,
        /// <summary>ADC0–5 = F1 (415), F2, F7, F4, Clear, F3 (480): the fluorescence bands where
        /// <see cref="Fluorescence"/> has them, with F3 in place of NIR. First half of the per-event spectrum
        /// (Fluorescence/README.md, "Per-event spectrum").</summary>
        SpectrumA = 3,
        /// <summary>ADC0–5 = F5 (555), F2, F7, F4, Clear, F6 (590): second half of the per-event spectrum.</summary>
        SpectrumB = 4,
        /// <summary>ADC0–5 = F1 (415), F2, F7, F4, Clear, F5 (555): the fluorescence bands with the filter on the
        /// outer side of each fibre band, every sample. A broad blue dye moves light from F2 into F1, a broad green
        /// one from F4 into F5 (F3 lies between the bands and mixes both), so one configuration gives each event
        /// its discriminating spectrum from its own samples (Fluorescence/README.md, "Per-event spectrum").</summary>
        SpectrumJoint = 5,
    }

    /// <summary>
    /// ams AS7341 11-channel spectral sensor over a register bus (datasheet AS7341L DS000718 1-00, [ADS];
    /// SMUX write sequence from the ams application note as used by the public Arduino libraries).
    /// Registers auto-increment; 16-bit values are low byte first [ADS].
    /// </summary>
    public sealed class As7341 : IFluorescenceSensor
    {
        public const int DefaultI2cAddress = 0x39;

        /// <summary>ID register b7:2 = 0b001001: mask 0xFC, expect 0x24 [ADS ID register 0x92].</summary>
        public const byte IdMask = 0xFC;
        public const byte IdValue = 0x24;

        /// <summary>Integration step unit, in nanoseconds: t = (ATIME+1)(ASTEP+1) × 2.78 µs [ADS].</summary>
        public const int StepUnitNs = 2780;

        /// <summary>ATIME used for every configuration; ASTEP carries the requested time (ATIME 29 is the
        /// recommended setting with ASTEP 599 = 50 ms [ADS]).</summary>
        public const byte DefaultAtime = 29;

        // ENABLE 0x80 bits [ADS].
        internal const byte EnablePon = 0x01;
        internal const byte EnableSpEn = 0x02;
        internal const byte EnableSmuxEn = 0x10;
        // STATUS2 0xA3: AVALID b6 [ADS].
        internal const byte Status2Avalid = 0x40;
        // CFG0 0xA9: REG_BANK b4 (1 = 0x60–0x74, 0 = 0x80 and above) [ADS].
        internal const byte Cfg0RegBank = 0x10;
        // CFG6 0xAF: SMUX_CMD b4:3 = 2, write SMUX configuration from RAM [ADS].
        internal const byte Cfg6SmuxWrite = 0x10;

        /// <summary>AGAIN 0–10 = 0.5× … 512×, in thousandths. 128×, 256× and 512× use the datasheet's measured
        /// ratios to 64× (2.0, 3.95, 7.75) so normalised counts stay continuous across gain steps [ADS].</summary>
        private static readonly int[] GainMilliTable = new int[]
        {
            500, 1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 252800, 496000,
        };

        // SMUX RAM images for 0x00–0x13 (20 bytes; one nibble per pixel, value k = ADC k−1, 0 = off).
        internal static readonly byte[] SmuxF1F4 = new byte[]
        {
            0x30, 0x01, 0x00, 0x00, 0x00, 0x42, 0x00, 0x00, 0x50, 0x00,
            0x00, 0x00, 0x20, 0x04, 0x00, 0x30, 0x01, 0x50, 0x00, 0x06,
        };
        internal static readonly byte[] SmuxF5F8 = new byte[]
        {
            0x00, 0x00, 0x00, 0x40, 0x02, 0x00, 0x10, 0x03, 0x50, 0x10,
            0x03, 0x00, 0x00, 0x00, 0x24, 0x00, 0x00, 0x50, 0x00, 0x06,
        };
        // F1→ADC0, F2→ADC1, F7→ADC2, F4→ADC3, Clear→ADC4, NIR→ADC5: the F1/F2/F4 nibbles of the first table,
        // the F7 nibbles (0x07 low, 0x0A low) of the second, routed to ADC2 (value 3).
        internal static readonly byte[] SmuxFluorescence = new byte[]
        {
            0x00, 0x01, 0x00, 0x00, 0x00, 0x42, 0x00, 0x03, 0x50, 0x00,
            0x03, 0x00, 0x20, 0x04, 0x00, 0x00, 0x01, 0x50, 0x00, 0x06,
        };

        // Fluorescence table with F3 (0x00 high, 0x0F high) on ADC5 instead of NIR (0x13 low).
        internal static readonly byte[] SmuxSpectrumA = new byte[]
        {
            0x60, 0x01, 0x00, 0x00, 0x00, 0x42, 0x00, 0x03, 0x50, 0x00,
            0x03, 0x00, 0x20, 0x04, 0x00, 0x60, 0x01, 0x50, 0x00, 0x00,
        };
        // Fluorescence table with F5 (0x06 high, 0x09 high) on ADC0 instead of F1 (0x01 low, 0x10 low) and
        // F6 (0x04 low, 0x0E high) on ADC5 instead of NIR.
        internal static readonly byte[] SmuxSpectrumB = new byte[]
        {
            0x00, 0x00, 0x00, 0x00, 0x06, 0x42, 0x10, 0x03, 0x50, 0x10,
            0x03, 0x00, 0x20, 0x04, 0x60, 0x00, 0x00, 0x50, 0x00, 0x00,
        };

        // Fluorescence table (F1 on ADC0) with F5 (0x06 high, 0x09 high) on ADC5 instead of NIR (0x13 low).
        internal static readonly byte[] SmuxSpectrumJoint = new byte[]
        {
            0x00, 0x01, 0x00, 0x00, 0x00, 0x42, 0x60, 0x03, 0x50, 0x60,
            0x03, 0x00, 0x20, 0x04, 0x00, 0x00, 0x01, 0x50, 0x00, 0x00,
        };

        private readonly IRegisterBus _bus;
        private readonly IDelay _delay;
        private readonly byte[] _write = new byte[21];
        private readonly byte[] _read = new byte[12];
        private readonly int[] _channels = new int[6];
        private bool _initialised;
        private int _astep = 599;
        private int _gainLevel = 9;
        private As7341ChannelSet _set = As7341ChannelSet.Fluorescence;

        public As7341(IRegisterBus bus, IDelay delay)
        {
            _bus = bus;
            _delay = delay;
        }

        public SensorKind Kind { get { return SensorKind.As7341; } }

        public byte ChipId { get; private set; }

        /// <summary>Channel set Initialise routes (default <see cref="As7341ChannelSet.Fluorescence"/>).</summary>
        public As7341ChannelSet ChannelSet { get { return _set; } }

        public int IntegrationTimeUs
        {
            get { return (int)((long)(DefaultAtime + 1) * (_astep + 1) * StepUnitNs / 1000); }
        }

        /// <summary>Full scale = min(65535, (ATIME+1)(ASTEP+1)) [ADS].</summary>
        public int FullScale
        {
            get
            {
                long fs = (long)(DefaultAtime + 1) * (_astep + 1);
                return fs > 65535 ? 65535 : (int)fs;
            }
        }

        public int GainLevelCount { get { return GainMilliTable.Length; } }

        public int GainLevel { get { return _gainLevel; } }

        public int GainMilliAt(int level)
        {
            if (level < 0 || level >= GainMilliTable.Length) return 0;
            return GainMilliTable[level];
        }

        public SensorStatus Initialise(int integrationTimeUs)
        {
            return Initialise(integrationTimeUs, As7341ChannelSet.Fluorescence);
        }

        public SensorStatus Initialise(int integrationTimeUs, As7341ChannelSet channels)
        {
            _initialised = false;
            // Select bank 0 so 0x80 and above (ID, ENABLE…) are reachable; the first transfer doubles as the
            // presence check.
            if (!WriteByte(Register.Cfg0, 0)) return SensorStatus.Absent;
            byte id;
            if (!TryReadByte(Register.Id, out id)) return SensorStatus.BusError;
            ChipId = id;
            if ((id & IdMask) != IdValue) return SensorStatus.WrongIdentity;

            _astep = AstepFor(integrationTimeUs);

            if (!WriteByte(Register.Enable, EnablePon)) return SensorStatus.BusError;
            if (!WriteByte(Register.Atime, DefaultAtime)) return SensorStatus.BusError;
            _write[0] = (byte)Register.AstepL;
            _write[1] = (byte)(_astep & 0xFF);
            _write[2] = (byte)(_astep >> 8);
            if (!_bus.Write(_write, 3)) return SensorStatus.BusError;
            if (!WriteByte(Register.Cfg1, (byte)_gainLevel)) return SensorStatus.BusError;
            _initialised = true;
            SensorStatus s = SelectChannels(channels);
            if (s != SensorStatus.Ok) _initialised = false;
            return s;
        }

        private static int AstepFor(int integrationTimeUs)
        {
            long stepNs = (long)(DefaultAtime + 1) * StepUnitNs;
            long astep = ((long)integrationTimeUs * 1000 + stepNs / 2) / stepNs - 1;
            if (astep < 0) astep = 0;
            if (astep > 65534) astep = 65534;
            return (int)astep;
        }

        public SensorStatus SetIntegrationTime(int integrationTimeUs)
        {
            if (!_initialised) return SensorStatus.NotInitialised;
            int astep = AstepFor(integrationTimeUs);
            if (astep == _astep) return SensorStatus.Ok;
            _write[0] = (byte)Register.AstepL;
            _write[1] = (byte)(astep & 0xFF);
            _write[2] = (byte)(astep >> 8);
            if (!_bus.Write(_write, 3)) return SensorStatus.BusError;
            _astep = astep;
            return SensorStatus.Ok;
        }

        /// <summary>Loads a SMUX configuration (sequence in the class summary; stops the ADC).</summary>
        public SensorStatus SelectChannels(As7341ChannelSet channels)
        {
            if (!_initialised) return SensorStatus.NotInitialised;
            byte[] table = channels == As7341ChannelSet.F1F4ClearNir ? SmuxF1F4
                : channels == As7341ChannelSet.F5F8ClearNir ? SmuxF5F8
                : channels == As7341ChannelSet.SpectrumA ? SmuxSpectrumA
                : channels == As7341ChannelSet.SpectrumB ? SmuxSpectrumB
                : channels == As7341ChannelSet.SpectrumJoint ? SmuxSpectrumJoint : SmuxFluorescence;
            if (!WriteByte(Register.Enable, EnablePon)) return SensorStatus.BusError;          // 1. SP_EN = 0
            if (!WriteByte(Register.Cfg6, Cfg6SmuxWrite)) return SensorStatus.BusError;       // 2. SMUX_CMD = write
            _write[0] = 0x00;                                                                   // 3. RAM 0x00–0x13
            for (int i = 0; i < 20; i++) _write[i + 1] = table[i];
            if (!_bus.Write(_write, 21)) return SensorStatus.BusError;
            if (!WriteByte(Register.Enable, (byte)(EnablePon | EnableSmuxEn))) return SensorStatus.BusError; // 4.
            // 5. SMUX_EN clears when the configuration is loaded.
            SensorStatus s = StatusPoll.Until(_bus, _delay, _write, _read, (byte)Register.Enable, EnableSmuxEn, 0, 20);
            if (s != SensorStatus.Ok) return s;
            _set = channels;
            return SensorStatus.Ok;
        }

        public SensorStatus SetGainLevel(int level)
        {
            if (level < 0 || level >= GainMilliTable.Length) return SensorStatus.InvalidArgument;
            if (!_initialised) return SensorStatus.NotInitialised;
            if (!WriteByte(Register.Cfg1, (byte)level)) return SensorStatus.BusError;
            _gainLevel = level;
            return SensorStatus.Ok;
        }

        public SensorStatus StartIntegration()
        {
            if (!_initialised) return SensorStatus.NotInitialised;
            if (!WriteByte(Register.Enable, EnablePon)) return SensorStatus.BusError;
            if (!WriteByte(Register.Enable, (byte)(EnablePon | EnableSpEn))) return SensorStatus.BusError;
            return SensorStatus.Ok;
        }

        /// <summary>Waits for AVALID and reads ADC0–5 (12 bytes from 0x95, low byte first).</summary>
        public SensorStatus TryReadChannels(out As7341Reading reading)
        {
            reading = new As7341Reading();
            bool saturated;
            SensorStatus s = ReadAdcs(out saturated);
            if (s != SensorStatus.Ok) return s;
            reading.Set = _set;
            reading.Ch0 = _channels[0];
            reading.Ch1 = _channels[1];
            reading.Ch2 = _channels[2];
            reading.Ch3 = _channels[3];
            reading.Ch4 = _channels[4];
            reading.Ch5 = _channels[5];
            reading.GainMilli = GainMilliTable[_gainLevel];
            reading.IntegrationTimeUs = IntegrationTimeUs;
            reading.FullScale = FullScale;
            reading.Saturated = saturated;
            return SensorStatus.Ok;
        }

        /// <summary>Raw count of ADC <paramref name="adc"/> (0–5) from the last reading (the spectrum's extra
        /// channels: ADC0 and ADC5 under SpectrumA/SpectrumB/SpectrumJoint).</summary>
        public int LastChannel(int adc)
        {
            if (adc < 0 || adc >= 6) return 0;
            return _channels[adc];
        }

        /// <summary>True for the channel sets that route F2, F7, F4 and Clear to ADC1–4 (the bands
        /// <see cref="ReadWhenReady"/> reports).</summary>
        public static bool HasFluorescenceBands(As7341ChannelSet set)
        {
            return set == As7341ChannelSet.Fluorescence || set == As7341ChannelSet.SpectrumA || set == As7341ChannelSet.SpectrumB
                || set == As7341ChannelSet.SpectrumJoint;
        }

        /// <summary>Blue = F2, Green = F4, Red = F7, Clear; needs the Fluorescence, SpectrumA, SpectrumB or SpectrumJoint channel set.</summary>
        public SensorStatus ReadWhenReady(out BandReading reading)
        {
            reading = new BandReading();
            if (!HasFluorescenceBands(_set)) return SensorStatus.InvalidArgument;
            bool saturated;
            SensorStatus s = ReadAdcs(out saturated);
            if (s != SensorStatus.Ok) return s;
            reading.Blue = _channels[1];
            reading.Green = _channels[3];
            reading.Red = _channels[2];
            reading.Clear = _channels[4];
            reading.FullScale = FullScale;
            reading.GainMilli = GainMilliTable[_gainLevel];
            reading.IntegrationTimeUs = IntegrationTimeUs;
            reading.Saturated = saturated;
            return SensorStatus.Ok;
        }

        // Waits for AVALID and reads ADC0–5 into _channels; saturated when any reached full scale.
        private SensorStatus ReadAdcs(out bool saturated)
        {
            saturated = false;
            if (!_initialised) return SensorStatus.NotInitialised;
            SensorStatus s = StatusPoll.WaitForData(_bus, _delay, _write, _read, (byte)Register.Status2, Status2Avalid,
                (IntegrationTimeUs + 999) / 1000);
            if (s != SensorStatus.Ok) return s;
            _write[0] = (byte)Register.Ch0DataL;
            if (!_bus.WriteRead(_write, 1, _read, 12)) return SensorStatus.BusError;
            int fs = FullScale;
            for (int i = 0; i < 6; i++)
            {
                int v = _read[2 * i] | (_read[2 * i + 1] << 8);
                _channels[i] = v;
                if (v >= fs) saturated = true;
            }
            return SensorStatus.Ok;
        }

        public void PowerDown()
        {
            WriteByte(Register.Enable, 0);
        }

        private bool WriteByte(Register register, byte value)
        {
            _write[0] = (byte)register;
            _write[1] = value;
            return _bus.Write(_write, 2);
        }

        private bool TryReadByte(Register register, out byte value)
        {
            _write[0] = (byte)register;
            value = 0;
            if (!_bus.WriteRead(_write, 1, _read, 1)) return false;
            value = _read[0];
            return true;
        }

        /// <summary>Register addresses [ADS register map].</summary>
        internal enum Register : byte
        {
            Enable = 0x80,
            Atime = 0x81,
            Wtime = 0x83,
            AuxId = 0x90,
            RevId = 0x91,
            Id = 0x92,
            Status = 0x93,
            AStatus = 0x94,
            Ch0DataL = 0x95,
            Status2 = 0xA3,
            Cfg0 = 0xA9,
            Cfg1 = 0xAA,
            Cfg6 = 0xAF,
            AstepL = 0xCA,
            AstepH = 0xCB,
            FdStatus = 0xDB,
        }
    }

    /// <summary>One AS7341 reading: raw counts of ADC0–5 under a channel set, with gain and time.</summary>
    public struct As7341Reading
    {
        public As7341ChannelSet Set;
        public int Ch0;
        public int Ch1;
        public int Ch2;
        public int Ch3;
        public int Ch4;
        public int Ch5;
        public int GainMilli;
        public int IntegrationTimeUs;
        public int FullScale;
        public bool Saturated;
    }
}
