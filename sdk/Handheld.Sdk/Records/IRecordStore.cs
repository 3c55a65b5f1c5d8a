namespace Handheld.Sdk.Records;

/// <summary>How far a stored record has been checked.</summary>
public enum RecordState
{
    /// <summary>Well-formed, MAC good under the device key, sequence as announced, and linked: its previous hash is
    /// the zero hash (sequence 1), the chain hash of the stored record before it, or an authenticated anchor.</summary>
    Verified = 0,
    /// <summary>MAC good but the record before it is not held (a gap): kept, promoted once the gap is filled.</summary>
    Unlinked = 1,
    /// <summary>Kept apart: malformed, bad MAC (wrong or missing key), broken chain, or unreadable on the device.
    /// Never released on the device; <c>handheld records reverify</c> re-checks it.</summary>
    Rejected = 2,
}

/// <summary>One stored record copy. <see cref="Epoch"/> counts the device's logs: a log that restarted at 1
/// (flash erase, re-format) is a new epoch of the same device id.</summary>
public sealed record StoredRecord(string DeviceId, int Epoch, long Sequence, byte[] Data, string Sha256Hex, string ImportedAt,
    RecordState State, string? Reason);

/// <summary>Something the store noticed, by name: <c>log-reset</c>, <c>fork</c>, <c>gap</c>, <c>out-of-order</c>,
/// <c>kept-apart</c>, <c>lying-device</c>, <c>checkpoint</c>, <c>commit-refused</c>, and the device's own log faults
/// from its checkpoint (<c>log-truncated</c>, <c>log-authentication-failed</c>, <c>log-corrupt</c>,
/// <c>log-unsupported-layout</c>). Kept for the audit trail (never deleted).</summary>
public sealed record RecordAnomaly(string DeviceId, int Epoch, string Kind, long FromSequence, long ToSequence, string Detail, string At);

/// <summary>Per device: the current epoch and how far the device has acknowledged releasing it.</summary>
public sealed record DeviceSyncState(string DeviceId, int Epoch, long ReleasedThrough);

/// <summary>An authenticated chain hash of one record (from a device checkpoint), used as the link of the record
/// after it when the host does not hold that record.</summary>
public sealed record RecordAnchor(string DeviceId, int Epoch, long Sequence, byte[] ChainHash, string Source);

/// <summary>
/// Storage of synced records, one implementation per database (<see cref="SqliteRecordStore"/> for one laptop,
/// <see cref="PostgresRecordStore"/> for an office collecting from many apps; <see cref="RecordStoreLocation"/> picks
/// one from <c>--db</c>). It only stores
/// and fetches: every decision (verification, links, gaps, forks, what may be released) is made once, in
/// <see cref="RecordImporter"/>, so backends cannot disagree. Device ids are upper-case hex.
/// </summary>
public interface IRecordStore : IDisposable
{
    /// <summary>The device's state; epoch 1 and nothing released when the device is unknown.</summary>
    DeviceSyncState Device(string deviceId);
    void SaveDevice(DeviceSyncState state);

    /// <summary>The primary copy of (device, epoch, sequence), or null.</summary>
    StoredRecord? Find(string deviceId, int epoch, long sequence);
    /// <summary>Inserts the primary copy, or replaces it (the same bytes with a new state).</summary>
    void Save(StoredRecord record);
    /// <summary>Keeps a second copy with different bytes under a held (device, epoch, sequence). Never replaces.</summary>
    void SaveFork(StoredRecord record);
    bool HasFork(string deviceId, int epoch, long sequence);

    /// <summary>Primary copies, ordered by device, epoch, sequence (all devices when null).</summary>
    IReadOnlyList<StoredRecord> Records(string? deviceId = null);
    IReadOnlyList<StoredRecord> Forks(string? deviceId = null);
    /// <summary>Sequences held (primary copies) for one device epoch, ascending.</summary>
    IReadOnlyList<long> Sequences(string deviceId, int epoch);

    void SaveAnchor(RecordAnchor anchor);
    RecordAnchor? Anchor(string deviceId, int epoch, long sequence);

    void AddAnomaly(RecordAnomaly anomaly);
    IReadOnlyList<RecordAnomaly> Anomalies(string? deviceId = null);

    /// <summary>Holds <paramref name="deviceId"/> exclusively until disposed, in one transaction: another importer of
    /// the same device (another process, another phone's app on the same server) waits, so its read-decide-write steps
    /// never interleave with these. Nested scopes join the outer one; the outermost commits on dispose (a write the
    /// database refused aborts the whole scope: release records on a device only after the scope has ended). The default does nothing (a store used by one importer at a time).</summary>
    IDisposable LockDevice(string deviceId) => NoDeviceLock.Instance;
}

/// <summary>The scope of a store that needs no lock.</summary>
public sealed class NoDeviceLock : IDisposable
{
    public static readonly NoDeviceLock Instance = new();
    public void Dispose() { }
}
