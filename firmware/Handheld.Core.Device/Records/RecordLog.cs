using Handheld.Core.Checksums;
using Handheld.Core.Crypto;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;

namespace Handheld.Core.Records
{
    /// <summary>
    /// Append-only, power-cut-safe, circular inspection-record log on <see cref="IBlockStorage"/>
    /// (layout in docs/record-format.md §3). Two alternating superblocks hold the tail (oldest kept record),
    /// the sync cursor and the chain hash before the tail; entries carry magic, sequence, length and a
    /// CRC-32 over header and body, each written by one Write and made durable by Flush before Append returns.
    /// Recovery walks from the tail and accepts entry N+1 only with sequence N+1 and a good CRC, so a torn
    /// write (any prefix stored) is simply the end of the log and stale entries from earlier laps (lower
    /// sequences) are never mistaken for new ones. Space is reused only over records the app has
    /// acknowledged (<see cref="MarkSynced(uint)"/>), and the superblock moves the tail durably before any
    /// byte of a reclaimed record is overwritten. When no acknowledged space is left, Append refuses
    /// (<see cref="AppendResult.FullUnsynced"/>): an unsynced record is never overwritten.
    /// Buffers are allocated once in the constructor.
    /// </summary>
    public sealed class RecordLog
    {
        /// <summary>Bytes of one superblock slot (layout version 2: MACed, with the committed-through mark).</summary>
        public const int SuperblockBytes = 128;
        /// <summary>Superblock layout version this code writes and reads.</summary>
        public const byte LayoutVersion = 2;
        /// <summary>Superblock bytes covered by its HMAC (the MAC follows them).</summary>
        internal const int SuperblockMacCovered = 64;
        /// <summary>Offset of the superblock's CRC-32 (over every byte before it).</summary>
        internal const int SuperblockCrcOffset = SuperblockBytes - 4;
        /// <summary>Start of the entry area (after the two superblocks).</summary>
        public const int DataStart = 2 * SuperblockBytes;
        /// <summary>Entry header (magic 2, type 1, reserved 1, sequence 4, length 2, reserved 2).</summary>
        public const int EntryHeaderBytes = 12;
        /// <summary>Header plus the trailing CRC-32.</summary>
        public const int EntryOverheadBytes = EntryHeaderBytes + 4;
        /// <summary>Largest entry.</summary>
        public const int MaxEntryBytes = EntryOverheadBytes + RecordCodec.MaxEncodedBytes;

        internal const byte EntryMagic0 = 0x48; // 'H'
        internal const byte EntryMagic1 = 0x4C; // 'L'
        internal const byte TypeRecord = 0x01;
        internal const byte TypeWrap = 0x02;

        private readonly IBlockStorage _storage;
        private readonly byte[] _key;
        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _write = new byte[MaxEntryBytes];
        private readonly byte[] _read = new byte[MaxEntryBytes];
        private readonly byte[] _super = new byte[SuperblockBytes];
        private readonly byte[] _scratch = new byte[32];
        private readonly byte[] _superMac = new byte[32];
        private readonly byte[] _lastHash = new byte[32];
        private readonly byte[] _tailPrevHash = new byte[32];
        private readonly InspectionRecord _check = new InspectionRecord();
        private readonly int _end;
        private bool _open;
        private bool _faulted;
        private uint _generation;
        private int _tailPos;
        private uint _tailSeq;
        private int _headPos;
        private uint _nextSeq;
        private uint _synced;
        private uint _committedMark;
        private int _unsyncedPos;
        private int _cachePos;
        private uint _cacheSeq;
        private LogOpenResult _openResult = LogOpenResult.Corrupt;

        /// <summary>Creates a log over <paramref name="storage"/>, authenticating records with the per-device
        /// key provisioned at the factory. Call <see cref="Open"/> before use.</summary>
        public RecordLog(IBlockStorage storage, byte[] deviceKey)
        {
            _storage = storage;
            _key = deviceKey;
            _end = storage.Capacity;
            LowWaterBytes = (_end - DataStart) / 10; // warn with a tenth of the area left (~39 typical records in 96 KB)
        }

