using Handheld.Core.Checksums;

namespace Handheld.Core.Protocol
{
    /// <summary>
    /// Message framing and chunking constants (docs/ble-protocol.md §3–4).
    /// A message is <c>version(1) type(1) requestId(2) length(2) payload(length) crc32(4)</c>, little-endian,
    /// CRC-32 over everything before it. It travels as one or more chunks, one per GATT write/notification;
    /// each chunk starts with a header byte: bit 7 = first chunk of a message, bits 0–6 = chunk index mod 128.
    /// </summary>
    public static class Frame
    {
        public const byte ProtocolVersion = 1;
        public const int HeaderLength = 6;
        public const int CrcLength = 4;
        public const int Overhead = HeaderLength + CrcLength;
        /// <summary>Largest payload either side accepts; bigger messages are refused with TooLarge.</summary>
        public const int MaxPayload = 4096;
        public const byte StartFlag = 0x80;
        public const int DefaultMtu = 23;
        /// <summary>ATT notification/write payload is MTU − 3 (opcode + handle).</summary>
        public const int AttOverhead = 3;
        /// <summary>Longest chunk a receiver accepts whatever the negotiated MTU: that of the largest ATT MTU
        /// (517 − 3). Over BLE the ATT layer bounds writes to MTU − 3; over TCP a longer one is MalformedFrame.</summary>
        public const int MaxChunkBytes = 517 - AttOverhead;

        /// <summary>Bytes of one chunk (header byte included) for an ATT MTU.</summary>
        public static int ChunkSizeForMtu(int mtu)
        {
            if (mtu < DefaultMtu) mtu = DefaultMtu;
            if (mtu > 517) mtu = 517;
            return mtu - AttOverhead;
        }

        /// <summary>Encodes a whole message (header, payload, CRC) into a new array.</summary>
        public static byte[] EncodeMessage(byte type, int requestId, byte[] payload, int offset, int count)
        {
            byte[] m = new byte[Overhead + count];
            EncodeMessage(type, requestId, payload, offset, count, m);
            return m;
        }

        /// <summary>Encodes a whole message (header, payload, CRC) at the start of <paramref name="message"/>, which
        /// holds at least <see cref="Overhead"/> + <paramref name="count"/> bytes (the device's send buffer, allocated
        /// once); returns the message length.</summary>
        public static int EncodeMessage(byte type, int requestId, byte[] payload, int offset, int count, byte[] message)
        {
            message[0] = ProtocolVersion;
            message[1] = type;
            LittleEndian.WriteU16(message, 2, requestId);
            LittleEndian.WriteU16(message, 4, count);
            if (count > 0) System.Array.Copy(payload, offset, message, HeaderLength, count);
            int body = HeaderLength + count;
            LittleEndian.WriteU32(message, body, Crc32.Compute(message, 0, body));
            return body + CrcLength;
        }

        /// <summary>Number of chunks a message of <paramref name="messageLength"/> bytes needs.</summary>
        public static int ChunkCount(int messageLength, int chunkSize)
        {
            int data = chunkSize - 1;
            return (messageLength + data - 1) / data;
        }

        /// <summary>Writes chunk <paramref name="index"/> of an encoded message into <paramref name="chunk"/>;
        /// returns its length.</summary>
        public static int WriteChunk(byte[] message, int messageLength, int chunkSize, int index, byte[] chunk)
        {
            int data = chunkSize - 1;
            int start = index * data;
            int n = messageLength - start;
            if (n > data) n = data;
            chunk[0] = (byte)((index == 0 ? StartFlag : 0) | (index & 0x7F));
            System.Array.Copy(message, start, chunk, 1, n);
            return n + 1;
        }
    }

    /// <summary>What <see cref="FrameAssembler.Feed"/> produced.</summary>
    public enum FrameResult
    {
        /// <summary>Chunk accepted; the message is not complete yet (or the chunk was skipped quietly).</summary>
        Pending = 0,
        /// <summary>A complete, CRC-checked message is available.</summary>
        Message = 1,
        /// <summary>The chunk broke framing; <see cref="FrameAssembler.ErrorCode"/> says why. The assembler
        /// has discarded the message and waits for the next first chunk.</summary>
        Error = 2,
    }

