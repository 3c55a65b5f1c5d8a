using System.Threading.Channels;
using Tmds.DBus.Protocol;

namespace Handheld.Sdk.Device.BlueZ;

/// <summary>
/// The BLE link to a real handheld on Linux, through BlueZ's D-Bus API (org.bluez): find the device (or discover
/// one that advertises the Handheld service), connect, pair by passkey entry through an agent, wait for the GATT
/// services, subscribe to Response/Event notifications and write requests chunk by chunk (docs/ble-protocol.md §2).
/// A link that drops makes <see cref="ReceiveChunkAsync"/> return null, as the TCP transport does; the caller
/// resumes with a new transport (the bond is kept, so reconnecting asks for no passkey).
/// </summary>
public sealed class BlueZDeviceTransport : IDeviceTransport
{
    private const string AgentPath = "/com/handheld/agent";

    private readonly DBusConnection _bus;
    private readonly Channel<byte[]?> _chunks = Channel.CreateUnbounded<byte[]?>();
    private readonly List<IDisposable> _watches = new();
    private readonly BlueZOptions _options;
    private string _requestPath = "", _responsePath = "";
    private volatile bool _connected;

    private BlueZDeviceTransport(DBusConnection bus, BlueZOptions options, string devicePath)
    {
        _bus = bus;
        _options = options;
        DevicePath = devicePath;
    }

    public string DevicePath { get; }
    public string Address { get; private set; } = "";
    public int Mtu { get; private set; } = 23;
    /// <summary>The device is bonded (paired with a passkey), so the link is encrypted and authenticated.</summary>
    public bool Authenticated { get; private set; }