        /// <summary>Append reports <see cref="AppendResult.OkStorageLow"/> once free space drops below this.</summary>
        public int LowWaterBytes { get; set; }

        /// <summary>Oldest record still stored (synced records stay readable until their space is reused).</summary>
        public uint FirstSequence { get { return _tailSeq; } }

        /// <summary>Newest committed record, or FirstSequence - 1 when the log is empty.</summary>
        public uint LastSequence { get { return _nextSeq - 1; } }

        /// <summary>Number of stored records.</summary>
        public int Count { get { return (int)(_nextSeq - _tailSeq); } }

        /// <summary>Highest sequence the app has acknowledged (0 when none).</summary>
        public uint SyncedThrough { get { return _synced; } }

        /// <summary>Number of records not yet acknowledged by the app.</summary>
        public int UnsyncedCount { get { return _synced >= _nextSeq - 1 ? 0 : (int)(_nextSeq - 1 - _synced); } }

        /// <summary>Bytes available for new records, counting space held by synced records as free (it is
        /// reclaimed on demand). Up to one entry of it may be lost to the gap at the wrap point.</summary>
        public int FreeBytes
        {
            get
            {
                if (!_open) return 0;
                int size = _end - DataStart;
                if (UnsyncedCount == 0) return size;
                int used = _headPos > _unsyncedPos ? _headPos - _unsyncedPos : (_end - _unsyncedPos) + (_headPos - DataStart);
                return size - used;
            }
        }

        /// <summary>True when another record of the largest possible size is sure to fit: check before starting an
        /// inspection and refuse with "storage full, sync first" when false.</summary>
        public bool HasRoomForRecord { get { return _open && !_faulted && FreeBytes >= 2 * MaxEntryBytes; } }

        /// <summary>SHA-256 chain hash of the newest record (what the next record will link to).</summary>
        public void GetLastHash(byte[] output32, int offset)
        {
            for (int i = 0; i < 32; i++) output32[offset + i] = _lastHash[i];
        }

        /// <summary>Chain hash of record <see cref="FirstSequence"/> − 1, the one the oldest stored record links to
        /// (32 zero bytes while the tail is record 1).</summary>
        public void GetTailPreviousHash(byte[] output32, int offset)
        {
            for (int i = 0; i < 32; i++) output32[offset + i] = _tailPrevHash[i];
        }

        /// <summary>HMAC-SHA256 under this log's device key (checkpoints the sync protocol serves).</summary>
        public void Authenticate(byte[] data, int offset, int count, byte[] mac32, int macOffset)
        {
            HmacSha256.Compute(_key, data, offset, count, mac32, macOffset);
        }

        /// <summary>What the last <see cref="Open"/> found (reported to the app in the checkpoint, so a log erased
        /// at rest is named on the host too, not only at boot).</summary>
        public LogOpenResult OpenResult { get { return _openResult; } }

        /// <summary>Finds the superblock, walks to the last valid record and checks its MAC and chain link.</summary>
        public LogOpenResult Open()
        {
            _openResult = OpenCore();
            return _openResult;
        }

