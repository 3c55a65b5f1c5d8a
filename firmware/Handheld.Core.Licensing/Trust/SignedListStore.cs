using Handheld.Core.Crypto;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;

namespace Handheld.Core.Trust
{
    /// <summary>
    /// Two-slot (A/B) storage for one signed list, so an update is all-or-nothing across a dropped link or a
    /// power cut, and a damaged newer slot never brings an older list back.
    /// <para>Slot layout (format 2): a 48-byte header then the data. Header: magic (4: <c>"HHLM"</c> sealed,
    /// <c>"HHLH"</c> hashed), generation (u32 LE), data length (u32 LE), minimum generation (u32 LE), check (32).
    /// The 16 bytes before the check are its "fields".</para>
    /// <para>Check of a sealed slot (a store given a device key): an HMAC-SHA256 chain under the seal key K
    /// (<see cref="DeriveSealKey"/>): c = fields ‖ 16 zero bytes; for each 512-byte chunk of the data in order
    /// (the last one shorter): c = HMAC(K, c ‖ chunk); the check is the last c. With the device's native HMAC this
    /// costs almost no IL at start-up, so a sealed list is accepted at boot without re-hashing it or re-checking its
    /// signature: it was verified when it was pushed and only this device's key could have sealed it.
    /// Check of a hashed slot (no device key: unprovisioned device, host tools): SHA-256(fields ‖ SHA-256(data)).</para>
    /// <para>Selection at start-up: a slot is valid when its magic matches this store's mode, its length fits and
    /// its check matches. The floor is the highest minimum generation among valid slots; the active slot is the
    /// valid one with the highest generation, and only if that generation reaches the floor. A commit writes the new
    /// slot with minimum generation = its own generation, then rewrites the other slot's header with that minimum
    /// too; so once a list has been committed, no damage to its slot can make the older one active (no slot
    /// reaches the floor: no list, fail closed), and a bit flip that lowers a minimum breaks that header's check.
    /// A format-1 slot (<c>"HHLS"</c>, before this revision) is not valid: the lists must be pushed again.</para>
    /// </summary>
    public sealed class SignedListStore
    {
        public const int SlotHeaderLength = 48;
        /// <summary>Chunk length of the sealing HMAC chain.</summary>
        public const int SealChunk = 512;
        private const int FieldsLength = 16;
        private static readonly byte[] MagicSealed = new byte[] { (byte)'H', (byte)'H', (byte)'L', (byte)'M' };
        private static readonly byte[] MagicHashed = new byte[] { (byte)'H', (byte)'H', (byte)'L', (byte)'H' };
        // "handheld list seal v1": the label of the seal key, so it differs from the record key it comes from.
        private static readonly byte[] SealLabel = new byte[]
        {
            0x68, 0x61, 0x6e, 0x64, 0x68, 0x65, 0x6c, 0x64, 0x20, 0x6c, 0x69, 0x73, 0x74, 0x20, 0x73, 0x65, 0x61, 0x6c, 0x20, 0x76, 0x31,
        };

        private readonly IBlockStorage _storage;
        private readonly IHash256 _hash;
        private readonly IHmacSha256 _hmac;
        private readonly byte[] _sealKey;
        private readonly int _slotSize;
        private readonly byte[] _buf = new byte[256];
        private readonly byte[] _chain;
        private int _active = -1;
        private uint _activeGeneration;
        private int _activeLength;

        /// <summary>A hashed store (no device key): slots are checked with <paramref name="hash"/> at start-up.</summary>
        public SignedListStore(IBlockStorage storage, IHash256 hash)
            : this(storage, hash, null, null)
        {
        }

        /// <summary>A sealed store when <paramref name="hmac"/> and <paramref name="sealKey"/> are given (see
        /// <see cref="DeriveSealKey"/>); hashed otherwise. <paramref name="hash"/> still hashes pushed lists.</summary>
        public SignedListStore(IBlockStorage storage, IHash256 hash, IHmacSha256 hmac, byte[] sealKey)
        {
            _storage = storage;
            _hash = hash;
            _hmac = sealKey == null ? null : hmac;
            _sealKey = _hmac == null ? null : sealKey;
            _chain = _hmac == null ? null : new byte[32 + SealChunk];
            _slotSize = storage.Capacity / 2;
            Load();
        }

