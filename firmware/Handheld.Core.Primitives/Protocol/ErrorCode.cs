namespace Handheld.Core.Protocol
{
    /// <summary>Error codes carried by the Error message (type 0xFF). Wire values; never renumber.
    /// See docs/ble-protocol.md §7.</summary>
    public static class ErrorCode
    {
        public const byte None = 0x00;
        // framing (0x01–0x0F)
        public const byte BadCrc = 0x01;
        public const byte UnsupportedVersion = 0x02;
        public const byte TooLarge = 0x03;
        public const byte OutOfSequence = 0x04;
        public const byte MalformedFrame = 0x05;
        // messages (0x10–0x1F)
        public const byte UnknownType = 0x10;
        public const byte MalformedPayload = 0x11;
        public const byte NotAuthenticated = 0x12;
        public const byte NotProvisioned = 0x13;
        public const byte AlreadyProvisioned = 0x14;
        public const byte Busy = 0x15;
        public const byte Unsupported = 0x16;
        // records (0x20–0x2F)
        public const byte OutOfRange = 0x20;
        public const byte HashMismatch = 0x21;
        public const byte StorageFault = 0x22;
        /// <summary>A protocol-1.0 SyncCommit (record hash only, no receipt proof): refused, nothing released.</summary>
        public const byte CommitProofRequired = 0x23;
        // lists (0x30–0x3F)
        public const byte NoTransfer = 0x30;
        public const byte BadOffset = 0x31;
        public const byte Incomplete = 0x32;
        public const byte BadList = 0x33;
        public const byte BadSignature = 0x34;
        public const byte Rollback = 0x35;
        public const byte UnknownIssuer = 0x36;
        public const byte ListTooLarge = 0x37;
        /// <summary>The pushed list has already expired (or is issued too far ahead) at the device's set clock.</summary>
        public const byte StaleList = 0x38;
        /// <summary>A revocation list whose issuer's province/sector scope does not contain the scope of the
        /// list in force (a provincial key replacing a national list): refused, the old list stays.</summary>
        public const byte ScopeNarrower = 0x39;
        // configuration and time (0x40–0x4F)
        public const byte UnknownKey = 0x40;
        public const byte ValueOutOfRange = 0x41;
        public const byte BadTime = 0x42;
        /// <summary>SetTime moving the clock back by more than the allowed step (docs/ble-protocol.md §5).</summary>
        public const byte ClockBackward = 0x43;

        /// <summary>Short stable name for logs and the CLI (enum ToString gives numbers on the device).</summary>
        public static string Name(int code)
        {
            switch (code)
            {
                case None: return "None";
                case BadCrc: return "BadCrc";
                case UnsupportedVersion: return "UnsupportedVersion";
                case TooLarge: return "TooLarge";
                case OutOfSequence: return "OutOfSequence";
                case MalformedFrame: return "MalformedFrame";
                case UnknownType: return "UnknownType";
                case MalformedPayload: return "MalformedPayload";
                case NotAuthenticated: return "NotAuthenticated";
                case NotProvisioned: return "NotProvisioned";
                case AlreadyProvisioned: return "AlreadyProvisioned";
                case Busy: return "Busy";
                case Unsupported: return "Unsupported";
                case OutOfRange: return "OutOfRange";
                case HashMismatch: return "HashMismatch";
                case StorageFault: return "StorageFault";
                case CommitProofRequired: return "CommitProofRequired";
                case NoTransfer: return "NoTransfer";
                case BadOffset: return "BadOffset";
                case Incomplete: return "Incomplete";
                case BadList: return "BadList";
                case BadSignature: return "BadSignature";
                case Rollback: return "Rollback";
                case UnknownIssuer: return "UnknownIssuer";
                case ListTooLarge: return "ListTooLarge";
                case StaleList: return "StaleList";
                case ScopeNarrower: return "ScopeNarrower";
                case UnknownKey: return "UnknownKey";
                case ValueOutOfRange: return "ValueOutOfRange";
                case BadTime: return "BadTime";
                case ClockBackward: return "ClockBackward";
                default: return "Error" + code.ToString();
            }
        }
    }
}
