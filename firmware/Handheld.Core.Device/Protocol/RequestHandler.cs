using Handheld.Core.Calibration;
using Handheld.Core.Crypto;
using Handheld.Core.Ports;
using Handheld.Core.Records;
using Handheld.Core.Trust;

namespace Handheld.Core.Protocol
{
    /// <summary>
    /// The device side of the protocol: turns one request payload into one response payload (or an error
    /// code). Pure logic over ports; the same class runs in the firmware, the simulator and SDK tests.
    /// Every request except GetInfo needs an authenticated (paired, LE Secure Connections) link; list
    /// changes additionally need a valid signature whatever the link (checked by <see cref="ListUpdater"/>).
    /// </summary>
    public sealed class RequestHandler
    {
        /// <summary>Largest record the sync path carries.</summary>
        public const int MaxRecordLength = 1024;
        /// <summary>Clock values outside [2020-09-13, 2100-01-01) are refused.</summary>
        public const long MinUnixTime = 1600000000;
        public const long MaxUnixTime = 4102444800;

        private readonly IRecordSource _records;
        private readonly ListUpdater _lists;
        private readonly IWallClock _clock;
        private readonly IClockSetter _clockSetter;
        private readonly IConfigStore _config;
        private readonly ISelfTest _selfTest;
        private readonly IProvisioningStore _provisioning;
        private readonly IDeviceStatus _status;
        private readonly IHash256 _hash;
        private readonly byte[] _record = new byte[MaxRecordLength];
        private readonly byte[] _digest = new byte[32];
        private readonly SyncCheckpoint _checkpoint = new SyncCheckpoint();
        private CalibrationService _calibration;

        public RequestHandler(IRecordSource records, ListUpdater lists, IWallClock clock, IClockSetter clockSetter,
            IConfigStore config, ISelfTest selfTest, IProvisioningStore provisioning, IDeviceStatus status, IHash256 hash)
        {
            _records = records;
            _lists = lists;
            _clock = clock;
            _clockSetter = clockSetter;
            _config = config;
            _selfTest = selfTest;
            _provisioning = provisioning;
            _status = status;
            _hash = hash;
        }

        /// <summary>Tile calibration (Calibrate, §5.8); null on a device without a measuring head, which answers
        /// Calibrate with <see cref="ErrorCode.Unsupported"/>.</summary>
        public CalibrationService Calibration
        {
            get { return _calibration; }
            set { _calibration = value; }
        }

        /// <summary>Handles a request. Returns <see cref="ErrorCode.None"/> with the response payload in
        /// <paramref name="response"/>, or an error code (the response is then discarded).</summary>
        public byte Handle(byte type, byte[] payload, int offset, int count, bool authenticated, PayloadWriter response)
        {
            response.Reset();
            PayloadReader r = new PayloadReader(payload, offset, count);
            if (type == MessageType.GetInfo) return r.Done ? GetInfo(authenticated, response) : ErrorCode.MalformedPayload;
            switch (type)
            {
                case MessageType.SetTime:
                case MessageType.SyncRead:
                case MessageType.SyncCommit:
                case MessageType.GetCheckpoint:
                case MessageType.ListBegin:
                case MessageType.ListChunk:
                case MessageType.ListCommit:
                case MessageType.ConfigGet:
                case MessageType.ConfigSet:
                case MessageType.SelfTest:
                case MessageType.Calibrate:
                case MessageType.Provision:
                    if (!authenticated) return ErrorCode.NotAuthenticated;
                    break;
                default:
                    return ErrorCode.UnknownType;
            }
            byte result;
            switch (type)
            {
                case MessageType.SetTime: result = SetTime(r, response); break;
                case MessageType.SyncRead: result = SyncRead(r, response); break;
                case MessageType.SyncCommit: result = SyncCommit(r, response); break;
                case MessageType.GetCheckpoint: result = GetCheckpoint(r, response); break;
                case MessageType.ListBegin: result = ListBegin(r, response); break;
                case MessageType.ListChunk: result = ListChunk(r, response); break;
                case MessageType.ListCommit: result = ListCommit(r, response); break;
                case MessageType.ConfigGet: result = ConfigGet(r, response); break;
                case MessageType.ConfigSet: result = ConfigSet(r, response); break;
                case MessageType.SelfTest: result = SelfTest(r, response); break;
                case MessageType.Calibrate: result = Calibrate(r, response); break;
                default: result = Provision(r, response); break;
            }
            if (result == ErrorCode.None && !response.Ok) result = ErrorCode.TooLarge;
            return result;
        }

