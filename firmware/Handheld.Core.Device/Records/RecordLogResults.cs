namespace Handheld.Core.Records
{
    /// <summary>Result of <see cref="RecordLog.Open"/>. Numeric values are stable.</summary>
    public enum LogOpenResult
    {
        /// <summary>Existing log recovered; every committed record is readable.</summary>
        Ok = 0,
        /// <summary>The region was blank (never formatted): an empty log was created.</summary>
        Formatted = 1,
        /// <summary>No valid superblock but the region holds log entries: refuse to format over them.</summary>
        Corrupt = 2,
        /// <summary>A superblock whose CRC holds fails its HMAC (rewritten without the key, or the wrong key), or
        /// the newest record fails its MAC or chain link: reading works, appending and sync acknowledgements are
        /// refused so nothing is chained onto, or released from, an unauthenticated state.</summary>
        AuthenticationFailed = 3,
        /// <summary>The storage region is too small for a log.</summary>
        StorageTooSmall = 4,
        /// <summary>The log ends before the authenticated committed-through mark: records were erased (head,
        /// tail or synced ones). The remaining records are readable; appending is refused (it would reuse the
        /// lost sequence numbers).</summary>
        Truncated = 5,
        /// <summary>The region holds a layout-1 record log (CRC-only superblock): not reinterpreted and not
        /// formatted over. Sync it with the older firmware's app first.</summary>
        UnsupportedLayout = 6,
    }

    /// <summary>Result of <see cref="RecordLog.Append"/>. Numeric values are stable.</summary>
    public enum AppendResult
    {
        /// <summary>Committed (durable).</summary>
        Ok = 0,
        /// <summary>Committed, but free space is below <see cref="RecordLog.LowWaterBytes"/>: ask the inspector to sync.</summary>
        OkStorageLow = 1,
        /// <summary>Not written: no room without overwriting unsynced records. Sync with the app first.</summary>
        FullUnsynced = 2,
        /// <summary>Not written: a field is out of its bound.</summary>
        RecordInvalid = 3,
        /// <summary>Not written: the log is not open, or opened with a fault (see <see cref="LogOpenResult"/>).</summary>
        NotReady = 4,
    }

    /// <summary>Result of <see cref="RecordLog.MarkSynced(uint)"/>. Numeric values are stable.</summary>
    public enum SyncResult
    {
        /// <summary>The cursor moved (or already covered the sequence).</summary>
        Ok = 0,
        /// <summary>The sequence is beyond the newest record.</summary>
        OutOfRange = 1,
        /// <summary>The hash the app confirmed differs from the stored record's chain hash.</summary>
        HashMismatch = 2,
        /// <summary>The log is not open.</summary>
        NotReady = 3,
    }
}
