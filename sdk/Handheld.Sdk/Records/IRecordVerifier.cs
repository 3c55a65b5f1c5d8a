namespace Handheld.Sdk.Records;

/// <summary>Checks one synced record, and a device checkpoint, with the device's record key.</summary>
public interface IRecordVerifier
{
    /// <summary><see cref="RecordState.Verified"/> when the record is well-formed, its MAC holds, it carries
    /// <paramref name="sequence"/> and its previous hash equals <paramref name="expectedPreviousHash"/>;
    /// <see cref="RecordState.Unlinked"/> when all but the link hold and no expected hash is known (null);
    /// otherwise <see cref="RecordState.Rejected"/> with <paramref name="reason"/>.</summary>
    RecordState Verify(string deviceId, long sequence, byte[] record, byte[]? expectedPreviousHash, out string reason);

    /// <summary>True when <paramref name="checkpoint"/> (a GetCheckpoint reply) carries a MAC that holds under the
    /// device's record key.</summary>
    bool VerifyCheckpoint(string deviceId, byte[] checkpoint, out string reason);
}