        /// <summary>The seal key for the lists of a device: HMAC(deviceKey, "handheld list seal v1" ‖ context). The
        /// firmware passes its root key's SubjectPublicKeyInfo as context, so a firmware with another root key derives
        /// another seal key and re-verifies nothing it did not accept itself (its slots fail: lists pushed again).</summary>
        public static byte[] DeriveSealKey(IHmacSha256 hmac, byte[] deviceKey, byte[] context)
        {
            int n = context == null ? 0 : context.Length;
            byte[] label = new byte[SealLabel.Length + n];
            System.Array.Copy(SealLabel, 0, label, 0, SealLabel.Length);
            if (n > 0) System.Array.Copy(context, 0, label, SealLabel.Length, n);
            byte[] k = new byte[32];
            hmac.Compute(deviceKey, label, 0, label.Length, k, 0);
            return k;
        }

        public IBlockStorage Storage { get { return _storage; } }
        public int MaxDataLength { get { return _slotSize - SlotHeaderLength; } }
        public bool HasActive { get { return _active >= 0; } }
        /// <summary>True when slots are sealed with the device key: the active list was verified when pushed.</summary>
        public bool IsSealed { get { return _hmac != null; } }
        public int ActiveLength { get { return _activeLength; } }
        public int ActiveDataPosition { get { return _active < 0 ? -1 : _active * _slotSize + SlotHeaderLength; } }
        public int StagingDataPosition { get { return (_active == 0 ? 1 : 0) * _slotSize + SlotHeaderLength; } }

        /// <summary>Selects the active slot (see the class summary). Headers are cheap; a hashed slot's data hash is
        /// not (a 64 KB list is ≈ 10 M IL of managed SHA-256), so the newer slot is checked first and, when valid,
        /// is active: every minimum ever written is at most the generation of the slot that wrote it.</summary>
        public void Load()
        {
            _active = -1;
            byte[] h0 = new byte[SlotHeaderLength], h1 = new byte[SlotHeaderLength];
            bool ok0 = HeaderPlausible(0, h0);
            bool ok1 = HeaderPlausible(1, h1);
            uint g0 = LittleEndian.ReadU32(h0, 4), g1 = LittleEndian.ReadU32(h1, 4);
            int first = ok1 && (!ok0 || g1 > g0) ? 1 : 0;
            for (int k = 0; k < 2; k++)
            {
                int slot = k == 0 ? first : 1 - first;
                byte[] h = slot == 0 ? h0 : h1;
                if (!(slot == 0 ? ok0 : ok1) || !CheckMatches(slot, h)) continue;
                uint generation = LittleEndian.ReadU32(h, 4);
                // An older slot is active only when its own header still allows it: a commit raises the minimum
                // past it, so a damaged newer slot leaves no list rather than bringing the older one back.
                if (generation < LittleEndian.ReadU32(h, 12)) return;
                _active = slot;
                _activeGeneration = generation;
                _activeLength = (int)LittleEndian.ReadU32(h, 8);
                return;
            }
        }

        private bool HeaderPlausible(int slot, byte[] h)
        {
            _storage.Read(slot * _slotSize, h, 0, SlotHeaderLength);
            int length = (int)LittleEndian.ReadU32(h, 8);
            return ListFormat.MagicIs(h, 0, _hmac != null ? MagicSealed : MagicHashed) && length > 0 && length <= MaxDataLength;
        }

        private bool CheckMatches(int slot, byte[] header)
        {
            byte[] check = new byte[32];
            ComputeCheck(slot, header, (int)LittleEndian.ReadU32(header, 8), null, check);
            int diff = 0;
            for (int i = 0; i < 32; i++) diff |= check[i] ^ header[FieldsLength + i];
            return diff == 0;
        }