        private LogOpenResult OpenCore()
        {
            _open = false;
            _faulted = false;
            if (_end < DataStart + 4 * MaxEntryBytes) return LogOpenResult.StorageTooSmall;
            // A slot is "valid" when its CRC holds (a torn write never does) and "authenticated" when its HMAC
            // under the device key holds too. A valid slot that does not authenticate was written by someone
            // without the key (a CRC-only rewrite) or the key is wrong: the log opens read-only.
            int best = -1, bestValid = -1;
            uint bestGen = 0, bestValidGen = 0;
            bool forged = false, olderLayout = false;
            for (int slot = 0; slot < 2; slot++)
            {
                uint gen;
                int state = ReadSuperblock(slot, out gen);
                if (state == SlotOlderLayout) olderLayout = true;
                if (state == SlotValid || state == SlotAuthenticated)
                {
                    if (bestValid < 0 || gen > bestValidGen) { bestValid = slot; bestValidGen = gen; }
                }
                if (state == SlotValid) forged = true;
                if (state == SlotAuthenticated && (best < 0 || gen > bestGen))
                {
                    best = slot;
                    bestGen = gen;
                }
            }
            // Never format over (or reinterpret) a layout-1 log: its records are still evidence.
            if (olderLayout && bestValid < 0) return LogOpenResult.UnsupportedLayout;
            bool formatted = false;
            if (bestValid < 0)
            {
                // No valid superblock: the region was never formatted, or the first format was cut.
                // Formatting over existing entries would destroy evidence, so only a region without a
                // valid entry at the start is formatted.
                int len;
                int pos = DataStart;
                if (ReadEntry(ref pos, 1, out len, _read) || HasEntryMagic(DataStart)) return LogOpenResult.Corrupt;
                _generation = 0;
                _tailPos = DataStart;
                _tailSeq = 1;
                _synced = 0;
                _nextSeq = 1;
                for (int i = 0; i < 32; i++) _tailPrevHash[i] = 0;
                // Both slots, so each holds an authenticated superblock from the start.
                WriteSuperblock();
                WriteSuperblock();
                formatted = true;
            }
            else
            {
                // The newest authenticated slot is the log's state; without one, the newest valid slot is
                // read (read-only) so the records stay readable for the verifier.
                int use = best >= 0 ? best : bestValid;
                ReadSuperblock(use, out _generation);
                // The next write must go to the other slot, never over the one in use.
                if (best >= 0 && bestValid >= 0 && bestValidGen > _generation) _generation = bestValidGen;
                _tailPos = Normalize((int)LittleEndian.ReadU32(_super, 12));
                _tailSeq = LittleEndian.ReadU32(_super, 16);
                _synced = LittleEndian.ReadU32(_super, 20);
                _committedMark = LittleEndian.ReadU32(_super, 24);
                for (int i = 0; i < 32; i++) _tailPrevHash[i] = _super[32 + i];
                if (_tailPos < DataStart || _tailPos > _end || _tailSeq == 0) return LogOpenResult.Corrupt;
                // The tail never passes an unsynced record and nothing is synced beyond what was committed.
                if (_tailSeq - 1 > _synced || _synced > _committedMark) return forged ? LogOpenResult.AuthenticationFailed : LogOpenResult.Corrupt;
            }

            // Walk from the tail.
            int p = _tailPos;
            uint seq = _tailSeq;
            int lastPos = -1, lastLen = 0, prevPos = -1, prevLen = 0;
            int guard = (_end - DataStart) / EntryOverheadBytes + 2;
            int length;
            while (guard-- > 0 && ReadEntry(ref p, seq, out length, _read))
            {
                prevPos = lastPos; prevLen = lastLen;
                lastPos = p; lastLen = length;
                p += EntryOverheadBytes + length;
                seq++;
            }
            _headPos = Normalize(p);
            _nextSeq = seq;
            _cacheSeq = _tailSeq;
            _cachePos = _tailPos;
            _open = true;
            for (int i = 0; i < 32; i++) _lastHash[i] = _tailPrevHash[i];

            if (forged)
            {
                _faulted = true;
                UpdateUnsyncedPos();
                return LogOpenResult.AuthenticationFailed;
            }
            // The authenticated mark says every record through it was committed: a log that ends earlier lost
            // records (head or tail erased, synced records erased). Appending would reuse their sequences.
            // A power cut can only leave the log one record *past* the mark (entry durable, mark not yet).
            if (_nextSeq - 1 < _committedMark)
            {
                _faulted = true;
                if (_synced > _nextSeq - 1) _synced = _nextSeq - 1; // in memory only: a faulted log writes nothing
                UpdateUnsyncedPos();
                return LogOpenResult.Truncated;
            }
            UpdateUnsyncedPos();
            if (lastPos < 0) return formatted ? LogOpenResult.Formatted : LogOpenResult.Ok;

            // The newest record must authenticate and link to its predecessor before anything is chained on.
            byte[] expectedPrev = _scratch;
            if (prevPos >= 0)
            {
                _storage.Read(prevPos + EntryHeaderBytes, _read, 0, prevLen);
                RecordCodec.ChainHash(_sha, _read, 0, prevLen, _lastHash, 0);
            }
            _storage.Read(lastPos + EntryHeaderBytes, _read, 0, lastLen);
            RecordStatus s = RecordCodec.DecodeAndVerify(_key, _read, 0, lastLen, _check, expectedPrev);
            bool linked = s == RecordStatus.Ok && _check.Sequence == _nextSeq - 1 && RecordCodec.Equal32(_check.PreviousHash, 0, _lastHash, 0);
            RecordCodec.ChainHash(_sha, _read, 0, lastLen, _lastHash, 0);
            if (!linked)
            {
                _faulted = true;
                return LogOpenResult.AuthenticationFailed;
            }
            return LogOpenResult.Ok;
        }

