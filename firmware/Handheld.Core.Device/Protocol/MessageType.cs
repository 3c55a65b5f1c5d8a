namespace Handheld.Core.Protocol
{
    /// <summary>Message type codes (docs/ble-protocol.md §5). A response has the request's type with bit 7
    /// set; events and errors use their own codes. Wire values; never renumber.</summary>
    public static class MessageType
    {
        public const byte GetInfo = 0x01;
        public const byte SetTime = 0x02;
        public const byte SyncRead = 0x10;
        public const byte SyncCommit = 0x11;
        /// <summary>Authenticated checkpoint of the log (protocol revision 1).</summary>
        public const byte GetCheckpoint = 0x12;
        public const byte ListBegin = 0x20;
        public const byte ListChunk = 0x21;
        public const byte ListCommit = 0x22;
        public const byte ConfigGet = 0x30;
        public const byte ConfigSet = 0x31;
        public const byte SelfTest = 0x40;
        /// <summary>Tile calibration: measure and store, or report the stored one (document revision 1.3, §5.8).</summary>
        public const byte Calibrate = 0x41;
        public const byte Provision = 0x50;

        /// <summary>Bit set on a request's type to form its response type.</summary>
        public const byte ResponseFlag = 0x80;
        /// <summary>Unsolicited live inspection result (request id 0).</summary>
        public const byte InspectionEvent = 0xE0;
        /// <summary>Error reply to any request.</summary>
        public const byte Error = 0xFF;

        public static byte ResponseTo(byte requestType)
        {
            return (byte)(requestType | ResponseFlag);
        }
    }
}
