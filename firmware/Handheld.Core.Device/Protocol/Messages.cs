using Handheld.Core.Ports;

namespace Handheld.Core.Protocol
{
    /// <summary>Payload of the GetInfo response (docs/ble-protocol.md §5.1). Shared by device and SDK.</summary>
    public sealed class DeviceInfo
    {
        public byte ProtocolVersion = Frame.ProtocolVersion;
        public byte[] DeviceId = new byte[16];
        public bool Provisioned;
        public string FirmwareVersion = "";
        public uint TrustListVersion;
        public long TrustListExpiresAt;
        public uint RevocationListVersion;
        public long RevocationListExpiresAt;
        public uint RevocationCount;
        public ClockSource ClockSource;
        public long ClockUnix;
        public uint FirstSequence;
        public uint LastSequence;
        public uint SyncedThrough;
        public uint StorageUsedBytes;
        public uint StorageCapacityBytes;
        /// <summary>0–100, or 255 when unknown.</summary>
        public byte BatteryPercent = 255;
        public int BatteryMillivolts;
        public bool LinkAuthenticated;
        public int MaxPayload = Frame.MaxPayload;
        /// <summary>Protocol revision within version 1: 0 = the original 1.0 (absent from its DeviceInfo), 1 = sync
        /// commits carry a receipt proof and GetCheckpoint exists, 2 = the checkpoint's form 2 reports the record
        /// log's state and committed-through mark (docs/ble-protocol.md §1, §5.3).</summary>
        public byte ProtocolRevision = CurrentRevision;

        /// <summary>Revision this code implements.</summary>
        public const byte CurrentRevision = 2;

        public void Encode(PayloadWriter w)
        {
            w.U8(ProtocolVersion);
            w.Bytes(DeviceId, 0, 16);
            w.U8(Provisioned ? 1 : 0);
            w.Str8(FirmwareVersion);
            w.U32(TrustListVersion);
            w.I64(TrustListExpiresAt);
            w.U32(RevocationListVersion);
            w.I64(RevocationListExpiresAt);
            w.U32(RevocationCount);
            w.U8((byte)ClockSource);
            w.I64(ClockUnix);
            w.U32(FirstSequence);
            w.U32(LastSequence);
            w.U32(SyncedThrough);
            w.U32(StorageUsedBytes);
            w.U32(StorageCapacityBytes);
            w.U8(BatteryPercent);
            w.U16(BatteryMillivolts);
            w.U8(LinkAuthenticated ? 1 : 0);
            w.U16(MaxPayload);
            w.U8(ProtocolRevision);
        }

        /// <summary>Decodes; null when the payload is malformed. Trailing bytes are allowed (later minor versions
        /// append fields).</summary>
        public static DeviceInfo Decode(byte[] b, int offset, int count)
        {
            PayloadReader r = new PayloadReader(b, offset, count);
            DeviceInfo i = new DeviceInfo();
            i.ProtocolVersion = r.U8();
            i.DeviceId = r.Bytes(16);
            i.Provisioned = r.U8() != 0;
            i.FirmwareVersion = r.Str8();
            i.TrustListVersion = r.U32();
            i.TrustListExpiresAt = r.I64();
            i.RevocationListVersion = r.U32();
            i.RevocationListExpiresAt = r.I64();
            i.RevocationCount = r.U32();
            i.ClockSource = (ClockSource)r.U8();
            i.ClockUnix = r.I64();
            i.FirstSequence = r.U32();
            i.LastSequence = r.U32();
            i.SyncedThrough = r.U32();
            i.StorageUsedBytes = r.U32();
            i.StorageCapacityBytes = r.U32();
            i.BatteryPercent = r.U8();
            i.BatteryMillivolts = r.U16();
            i.LinkAuthenticated = r.U8() != 0;
            i.MaxPayload = r.U16();
            i.ProtocolRevision = r.Ok && r.Remaining > 0 ? r.U8() : (byte)0;
            return r.Ok ? i : null;
        }
    }

