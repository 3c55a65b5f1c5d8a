namespace Handheld.Sdk.Device;

/// <summary>
/// The configuration keys of docs/ble-protocol.md §5.5 with the names the CLI uses and the ranges the device
/// enforces (it answers ValueOutOfRange itself; the host checks first so a typo is refused before the link).
/// </summary>
public static class DeviceConfigKeys
{
    public sealed record Key(byte Id, string Name, int Min, int Max, string Unit, string Meaning);

    public static IReadOnlyList<Key> All { get; } =
    [
        new(1, "buzzer", 0, 1, "", "buzzer on (1) or off (0)"),
        new(2, "sweep-ms", 500, 10_000, "ms", "UV sweep duration"),
        new(3, "auto-sleep-s", 30, 3600, "s", "idle time before the device sleeps"),
        new(4, "confirm-required", 0, 1, "", "the inspector must confirm each human check (1) or may skip (0)"),
    ];

    public static Key? ByName(string name) => All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));

    public static Key? ById(byte id) => All.FirstOrDefault(k => k.Id == id);
}
