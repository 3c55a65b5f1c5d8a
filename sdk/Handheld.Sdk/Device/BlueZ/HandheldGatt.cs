namespace Handheld.Sdk.Device.BlueZ;

/// <summary>The Handheld GATT service and its two characteristics (docs/ble-protocol.md §2), in the lower-case
/// form BlueZ reports UUIDs in.</summary>
public static class HandheldGatt
{
    public const string ServiceUuid = "6e1d0001-4f3c-4b8e-9a51-7c2a6b0d1e01";
    /// <summary>App → device chunks (write).</summary>
    public const string RequestUuid = "6e1d0002-4f3c-4b8e-9a51-7c2a6b0d1e01";
    /// <summary>Device → app chunks (notify).</summary>
    public const string ResponseUuid = "6e1d0003-4f3c-4b8e-9a51-7c2a6b0d1e01";
}

/// <summary>Names of BlueZ's D-Bus API (BlueZ doc/org.bluez.*.rst) that the transport uses.</summary>
public static class BlueZNames
{
    public const string Service = "org.bluez";
    public const string Adapter = "org.bluez.Adapter1";
    public const string Device = "org.bluez.Device1";
    public const string GattService = "org.bluez.GattService1";
    public const string GattCharacteristic = "org.bluez.GattCharacteristic1";
    public const string AgentManager = "org.bluez.AgentManager1";
    public const string Agent = "org.bluez.Agent1";
    public const string AgentManagerPath = "/org/bluez";
    public const string ObjectManager = "org.freedesktop.DBus.ObjectManager";
    public const string Properties = "org.freedesktop.DBus.Properties";
    public const string ErrorRejected = "org.bluez.Error.Rejected";
    public const string ErrorAuthenticationFailed = "org.bluez.Error.AuthenticationFailed";
    public const string ErrorFailed = "org.bluez.Error.Failed";

    /// <summary>BlueZ's object path for a device: the adapter's path + "/dev_" + address with '_' for ':'.</summary>
    public static string DevicePath(string adapterPath, string address) => adapterPath + "/dev_" + address.ToUpperInvariant().Replace(':', '_');

    /// <summary>True for a Bluetooth device address written AA:BB:CC:DD:EE:FF (hex, either case).</summary>
    public static bool IsAddress(string text) =>
        text.Length == 17 && text.Select((c, i) => i % 3 == 2 ? c == ':' : Uri.IsHexDigit(c)).All(ok => ok);
}