        private byte GetInfo(bool authenticated, PayloadWriter w)
        {
            DeviceInfo i = new DeviceInfo();
            i.Provisioned = _provisioning.IsProvisioned;
            byte[] id = _provisioning.DeviceId;
            if (id != null && id.Length == 16) i.DeviceId = id;
            i.FirmwareVersion = _status.FirmwareVersion;
            TrustList t = _lists.TrustList;
            if (t != null)
            {
                i.TrustListVersion = t.Version;
                i.TrustListExpiresAt = t.ExpiresAtUnix;
            }
            RevocationIndex rv = _lists.Revocations;
            i.RevocationListVersion = (uint)rv.ListVersion;
            i.RevocationListExpiresAt = rv.ExpiresAtUnix;
            i.RevocationCount = (uint)rv.EntryCount;
            long now;
            ClockSource src;
            if (!_clock.TryRead(out now, out src))
            {
                now = 0;
                src = ClockSource.Unset;
            }
            i.ClockSource = src;
            i.ClockUnix = now;
            i.FirstSequence = (uint)_records.FirstSequence;
            i.LastSequence = (uint)_records.LastSequence;
            i.SyncedThrough = (uint)_records.SyncedThrough;
            i.StorageUsedBytes = (uint)_records.UsedBytes;
            i.StorageCapacityBytes = (uint)_records.CapacityBytes;
            int pct = _status.BatteryPercent;
            i.BatteryPercent = pct < 0 || pct > 100 ? (byte)255 : (byte)pct;
            i.BatteryMillivolts = _status.BatteryMillivolts;
            i.LinkAuthenticated = authenticated;
            i.Encode(w);
            return ErrorCode.None;
        }

        private byte SetTime(PayloadReader r, PayloadWriter w)
        {
            long unix = r.I64();
            if (!r.Done) return ErrorCode.MalformedPayload;
            if (unix < MinUnixTime || unix >= MaxUnixTime) return ErrorCode.BadTime;
            long before;
            ClockSource src;
            if (!_clock.TryRead(out before, out src))
            {
                before = 0;
                src = ClockSource.Unset;
            }
            byte e = _clockSetter.SetTime(unix, ClockSource.AppSynced);
            if (e != ErrorCode.None) return e;
            w.U8((byte)src);
            w.I64(before);
            return ErrorCode.None;
        }

        private byte SyncRead(PayloadReader r, PayloadWriter w)
        {
            long from = r.U32();
            int maxCount = r.U16();
            int maxBytes = r.U16();
            if (!r.Done) return ErrorCode.MalformedPayload;
            if (maxBytes == 0 || maxBytes > w.Remaining) maxBytes = w.Remaining;
            if (maxCount == 0 || maxCount > 255) maxCount = 255;
            long last = _records.LastSequence;
            long first = _records.FirstSequence;
            if (from < first) from = first;
            if (from < 1) from = 1;
            w.U32((uint)last);
            w.U32((uint)_records.SyncedThrough);
            int countAt = w.Reserve(1);
            int used = 9;
            int n = 0;
            for (long seq = from; seq <= last && n < maxCount && last > 0; seq++)
            {
                int len = _records.ReadRecord(seq, _record);
                if (len < 0) len = 0;
                if (used + 6 + len > maxBytes)
                {
                    if (n == 0) return ErrorCode.TooLarge;
                    break;
                }
                w.U32((uint)seq);
                w.U16(len);
                w.Bytes(_record, 0, len);
                used += 6 + len;
                n++;
            }
            if (countAt >= 0) w.Buffer[countAt] = (byte)n;
            return ErrorCode.None;
        }

