using Handheld.Core.Ports;

namespace Handheld.Core.Protocol
{
    /// <summary>
    /// One BLE connection seen from the device: feeds received chunks to the assembler, dispatches complete
    /// requests to the <see cref="RequestHandler"/>, and chunks responses, errors and events to the MTU.
    /// Buffers are allocated once. A bad chunk or message produces an Error reply and the link carries on.
    /// The transport adapter (GATT server, TCP simulator) calls <see cref="OnChunk"/> for every write to the
    /// request characteristic and <see cref="OnDisconnected"/> when the link drops.
    /// </summary>
    public sealed class LinkSession
    {
        private readonly RequestHandler _handler;
        private readonly ILinkOutput _output;
        private readonly FrameAssembler _assembler = new FrameAssembler();
        private readonly PayloadWriter _response = new PayloadWriter(Frame.MaxPayload);
        private readonly byte[] _message = new byte[Frame.MaxPayload + Frame.Overhead];
        private readonly byte[] _chunk = new byte[517];
        private readonly byte[] _errorPayload = new byte[2];
        private readonly object _sendLock = new object();
        private readonly IMonotonicClock _clock;
        private bool _connected;
        private int _mtu = Frame.DefaultMtu;

        /// <summary>A session without idle timeouts (tests, loopback links).</summary>
        public LinkSession(RequestHandler handler, ILinkOutput output) : this(handler, output, null)
        {
        }

        /// <summary>A session whose <see cref="Idle"/> timer runs on <paramref name="clock"/>; the transport calls
        /// <see cref="OnConnected"/> and closes the link when <see cref="IdleExpired"/>.</summary>
        public LinkSession(RequestHandler handler, ILinkOutput output, IMonotonicClock clock)
        {
            _handler = handler;
            _output = output;
            _clock = clock;
            Idle = new LinkIdleTimer();
        }

        /// <summary>The idle policy (replace before connecting to use other limits).</summary>
        public LinkIdleTimer Idle { get; set; }

        /// <summary>A central connected: starts the idle timer.</summary>
        public void OnConnected()
        {
            _assembler.Reset();
            _connected = true;
            if (_clock != null) Idle.Connected(_clock.NowMs);
        }

        /// <summary>Milliseconds before the link must be closed (long.MaxValue without a clock).</summary>
        public long IdleRemainingMs
        {
            get { return _clock == null || !_connected ? long.MaxValue : Idle.RemainingMs(_clock.NowMs, Authenticated); }
        }

        /// <summary>True when the central held the link without using it too long (LinkIdleTimer): close it.</summary>
        public bool IdleExpired { get { return IdleRemainingMs <= 0; } }

        /// <summary>Negotiated ATT MTU (23 until the central asks for more).</summary>
        public int Mtu
        {
            get { return _mtu; }
            set { _mtu = value < Frame.DefaultMtu ? Frame.DefaultMtu : (value > 517 ? 517 : value); }
        }

        /// <summary>True while the link is encrypted with an authenticated (passkey) LE Secure Connections key.</summary>
        public bool Authenticated { get; set; }

        /// <summary>Counts for diagnostics and tests.</summary>
        public int RequestsHandled { get; private set; }
        public int ErrorsSent { get; private set; }

        public void OnDisconnected()
        {
            _connected = false;
            _assembler.Reset();
            Authenticated = false;
        }

        public void OnChunk(byte[] chunk, int offset, int count)
        {
            // A transport that reports no connect event: the first chunk starts the timer.
            if (!_connected && _clock != null) OnConnected();
            FrameResult fr = _assembler.Feed(chunk, offset, count);
            if (fr == FrameResult.Error)
            {
                SendError(_assembler.RequestId, _assembler.MessageType, _assembler.ErrorCode);
                return;
            }
            if (fr != FrameResult.Message) return;
            if (_clock != null) Idle.Request(_clock.NowMs);
            byte type = _assembler.MessageType;
            int id = _assembler.RequestId;
            if ((type & MessageType.ResponseFlag) != 0)
            {
                SendError(id, type, ErrorCode.UnknownType);
                return;
            }
            byte e = _handler.Handle(type, _assembler.Buffer, Frame.HeaderLength, _assembler.PayloadLength, Authenticated, _response);
            RequestsHandled++;
            if (e != ErrorCode.None)
            {
                SendError(id, type, e);
                return;
            }
            Send(MessageType.ResponseTo(type), id, _response.Buffer, _response.Length);
        }

        /// <summary>Pushes a live inspection result to the app (only on an authenticated link; returns false otherwise).</summary>
        public bool PublishInspection(InspectionEvent e)
        {
            if (!Authenticated) return false;
            PayloadWriter w = new PayloadWriter(512);
            e.Encode(w);
            if (!w.Ok) return false;
            Send(MessageType.InspectionEvent, 0, w.Buffer, w.Length);
            return true;
        }

        private void SendError(int requestId, byte requestType, byte code)
        {
            System.Threading.Monitor.Enter(_sendLock);
            try
            {
                ErrorsSent++;
                _errorPayload[0] = code;
                _errorPayload[1] = requestType;
                SendLocked(MessageType.Error, requestId, _errorPayload, 2);
            }
            finally
            {
                System.Threading.Monitor.Exit(_sendLock);
            }
        }

        private void Send(byte type, int requestId, byte[] payload, int count)
        {
            System.Threading.Monitor.Enter(_sendLock);
            try
            {
                SendLocked(type, requestId, payload, count);
            }
            finally
            {
                System.Threading.Monitor.Exit(_sendLock);
            }
        }

        private void SendLocked(byte type, int requestId, byte[] payload, int count)
        {
            byte[] m = _message;
            int total = Frame.EncodeMessage(type, requestId, payload, 0, count, m);
            int size = Frame.ChunkSizeForMtu(_mtu);
            int chunks = Frame.ChunkCount(total, size);
            for (int i = 0; i < chunks; i++)
            {
                int n = Frame.WriteChunk(m, total, size, i, _chunk);
                _output.SendChunk(_chunk, 0, n);
            }
        }
    }
}
