using Handheld.Core.Protocol;
using Handheld.Sdk.Device.BlueZ;
using Tmds.DBus.Protocol;

namespace Handheld.Simulator.Link.BlueZ;

/// <summary>
/// Stands in for bluetoothd on a private D-Bus bus: it owns the name org.bluez and exports, as BlueZ documents them
/// (doc/org.bluez.Adapter.rst, Device.rst, GattCharacteristic.rst, AgentManager.rst), one adapter with one Handheld
/// peripheral behind it, so the SDK's BlueZ transport runs in CI the code that would talk to a real adapter. Behind the
/// GATT objects sits a simulated device's <see cref="LinkSession"/>: a WriteValue on Request is one chunk in, every chunk
/// out is a PropertiesChanged "Value" on Response/Event while notifications are on. Pairing calls the registered agent's
/// RequestPasskey and compares with the passkey the device "displays"; a bond survives disconnection.
/// </summary>
public sealed class BlueZPeripheralEmulator : IPathMethodHandler, ILinkOutput, IAsyncDisposable
{
    public const string AdapterPath = "/org/bluez/hci0";
    private const string AdapterAddress = "00:1A:7D:DA:71:13";

    private readonly SimulatedDevice _device;
    private readonly object _lock = new();
    private DBusConnection? _bus;
    private LinkSession? _session;
    private (string Owner, string Path)? _agent;
    private readonly string _servicePath, _requestPath, _responsePath;

    public BlueZPeripheralEmulator(SimulatedDevice device, string address = "C0:FF:EE:00:00:01", uint passkey = 123456, int mtu = 185,
        bool knownAtStart = true, bool bonded = false)
    {
        _device = device;
        Address = address;
        Passkey = passkey;
        Mtu = mtu;
        Visible = knownAtStart;
        Paired = bonded;
        DevicePath = BlueZNames.DevicePath(AdapterPath, address);
        _servicePath = DevicePath + "/service0010";
        _requestPath = _servicePath + "/char0011";
        _responsePath = _servicePath + "/char0013";
    }

    public string Path => "/";
    public bool HandlesChildPaths => true;

    public string Address { get; }
    public string DevicePath { get; }
    /// <summary>The six digits the device shows while pairing.</summary>
    public uint Passkey { get; }
    public int Mtu { get; }
    public bool Visible { get; private set; }
    public bool Paired { get; private set; }
    public bool Connected { get; private set; }
    public bool Notifying { get; private set; }
    public bool Discovering { get; private set; }
    /// <summary>Pair calls refused for a wrong or missing passkey.</summary>
    public int FailedPairings { get; private set; }
    /// <summary>Request chunks received; <see cref="DropAfterChunks"/> cuts the link once this reaches it.</summary>
    public int ChunksIn { get; private set; }
    public int DropAfterChunks { get; set; } = int.MaxValue;
    /// <summary>Notifications sent; once <see cref="DropAfterNotifications"/> is reached the link is cut (mid-transfer
    /// of a large response, the case that loses data if anything does).</summary>
    public int NotificationsOut { get; private set; }
    public int DropAfterNotifications { get; set; } = int.MaxValue;

