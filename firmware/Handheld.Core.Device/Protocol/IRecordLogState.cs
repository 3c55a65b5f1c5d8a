namespace Handheld.Core.Protocol
{
    /// <summary>
    /// Optional beside <see cref="IRecordSource"/>: the record log's integrity as found at boot, for the revision-2
    /// checkpoint (docs/ble-protocol.md §5.3.2). A source without it is reported as state 255 (not reported) with
    /// committed-through = its last sequence.
    /// </summary>
    public interface IRecordLogState
    {
        /// <summary><see cref="Handheld.Core.Records.LogOpenResult"/> of the log's last open, as its stable number.</summary>
        byte LogState { get; }

        /// <summary>Newest sequence the authenticated superblock says was committed (the log may end before it only
        /// when records were erased).</summary>
        long CommittedThrough { get; }
    }
}