        /// <summary>Assigns the next sequence and the chain link, seals the record with the device key and
        /// writes it durably. On any result other than Ok/OkStorageLow nothing was committed.</summary>
        public AppendResult Append(InspectionRecord record)
        {
            if (!_open || _faulted) return AppendResult.NotReady;
            record.Sequence = _nextSeq;
            for (int i = 0; i < 32; i++) record.PreviousHash[i] = _lastHash[i];
            RecordStatus status;
            int len = RecordCodec.Seal(record, _key, _write, EntryHeaderBytes, out status);
            if (status != RecordStatus.Ok) return AppendResult.RecordInvalid;
            int need = EntryOverheadBytes + len;

            bool tailMoved = false;
            int writePos;
            bool wrap;
            while (!Fits(need, out writePos, out wrap))
            {
                if (!ReclaimOne()) return AppendResult.FullUnsynced;
                tailMoved = true;
            }
            if (Count == 0 && writePos != _tailPos)
            {
                _tailPos = writePos;
                tailMoved = true;
            }
            // The superblock must point past reclaimed records before any of their bytes change: a cut
            // after this point leaves a tail that still walks to every unsynced record.
            if (tailMoved) WriteSuperblock();

            if (wrap && _end - _headPos >= EntryOverheadBytes)
            {
                // Explicit wrap marker so recovery knows the log continues at the start of the area.
                byte[] w = _read;
                PutHeader(w, TypeWrap, _nextSeq, 0);
                LittleEndian.WriteU32(w, EntryHeaderBytes, Crc32.Compute(w, 0, EntryHeaderBytes));
                _storage.Write(_headPos, w, 0, EntryOverheadBytes);
            }
            PutHeader(_write, TypeRecord, _nextSeq, len);
            LittleEndian.WriteU32(_write, EntryHeaderBytes + len, Crc32.Compute(_write, 0, EntryHeaderBytes + len));
            _storage.Write(writePos, _write, 0, need);
            _storage.Flush();

            RecordCodec.ChainHash(_sha, _write, EntryHeaderBytes, len, _lastHash, 0);
            if (UnsyncedCount == 0) _unsyncedPos = writePos;
            _headPos = Normalize(writePos + need);
            _nextSeq++;
            // The authenticated committed-through mark, after the entry is durable (a cut here leaves the
            // record one past the mark, which recovery accepts).
            WriteSuperblock();
            return FreeBytes < LowWaterBytes ? AppendResult.OkStorageLow : AppendResult.Ok;
        }

        /// <summary>Copies the encoded record <paramref name="sequence"/> (the exact bytes that were MACed and
        /// hashed) into <paramref name="buffer"/>; returns its length, or 0 when it is not stored or the buffer
        /// is too small. Sequential reads are O(1) each.</summary>
        public int ReadRecord(uint sequence, byte[] buffer)
        {
            return ReadRecord(sequence, buffer, 0);
        }