    /// <summary>Connects to the bus at <paramref name="busAddress"/> and takes the name org.bluez.</summary>
    public async Task StartAsync(string busAddress)
    {
        _bus = new DBusConnection(busAddress);
        await _bus.ConnectAsync().ConfigureAwait(false);
        _bus.AddMethodHandler(this);
        await _bus.RequestNameAsync(BlueZNames.Service, RequestNameOptions.None).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        _bus?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The radio link ends (out of range, device off): Connected goes false, the session is gone.</summary>
    public void DropLink()
    {
        lock (_lock)
        {
            if (!Connected) return;
            Connected = false;
            Notifying = false;
            _session = null;
        }
        EmitChanged(DevicePath, BlueZNames.Device, new() { ["Connected"] = false, ["ServicesResolved"] = false });
    }

    // ---- objects and their properties ----

    private Dictionary<string, Dictionary<string, Dictionary<string, VariantValue>>> Objects()
    {
        var objects = new Dictionary<string, Dictionary<string, Dictionary<string, VariantValue>>>(StringComparer.Ordinal)
        {
            [BlueZNames.AgentManagerPath] = new() { [BlueZNames.AgentManager] = new() },
            [AdapterPath] = new() { [BlueZNames.Adapter] = AdapterProperties() },
        };
        if (Visible) objects[DevicePath] = new() { [BlueZNames.Device] = DeviceProperties() };
        if (Connected)
            foreach (var (path, interfaces) in GattObjects()) objects[path] = interfaces;
        return objects;
    }

    private Dictionary<string, VariantValue> AdapterProperties() => new()
    {
        ["Address"] = AdapterAddress, ["Name"] = "handheld-ci", ["Powered"] = true, ["Discovering"] = Discovering,
    };

    private Dictionary<string, VariantValue> DeviceProperties() => new()
    {
        ["Address"] = Address, ["AddressType"] = "public", ["Name"] = "Handheld HH-1", ["Alias"] = "Handheld HH-1",
        ["Paired"] = Paired, ["Bonded"] = Paired, ["Trusted"] = false, ["Connected"] = Connected, ["ServicesResolved"] = Connected,
        ["UUIDs"] = VariantValue.Array(new[] { HandheldGatt.ServiceUuid }), ["Adapter"] = VariantValue.ObjectPath(AdapterPath),
    };

    private Dictionary<string, Dictionary<string, Dictionary<string, VariantValue>>> GattObjects() => new(StringComparer.Ordinal)
    {
        [_servicePath] = new() { [BlueZNames.GattService] = new()
        {
            ["UUID"] = HandheldGatt.ServiceUuid, ["Primary"] = true, ["Device"] = VariantValue.ObjectPath(DevicePath),
        } },
        [_requestPath] = new() { [BlueZNames.GattCharacteristic] = new()
        {
            ["UUID"] = HandheldGatt.RequestUuid, ["Service"] = VariantValue.ObjectPath(_servicePath),
            ["Flags"] = VariantValue.Array(new[] { "write", "write-without-response" }), ["MTU"] = (ushort)Mtu,
        } },
        [_responsePath] = new() { [BlueZNames.GattCharacteristic] = new()
        {
            ["UUID"] = HandheldGatt.ResponseUuid, ["Service"] = VariantValue.ObjectPath(_servicePath),
            ["Flags"] = VariantValue.Array(new[] { "notify" }), ["Notifying"] = Notifying, ["MTU"] = (ushort)Mtu,
            ["Value"] = VariantValue.Array(Array.Empty<byte>()),
        } },
    };

    // ---- method calls ----

    public async ValueTask HandleMethodAsync(MethodContext context)
    {
        var request = context.Request;
        string path = request.PathAsString ?? "", iface = request.InterfaceAsString ?? "", member = request.MemberAsString ?? "";
        try
        {
            switch (iface, member)
            {
                case (BlueZNames.ObjectManager, "GetManagedObjects") when path == "/":
                    ReplyObjects(context, Objects());
                    return;
                case (BlueZNames.Properties, "Get"):
                {
                    var reader = request.GetBodyReader();
                    string i = reader.ReadString(), name = reader.ReadString();
                    if (!Objects().TryGetValue(path, out var interfaces) || !interfaces.TryGetValue(i, out var props) || !props.TryGetValue(name, out var value))
                    { context.ReplyError("org.freedesktop.DBus.Error.InvalidArgs", "No such property '" + name + "'"); return; }
                    ReplyVariant(context, value);
                    return;
                }
                case (BlueZNames.Properties, "GetAll"):
                {
                    var i = request.GetBodyReader().ReadString();
                    if (!Objects().TryGetValue(path, out var interfaces) || !interfaces.TryGetValue(i, out var props)) props = new();
                    ReplyProperties(context, props);
                    return;
                }
                case (BlueZNames.Adapter, "SetDiscoveryFilter") when path == AdapterPath:
                    ReplyEmpty(context);
                    return;
                case (BlueZNames.Adapter, "StartDiscovery") when path == AdapterPath:
                    Discovering = true;
                    ReplyEmpty(context);
                    EmitChanged(AdapterPath, BlueZNames.Adapter, new() { ["Discovering"] = true });
                    if (!Visible)
                    {
                        Visible = true; // the peripheral advertises; bluetoothd adds it when its advertisement is seen
                        EmitInterfacesAdded(DevicePath, new() { [BlueZNames.Device] = DeviceProperties() });
                    }
                    return;
                case (BlueZNames.Adapter, "StopDiscovery") when path == AdapterPath:
                    if (!Discovering) { context.ReplyError(BlueZNames.ErrorFailed, "No discovery started"); return; }
                    Discovering = false;
                    ReplyEmpty(context);
                    EmitChanged(AdapterPath, BlueZNames.Adapter, new() { ["Discovering"] = false });
                    return;
                case (BlueZNames.AgentManager, "RegisterAgent") when path == BlueZNames.AgentManagerPath:
                {
                    var reader = request.GetBodyReader();
                    var agentPath = reader.ReadObjectPathAsString();
                    var capability = reader.ReadString();
                    if (capability is not ("DisplayOnly" or "DisplayYesNo" or "KeyboardOnly" or "NoInputNoOutput" or "KeyboardDisplay" or ""))
                    { context.ReplyError("org.bluez.Error.InvalidArguments", "Invalid capability"); return; }
                    if (_agent != null) { context.ReplyError("org.bluez.Error.AlreadyExists", "Already Exists"); return; }
                    _agent = (request.SenderAsString ?? "", agentPath);
                    ReplyEmpty(context);
                    return;
                }
                case (BlueZNames.AgentManager, "RequestDefaultAgent"):
                    ReplyEmpty(context);
                    return;
                case (BlueZNames.AgentManager, "UnregisterAgent"):
                    if (_agent == null) { context.ReplyError("org.bluez.Error.DoesNotExist", "Does Not Exist"); return; }
                    _agent = null;
                    ReplyEmpty(context);
                    return;
                case (BlueZNames.Device, "Connect") when path == DevicePath && Visible:
                    lock (_lock)
                    {
                        Connected = true;
                        _session = new LinkSession(_device.Handler, this) { Mtu = Mtu, Authenticated = Paired };
                    }
                    ReplyEmpty(context);
                    EmitChanged(DevicePath, BlueZNames.Device, new() { ["Connected"] = true });
                    foreach (var (p, interfaces) in GattObjects()) EmitInterfacesAdded(p, interfaces);
                    EmitChanged(DevicePath, BlueZNames.Device, new() { ["ServicesResolved"] = true });
                    return;
                case (BlueZNames.Device, "Disconnect") when path == DevicePath:
                    ReplyEmpty(context);
                    DropLink();
                    return;
                case (BlueZNames.Device, "Pair") when path == DevicePath:
                    await PairAsync(context).ConfigureAwait(false);
                    return;
                case (BlueZNames.GattCharacteristic, "StartNotify") when path == _responsePath:
                    Notifying = Connected;
                    if (!Connected) { context.ReplyError(BlueZNames.ErrorFailed, "Not connected"); return; }
                    ReplyEmpty(context);
                    EmitChanged(_responsePath, BlueZNames.GattCharacteristic, new() { ["Notifying"] = true });
                    return;
                case (BlueZNames.GattCharacteristic, "StopNotify") when path == _responsePath:
                    Notifying = false;
                    ReplyEmpty(context);
                    return;
                case (BlueZNames.GattCharacteristic, "WriteValue") when path == _requestPath:
                {
                    var value = request.GetBodyReader().ReadArrayOfByte();
                    LinkSession? session;
                    lock (_lock)
                    {
                        session = Connected ? _session : null;
                        if (session != null && ++ChunksIn > DropAfterChunks) session = null;
                    }
                    if (session == null)
                    {
                        context.ReplyError(BlueZNames.ErrorFailed, "Not connected");
                        DropLink();
                        return;
                    }
                    lock (_lock) session.OnChunk(value, 0, value.Length);
                    ReplyEmpty(context);
                    return;
                }
            }
            context.ReplyUnknownMethodError();
        }
        catch (Exception e) when (!context.ReplySent)
        {
            context.ReplyError(BlueZNames.ErrorFailed, e.Message);
        }
    }

    private async Task PairAsync(MethodContext context)
    {
        if (Paired) { context.ReplyError("org.bluez.Error.AlreadyExists", "Already Paired"); return; }
        if (_agent is not { } agent) { FailedPairings++; context.ReplyError(BlueZNames.ErrorAuthenticationFailed, "No agent to enter the passkey"); return; }
        uint entered;
        try
        {
            entered = await _bus!.CallMethodAsync(RequestPasskey(agent.Owner, agent.Path), (m, _) => m.GetBodyReader().ReadUInt32()).ConfigureAwait(false);
        }
        catch (DBusErrorReplyException)
        {
            FailedPairings++;
            context.ReplyError(BlueZNames.ErrorAuthenticationFailed, "Authentication Rejected");
            return;
        }
        if (entered != Passkey) { FailedPairings++; context.ReplyError(BlueZNames.ErrorAuthenticationFailed, "Authentication Failed"); return; }
        lock (_lock)
        {
            Paired = true;
            if (_session != null) _session.Authenticated = true; // LE Secure Connections: the link is now encrypted with the passkey-authenticated key
        }
        ReplyEmpty(context);
        EmitChanged(DevicePath, BlueZNames.Device, new() { ["Paired"] = true, ["Bonded"] = true });
    }

    private MessageBuffer RequestPasskey(string owner, string agentPath)
    {
        var writer = _bus!.GetMessageWriter();
        try
        {
            writer.WriteMethodCallHeader(owner, agentPath, BlueZNames.Agent, "RequestPasskey", "o");
            writer.WriteObjectPath(DevicePath);
            return writer.CreateMessage();
        }
        finally { writer.Dispose(); }
    }

    /// <summary>A chunk from the device: a notification on Response/Event (dropped while notifications are off, as the
    /// CCCD would keep it from being sent).</summary>
    public void SendChunk(byte[] chunk, int offset, int count)
    {
        if (!Notifying) return;
        if (++NotificationsOut > DropAfterNotifications) { DropLink(); return; }
        EmitChanged(_responsePath, BlueZNames.GattCharacteristic, new() { ["Value"] = VariantValue.Array(chunk.AsSpan(offset, count).ToArray()) });
    }

    // ---- message building (a MessageWriter cannot live across an await, so these are synchronous) ----

    private static void ReplyEmpty(MethodContext context)
    {
        if (context.NoReplyExpected) return;
        var writer = context.CreateReplyWriter(null!);
        try { context.Reply(writer.CreateMessage()); } finally { writer.Dispose(); }
    }

    private static void ReplyVariant(MethodContext context, VariantValue value)
    {
        var writer = context.CreateReplyWriter("v");
        try
        {
            writer.WriteVariant(value);
            context.Reply(writer.CreateMessage());
        }
        finally { writer.Dispose(); }
    }

    private static void ReplyProperties(MethodContext context, Dictionary<string, VariantValue> props)
    {
        var writer = context.CreateReplyWriter("a{sv}");
        try
        {
            writer.WriteDictionary(props);
            context.Reply(writer.CreateMessage());
        }
        finally { writer.Dispose(); }
    }

    private static void ReplyObjects(MethodContext context, Dictionary<string, Dictionary<string, Dictionary<string, VariantValue>>> objects)
    {
        var writer = context.CreateReplyWriter("a{oa{sa{sv}}}");
        try
        {
            var outer = writer.WriteDictionaryStart();
            foreach (var (path, interfaces) in objects)
            {
                writer.WriteDictionaryEntryStart();
                writer.WriteObjectPath(path);
                WriteInterfaces(ref writer, interfaces);
            }
            writer.WriteDictionaryEnd(outer);
            context.Reply(writer.CreateMessage());
        }
        finally { writer.Dispose(); }
    }

    private static void WriteInterfaces(ref MessageWriter writer, Dictionary<string, Dictionary<string, VariantValue>> interfaces)
    {
        var inner = writer.WriteDictionaryStart();
        foreach (var (name, props) in interfaces)
        {
            writer.WriteDictionaryEntryStart();
            writer.WriteString(name);
            writer.WriteDictionary(props);
        }
        writer.WriteDictionaryEnd(inner);
    }

    private void EmitChanged(string path, string iface, Dictionary<string, VariantValue> changed)
    {
        if (_bus == null) return;
        var writer = _bus.GetMessageWriter();
        try
        {
            writer.WriteSignalHeader(null, path, BlueZNames.Properties, "PropertiesChanged", "sa{sv}as");
            writer.WriteString(iface);
            writer.WriteDictionary(changed);
            writer.WriteArray(Array.Empty<string>());
            _bus.TrySendMessage(writer.CreateMessage());
        }
        finally { writer.Dispose(); }
    }

    private void EmitInterfacesAdded(string path, Dictionary<string, Dictionary<string, VariantValue>> interfaces)
    {
        if (_bus == null) return;
        var writer = _bus.GetMessageWriter();
        try
        {
            writer.WriteSignalHeader(null, "/", BlueZNames.ObjectManager, "InterfacesAdded", "oa{sa{sv}}");
            writer.WriteObjectPath(path);
            WriteInterfaces(ref writer, interfaces);
            _bus.TrySendMessage(writer.CreateMessage());
        }
        finally { writer.Dispose(); }
    }
}
