using Handheld.Core.Ports;

namespace Handheld.Core.Scanning
{
    /// <summary>
    /// Drives a GM65-class scanner over <see cref="ISerialLink"/>: configuration (command-triggered mode,
    /// CR tail, save), one-shot triggered scans, and the decoded text. Non-blocking: the controller calls
    /// <see cref="Poll"/> from its loop until it returns <see cref="ScanEvent.None"/>. Time comes from
    /// <see cref="IMonotonicClock"/>. All buffers are allocated in the constructor; Poll allocates nothing.
    /// Text is only reported while a scan is armed (after <see cref="Trigger"/>, until the scan window
    /// closes): stray output outside a scan is counted in <see cref="StrayLines"/> and dropped.
    /// </summary>
    public sealed class QrScanner
    {
        private const int StateIdle = 0;
        private const int StateReadSettings = 1;
        private const int StateWriteSettings = 2;
        private const int StateReadTail = 3;
        private const int StateWriteTail = 4;
        private const int StateSave = 5;
        private const int StateAwaitTriggerAck = 6;
        private const int StateScanning = 7;

        private readonly ISerialLink _link;
        private readonly IMonotonicClock _clock;
        private readonly Gm65Parser _parser;
        private readonly byte[] _text;
        private readonly byte[] _rx = new byte[64];
        private readonly byte[] _tx = new byte[Gm65Command.MaxFrameLength];
        private int _rxCount;
        private int _rxPos;
        private int _txLength;
        private int _state;
        private int _retriesLeft;
        private long _replyDeadlineMs;
        private long _scanDeadlineMs;

        /// <summary>Creates the scanner driver; <paramref name="maxTextBytes"/> bounds one decoded text.</summary>
        public QrScanner(ISerialLink link, IMonotonicClock clock, int maxTextBytes)
        {
            _link = link;
            _clock = clock;
            _parser = new Gm65Parser(maxTextBytes);
            _text = new byte[maxTextBytes < 1 ? 1 : maxTextBytes];
            ReplyTimeoutMs = 500;
            ScanTimeoutMs = 5000;
            CommandRetries = 2;
        }

        /// <summary>How long a command waits for its reply before it is resent (default 500 ms).</summary>
        public int ReplyTimeoutMs { get; set; }

        /// <summary>How long a triggered scan waits for text after the ACK (default 5000 ms).</summary>
        public int ScanTimeoutMs { get; set; }

        /// <summary>Resends of a command whose reply was missing or corrupt (default 2).</summary>
        public int CommandRetries { get; set; }

        /// <summary>True while no command or scan is in progress.</summary>
        public bool IsIdle { get { return _state == StateIdle; } }

        /// <summary>The last scanned text (valid after <see cref="ScanEvent.TextScanned"/> until the next scan).</summary>
        public byte[] TextBuffer { get { return _text; } }

        /// <summary>Length of the last scanned text.</summary>
        public int TextLength { get; private set; }

        /// <summary>Reason of the last <see cref="ScanEvent.NakOrTimeout"/>.</summary>
        public ScanFailure LastFailure { get; private set; }

        /// <summary>Text lines that arrived while no scan was armed (dropped).</summary>
        public int StrayLines { get; private set; }

        /// <summary>Bytes the parser dropped as junk, noise, corrupt frames or over-long lines.</summary>
        public int DiscardedBytes { get { return _parser.DiscardedBytes; } }

        /// <summary>Starts configuration: read-modify-write zone 0x0000 to command mode and zone 0x0060 to a
        /// CR tail, then save. Completes with <see cref="ScanEvent.Configured"/> or
        /// <see cref="ScanEvent.NakOrTimeout"/>. False when busy.</summary>
        public bool Configure()
        {
            if (_state != StateIdle) return false;
            _parser.Reset();
            Send(StateReadSettings, Gm65Command.EncodeRead(Gm65Command.ZoneSettings, _tx, 0));
            return true;
        }

        /// <summary>Starts one scan. Completes with <see cref="ScanEvent.AckReceived"/> then
        /// <see cref="ScanEvent.TextScanned"/>, or <see cref="ScanEvent.NakOrTimeout"/> /
        /// <see cref="ScanEvent.LineTooLong"/>. False when busy.</summary>
        public bool Trigger()
        {
            if (_state != StateIdle) return false;
            _parser.Reset();
            TextLength = 0;
            Send(StateAwaitTriggerAck, Gm65Command.EncodeTrigger(_tx, 0));
            return true;
        }

        /// <summary>Abandons the current command or scan (the inspector cancelled).</summary>
        public void Cancel()
        {
            _state = StateIdle;
            _parser.ExpectReply = false;
        }