    /// <summary>
    /// Reassembles chunks into messages with a fixed buffer (no allocation per chunk). Survives garbage:
    /// every malformed input yields an error result and the assembler resynchronises on the next
    /// first-chunk header. A first chunk always restarts reassembly (a superseded partial message is dropped).
    /// After an error the rest of that message's continuation chunks are dropped silently, so a bad message
    /// draws one Error (not one per chunk: a TooLarge message at MTU 23 has up to ~216 of them).
    /// </summary>
    public sealed class FrameAssembler
    {
        private readonly byte[] _buffer;
        private readonly int _maxPayload;
        private int _filled;
        private int _expected; // total message bytes once the header is known, else 0
        private int _nextIndex;
        private bool _active;
        private bool _discarding; // an error ended the message in progress: skip its continuations quietly

        public FrameAssembler() : this(Frame.MaxPayload)
        {
        }

        public FrameAssembler(int maxPayload)
        {
            _maxPayload = maxPayload;
            _buffer = new byte[maxPayload + Frame.Overhead];
        }

        public byte MessageVersion { get { return _buffer[0]; } }
        public byte MessageType { get; private set; }
        public int RequestId { get; private set; }
        /// <summary>The buffer holding the last complete message; payload starts at <see cref="Frame.HeaderLength"/>.</summary>
        public byte[] Buffer { get { return _buffer; } }
        public int PayloadLength { get; private set; }
        public byte ErrorCode { get; private set; }

        /// <summary>Drops any partial message (link lost).</summary>
        public void Reset()
        {
            _active = false;
            _discarding = false;
            _filled = 0;
            _expected = 0;
            _nextIndex = 0;
        }

        public FrameResult Feed(byte[] chunk, int offset, int count)
        {
            ErrorCode = Protocol.ErrorCode.None;
            if (chunk == null || count < 1 || offset < 0 || offset + count > chunk.Length || count > Frame.MaxChunkBytes)
            {
                return Fail(Protocol.ErrorCode.MalformedFrame, 0);
            }
            byte h = chunk[offset];
            int index = h & 0x7F;
            if ((h & Frame.StartFlag) == 0 && _discarding) return FrameResult.Pending;
            if ((h & Frame.StartFlag) != 0)
            {
                _discarding = false;
                if (index != 0) return Fail(Protocol.ErrorCode.MalformedFrame, 0);
                _active = true;
                _filled = 0;
                _expected = 0;
                _nextIndex = 1;
                RequestId = 0;
                MessageType = 0;
            }
            else
            {
                if (!_active) return Fail(Protocol.ErrorCode.OutOfSequence, 0);
                if (index != (_nextIndex & 0x7F)) return Fail(Protocol.ErrorCode.OutOfSequence, RequestId);
                _nextIndex++;
            }
            int n = count - 1;
            int src = offset + 1;
            while (n > 0)
            {
                int room = (_expected == 0 ? Frame.HeaderLength : _expected) - _filled;
                int take = n < room ? n : room;
                System.Array.Copy(chunk, src, _buffer, _filled, take);
                _filled += take;
                src += take;
                n -= take;
                if (_expected == 0 && _filled == Frame.HeaderLength)
                {
                    RequestId = LittleEndian.ReadU16(_buffer, 2);
                    MessageType = _buffer[1];
                    if (_buffer[0] != Frame.ProtocolVersion) return Fail(Protocol.ErrorCode.UnsupportedVersion, RequestId);
                    int len = LittleEndian.ReadU16(_buffer, 4);
                    if (len > _maxPayload) return Fail(Protocol.ErrorCode.TooLarge, RequestId);
                    _expected = Frame.Overhead + len;
                }
                else if (_expected != 0 && _filled == _expected)
                {
                    if (n > 0) return Fail(Protocol.ErrorCode.MalformedFrame, RequestId);
                    _active = false;
                    int body = _expected - Frame.CrcLength;
                    if (Crc32.Compute(_buffer, 0, body) != LittleEndian.ReadU32(_buffer, body))
                    {
                        return Fail(Protocol.ErrorCode.BadCrc, RequestId);
                    }
                    PayloadLength = body - Frame.HeaderLength;
                    return FrameResult.Message;
                }
            }
            return FrameResult.Pending;
        }

        private FrameResult Fail(byte code, int requestId)
        {
            Reset();
            _discarding = true;
            ErrorCode = code;
            RequestId = requestId;
            return FrameResult.Error;
        }
    }
}
