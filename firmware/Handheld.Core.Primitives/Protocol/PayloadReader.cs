namespace Handheld.Core.Protocol
{
    /// <summary>Bounds-checked little-endian reader over a payload. Never throws: reading past the end sets
    /// <see cref="Ok"/> to false and returns zeros, so a decoder checks Ok once at the end.</summary>
    public sealed class PayloadReader
    {
        private readonly byte[] _b;
        private readonly int _end;
        private int _pos;

        public PayloadReader(byte[] buffer, int offset, int count)
        {
            _b = buffer;
            _pos = offset;
            _end = offset + count;
            Ok = buffer != null && offset >= 0 && count >= 0 && offset + count <= buffer.Length;
            if (!Ok) _end = _pos;
        }

        public bool Ok { get; private set; }
        public int Position { get { return _pos; } }
        public int Remaining { get { return _end - _pos; } }
        public byte[] Buffer { get { return _b; } }
        /// <summary>True when every byte was consumed and no read overran.</summary>
        public bool Done { get { return Ok && _pos == _end; } }

        private bool Take(int n)
        {
            if (!Ok || n < 0 || _end - _pos < n)
            {
                Ok = false;
                return false;
            }
            return true;
        }

        public byte U8()
        {
            if (!Take(1)) return 0;
            return _b[_pos++];
        }

        public int U16()
        {
            if (!Take(2)) return 0;
            int v = LittleEndian.ReadU16(_b, _pos);
            _pos += 2;
            return v;
        }

        public uint U32()
        {
            if (!Take(4)) return 0;
            uint v = LittleEndian.ReadU32(_b, _pos);
            _pos += 4;
            return v;
        }

        public long I64()
        {
            if (!Take(8)) return 0;
            long v = LittleEndian.ReadI64(_b, _pos);
            _pos += 8;
            return v;
        }

        /// <summary>Copies <paramref name="n"/> bytes into a new array (null when they are not there).</summary>
        public byte[] Bytes(int n)
        {
            if (!Take(n)) return null;
            byte[] r = new byte[n];
            System.Array.Copy(_b, _pos, r, 0, n);
            _pos += n;
            return r;
        }

        /// <summary>Skips <paramref name="n"/> bytes and returns where they start (−1 when absent).</summary>
        public int Skip(int n)
        {
            if (!Take(n)) return -1;
            int at = _pos;
            _pos += n;
            return at;
        }

        /// <summary>String with a one-byte length prefix, UTF-8.</summary>
        public string Str8()
        {
            int n = U8();
            if (!Take(n)) return null;
            string s = Handheld.Core.Text.Utf8.Decode(_b, _pos, n); // strict: invalid UTF-8 reads as null, like a short field
            _pos += n;
            return s;
        }
    }

    /// <summary>Little-endian writer into a fixed buffer; overflow sets <see cref="Ok"/> false.</summary>
    public sealed class PayloadWriter
    {
        private readonly byte[] _b;
        private readonly int _start;
        private readonly int _end;
        private int _pos;

        public PayloadWriter(byte[] buffer, int offset, int capacity)
        {
            _b = buffer;
            _start = offset;
            _pos = offset;
            _end = offset + capacity;
            Ok = true;
        }

        public PayloadWriter(int capacity) : this(new byte[capacity], 0, capacity)
        {
        }

        public bool Ok { get; private set; }
        public byte[] Buffer { get { return _b; } }
        public int Offset { get { return _start; } }
        public int Length { get { return _pos - _start; } }
        public int Remaining { get { return _end - _pos; } }

        public void Reset()
        {
            _pos = _start;
            Ok = true;
        }

        private bool Room(int n)
        {
            if (!Ok || _end - _pos < n)
            {
                Ok = false;
                return false;
            }
            return true;
        }

        public void U8(int v)
        {
            if (Room(1)) _b[_pos++] = (byte)v;
        }

        public void U16(int v)
        {
            if (!Room(2)) return;
            LittleEndian.WriteU16(_b, _pos, v);
            _pos += 2;
        }

        public void U32(uint v)
        {
            if (!Room(4)) return;
            LittleEndian.WriteU32(_b, _pos, v);
            _pos += 4;
        }

        public void I64(long v)
        {
            if (!Room(8)) return;
            LittleEndian.WriteI64(_b, _pos, v);
            _pos += 8;
        }

        public void Bytes(byte[] src, int offset, int count)
        {
            if (!Room(count)) return;
            System.Array.Copy(src, offset, _b, _pos, count);
            _pos += count;
        }

        /// <summary>Reserves <paramref name="n"/> bytes for the caller to fill; returns their offset (−1 on overflow).</summary>
        public int Reserve(int n)
        {
            if (!Room(n)) return -1;
            int at = _pos;
            _pos += n;
            return at;
        }

        /// <summary>UTF-8 string with a one-byte length prefix (truncated to 255 bytes on a character boundary).</summary>
        public void Str8(string s)
        {
            byte[] u = Handheld.Core.Text.Utf8.Encode(s == null ? "" : s);
            int n = u.Length;
            if (n > 255)
            {
                n = 255;
                while (n > 0 && (u[n] & 0xC0) == 0x80) n--;
            }
            U8(n);
            Bytes(u, 0, n);
        }

        public byte[] ToArray()
        {
            byte[] r = new byte[Length];
            System.Array.Copy(_b, _start, r, 0, r.Length);
            return r;
        }
    }
}