        /// <summary>As <see cref="ReadRecord(uint, byte[])"/>, at <paramref name="offset"/>.</summary>
        public int ReadRecord(uint sequence, byte[] buffer, int offset)
        {
            int pos, len;
            if (!Locate(sequence, out pos, out len)) return 0;
            if (buffer == null || offset < 0 || buffer.Length - offset < len) return 0;
            _storage.Read(pos + EntryHeaderBytes, buffer, offset, len);
            return len;
        }

        /// <summary>Records that the app holds every record up to <paramref name="throughSequence"/>; their
        /// space becomes reusable. Durable when it returns Ok. Never moves backwards.</summary>
        public SyncResult MarkSynced(uint throughSequence)
        {
            // A faulted log writes nothing: a new superblock would overwrite the evidence of what went wrong
            // (a lowered committed-through mark, a forged slot).
            if (!_open || _faulted) return SyncResult.NotReady;
            if (throughSequence > LastSequence) return SyncResult.OutOfRange;
            if (throughSequence <= _synced) return SyncResult.Ok;
            _synced = throughSequence;
            UpdateUnsyncedPos();
            WriteSuperblock();
            return SyncResult.Ok;
        }

        /// <summary>As <see cref="MarkSynced(uint)"/>, but only when <paramref name="chainHash"/> (32 bytes at
        /// <paramref name="hashOffset"/>) equals the stored record's chain hash: the app proves it holds
        /// exactly that record (and, through the chain, all before it).</summary>
        public SyncResult MarkSynced(uint throughSequence, byte[] chainHash, int hashOffset)
        {
            if (!_open) return SyncResult.NotReady;
            if (throughSequence > LastSequence || throughSequence < _tailSeq) return throughSequence <= _synced ? SyncResult.Ok : SyncResult.OutOfRange;
            int pos, len;
            if (!Locate(throughSequence, out pos, out len)) return SyncResult.OutOfRange;
            _storage.Read(pos + EntryHeaderBytes, _read, 0, len);
            RecordCodec.ChainHash(_sha, _read, 0, len, _scratch, 0);
            if (chainHash == null || hashOffset < 0 || chainHash.Length - hashOffset < 32) return SyncResult.HashMismatch;
            if (!RecordCodec.Equal32(_scratch, 0, chainHash, hashOffset)) return SyncResult.HashMismatch;
            return MarkSynced(throughSequence);
        }

        private bool Fits(int need, out int writePos, out bool wrap)
        {
            wrap = false;
            int h = _headPos;
            if (Count == 0)
            {
                if (_end - h < need) { h = DataStart; }
                writePos = h;
                return true;
            }
            if (h > _tailPos)
            {
                if (_end - h >= need) { writePos = h; return true; }
                if (_tailPos - DataStart >= need) { writePos = DataStart; wrap = true; return true; }
                writePos = -1;
                return false;
            }
            if (h < _tailPos && _tailPos - h >= need) { writePos = h; return true; }
            writePos = -1;
            return false;
        }

        private bool ReclaimOne()
        {
            if (Count == 0 || _tailSeq > _synced) return false;
            int pos = _tailPos;
            int len;
            if (!ReadEntry(ref pos, _tailSeq, out len, _read)) return false;
            RecordCodec.ChainHash(_sha, _read, EntryHeaderBytes, len, _tailPrevHash, 0);
            _tailPos = Normalize(pos + EntryOverheadBytes + len);
            _tailSeq++;
            if (_cacheSeq < _tailSeq) { _cacheSeq = _tailSeq; _cachePos = _tailPos; }
            if (Count == 0) { _tailPos = _headPos; _cachePos = _headPos; }
            return true;
        }

        private void UpdateUnsyncedPos()
        {
            if (UnsyncedCount == 0) { _unsyncedPos = _headPos; return; }
            uint first = _synced + 1;
            if (first < _tailSeq) first = _tailSeq;
            int pos, len;
            _unsyncedPos = Locate(first, out pos, out len) ? pos : _headPos;
        }