        /// <summary>Processes received bytes and timeouts; returns the next event, or None when there is nothing
        /// more for now. Call repeatedly until None.</summary>
        public ScanEvent Poll()
        {
            long now = _clock.NowMs;
            while (true)
            {
                ScanEvent e = OnParse(_parser.CheckTimeout(now), now);
                if (e != ScanEvent.None) return e;
                if (_rxPos == _rxCount)
                {
                    _rxPos = 0;
                    _rxCount = _link.Read(_rx, 0, _rx.Length);
                    if (_rxCount <= 0)
                    {
                        _rxCount = 0;
                        break;
                    }
                }
                e = OnParse(_parser.Feed(_rx[_rxPos++], now), now);
                if (e != ScanEvent.None) return e;
            }
            return CheckDeadlines(now);
        }

        private ScanEvent CheckDeadlines(long now)
        {
            if (_state == StateScanning)
            {
                if (now >= _scanDeadlineMs) return Fail(ScanFailure.NoCode);
                return ScanEvent.None;
            }
            if (_state != StateIdle && now >= _replyDeadlineMs) return RetryOrFail(ScanFailure.NoReply);
            return ScanEvent.None;
        }

        private ScanEvent OnParse(Gm65ParseEvent pe, long now)
        {
            switch (pe)
            {
                case Gm65ParseEvent.Reply:
                    return OnReply(now);
                case Gm65ParseEvent.Line:
                    if (_state == StateScanning || _state == StateAwaitTriggerAck)
                    {
                        int n = _parser.LineLength;
                        byte[] line = _parser.LineBuffer;
                        for (int i = 0; i < n; i++) _text[i] = line[i];
                        TextLength = n;
                        _state = StateIdle;
                        _parser.ExpectReply = false;
                        LastFailure = ScanFailure.None;
                        return ScanEvent.TextScanned;
                    }
                    StrayLines++;
                    return ScanEvent.None;
                case Gm65ParseEvent.LineTooLong:
                    if (_state == StateScanning || _state == StateAwaitTriggerAck)
                    {
                        _state = StateIdle;
                        _parser.ExpectReply = false;
                        return ScanEvent.LineTooLong;
                    }
                    StrayLines++;
                    return ScanEvent.None;
                case Gm65ParseEvent.LineIncomplete:
                    if (_state == StateScanning) return Fail(ScanFailure.TextIncomplete);
                    return ScanEvent.None;
                case Gm65ParseEvent.FrameTimeout:
                case Gm65ParseEvent.ReplyCorrupt:
                    if (_state != StateIdle && _state != StateScanning) return RetryOrFail(ScanFailure.ReplyCorrupt);
                    return ScanEvent.None;
                default:
                    return ScanEvent.None;
            }
        }

        private ScanEvent OnReply(long now)
        {
            if (_parser.ReplyStatus != 0) return Fail(ScanFailure.Nak);
            int value = _parser.ReplyData(0);
            switch (_state)
            {
                case StateReadSettings:
                    if (value < 0) return RetryOrFail(ScanFailure.ReplyCorrupt);
                    Send(StateWriteSettings, Gm65Command.EncodeWrite(Gm65Command.ZoneSettings,
                        (byte)((value & ~Gm65Command.ModeMask) | Gm65Command.ModeCommand), _tx, 0));
                    return ScanEvent.None;
                case StateWriteSettings:
                    Send(StateReadTail, Gm65Command.EncodeRead(Gm65Command.ZoneTail, _tx, 0));
                    return ScanEvent.None;
                case StateReadTail:
                    if (value < 0) return RetryOrFail(ScanFailure.ReplyCorrupt);
                    Send(StateWriteTail, Gm65Command.EncodeWrite(Gm65Command.ZoneTail,
                        (byte)((value & ~Gm65Command.TailMask) | Gm65Command.TailCr), _tx, 0));
                    return ScanEvent.None;
                case StateWriteTail:
                    Send(StateSave, Gm65Command.EncodeSave(_tx, 0));
                    return ScanEvent.None;
                case StateSave:
                    _state = StateIdle;
                    LastFailure = ScanFailure.None;
                    return ScanEvent.Configured;
                case StateAwaitTriggerAck:
                    _state = StateScanning;
                    _scanDeadlineMs = now + ScanTimeoutMs;
                    return ScanEvent.AckReceived;
                default:
                    return ScanEvent.None;
            }
        }

        private void Send(int state, int length)
        {
            _state = state;
            _txLength = length;
            _retriesLeft = CommandRetries;
            Transmit();
        }

        private void Transmit()
        {
            _parser.ExpectReply = true;
            _replyDeadlineMs = _clock.NowMs + ReplyTimeoutMs;
            _link.Write(_tx, 0, _txLength);
        }

        private ScanEvent RetryOrFail(ScanFailure reason)
        {
            if (_retriesLeft > 0)
            {
                _retriesLeft--;
                Transmit();
                return ScanEvent.None;
            }
            return Fail(reason);
        }

        private ScanEvent Fail(ScanFailure reason)
        {
            _state = StateIdle;
            _parser.ExpectReply = false;
            LastFailure = reason;
            return ScanEvent.NakOrTimeout;
        }
    }
}
