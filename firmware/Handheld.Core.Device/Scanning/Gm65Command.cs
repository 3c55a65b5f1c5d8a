using Handheld.Core.Checksums;

namespace Handheld.Core.Scanning
{
    /// <summary>
    /// Encodes GM65 command frames: <c>7E 00 Type Lens AddrHi AddrLo Data… CrcHi CrcLo</c>, CRC-16/XMODEM over
    /// Type..Data (sensor-facts.md §3). Writes into a caller buffer; allocates nothing.
    /// </summary>
    public static class Gm65Command
    {
        /// <summary>Frame type: read zone bytes.</summary>
        public const byte TypeRead = 0x07;
        /// <summary>Frame type: write zone bytes (RAM).</summary>
        public const byte TypeWrite = 0x08;
        /// <summary>Frame type: save the zone bytes to the module's flash.</summary>
        public const byte TypeSave = 0x09;

        /// <summary>Zone 0x0000: b7 LED on success, b5:4 aim, b3:2 light, b1:0 mode (00 manual, 01 command,
        /// 10 continuous, 11 sensor).</summary>
        public const ushort ZoneSettings = 0x0000;
        /// <summary>Zone 0x0002: writing 01 starts a scan while in command mode.</summary>
        public const ushort ZoneTrigger = 0x0002;
        /// <summary>Zone 0x0060: b6:5 tail appended to decoded text (00 CR, 01 CRLF, 10 TAB, 11 none).</summary>
        public const ushort ZoneTail = 0x0060;

        /// <summary>Mask and value of the mode bits in zone 0x0000.</summary>
        public const int ModeMask = 0x03;
        /// <summary>Command-triggered mode (zone 0x0000 b1:0 = 01).</summary>
        public const int ModeCommand = 0x01;
        /// <summary>Mask of the tail bits in zone 0x0060.</summary>
        public const int TailMask = 0x60;
        /// <summary>Tail = CR (b6:5 = 00).</summary>
        public const int TailCr = 0x00;

        /// <summary>Largest frame this encoder produces (one data byte).</summary>
        public const int MaxFrameLength = 9;

        /// <summary>Encodes a frame with one data byte; returns its length (9).</summary>
        public static int Encode(byte type, ushort address, byte data, byte[] output, int offset)
        {
            output[offset] = 0x7E;
            output[offset + 1] = 0x00;
            output[offset + 2] = type;
            output[offset + 3] = 0x01;
            output[offset + 4] = (byte)(address >> 8);
            output[offset + 5] = (byte)address;
            output[offset + 6] = data;
            ushort crc = Crc16Xmodem.Compute(output, offset + 2, 5);
            output[offset + 7] = (byte)(crc >> 8);
            output[offset + 8] = (byte)crc;
            return 9;
        }

        /// <summary>Write one zone byte.</summary>
        public static int EncodeWrite(ushort address, byte value, byte[] output, int offset)
        {
            return Encode(TypeWrite, address, value, output, offset);
        }

        /// <summary>Read one zone byte (the data byte is the number of bytes to read).</summary>
        public static int EncodeRead(ushort address, byte[] output, int offset)
        {
            return Encode(TypeRead, address, 0x01, output, offset);
        }

        /// <summary>Save the zone bytes to the module's flash: <c>7E 00 09 01 00 00 00 DE C8</c>.</summary>
        public static int EncodeSave(byte[] output, int offset)
        {
            return Encode(TypeSave, 0x0000, 0x00, output, offset);
        }

        /// <summary>Start one command-triggered scan: <c>7E 00 08 01 00 02 01 02 DA</c>.</summary>
        public static int EncodeTrigger(byte[] output, int offset)
        {
            return Encode(TypeWrite, ZoneTrigger, 0x01, output, offset);
        }
    }
}