    /// <summary>A live inspection result pushed by the device (event 0xE0, docs/ble-protocol.md §5.9).
    /// The inspection controller fills it and calls <see cref="LinkSession.PublishInspection"/>.</summary>
    public sealed class InspectionEvent
    {
        /// <summary>Builds the event of a finished inspection stored as record <paramref name="recordSequence"/>.</summary>
        public static InspectionEvent FromSummary(Handheld.Core.Inspection.InspectionSummary s, long recordSequence)
        {
            InspectionEvent e = new InspectionEvent();
            e.RecordSequence = (uint)recordSequence;
            e.UnixSeconds = s.UnixSeconds;
            e.ClockSource = s.ClockSource;
            e.Verdict = (byte)s.Outcome;
            e.ReasonFlags = (uint)s.Reasons;
            e.LicenceNumberUtf8 = s.LicenceNumber == null ? new byte[0] : s.LicenceNumber;
            return e;
        }

        public uint RecordSequence;
        public long UnixSeconds;
        public ClockSource ClockSource;
        /// <summary>Inspection.Outcome: 1 Genuine, 2 Suspect, 3 Forged, 4 Invalid, 5 Unverified.</summary>
        public byte Verdict;
        /// <summary>Reason bit flags of the verdict, in the inspection pipeline's numbering (InspectionSummary.Reasons).</summary>
        public uint ReasonFlags;
        /// <summary>The licence number as UTF-8, as the licence's payload holds it (empty when unknown).</summary>
        public byte[] LicenceNumberUtf8 = new byte[0];

        /// <summary>The licence number as text (host side); "" when unknown or not valid UTF-8.</summary>
        public string LicenceNumber
        {
            get
            {
                string s = LicenceNumberUtf8 == null ? null : Handheld.Core.Text.Utf8.Decode(LicenceNumberUtf8, 0, LicenceNumberUtf8.Length);
                return s == null ? "" : s;
            }
            set { LicenceNumberUtf8 = Handheld.Core.Text.Utf8.EncodeAsHeld(value); }
        }

        public void Encode(PayloadWriter w)
        {
            w.U32(RecordSequence);
            w.I64(UnixSeconds);
            w.U8((byte)ClockSource);
            w.U8(Verdict);
            w.U32(ReasonFlags);
            w.Str8(LicenceNumberUtf8, 0, LicenceNumberUtf8 == null ? 0 : LicenceNumberUtf8.Length);
        }

        public static InspectionEvent Decode(byte[] b, int offset, int count)
        {
            PayloadReader r = new PayloadReader(b, offset, count);
            InspectionEvent e = new InspectionEvent();
            e.RecordSequence = r.U32();
            e.UnixSeconds = r.I64();
            e.ClockSource = (ClockSource)r.U8();
            e.Verdict = r.U8();
            e.ReasonFlags = r.U32();
            e.LicenceNumberUtf8 = r.Str8Bytes();
            if (e.LicenceNumberUtf8 == null) return null;
            return r.Ok ? e : null;
        }
    }

    /// <summary>One record as carried by a SyncRead response. An empty <see cref="Data"/> marks a record
    /// the device could not read (kept apart by the host, hashed as the empty string for commit).</summary>
    public sealed class SyncedRecord
    {
        public uint Sequence;
        public byte[] Data;
    }

    /// <summary>Payload of the SyncRead response (docs/ble-protocol.md §5.3).</summary>
    public sealed class SyncBatch
    {
        public uint LastSequence;
        public uint SyncedThrough;
        public SyncedRecord[] Records;

        public static SyncBatch Decode(byte[] b, int offset, int count)
        {
            PayloadReader r = new PayloadReader(b, offset, count);
            SyncBatch s = new SyncBatch();
            s.LastSequence = r.U32();
            s.SyncedThrough = r.U32();
            int n = r.U8();
            s.Records = new SyncedRecord[n];
            for (int i = 0; i < n && r.Ok; i++)
            {
                SyncedRecord rec = new SyncedRecord();
                rec.Sequence = r.U32();
                rec.Data = r.Bytes(r.U16());
                s.Records[i] = rec;
            }
            return r.Done ? s : null;
        }
    }

