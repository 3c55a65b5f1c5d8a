using Handheld.Core.Checksums;

namespace Handheld.Core.Scanning
{
    /// <summary>
    /// Pure byte-stream parser for what a GM65-class scanner sends: reply frames
    /// <c>02 00 Status Lens Data… CrcHi CrcLo</c> (CRC-16/XMODEM over Status..Data, sensor-facts.md §3) and
    /// decoded text lines ended by the configured tail (CR; LF is accepted too, so CRLF works).
    /// Reply frames are only recognised while <see cref="ExpectReply"/> is set (a command is outstanding),
    /// so a QR whose text contains 0x02 cannot be mistaken for one outside that window. Text that arrives
    /// before a reply is junk ahead of the ACK and is dropped when the reply completes.
    /// Never throws, never allocates after construction; every malformed input ends in a reported event
    /// and the parser is ready for the next frame.
    /// </summary>
    public sealed class Gm65Parser
    {
        /// <summary>A frame still incomplete this long after its first byte counts as unknown (GM65 manual rule).</summary>
        public const int FrameTimeoutMs = 400;

        /// <summary>Longest reply data this parser accepts; replies to one-byte reads carry one byte.</summary>
        public const int MaxReplyData = 16;

        private const int StateText = 0;
        private const int StateHead = 1;   // got 02
        private const int StateStatus = 2; // got 02 00
        private const int StateLens = 3;
        private const int StateData = 4;
        private const int StateCrcHi = 5;
        private const int StateCrcLo = 6;

        private readonly byte[] _line;
        private readonly byte[] _frame = new byte[MaxReplyData + 2]; // status, lens, data
        private int _state;
        private int _frameLength;
        private int _lens;
        private int _crcHi;
        private long _frameStartMs;
        private long _lastTextMs;
        private bool _discardingLine;

        /// <summary>Creates a parser whose lines may be up to <paramref name="maxLineBytes"/> long.</summary>
        public Gm65Parser(int maxLineBytes)
        {
            if (maxLineBytes < 1) maxLineBytes = 1;
            _line = new byte[maxLineBytes];
            LineTimeoutMs = 400;
        }

        /// <summary>Set while a command waits for its reply: enables reply-frame recognition.</summary>
        public bool ExpectReply { get; set; }

        /// <summary>A text line with no byte for this long is discarded as incomplete.</summary>
        public int LineTimeoutMs { get; set; }

        /// <summary>The text line (valid after <see cref="Gm65ParseEvent.Line"/> until the next byte is fed).</summary>
        public byte[] LineBuffer { get { return _line; } }

        /// <summary>Length of the completed line, or of the line in progress.</summary>
        public int LineLength { get; private set; }

        /// <summary>Status byte of the last reply (00 = success).</summary>
        public int ReplyStatus { get; private set; }

        /// <summary>Data length of the last reply.</summary>
        public int ReplyDataLength { get; private set; }

        /// <summary>Total bytes dropped as junk, noise, corrupt frames or discarded lines (diagnostics).</summary>
        public int DiscardedBytes { get; private set; }

        /// <summary>Byte <paramref name="index"/> of the last reply's data.</summary>
        public int ReplyData(int index)
        {
            if (index < 0 || index >= ReplyDataLength) return -1;
            return _frame[2 + index];
        }

        /// <summary>Forgets any partial frame or line (used when a new command starts).</summary>
        public void Reset()
        {
            if (!_lineComplete) DiscardedBytes += _frameLength + LineLength;
            _lineComplete = false;
            _state = StateText;
            _frameLength = 0;
            LineLength = 0;
            _discardingLine = false;
        }

        /// <summary>Feeds one received byte that arrived at <paramref name="nowMs"/>. Call
        /// <see cref="CheckTimeout"/> with the same time first, so a stale partial frame or line is dropped
        /// (and reported) before this byte is judged.</summary>
        public Gm65ParseEvent Feed(byte b, long nowMs)
        {
            if (_lineComplete)
            {
                _lineComplete = false;
                LineLength = 0;
            }
            return FeedByte(b, nowMs);
        }

