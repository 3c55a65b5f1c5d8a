namespace Handheld.Core.Protocol
{
    /// <summary>
    /// When a link must be closed because its central is holding it without using it (docs/ble-protocol.md
    /// §10.2): the device serves one central, so a client that connects and sends nothing would otherwise keep
    /// every other app out for ever. Closed when no complete request arrived within <see cref="FirstRequestMs"/>
    /// of connecting, when none arrived for <see cref="IdleMs"/>, or when the link is still unauthenticated
    /// <see cref="FirstRequestMs"/> after connecting (an unpaired central can read GetInfo, not squat).
    /// Monotonic milliseconds in, a verdict out; the transport closes the link.
    /// </summary>
    public sealed class LinkIdleTimer
    {
        /// <summary>Default time to the first request, and for an unauthenticated link to pair: 60 s.</summary>
        public const long DefaultFirstRequestMs = 60000;
        /// <summary>Default longest gap between complete requests: 300 s.</summary>
        public const long DefaultIdleMs = 300000;

        private long _connectedAt;
        private long _lastRequestAt;
        private bool _anyRequest;

        public LinkIdleTimer() : this(DefaultFirstRequestMs, DefaultIdleMs) { }

        public LinkIdleTimer(long firstRequestMs, long idleMs)
        {
            FirstRequestMs = firstRequestMs;
            IdleMs = idleMs;
        }

        public long FirstRequestMs { get; private set; }
        public long IdleMs { get; private set; }

        /// <summary>A central connected at <paramref name="nowMs"/>.</summary>
        public void Connected(long nowMs)
        {
            _connectedAt = nowMs;
            _lastRequestAt = nowMs;
            _anyRequest = false;
        }

        /// <summary>A complete request arrived (answered or refused: partial chunks do not count).</summary>
        public void Request(long nowMs)
        {
            _lastRequestAt = nowMs;
            _anyRequest = true;
        }

        /// <summary>Milliseconds left before the link must be closed (≤ 0: close it now).</summary>
        public long RemainingMs(long nowMs, bool authenticated)
        {
            long deadline = _anyRequest ? _lastRequestAt + IdleMs : _connectedAt + FirstRequestMs;
            long pairBy = _connectedAt + FirstRequestMs;
            if (!authenticated && pairBy < deadline) deadline = pairBy;
            return deadline - nowMs;
        }
    }
}
