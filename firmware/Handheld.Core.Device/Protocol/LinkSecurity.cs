namespace Handheld.Core.Protocol
{
    /// <summary>
    /// Whether the current BLE connection is authenticated, judged per connection (docs/ble-protocol.md §10.3).
    /// A global "paired" flag says some central once paired; it does not say that the link now writing is
    /// encrypted with that key. So: a connection starts unauthenticated; it becomes authenticated only when
    /// encryption is established <b>on that connection</b> with an authenticated (passkey) LE Secure
    /// Connections key; a disconnect, or another connection id, ends it. The transport passes its own
    /// connection id (GATT session id on the device, the socket on TCP).
    /// </summary>
    public sealed class LinkSecurity
    {
        private const int None = -1;
        private int _connection = None;
        private bool _authenticated;

        /// <summary>A central connected with id <paramref name="connectionId"/> (≥ 0): unauthenticated so far.</summary>
        public void Connected(int connectionId)
        {
            _connection = connectionId < 0 ? None : connectionId;
            _authenticated = false;
        }

        /// <summary>The connection closed (an id other than the current one is ignored).</summary>
        public void Disconnected(int connectionId)
        {
            if (connectionId != _connection) return;
            _connection = None;
            _authenticated = false;
        }

        /// <summary>Pairing or bonded re-encryption finished on <paramref name="connectionId"/>: authenticated only
        /// if encrypted, with a MITM-protected key, by LE Secure Connections. Any failure ends authentication.</summary>
        public void EncryptionChanged(int connectionId, bool encrypted, bool authenticatedKey, bool secureConnections)
        {
            if (connectionId != _connection || _connection == None) return;
            _authenticated = encrypted && authenticatedKey && secureConnections;
        }

        /// <summary>True when <paramref name="connectionId"/> is the current connection and it is authenticated.</summary>
        public bool IsAuthenticated(int connectionId)
        {
            return _connection != None && connectionId == _connection && _authenticated;
        }
    }
}
