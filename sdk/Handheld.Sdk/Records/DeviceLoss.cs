namespace Handheld.Sdk.Records;

/// <summary>
/// A device reported lost, as the host store records it (docs/threat-model.md "Lost device"): an anomaly of kind
/// <see cref="LostKind"/> whose FromSequence is the first sequence after the newest record held when it was
/// reported. Records the device produces from then on may come from whoever has it (its record key is on it), so
/// the importer keeps them — evidence is never dropped — but apart (<see cref="RecordState.Rejected"/>, never
/// released on the device) until the device is reported found (<see cref="FoundKind"/>, a service decision).
/// There is no device-side "lost" command: a lost device is by definition not on the operator's link; its
/// bonds are removed with the boot pairing-reset gesture once it is back.
/// </summary>
public static class DeviceLoss
{
    public const string LostKind = "device-lost";
    public const string FoundKind = "device-found";

    /// <summary>Marks <paramref name="deviceId"/> lost; returns the anomaly written.</summary>
    public static RecordAnomaly MarkLost(IRecordStore store, string deviceId, string note, string at)
    {
        using var scope = store.LockDevice(deviceId);
        var state = store.Device(deviceId);
        long newest = store.Sequences(deviceId, state.Epoch).DefaultIfEmpty(0).Max();
        var a = new RecordAnomaly(deviceId, state.Epoch, LostKind, newest + 1, long.MaxValue,
            note.Length == 0 ? "reported lost" : note, at);
        store.AddAnomaly(a);
        return a;
    }

    /// <summary>Ends a loss report (records after it are then judged as usual by `records reverify`).</summary>
    public static RecordAnomaly MarkFound(IRecordStore store, string deviceId, string note, string at)
    {
        using var scope = store.LockDevice(deviceId);
        var a = new RecordAnomaly(deviceId, store.Device(deviceId).Epoch, FoundKind, 0, 0, note.Length == 0 ? "reported found" : note, at);
        store.AddAnomaly(a);
        return a;
    }

    /// <summary>The loss report in force for <paramref name="deviceId"/> (the latest lost/found anomaly is a
    /// loss), or null.</summary>
    public static RecordAnomaly? Current(IRecordStore store, string deviceId)
    {
        var last = store.Anomalies(deviceId).LastOrDefault(a => a.Kind is LostKind or FoundKind);
        return last is { Kind: LostKind } ? last : null;
    }
}
