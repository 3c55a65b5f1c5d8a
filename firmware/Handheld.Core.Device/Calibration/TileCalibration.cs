using Handheld.Core.Checksums;
using Handheld.Core.Drivers;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;

namespace Handheld.Core.Calibration
{
    /// <summary>
    /// One tile calibration: the three zone readings, the gains derived from them (permille, per band), the
    /// limits verdict, and when it was made. Its stored form lives in the config region (CalibrationStore);
    /// its readings and gains are the body of the Calibrate response (docs/ble-protocol.md §5.8).
    /// Stored form (<see cref="StoredLength"/> = 78 bytes, little-endian): 'T' 'C' version=1 sensorKind u8,
    /// number u32, unix i64, clockSource u8, limits u16, zones A/B/C (17 bytes each, <see cref="TileZone"/>),
    /// gainBlue/gainGreen/gainRed u16 permille, CRC-16/XMODEM over the preceding 76 bytes.
    /// </summary>
    public sealed class TileCalibration
    {
        public const int StoredLength = 78;
        /// <summary>Readings and gains as they appear on the wire: 3 zones + 3 gains.</summary>
        public const int BodyLength = TileZone.Count * TileZone.EncodedLength + 6;
        private const byte Version = 1;

        public SensorKind Kind;
        /// <summary>Count of calibrations stored on this device (1 for the first); 0 = none.</summary>
        public uint Number;
        public long UnixSeconds;
        public ClockSource Clock;
        /// <summary><see cref="CalibrationLimits"/> flags (a stored calibration has 0).</summary>
        public int Limits;
        public readonly TileZone[] Zones = new TileZone[] { new TileZone(), new TileZone(), new TileZone() };
        /// <summary>Gains in permille (1000 = unit), applied as Q12 to the sampler's blue, green and red.</summary>
        public int GainBluePermille = 1000, GainGreenPermille = 1000, GainRedPermille = 1000;

        public void Clear()
        {
            Kind = SensorKind.Tcs34725; Number = 0; UnixSeconds = 0; Clock = ClockSource.Unset; Limits = 0;
            for (int i = 0; i < TileZone.Count; i++) Zones[i].Clear();
            GainBluePermille = 1000; GainGreenPermille = 1000; GainRedPermille = 1000;
        }

        public void CopyFrom(TileCalibration c)
        {
            Kind = c.Kind; Number = c.Number; UnixSeconds = c.UnixSeconds; Clock = c.Clock; Limits = c.Limits;
            for (int i = 0; i < TileZone.Count; i++) Zones[i].CopyFrom(c.Zones[i]);
            GainBluePermille = c.GainBluePermille; GainGreenPermille = c.GainGreenPermille; GainRedPermille = c.GainRedPermille;
        }

        /// <summary>Zone readings then gains (<see cref="BodyLength"/> bytes).</summary>
        public void EncodeBody(PayloadWriter w)
        {
            for (int i = 0; i < TileZone.Count; i++) Zones[i].Encode(w);
            w.U16(GainBluePermille);
            w.U16(GainGreenPermille);
            w.U16(GainRedPermille);
        }

        public bool DecodeBody(PayloadReader r)
        {
            bool ok = true;
            for (int i = 0; i < TileZone.Count; i++) ok &= Zones[i].Decode(r);
            GainBluePermille = r.U16();
            GainGreenPermille = r.U16();
            GainRedPermille = r.U16();
            return ok && r.Ok;
        }

        /// <summary>Writes the stored form into <paramref name="w"/> (reset by the caller) and its CRC.</summary>
        public void WriteStored(PayloadWriter w)
        {
            int start = w.Length;
            w.U8('T');
            w.U8('C');
            w.U8(Version);
            w.U8((byte)Kind);
            w.U32(Number);
            w.I64(UnixSeconds);
            w.U8((byte)Clock);
            w.U16(Limits);
            EncodeBody(w);
            w.U16(Crc16Xmodem.Compute(w.Buffer, w.Offset + start, StoredLength - 2));
        }

        /// <summary>Parses the stored form; false on a bad magic, version, sensor kind, clock source or CRC
        /// (erased flash included). <paramref name="into"/> may be partly written on false.</summary>
        public static bool TryReadStored(byte[] b, int offset, TileCalibration into)
        {
            if (b == null || offset < 0 || b.Length - offset < StoredLength) return false;
            if (b[offset] != 'T' || b[offset + 1] != 'C' || b[offset + 2] != Version) return false;
            int crc = b[offset + StoredLength - 2] | (b[offset + StoredLength - 1] << 8);
            if (crc != Crc16Xmodem.Compute(b, offset, StoredLength - 2)) return false;
            byte kind = b[offset + 3];
            if (kind != (byte)SensorKind.Tcs34725 && kind != (byte)SensorKind.As7341) return false;
            int clock = b[offset + 16];
            if (clock > (int)ClockSource.Factory) return false;
            into.Kind = (SensorKind)kind;
            into.Number = LittleEndian.ReadU32(b, offset + 4);
            into.UnixSeconds = LittleEndian.ReadI64(b, offset + 8);
            into.Clock = (ClockSource)clock;
            into.Limits = LittleEndian.ReadU16(b, offset + 17);
            int p = offset + 19;
            for (int i = 0; i < TileZone.Count; i++, p += TileZone.EncodedLength)
                if (!into.Zones[i].ReadFrom(b, p)) return false;
            into.GainBluePermille = LittleEndian.ReadU16(b, p);
            into.GainGreenPermille = LittleEndian.ReadU16(b, p + 2);
            into.GainRedPermille = LittleEndian.ReadU16(b, p + 4);
            return true;
        }
    }
}