        // Releases after..through only against proof that the app received each of them: the chain hash of
        // `through` (the head it stored) and the receipt proof over the MACs of after+1..through (SyncProof).
        // A 1.0 commit (hash of one record) is refused: reading record k alone yields that hash.
        private byte SyncCommit(PayloadReader r, PayloadWriter w)
        {
            if (r.Remaining == 4 + 32) return ErrorCode.CommitProofRequired;
            long after = r.U32();
            long through = r.U32();
            int chainAt = r.Skip(32);
            int proofAt = r.Skip(32);
            if (!r.Done) return ErrorCode.MalformedPayload;
            long synced = _records.SyncedThrough;
            if (through > synced)
            {
                if (through > _records.LastSequence || after > synced || after >= through || after + 1 < _records.FirstSequence)
                    return ErrorCode.OutOfRange;
                if (through - after > SyncProof.MaxCommitSpan) return ErrorCode.TooLarge;
                byte[] p = r.Buffer;
                int len = ReadForProof(through);
                _hash.Reset();
                _hash.Update(_record, 0, len);
                _hash.Final(_digest, 0);
                if (!RecordCodec.Equal32(_digest, 0, p, chainAt)) return ErrorCode.HashMismatch;
                _hash.Reset();
                for (long seq = after + 1; seq <= through; seq++) SyncProof.Add(_hash, _record, 0, ReadForProof(seq));
                _hash.Final(_digest, 0);
                if (!RecordCodec.Equal32(_digest, 0, p, proofAt)) return ErrorCode.HashMismatch;
                if (!_records.MarkSynced(through)) return ErrorCode.StorageFault;
                synced = _records.SyncedThrough;
            }
            w.U32((uint)synced);
            return ErrorCode.None;
        }

        private int ReadForProof(long sequence)
        {
            int len = _records.ReadRecord(sequence, _record);
            return len < 0 ? 0 : len;
        }

        // An authenticated snapshot of the log's ends for a reader with no earlier record (SyncCheckpoint).
        private byte GetCheckpoint(PayloadReader r, PayloadWriter w)
        {
            int challengeAt = r.Skip(16);
            // Revision 2: a trailing form byte 2 asks for the form with the log's state (an older app sends none).
            byte form = 1;
            if (r.Remaining == 1) form = r.U8();
            if (!r.Done || (form != 1 && form != 2)) return ErrorCode.MalformedPayload;
            if (!_provisioning.IsProvisioned) return ErrorCode.NotProvisioned;
            SyncCheckpoint c = _checkpoint;
            c.Form = form;
            IRecordLogState state = _records as IRecordLogState;
            c.LogState = state != null ? state.LogState : SyncCheckpoint.LogStateNotReported;
            c.CommittedThrough = (uint)(state != null ? state.CommittedThrough : _records.LastSequence);
            byte[] id = _provisioning.DeviceId;
            for (int i = 0; i < 16; i++) c.DeviceId[i] = id != null && id.Length == 16 ? id[i] : (byte)0;
            long first = _records.FirstSequence;
            long synced = _records.SyncedThrough;
            c.FirstSequence = (uint)first;
            c.AnchorSequence = (uint)synced;
            if (synced > 0 && first > 0 && synced >= first)
            {
                int len = ReadForProof(synced);
                _hash.Reset();
                _hash.Update(_record, 0, len);
                _hash.Final(c.AnchorHash, 0);
            }
            else
            {
                // The cursor is at the tail's predecessor (every stored record unreleased, or none stored).
                long tailPrev;
                _records.GetAnchor(out tailPrev, c.AnchorHash, 0);
                if (tailPrev != synced) return ErrorCode.StorageFault;
            }
            c.HeadSequence = (uint)_records.LastSequence;
            _records.GetHeadHash(c.HeadHash, 0);
            long now;
            ClockSource src;
            if (!_clock.TryRead(out now, out src))
            {
                now = 0;
                src = ClockSource.Unset;
            }
            c.UnixSeconds = now;
            c.ClockSource = src;
            byte[] p = r.Buffer;
            for (int i = 0; i < 16; i++) c.Challenge[i] = p[challengeAt + i];
            int start = w.Length;
            c.EncodeUnsigned(w);
            if (!w.Ok) return ErrorCode.TooLarge;
            if (!_records.Authenticate(w.Buffer, w.Offset + start, c.MacCovered, _digest, 0)) return ErrorCode.NotProvisioned;
            w.Bytes(_digest, 0, 32);
            return ErrorCode.None;
        }

        private byte ListBegin(PayloadReader r, PayloadWriter w)
        {
            int kind = r.U8();
            uint total = r.U32();
            int shaAt = r.Skip(32);
            if (!r.Done) return ErrorCode.MalformedPayload;
            if (total > 0x7FFFFFFF) return ErrorCode.ListTooLarge;
            int staged;
            byte e = _lists.Begin(kind, (int)total, r.Buffer, shaAt, out staged);
            if (e != ErrorCode.None) return e;
            w.U8(kind);
            w.U32((uint)staged);
            return ErrorCode.None;
        }