    /// <summary>Connects as described on the class; throws <see cref="DeviceLinkException"/> naming the step that failed.</summary>
    public static async Task<BlueZDeviceTransport> ConnectAsync(BlueZOptions options, CancellationToken ct = default)
    {
        if (options.Address != null && !BlueZNames.IsAddress(options.Address))
            throw new ArgumentException("address: expected AA:BB:CC:DD:EE:FF, got '" + options.Address + "'", nameof(options));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.ConnectTimeout);
        var bus = new DBusConnection(options.BusAddress ?? DBusAddress.System ?? "unix:path=/var/run/dbus/system_bus_socket");
        try
        {
            await bus.ConnectAsync().ConfigureAwait(false);
            var devicePath = await FindDeviceAsync(bus, options, timeout.Token).ConfigureAwait(false);
            var transport = new BlueZDeviceTransport(bus, options, devicePath);
            await transport.OpenAsync(timeout.Token).ConfigureAwait(false);
            return transport;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            bus.Dispose();
            throw new DeviceLinkException($"BlueZ: no connected Handheld within {options.ConnectTimeout.TotalSeconds:0} s");
        }
        catch (DBusExceptionBase e)
        {
            bus.Dispose();
            throw new DeviceLinkException("BlueZ: " + e.Message);
        }
        catch
        {
            bus.Dispose();
            throw;
        }
    }

    /// <summary>Writes a method call's body (MessageWriter is a ref struct, so bodies are written by delegate).</summary>
    internal delegate void BodyWriter(ref MessageWriter writer);

    /// <summary>A method call to BlueZ, built synchronously (a MessageWriter cannot live across an await).</summary>
    internal static MessageBuffer Call(DBusConnection bus, string path, string iface, string member, string? signature = null, BodyWriter? body = null)
    {
        var writer = bus.GetMessageWriter();
        try
        {
            writer.WriteMethodCallHeader(BlueZNames.Service, path, iface, member, signature);
            body?.Invoke(ref writer);
            return writer.CreateMessage();
        }
        finally
        {
            writer.Dispose();
        }
    }

    private static Task<ManagedObjects> GetObjectsAsync(DBusConnection bus) =>
        bus.CallMethodAsync(Call(bus, "/", BlueZNames.ObjectManager, "GetManagedObjects"), (m, _) => ManagedObjects.Read(m));

    private static async Task<string> FindDeviceAsync(DBusConnection bus, BlueZOptions options, CancellationToken ct)
    {
        var objects = await GetObjectsAsync(bus).ConfigureAwait(false);
        var adapters = objects.With(BlueZNames.Adapter).Select(a => a.Path).ToList();
        var adapter = options.Adapter == null ? adapters.FirstOrDefault() : adapters.FirstOrDefault(p => p.EndsWith("/" + options.Adapter, StringComparison.Ordinal));
        if (adapter == null)
            throw new DeviceLinkException(options.Adapter == null ? "BlueZ: no Bluetooth adapter" : "BlueZ: no adapter " + options.Adapter);

        string? Match(string path, Dictionary<string, VariantValue> device)
        {
            if (!path.StartsWith(adapter + "/", StringComparison.Ordinal)) return null;
            if (options.Address != null)
                return device.TryGetValue("Address", out var a) && string.Equals(a.GetString(), options.Address, StringComparison.OrdinalIgnoreCase) ? path : null;
            return device.TryGetValue("UUIDs", out var u) && u.GetArray<string>().Contains(HandheldGatt.ServiceUuid, StringComparer.OrdinalIgnoreCase) ? path : null;
        }

        foreach (var (path, device) in objects.With(BlueZNames.Device))
            if (Match(path, device) is { } known) return known;

        // Not known yet: discover, filtered to LE devices that advertise the Handheld service.
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var added = await bus.WatchSignalAsync(BlueZNames.Service, "/", BlueZNames.ObjectManager, "InterfacesAdded",
            (m, _) =>
            {
                var reader = m.GetBodyReader();
                var path = reader.ReadObjectPathAsString();
                return (path, ReadDevice(ref reader));
            },
            (Notification<(string path, Dictionary<string, VariantValue>? device)> n) =>
            {
                if (n.HasValue && n.Value.device != null && Match(n.Value.path, n.Value.device) is { } p) found.TrySetResult(p);
            }, ObserverFlags.None, emitOnCapturedContext: false).ConfigureAwait(false);
        await bus.CallMethodAsync(Call(bus, adapter, BlueZNames.Adapter, "SetDiscoveryFilter", "a{sv}", (ref MessageWriter w) =>
            w.WriteDictionary(new Dictionary<string, VariantValue>
            {
                ["UUIDs"] = VariantValue.Array(new[] { HandheldGatt.ServiceUuid }),
                ["Transport"] = "le",
            }))).ConfigureAwait(false);
        await CallAsync(bus, adapter, BlueZNames.Adapter, "StartDiscovery").ConfigureAwait(false);
        try
        {
            using var registration = ct.Register(() => found.TrySetCanceled(ct));
            return await found.Task.ConfigureAwait(false);
        }
        finally
        {
            try { await CallAsync(bus, adapter, BlueZNames.Adapter, "StopDiscovery").ConfigureAwait(false); }
            catch (DBusExceptionBase) { } // discovery may already have ended; nothing to undo
        }
    }

    private static Dictionary<string, VariantValue>? ReadDevice(ref Reader reader)
    {
        var interfaces = ManagedObjects.ReadInterfaces(ref reader);
        return interfaces.TryGetValue(BlueZNames.Device, out var d) ? d : null;
    }

    private static Task CallAsync(DBusConnection bus, string path, string iface, string member) =>
        bus.CallMethodAsync(Call(bus, path, iface, member));

    private Task<VariantValue> GetPropertyAsync(string path, string iface, string name) =>
        _bus.CallMethodAsync(Call(_bus, path, BlueZNames.Properties, "Get", "ss", (ref MessageWriter w) =>
        {
            w.WriteString(iface);
            w.WriteString(name);
        }), (m, _) => m.GetBodyReader().ReadVariantValue());

    private async Task OpenAsync(CancellationToken ct)
    {
        // Watch the device first, so a drop or the services arriving cannot be missed between call and check.
        var resolved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _watches.Add(await _bus.WatchSignalAsync(BlueZNames.Service, DevicePath, BlueZNames.Properties, "PropertiesChanged",
            (m, _) => ReadChanges(m), (Notification<(string Interface, Dictionary<string, VariantValue> Values)> n) =>
            {
                if (!n.HasValue)
                {
                    if (n.Type is NotificationType.ConnectionClosed or NotificationType.ConnectionFailed) LinkLost();
                    return;
                }
                var changes = n.Value;
                if (changes.Interface != BlueZNames.Device) return;
                if (changes.Values.TryGetValue("ServicesResolved", out var r) && r.GetBool()) resolved.TrySetResult();
                if (changes.Values.TryGetValue("Connected", out var c) && !c.GetBool()) LinkLost();
            }, ObserverFlags.None, emitOnCapturedContext: false).ConfigureAwait(false));

        Address = (await GetPropertyAsync(DevicePath, BlueZNames.Device, "Address").ConfigureAwait(false)).GetString();
        await CallAsync(_bus, DevicePath, BlueZNames.Device, "Connect").ConfigureAwait(false);
        _connected = true;

        Authenticated = (await GetPropertyAsync(DevicePath, BlueZNames.Device, "Paired").ConfigureAwait(false)).GetBool();
        if (!Authenticated && _options.Passkey != null)
        {
            var agent = new BlueZPasskeyAgent(AgentPath, _options.Passkey);
            _bus.AddMethodHandler(agent);
            try
            {
                await _bus.CallMethodAsync(Call(_bus, BlueZNames.AgentManagerPath, BlueZNames.AgentManager, "RegisterAgent", "os", (ref MessageWriter w) =>
                {
                    w.WriteObjectPath(AgentPath);
                    w.WriteString(BlueZPasskeyAgent.Capability);
                })).ConfigureAwait(false);
                try
                {
                    await CallAsync(_bus, DevicePath, BlueZNames.Device, "Pair").ConfigureAwait(false);
                }
                catch (DBusErrorReplyException e)
                {
                    throw new DeviceLinkException("BlueZ: pairing failed (" + e.ErrorName + "): check the passkey the device shows");
                }
                Authenticated = true;
            }
            finally
            {
                try
                {
                    await _bus.CallMethodAsync(Call(_bus, BlueZNames.AgentManagerPath, BlueZNames.AgentManager, "UnregisterAgent", "o",
                        (ref MessageWriter w) => w.WriteObjectPath(AgentPath))).ConfigureAwait(false);
                }
                catch (DBusExceptionBase) { } // BlueZ drops an agent whose owner leaves; nothing else to undo
                _bus.RemoveMethodHandler(AgentPath);
            }
        }

        if (!(await GetPropertyAsync(DevicePath, BlueZNames.Device, "ServicesResolved").ConfigureAwait(false)).GetBool())
        {
            using var registration = ct.Register(() => resolved.TrySetCanceled(ct));
            await resolved.Task.ConfigureAwait(false);
        }

        var objects = await GetObjectsAsync(_bus).ConfigureAwait(false);
        foreach (var (path, ch) in objects.With(BlueZNames.GattCharacteristic))
        {
            if (!path.StartsWith(DevicePath + "/", StringComparison.Ordinal) || !ch.TryGetValue("UUID", out var uuid)) continue;
            if (string.Equals(uuid.GetString(), HandheldGatt.RequestUuid, StringComparison.OrdinalIgnoreCase)) _requestPath = path;
            if (string.Equals(uuid.GetString(), HandheldGatt.ResponseUuid, StringComparison.OrdinalIgnoreCase)) _responsePath = path;
        }
        if (_requestPath.Length == 0 || _responsePath.Length == 0)
            throw new DeviceLinkException("BlueZ: " + Address + " has no Handheld service (" + HandheldGatt.ServiceUuid + ")");

        // BlueZ 5.62+ reports the negotiated ATT MTU on each characteristic; older ones do not, so assume the minimum.
        if (objects.Objects[_requestPath][BlueZNames.GattCharacteristic].TryGetValue("MTU", out var mtu)) Mtu = mtu.GetUInt16();

        _watches.Add(await _bus.WatchSignalAsync(BlueZNames.Service, _responsePath, BlueZNames.Properties, "PropertiesChanged",
            (m, _) => ReadChanges(m), (Notification<(string Interface, Dictionary<string, VariantValue> Values)> n) =>
            {
                if (n.HasValue && n.Value.Interface == BlueZNames.GattCharacteristic && n.Value.Values.TryGetValue("Value", out var v))
                    _chunks.Writer.TryWrite(v.GetArray<byte>());
            }, ObserverFlags.None, emitOnCapturedContext: false).ConfigureAwait(false));
        await CallAsync(_bus, _responsePath, BlueZNames.GattCharacteristic, "StartNotify").ConfigureAwait(false);
    }

    private static (string Interface, Dictionary<string, VariantValue> Values) ReadChanges(Message m)
    {
        var reader = m.GetBodyReader();
        var iface = reader.ReadString();
        return (iface, reader.ReadDictionaryOfStringToVariantValue());
    }

    private void LinkLost()
    {
        _connected = false;
        _chunks.Writer.TryWrite(null);
    }

    public async Task SendChunkAsync(byte[] chunk, int offset, int count, CancellationToken ct)
    {
        if (!_connected) throw new DeviceLinkException("link lost: " + Address + " disconnected");
        var type = _options.WriteWithoutResponse ? "command" : "request";
        var message = Call(_bus, _requestPath, BlueZNames.GattCharacteristic, "WriteValue", "aya{sv}", (ref MessageWriter w) =>
        {
            w.WriteArray(new ReadOnlySpan<byte>(chunk, offset, count));
            w.WriteDictionary(new Dictionary<string, VariantValue> { ["type"] = type });
        });
        try
        {
            await _bus.CallMethodAsync(message).WaitAsync(ct).ConfigureAwait(false);
        }
        catch (DBusExceptionBase e)
        {
            LinkLost();
            throw new DeviceLinkException("link lost: " + e.Message);
        }
    }

    public async Task<byte[]?> ReceiveChunkAsync(CancellationToken ct)
    {
        try
        {
            var chunk = await _chunks.Reader.ReadAsync(ct).ConfigureAwait(false);
            if (chunk == null) _chunks.Writer.TryWrite(null); // stays closed for later readers
            return chunk;
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    private bool _disposed;

    /// <summary>Stops notifications, disconnects and closes the bus connection; a second call does nothing
    /// (a <see cref="DeviceClient"/> disposes the transport it was given).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var w in _watches) w.Dispose();
        if (_connected)
        {
            try
            {
                if (_responsePath.Length > 0) await CallAsync(_bus, _responsePath, BlueZNames.GattCharacteristic, "StopNotify").ConfigureAwait(false);
                await CallAsync(_bus, DevicePath, BlueZNames.Device, "Disconnect").ConfigureAwait(false);
            }
            catch (DBusExceptionBase) { } // already gone: the link is closed either way
        }
        _bus.Dispose();
    }
}