        private bool Locate(uint sequence, out int pos, out int len)
        {
            pos = -1;
            len = 0;
            if (!_open || sequence < _tailSeq || sequence >= _nextSeq) return false;
            int p;
            uint s;
            if (_cacheSeq >= _tailSeq && _cacheSeq <= sequence && _cacheSeq < _nextSeq) { p = _cachePos; s = _cacheSeq; }
            else { p = _tailPos; s = _tailSeq; }
            while (true)
            {
                if (!ReadEntry(ref p, s, out len, _read)) return false;
                if (s == sequence)
                {
                    pos = p;
                    _cachePos = p;
                    _cacheSeq = s;
                    return true;
                }
                p += EntryOverheadBytes + len;
                s++;
            }
        }

        // Reads the entry expected at pos (following an implicit or explicit wrap) into buffer and checks
        // magic, sequence, bounds and CRC. On success pos is the entry's real start.
        private bool ReadEntry(ref int pos, uint expectedSeq, out int length, byte[] buffer)
        {
            length = 0;
            for (int hop = 0; hop < 2; hop++)
            {
                if (pos < DataStart || _end - pos < EntryOverheadBytes) pos = DataStart;
                _storage.Read(pos, buffer, 0, EntryHeaderBytes);
                uint seq;
                int len = RecordEntryLength(buffer, 0, out seq);
                if (len < 0)
                {
                    // Not a record: only this sequence's explicit wrap marker may stand here, once, away from the start.
                    if (buffer[0] != EntryMagic0 || buffer[1] != EntryMagic1 || buffer[2] != TypeWrap || seq != expectedSeq
                        || LittleEndian.ReadU16(buffer, 8) != 0 || hop > 0 || pos == DataStart) return false;
                    _storage.Read(pos + EntryHeaderBytes, buffer, EntryHeaderBytes, 4);
                    if (!EntryCrcMatches(buffer, 0, 0)) return false;
                    pos = DataStart;
                    continue;
                }
                if (seq != expectedSeq || _end - pos < EntryOverheadBytes + len) return false;
                _storage.Read(pos + EntryHeaderBytes, buffer, EntryHeaderBytes, len + 4);
                if (!EntryCrcMatches(buffer, 0, len)) return false;
                length = len;
                return true;
            }
            return false;
        }

        /// <summary>Body length of the record entry whose header starts at <paramref name="offset"/> (magic, record
        /// type, length within the codec's bounds), or -1 when those bytes are no record header (a wrap marker,
        /// erased or foreign bytes). <paramref name="sequence"/> receives the header's sequence field either way.
        /// With <see cref="EntryCrcMatches"/> this is the whole per-entry check recovery applies, so a tool that
        /// scans a log image (the SDK's verifier) applies exactly the same one.</summary>
        public static int RecordEntryLength(byte[] b, int offset, out uint sequence)
        {
            sequence = LittleEndian.ReadU32(b, offset + 4);
            if (b[offset] != EntryMagic0 || b[offset + 1] != EntryMagic1 || b[offset + 2] != TypeRecord) return -1;
            int len = LittleEndian.ReadU16(b, offset + 8);
            return len < RecordCodec.FixedBytes || len > RecordCodec.MaxEncodedBytes ? -1 : len;
        }

        /// <summary>True when the CRC-32 stored after an entry's <paramref name="bodyLength"/>-byte body matches its
        /// header and body (the entry starts at <paramref name="offset"/>; all of it must be in <paramref name="b"/>).</summary>
        public static bool EntryCrcMatches(byte[] b, int offset, int bodyLength)
        {
            int covered = EntryHeaderBytes + bodyLength;
            return LittleEndian.ReadU32(b, offset + covered) == Crc32.Compute(b, offset, covered);
        }

        private bool HasEntryMagic(int pos)
        {
            _storage.Read(pos, _read, 0, 2);
            return _read[0] == EntryMagic0 && _read[1] == EntryMagic1;
        }

