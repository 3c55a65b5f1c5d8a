namespace Handheld.Sdk.Device.BlueZ;

/// <summary>How <see cref="BlueZDeviceTransport"/> finds and pairs with a handheld.</summary>
public sealed class BlueZOptions
{
    /// <summary>The device's address (AA:BB:CC:DD:EE:FF); null to take the first device that advertises the
    /// Handheld service during discovery.</summary>
    public string? Address { get; init; }

    /// <summary>The adapter (hci0, hci1 …); null for the first one BlueZ lists.</summary>
    public string? Adapter { get; init; }

    /// <summary>D-Bus address of the bus BlueZ is on; null for the system bus.</summary>
    public string? BusAddress { get; init; }

    /// <summary>Asked for the passkey the device displays when pairing is needed (device object path in, passkey or
    /// null to refuse out). Null: pairing is refused, so only an already bonded device gives an authenticated link.</summary>
    public Func<string, CancellationToken, Task<uint?>>? Passkey { get; init; }

    /// <summary>Bound on discovery, connection, pairing and service resolution together.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Write with response ("request", default: each chunk acknowledged, so a lost link is seen at once) or
    /// without ("command": faster, BlueZ queues the writes).</summary>
    public bool WriteWithoutResponse { get; init; }
}