        // The check of a slot whose first 16 header bytes are in header; dataSha (hashed mode, optional) is the
        // SHA-256 of the data when already known (a commit: verified by the caller), else it is computed.
        private void ComputeCheck(int slot, byte[] header, int length, byte[] dataSha, byte[] check32)
        {
            int position = slot * _slotSize + SlotHeaderLength;
            if (_hmac == null)
            {
                byte[] d = dataSha;
                if (d == null)
                {
                    d = new byte[32];
                    HashRange(position, length, d);
                }
                _hash.Reset();
                _hash.Update(header, 0, FieldsLength);
                _hash.Update(d, 0, 32);
                _hash.Final(check32, 0);
                return;
            }
            byte[] c = _chain;
            System.Array.Copy(header, 0, c, 0, FieldsLength);
            for (int i = FieldsLength; i < 32; i++) c[i] = 0;
            int done = 0;
            while (done < length)
            {
                int n = length - done;
                if (n > SealChunk) n = SealChunk;
                _storage.Read(position + done, c, 32, n);
                _hmac.Compute(_sealKey, c, 0, 32 + n, c, 0);
                done += n;
            }
            System.Array.Copy(c, 0, check32, 0, 32);
        }

        /// <summary>SHA-256 of <paramref name="length"/> stored bytes at <paramref name="position"/>.</summary>
        public void HashRange(int position, int length, byte[] digest32)
        {
            HashStored(_storage, _hash, position, length, _buf, digest32);
        }

        /// <summary>SHA-256 of <paramref name="length"/> bytes of <paramref name="storage"/> at
        /// <paramref name="position"/>, read in pieces through <paramref name="buffer"/> (lists never sit in RAM whole).</summary>
        internal static void HashStored(IBlockStorage storage, IHash256 hash, int position, int length, byte[] buffer,
            byte[] digest32)
        {
            hash.Reset();
            int done = 0;
            while (done < length)
            {
                int n = length - done;
                if (n > buffer.Length) n = buffer.Length;
                storage.Read(position + done, buffer, 0, n);
                hash.Update(buffer, 0, n);
                done += n;
            }
            hash.Final(digest32, 0);
        }

        /// <summary>Invalidates the inactive slot so a half-written staging area can never be mistaken for a list.</summary>
        public void BeginStaging()
        {
            int slot = _active == 0 ? 1 : 0;
            byte[] zero = new byte[SlotHeaderLength];
            _storage.Write(slot * _slotSize, zero, 0, SlotHeaderLength);
            _storage.Flush();
        }

        public void WriteStaged(int dataOffset, byte[] data, int offset, int count)
        {
            _storage.Write(StagingDataPosition + dataOffset, data, offset, count);
        }

        /// <summary>Makes the staged bytes the active list: flush data, write and flush the header (generation + 1,
        /// minimum = that generation), then raise the other slot's minimum so it can never become active again.
        /// <paramref name="sha256"/> is the staged data's SHA-256, already checked by the caller.</summary>
        public void CommitStaged(int length, byte[] sha256)
        {
            int slot = _active == 0 ? 1 : 0;
            int other = _active;
            _storage.Flush();
            uint gen = _active < 0 ? 1 : _activeGeneration + 1;
            WriteHeader(slot, gen, length, gen, sha256);
            if (other >= 0)
            {
                // The superseded slot keeps its list and generation but can no longer reach the floor.
                WriteHeader(other, _activeGeneration, _activeLength, gen, null);
            }
            _active = slot;
            _activeGeneration = gen;
            _activeLength = length;
        }

        private void WriteHeader(int slot, uint generation, int length, uint minimum, byte[] dataSha)
        {
            byte[] h = new byte[SlotHeaderLength];
            System.Array.Copy(_hmac != null ? MagicSealed : MagicHashed, 0, h, 0, 4);
            LittleEndian.WriteU32(h, 4, generation);
            LittleEndian.WriteU32(h, 8, (uint)length);
            LittleEndian.WriteU32(h, 12, minimum);
            byte[] check = new byte[32];
            ComputeCheck(slot, h, length, dataSha, check);
            System.Array.Copy(check, 0, h, FieldsLength, 32);
            _storage.Write(slot * _slotSize, h, 0, SlotHeaderLength);
            _storage.Flush();
        }

        /// <summary>Copies the active list into a new array (small lists only, e.g. the trust list).</summary>
        public byte[] ReadActive()
        {
            if (_active < 0) return null;
            byte[] r = new byte[_activeLength];
            _storage.Read(ActiveDataPosition, r, 0, _activeLength);
            return r;
        }
    }
}