        // A position with no room for even an entry header means "continue at the start": keeping every
        // stored position normalised keeps head/tail comparisons true (a raw tail in that gap once compared
        // as "after" the head and let a record overwrite the real tail at the start of the area).
        private int Normalize(int pos)
        {
            return pos < DataStart || _end - pos < EntryOverheadBytes ? DataStart : pos;
        }

        private static void PutHeader(byte[] b, byte type, uint seq, int len)
        {
            b[0] = EntryMagic0;
            b[1] = EntryMagic1;
            b[2] = type;
            b[3] = 0;
            LittleEndian.WriteU32(b, 4, seq);
            LittleEndian.WriteU16(b, 8, len);
            b[10] = 0;
            b[11] = 0;
        }

        private const int SlotInvalid = 0;
        private const int SlotValid = 1;
        private const int SlotAuthenticated = 2;
        private const int SlotOlderLayout = 3;

        /// <summary>Highest sequence the authenticated superblock says was committed (0 for an empty new log).</summary>
        public uint CommittedThrough { get { return _committedMark; } }

        // Reads a slot into _super: invalid (blank, torn, foreign), valid (CRC holds but the HMAC does not),
        // authenticated, or a layout-1 superblock ("HRLS", version 1, its own CRC).
        private int ReadSuperblock(int slot, out uint generation)
        {
            generation = 0;
            _storage.Read(slot * SuperblockBytes, _super, 0, SuperblockBytes);
            byte[] b = _super;
            // Layout 1 kept its two 64-byte slots at 0 and 64: both inside slot 0 of this layout.
            if (slot == 0 && (IsLayoutOneSuperblock(b, 0) || IsLayoutOneSuperblock(b, 64))) return SlotOlderLayout;
            if (b[0] != 0x48 || b[1] != 0x4C || b[2] != 0x53 || b[3] != 0x32 || b[4] != LayoutVersion) return SlotInvalid;
            if (LittleEndian.ReadU32(b, SuperblockCrcOffset) != Crc32.Compute(b, 0, SuperblockCrcOffset)) return SlotInvalid;
            generation = LittleEndian.ReadU32(b, 8);
            HmacSha256.Compute(_key, b, 0, SuperblockMacCovered, _superMac, 0);
            return RecordCodec.Equal32(_superMac, 0, b, SuperblockMacCovered) ? SlotAuthenticated : SlotValid;
        }

        private static bool IsLayoutOneSuperblock(byte[] b, int o)
        {
            return b[o] == 0x48 && b[o + 1] == 0x52 && b[o + 2] == 0x4C && b[o + 3] == 0x53 && b[o + 4] == 1
                && LittleEndian.ReadU32(b, o + 60) == Crc32.Compute(b, o, 60);
        }

        private void WriteSuperblock()
        {
            _generation++;
            byte[] b = _super;
            for (int i = 0; i < SuperblockBytes; i++) b[i] = 0;
            b[0] = 0x48; b[1] = 0x4C; b[2] = 0x53; b[3] = 0x32; // "HLS2": starts like an entry, so a layout-1 reader refuses to format
            b[4] = LayoutVersion;
            LittleEndian.WriteU32(b, 8, _generation);
            LittleEndian.WriteU32(b, 12, (uint)_tailPos);
            LittleEndian.WriteU32(b, 16, _tailSeq);
            LittleEndian.WriteU32(b, 20, _synced);
            _committedMark = _nextSeq - 1;
            LittleEndian.WriteU32(b, 24, _committedMark);
            for (int i = 0; i < 32; i++) b[32 + i] = _tailPrevHash[i];
            HmacSha256.Compute(_key, b, 0, SuperblockMacCovered, b, SuperblockMacCovered);
            LittleEndian.WriteU32(b, SuperblockCrcOffset, Crc32.Compute(b, 0, SuperblockCrcOffset));
            _storage.Write((int)(_generation & 1) * SuperblockBytes, b, 0, SuperblockBytes);
            _storage.Flush();
        }
    }
}
