using Handheld.Core.Crypto;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;

namespace Handheld.Core.Trust
{
    /// <summary>
    /// Two-slot (A/B) storage for one signed list, so an update is all-or-nothing across a dropped link or a
    /// power cut. A new list is staged into the inactive slot; only after its bytes are flushed is the slot
    /// header written (magic, generation, length, SHA-256 of the data) and flushed. At start-up the valid slot
    /// (header intact and hash matching) with the highest generation is active; a torn or half-staged slot
    /// never validates, so the previous list stays in force.
    /// Slot layout: header 44 bytes <c>"HHLS" generation(u32) length(u32) sha256(32)</c>, then data.
    /// </summary>
    public sealed class SignedListStore
    {
        public const int SlotHeaderLength = 44;
        private static readonly byte[] Magic = new byte[] { (byte)'H', (byte)'H', (byte)'L', (byte)'S' };

        private readonly IBlockStorage _storage;
        private readonly IHash256 _hash;
        private readonly int _slotSize;
        private readonly byte[] _buf = new byte[256];
        private int _active = -1;
        private uint _activeGeneration;
        private int _activeLength;

        public SignedListStore(IBlockStorage storage, IHash256 hash)
        {
            _storage = storage;
            _hash = hash;
            _slotSize = storage.Capacity / 2;
            Load();
        }

        public IBlockStorage Storage { get { return _storage; } }
        public int MaxDataLength { get { return _slotSize - SlotHeaderLength; } }
        public bool HasActive { get { return _active >= 0; } }
        public int ActiveLength { get { return _activeLength; } }
        public int ActiveDataPosition { get { return _active < 0 ? -1 : _active * _slotSize + SlotHeaderLength; } }
        public int StagingDataPosition { get { return (_active == 0 ? 1 : 0) * _slotSize + SlotHeaderLength; } }

        /// <summary>Selects the valid slot (header intact, data hash matching) with the highest generation, slot 0
        /// on a tie. Headers are cheap; the data hash is not (a 64 KB revocation list is ≈ 11 M IL of SHA-256 on the
        /// device), so the newer slot is hashed first and the older one only when the newer fails.</summary>
        public void Load()
        {
            _active = -1;
            byte[] h0 = new byte[SlotHeaderLength], h1 = new byte[SlotHeaderLength];
            uint g0, g1;
            int l0, l1;
            bool ok0 = HeaderValid(0, h0, out g0, out l0);
            bool ok1 = HeaderValid(1, h1, out g1, out l1);
            int first = ok1 && (!ok0 || g1 > g0) ? 1 : 0;
            for (int k = 0; k < 2; k++)
            {
                int slot = k == 0 ? first : 1 - first;
                if (slot == 0 ? !ok0 : !ok1) continue;
                int len = slot == 0 ? l0 : l1;
                if (!DataMatches(slot, len, slot == 0 ? h0 : h1)) continue;
                _active = slot;
                _activeGeneration = slot == 0 ? g0 : g1;
                _activeLength = len;
                return;
            }
        }

        private bool HeaderValid(int slot, byte[] h, out uint generation, out int length)
        {
            _storage.Read(slot * _slotSize, h, 0, SlotHeaderLength);
            generation = LittleEndian.ReadU32(h, 4);
            length = (int)LittleEndian.ReadU32(h, 8);
            return ListFormat.MagicIs(h, 0, Magic) && length > 0 && length <= MaxDataLength;
        }

        private bool DataMatches(int slot, int length, byte[] header)
        {
            byte[] d = new byte[32];
            HashRange(slot * _slotSize + SlotHeaderLength, length, d);
            for (int i = 0; i < 32; i++)
            {
                if (d[i] != header[12 + i]) return false;
            }
            return true;
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

        /// <summary>Makes the staged bytes the active list: flush data, then write and flush the header.</summary>
        public void CommitStaged(int length, byte[] sha256)
        {
            int slot = _active == 0 ? 1 : 0;
            _storage.Flush();
            byte[] h = new byte[SlotHeaderLength];
            System.Array.Copy(Magic, 0, h, 0, 4);
            uint gen = _active < 0 ? 1 : _activeGeneration + 1;
            LittleEndian.WriteU32(h, 4, gen);
            LittleEndian.WriteU32(h, 8, (uint)length);
            System.Array.Copy(sha256, 0, h, 12, 32);
            _storage.Write(slot * _slotSize, h, 0, SlotHeaderLength);
            _storage.Flush();
            _active = slot;
            _activeGeneration = gen;
            _activeLength = length;
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
