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
        private int _mtu = Frame.DefaultMtu;

        public LinkSession(RequestHandler handler, ILinkOutput output)
        {
            _handler = handler;
            _output = output;
        }

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
            _assembler.Reset();
            Authenticated = false;
        }

        public void OnChunk(byte[] chunk, int offset, int count)
        {
            FrameResult fr = _assembler.Feed(chunk, offset, count);
            if (fr == FrameResult.Error)
            {
                SendError(_assembler.RequestId, _assembler.MessageType, _assembler.ErrorCode);
                return;
            }
            if (fr != FrameResult.Message) return;
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