    /// <summary>
    /// The GetCheckpoint response (docs/ble-protocol.md §5.3.1): the oldest stored sequence, the sync cursor and the
    /// newest record, the last two with their chain hashes, the device clock and the app's challenge, MACed with the
    /// device's record key. A reader that holds no earlier record checks the first record it reads (cursor + 1)
    /// against the anchor, and the last one against the head. The leading tag byte 0xC1 is never a record format version,
    /// so a checkpoint MAC can never be passed off as a record MAC (same key). Form 2 (tag 0xC2, protocol revision 2,
    /// asked for by a request with the form byte) also carries the log's state at boot and its committed-through mark,
    /// so records erased at rest are named on the host (§5.3.2).
    /// </summary>
    public sealed class SyncCheckpoint
    {
        public const byte Tag = 0xC1;
        /// <summary>Tag of form 2 (with <see cref="LogState"/> and <see cref="CommittedThrough"/>).</summary>
        public const byte Tag2 = 0xC2;
        /// <summary>Encoded length of form 1, MAC included.</summary>
        public const int EncodedBytes = 1 + 16 + 4 + 4 + 32 + 4 + 32 + 8 + 1 + 16 + 32;
        /// <summary>Bytes the MAC covers in form 1 (everything before it).</summary>
        public const int MacCoveredBytes = EncodedBytes - 32;
        /// <summary>Encoded length of form 2, MAC included.</summary>
        public const int EncodedBytes2 = EncodedBytes + 1 + 4;
        /// <summary>Bytes the MAC covers in form 2.</summary>
        public const int MacCoveredBytes2 = EncodedBytes2 - 32;
        /// <summary><see cref="LogState"/> of a device that does not report it.</summary>
        public const byte LogStateNotReported = 255;

        /// <summary>1 (tag 0xC1) or 2 (tag 0xC2).</summary>
        public byte Form = 1;

        public byte[] DeviceId = new byte[16];
        /// <summary>Oldest record still stored (0 when none).</summary>
        public uint FirstSequence;
        /// <summary>The device's SyncedThrough: records after it are unreleased; its chain hash is the anchor
        /// (32 zero bytes for 0).</summary>
        public uint AnchorSequence;
        public byte[] AnchorHash = new byte[32];
        public uint HeadSequence;
        public byte[] HeadHash = new byte[32];
        public long UnixSeconds;
        public ClockSource ClockSource;
        public byte[] Challenge = new byte[16];
        /// <summary>Form 2: the record log's <c>LogOpenResult</c> at boot (0 Ok, 1 Formatted, 2 Corrupt,
        /// 3 AuthenticationFailed, 5 Truncated, 6 UnsupportedLayout; 255 not reported).</summary>
        public byte LogState;
        /// <summary>Form 2: newest sequence the log's authenticated superblock says was committed.</summary>
        public uint CommittedThrough;
        public byte[] Mac = new byte[32];

        /// <summary>Bytes the MAC covers for this checkpoint's form.</summary>
        public int MacCovered { get { return Form == 2 ? MacCoveredBytes2 : MacCoveredBytes; } }

        /// <summary>Writes everything before the MAC (the MAC is appended by the caller).</summary>
        public void EncodeUnsigned(PayloadWriter w)
        {
            w.U8(Form == 2 ? Tag2 : Tag);
            w.Bytes(DeviceId, 0, 16);
            w.U32(FirstSequence);
            w.U32(AnchorSequence);
            w.Bytes(AnchorHash, 0, 32);
            w.U32(HeadSequence);
            w.Bytes(HeadHash, 0, 32);
            w.I64(UnixSeconds);
            w.U8((byte)ClockSource);
            w.Bytes(Challenge, 0, 16);
            if (Form == 2)
            {
                w.U8(LogState);
                w.U32(CommittedThrough);
            }
        }

        /// <summary>Strict decode (MAC copied, not checked); null when malformed.</summary>
        public static SyncCheckpoint Decode(byte[] b, int offset, int count)
        {
            PayloadReader r = new PayloadReader(b, offset, count);
            SyncCheckpoint c = new SyncCheckpoint();
            byte tag = r.U8();
            if (tag != Tag && tag != Tag2) return null;
            c.Form = tag == Tag2 ? (byte)2 : (byte)1;
            c.DeviceId = r.Bytes(16);
            c.FirstSequence = r.U32();
            c.AnchorSequence = r.U32();
            c.AnchorHash = r.Bytes(32);
            c.HeadSequence = r.U32();
            c.HeadHash = r.Bytes(32);
            c.UnixSeconds = r.I64();
            c.ClockSource = (ClockSource)r.U8();
            c.Challenge = r.Bytes(16);
            if (c.Form == 2)
            {
                c.LogState = r.U8();
                c.CommittedThrough = r.U32();
            }
            c.Mac = r.Bytes(32);
            return r.Done ? c : null;
        }
    }
}