        /// <summary>Applies the frame and line timeouts at <paramref name="nowMs"/>; call when no byte arrived.</summary>
        public Gm65ParseEvent CheckTimeout(long nowMs)
        {
            if (_lineComplete)
            {
                _lineComplete = false;
                LineLength = 0;
            }
            if (_state != StateText)
            {
                if (nowMs - _frameStartMs >= FrameTimeoutMs)
                {
                    DiscardedBytes += _frameLength;
                    _state = StateText;
                    _frameLength = 0;
                    return Gm65ParseEvent.FrameTimeout;
                }
                return Gm65ParseEvent.None;
            }
            if ((LineLength > 0 || _discardingLine) && nowMs - _lastTextMs >= LineTimeoutMs)
            {
                DiscardedBytes += LineLength;
                LineLength = 0;
                _discardingLine = false;
                return Gm65ParseEvent.LineIncomplete;
            }
            return Gm65ParseEvent.None;
        }

        private Gm65ParseEvent FeedByte(byte b, long nowMs)
        {
            switch (_state)
            {
                case StateHead:
                    if (b == 0x00) { _state = StateStatus; return Gm65ParseEvent.None; }
                    DropFrame();
                    return FeedByte(b, nowMs); // a lone 02 was noise; this byte may start the real frame
                case StateStatus:
                    _frame[0] = b;
                    _frameLength = 1;
                    _state = StateLens;
                    return Gm65ParseEvent.None;
                case StateLens:
                    if (b > MaxReplyData)
                    {
                        DiscardedBytes += 3;
                        _state = StateText;
                        _frameLength = 0;
                        return Gm65ParseEvent.ReplyCorrupt;
                    }
                    _frame[1] = b;
                    _frameLength = 2;
                    _lens = b;
                    _state = _lens == 0 ? StateCrcHi : StateData;
                    return Gm65ParseEvent.None;
                case StateData:
                    _frame[_frameLength++] = b;
                    if (_frameLength == 2 + _lens) _state = StateCrcHi;
                    return Gm65ParseEvent.None;
                case StateCrcHi:
                    _crcHi = b;
                    _state = StateCrcLo;
                    return Gm65ParseEvent.None;
                case StateCrcLo:
                    {
                        _state = StateText;
                        int crc = (_crcHi << 8) | b;
                        int length = _frameLength;
                        _frameLength = 0;
                        if (crc != Crc16Xmodem.Compute(_frame, 0, length))
                        {
                            DiscardedBytes += length + 4;
                            return Gm65ParseEvent.ReplyCorrupt;
                        }
                        ReplyStatus = _frame[0];
                        ReplyDataLength = _lens;
                        // Anything before the ACK was junk, not part of the decoded text that follows it.
                        DiscardedBytes += LineLength;
                        LineLength = 0;
                        _discardingLine = false;
                        ExpectReply = false;
                        return Gm65ParseEvent.Reply;
                    }
                default:
                    return FeedText(b, nowMs);
            }
        }

        private Gm65ParseEvent FeedText(byte b, long nowMs)
        {
            if (ExpectReply && b == 0x02)
            {
                _state = StateHead;
                _frameStartMs = nowMs;
                _frameLength = 0;
                return Gm65ParseEvent.None;
            }
            if (b == 0x0D || b == 0x0A)
            {
                if (_discardingLine)
                {
                    _discardingLine = false;
                    LineLength = 0;
                    return Gm65ParseEvent.LineTooLong;
                }
                if (LineLength == 0) return Gm65ParseEvent.None; // LF of CRLF, or an empty line
                _lineComplete = true;
                return Gm65ParseEvent.Line;
            }
            _lastTextMs = nowMs;
            if (_discardingLine)
            {
                DiscardedBytes++;
                return Gm65ParseEvent.None;
            }
            if (LineLength == _line.Length)
            {
                DiscardedBytes += LineLength + 1;
                LineLength = 0;
                _discardingLine = true;
                return Gm65ParseEvent.None;
            }
            _line[LineLength++] = b;
            return Gm65ParseEvent.None;
        }

        private bool _lineComplete;

        private void DropFrame()
        {
            DiscardedBytes += 1 + _frameLength;
            _state = StateText;
            _frameLength = 0;
        }
    }
}