        private byte ListChunk(PayloadReader r, PayloadWriter w)
        {
            int kind = r.U8();
            uint offset = r.U32();
            int n = r.Remaining;
            int at = r.Skip(n);
            if (!r.Done || n == 0) return ErrorCode.MalformedPayload;
            if (offset > 0x7FFFFFFF) return ErrorCode.BadOffset;
            int staged;
            byte e = _lists.Chunk(kind, (int)offset, r.Buffer, at, n, out staged);
            if (e != ErrorCode.None) return e;
            w.U8(kind);
            w.U32((uint)staged);
            return ErrorCode.None;
        }

        private byte ListCommit(PayloadReader r, PayloadWriter w)
        {
            int kind = r.U8();
            if (!r.Done) return ErrorCode.MalformedPayload;
            uint version;
            long now;
            ClockSource src;
            bool clockSet = _clock.TryRead(out now, out src) && src != ClockSource.Unset;
            byte e = _lists.Commit(kind, clockSet, now, out version);
            if (e != ErrorCode.None) return e;
            w.U8(kind);
            w.U32(version);
            return ErrorCode.None;
        }

        private byte ConfigGet(PayloadReader r, PayloadWriter w)
        {
            if (!r.Done) return ErrorCode.MalformedPayload;
            int n = _config.Count;
            if (n > 255) n = 255;
            w.U8(n);
            for (int i = 0; i < n; i++)
            {
                byte key;
                int value;
                if (!_config.GetAt(i, out key, out value)) return ErrorCode.StorageFault;
                w.U8(key);
                w.U32((uint)value);
            }
            return ErrorCode.None;
        }

        private byte ConfigSet(PayloadReader r, PayloadWriter w)
        {
            byte key = r.U8();
            int value = (int)r.U32();
            if (!r.Done) return ErrorCode.MalformedPayload;
            byte e = _config.Set(key, value);
            if (e != ErrorCode.None) return e;
            w.U8(key);
            w.U32((uint)value);
            return ErrorCode.None;
        }

        private byte SelfTest(PayloadReader r, PayloadWriter w)
        {
            if (!r.Done) return ErrorCode.MalformedPayload;
            SelfTestResult[] results = _selfTest.Run();
            int n = results == null ? 0 : results.Length;
            if (n > 255) n = 255;
            w.U8(n);
            for (int i = 0; i < n; i++)
            {
                w.U8(results[i].TestId);
                w.U8(results[i].Status);
                w.U32((uint)results[i].Detail);
            }
            return ErrorCode.None;
        }

        // Mode 0 measures the tile and stores within limits, mode 1 reports the stored calibration (§5.8).
        private byte Calibrate(PayloadReader r, PayloadWriter w)
        {
            int mode = r.U8();
            if (!r.Done || mode > 1) return ErrorCode.MalformedPayload;
            if (_calibration == null) return ErrorCode.Unsupported;
            if (!_provisioning.IsProvisioned) return ErrorCode.NotProvisioned;
            return _calibration.Calibrate(mode, w);
        }

        private byte Provision(PayloadReader r, PayloadWriter w)
        {
            byte[] id = r.Bytes(16);
            byte[] key = r.Bytes(32);
            long unix = r.I64();
            if (!r.Done) return ErrorCode.MalformedPayload;
            if (_provisioning.IsProvisioned) return ErrorCode.AlreadyProvisioned;
            if (unix != 0 && (unix < MinUnixTime || unix >= MaxUnixTime)) return ErrorCode.BadTime;
            // All-zero id is GetInfo's "not provisioned"; an all-zero key is no secret. Either is a factory fault.
            if (AllZero(id) || AllZero(key)) return ErrorCode.MalformedPayload;
            byte e = _provisioning.Provision(id, key);
            if (e != ErrorCode.None) return e;
            // Identity first: the factory clock's CLOCK_CHANGE record needs the record key just stored.
            return unix != 0 ? _clockSetter.SetTime(unix, ClockSource.Factory) : ErrorCode.None;
        }

        private static bool AllZero(byte[] b)
        {
            int acc = 0;
            for (int i = 0; i < b.Length; i++) acc |= b[i];
            return acc == 0;
        }
    }
}
