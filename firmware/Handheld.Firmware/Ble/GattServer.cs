using System;
using System.Threading;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
using nanoFramework.Device.Bluetooth.Security;
using BleBuffer = nanoFramework.Device.Bluetooth.Buffer;

namespace Handheld.Firmware.Ble
{
    /// <summary>Shows the 6-digit passkey of an LE Secure Connections pairing on the device (display or LED code).</summary>
    public delegate void PasskeyDisplayHandler(uint passkey);

    /// <summary>
    /// Thin adapter from nanoFramework.Device.Bluetooth to Core's <see cref="LinkSession"/> (docs/ble-protocol.md §2):
    /// Device Information (0x180A), Battery (0x180F), Current Time (0x1805, read-only: the clock is set through
    /// the authenticated protocol) and the Handheld service with a request characteristic (write / write without
    /// response) and a response characteristic (notify). It only moves bytes and reports link state; every
    /// decision is in Core. Members used are those of nanoFramework.Device.Bluetooth 1.1.123.
    /// Wiring (Program.cs): construct with the Core handler and ports, set <see cref="PasskeyDisplay"/>, call
    /// <see cref="Start"/>; give <see cref="Session"/> to the inspection controller for live results.
    /// </summary>
    public sealed class GattServer : ILinkOutput
    {
        public static readonly Guid HandheldServiceUuid = new Guid("6e1d0001-4f3c-4b8e-9a51-7c2a6b0d1e01");
        public static readonly Guid RequestCharacteristicUuid = new Guid("6e1d0002-4f3c-4b8e-9a51-7c2a6b0d1e01");
        public static readonly Guid ResponseCharacteristicUuid = new Guid("6e1d0003-4f3c-4b8e-9a51-7c2a6b0d1e01");

        private readonly IWallClock _clock;
        private readonly IDeviceStatus _status;
        private readonly string _deviceName;
        private readonly string _serialNumber;
        private readonly LinkSession _session;
        private readonly LinkSecurity _security = new LinkSecurity();
        private GattLocalCharacteristic _response;
        private GattServiceProvider _handheldProvider;
        private GattServiceProviderAdvertisingParameters _advertising;
        /// <summary>Longest write accepted as a chunk (above the largest ATT MTU, 517).</summary>
        private const int MaxChunkBytes = 520;

        public GattServer(RequestHandler handler, IWallClock clock, IMonotonicClock ticks, IDeviceStatus status,
            string deviceName, string serialNumber)
        {
            _clock = clock;
            _status = status;
            _deviceName = deviceName;
            _serialNumber = serialNumber;
            _session = new LinkSession(handler, this, ticks);
        }

        /// <summary>Deletes every stored bond (the boot pairing-reset gesture, Core PairingResetGesture): every
        /// phone must pair again with the passkey.</summary>
        public static void RemoveAllBonds()
        {
            DeviceBonding.DeleteAllBonds();
        }

        /// <summary>Called from the main loop: closes a link its central holds without using it (Core
        /// LinkIdleTimer). nanoFramework 1.1.123 has no per-connection disconnect on the server, so the stack is
        /// stopped, which drops the link, and advertising restarts.</summary>
        public void Poll()
        {
            if (_handheldProvider == null || !_session.IdleExpired) return;
            object gate = RequestGate;
            if (gate != null) Monitor.Enter(gate);
            try
            {
                _session.OnDisconnected();
                _security.Disconnected(CurrentConnection());
                BluetoothLEServer.Instance.Stop();
                _handheldProvider.StartAdvertising(_advertising);
            }
            finally
            {
                if (gate != null) Monitor.Exit(gate);
            }
        }

        /// <summary>The protocol session; the inspection controller calls PublishInspection on it.</summary>
        public LinkSession Session { get { return _session; } }

        public PasskeyDisplayHandler PasskeyDisplay { get; set; }

        /// <summary>When set, held (Monitor) while a received chunk is handled: requests touch the record log,
        /// the signed lists and the config region, which the main and verification threads also use.</summary>
        public object RequestGate { get; set; }

        public void Start()
        {
            BluetoothLEServer server = BluetoothLEServer.Instance;
            server.DeviceName = _deviceName;
            // LE Secure Connections with passkey entry: the device displays, the phone's user types it in.
            DevicePairing pairing = server.Pairing;
            pairing.IOCapabilities = DevicePairingIOCapabilities.DisplayOnly;
            pairing.ProtectionLevel = DevicePairingProtectionLevel.EncryptionAndAuthentication;
            pairing.AllowBonding = true;
            pairing.PairingRequested += OnPairingRequested;
            pairing.PairingComplete += OnPairingComplete;
            GattSession session = server.Session;
            if (session != null)
            {
                session.SessionStatusChanged += OnSessionStatusChanged;
                session.MaxPduSizeChanged += OnMaxPduSizeChanged;
            }

            AddDeviceInformation();
            AddReadable(GattServiceUuids.Battery, GattCharacteristicUuids.BatteryLevel, OnBatteryRead);
            AddReadable(GattServiceUuids.CurrentTime, GattCharacteristicUuids.CurrentTime, OnTimeRead);

            GattServiceProviderResult r = GattServiceProvider.Create(HandheldServiceUuid);
            if (r.Error != BluetoothError.Success) return;
            _handheldProvider = r.ServiceProvider;
            GattLocalService service = _handheldProvider.Service;

            GattLocalCharacteristicParameters req = new GattLocalCharacteristicParameters();
            req.CharacteristicProperties = GattCharacteristicProperties.Write | GattCharacteristicProperties.WriteWithoutResponse;
            // Plain at ATT level so an unpaired phone can read GetInfo and receive error replies; Core refuses
            // every other request unless the link is authenticated (see Authenticated below).
            req.WriteProtectionLevel = GattProtectionLevel.Plain;
            req.UserDescription = "Handheld request";
            GattLocalCharacteristicResult rc = service.CreateCharacteristic(RequestCharacteristicUuid, req);
            if (rc.Error != BluetoothError.Success) return;
            rc.Characteristic.WriteRequested += OnRequestWritten;

            GattLocalCharacteristicParameters rsp = new GattLocalCharacteristicParameters();
            rsp.CharacteristicProperties = GattCharacteristicProperties.Notify;
            rsp.UserDescription = "Handheld response/event";
            GattLocalCharacteristicResult rr = service.CreateCharacteristic(ResponseCharacteristicUuid, rsp);
            if (rr.Error != BluetoothError.Success) return;
            _response = rr.Characteristic;

            GattServiceProviderAdvertisingParameters adv = new GattServiceProviderAdvertisingParameters();
            adv.IsConnectable = true;
            adv.IsDiscoverable = true;
            _advertising = adv;
            _handheldProvider.StartAdvertising(adv);
        }

        private static Guid Sig16(int uuid16)
        {
            // Bluetooth base UUID 0000xxxx-0000-1000-8000-00805F9B34FB (Core Spec Vol 3 Part B §2.5.1).
            return new Guid((uint)uuid16, 0x0000, 0x1000, 0x80, 0x00, 0x00, 0x80, 0x5F, 0x9B, 0x34, 0xFB);
        }

        private static void AddStatic(GattLocalService s, Guid uuid, string value)
        {
            GattLocalCharacteristicParameters p = new GattLocalCharacteristicParameters();
            p.CharacteristicProperties = GattCharacteristicProperties.Read;
            DataWriter w = new DataWriter();
            w.WriteString(value);
            p.StaticValue = w.DetachBuffer();
            s.CreateCharacteristic(uuid, p);
        }

        private void AddDeviceInformation()
        {
            GattServiceProviderResult r = GattServiceProvider.Create(GattServiceUuids.DeviceInformation);
            if (r.Error != BluetoothError.Success) return;
            GattLocalService s = r.ServiceProvider.Service;
            AddStatic(s, GattCharacteristicUuids.ManufacturerNameString, "Handheld");
            AddStatic(s, GattCharacteristicUuids.ModelNumberString, "HH-1");
            AddStatic(s, GattCharacteristicUuids.SerialNumberString, _serialNumber);
            AddStatic(s, GattCharacteristicUuids.FirmwareRevisionString, _status.FirmwareVersion);
        }

        /// <summary>A standard service with one readable characteristic whose value is produced on each read.</summary>
        private static void AddReadable(Guid serviceUuid, Guid characteristicUuid,
            GattLocalCharacteristic.GattLocalCharacteristicReadEventHandler onRead)
        {
            GattServiceProviderResult r = GattServiceProvider.Create(serviceUuid);
            if (r.Error != BluetoothError.Success) return;
            GattLocalCharacteristicParameters p = new GattLocalCharacteristicParameters();
            p.CharacteristicProperties = GattCharacteristicProperties.Read;
            GattLocalCharacteristicResult c = r.ServiceProvider.Service.CreateCharacteristic(characteristicUuid, p);
            if (c.Error == BluetoothError.Success) c.Characteristic.ReadRequested += onRead;
        }

        private void OnBatteryRead(GattLocalCharacteristic sender, GattReadRequestedEventArgs e)
        {
            int pct = _status.BatteryPercent;
            DataWriter w = new DataWriter();
            w.WriteByte((byte)(pct < 0 || pct > 100 ? 0 : pct));
            e.GetRequest().RespondWithValue(w.DetachBuffer());
        }

        private void OnTimeRead(GattLocalCharacteristic sender, GattReadRequestedEventArgs e)
        {
            long unix;
            ClockSource src;
            byte[] v = new byte[10];
            if (_clock.TryRead(out unix, out src))
            {
                CurrentTimeValue.Encode(unix, v);
            }
            // An unset clock reads as all zeros ("year not known", CTS Exact Time 256 with unknown fields).
            DataWriter w = new DataWriter();
            w.WriteBytes(v);
            e.GetRequest().RespondWithValue(w.DetachBuffer());
        }

        private void OnRequestWritten(GattLocalCharacteristic sender, GattWriteRequestedEventArgs e)
        {
            GattWriteRequest req = e.GetRequest();
            BleBuffer value = req.Value;
            int n = (int)value.Length;
            if (n > MaxChunkBytes)
            {
                n = 0; // longer than any negotiated MTU: treated as a malformed chunk by Core
            }
            byte[] data = new byte[n];
            if (n > 0) DataReader.FromBuffer(value).ReadBytes(data);
            if (req.Option == GattWriteOption.WriteWithResponse) req.Respond();
            // This write's own connection decides, not the global pairing object (Core LinkSecurity).
            _session.Authenticated = _security.IsAuthenticated(ConnectionOf(e.Session));
            object gate = RequestGate;
            if (gate == null) { _session.OnChunk(data, 0, n); return; }
            Monitor.Enter(gate);
            try { _session.OnChunk(data, 0, n); }
            finally { Monitor.Exit(gate); }
        }

        private static int ConnectionOf(GattSession s)
        {
            if (s == null) return -1;
            BluetoothDeviceId id = s.DeviceId;
            return id == null ? -1 : id.Id;
        }

        private static int CurrentConnection() { return ConnectionOf(BluetoothLEServer.Instance.Session); }

        private void OnMaxPduSizeChanged(object sender, EventArgs e)
        {
            GattSession s = BluetoothLEServer.Instance.Session;
            if (s != null) _session.Mtu = s.MaxMtuSize;
        }

        private void OnSessionStatusChanged(object sender, GattSessionStatusChangedEventArgs e)
        {
            int id = ConnectionOf(sender as GattSession);
            if (id < 0) id = CurrentConnection();
            if (e.Status == GattSessionStatus.Closed)
            {
                _security.Disconnected(id);
                _session.OnDisconnected();
            }
            else if (e.Status == GattSessionStatus.Active)
            {
                _security.Connected(id);
                _session.OnConnected();
            }
        }

        private void OnPairingRequested(object sender, DevicePairingRequestedEventArgs e)
        {
            if (e.PairingKind == DevicePairingKinds.DisplayPin)
            {
                PasskeyDisplayHandler show = PasskeyDisplay;
                if (show != null) show(e.Pin);
                e.Accept();
            }
            // Any other kind (Just Works, numeric comparison without display) is not accepted: no unauthenticated keys.
        }

        private void OnPairingComplete(object sender, DevicePairingEventArgs e)
        {
            // Pairing (or a bonded peer's re-encryption) completes on the connection in progress; 1.1.123
            // reports one session at a time, so that is the server's current session.
            DevicePairing p = BluetoothLEServer.Instance.Pairing;
            bool encrypted = e.Status == DevicePairingResultStatus.Paired || e.Status == DevicePairingResultStatus.AlreadyPaired;
            int id = CurrentConnection();
            _security.EncryptionChanged(id, encrypted && p.IsPaired, p.IsAuthenticated, p.WasSecureConnectionUsedForPairing);
            _session.Authenticated = _security.IsAuthenticated(id);
        }

        /// <summary>Sends one chunk as a notification of the response characteristic.</summary>
        public void SendChunk(byte[] chunk, int offset, int count)
        {
            if (_response == null) return;
            byte[] b = new byte[count];
            Array.Copy(chunk, offset, b, 0, count);
            _response.NotifyValue(new BleBuffer(b));
        }
    }
}
