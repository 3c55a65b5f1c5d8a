using Handheld.Core.Crypto;
using Handheld.Core.Protocol;
using Handheld.Core.Records;

namespace Handheld.Sdk.Records;

/// <summary>
/// Verifies synced records in the device's real format (Core Records.RecordCodec, docs/record-format.md §2):
/// well-formed, HMAC-SHA256 with the device's record key, sequence as announced, and the previous hash equal to
/// the expected chain hash (zeros for sequence 1, else the stored predecessor's or an authenticated anchor's).
/// </summary>
public sealed class RecordCodecVerifier(IReadOnlyDictionary<string, byte[]> keysByDevice) : IRecordVerifier
{
    public RecordState Verify(string deviceId, long sequence, byte[] record, byte[]? expectedPreviousHash, out string reason)
    {
        if (!keysByDevice.TryGetValue(deviceId, out var key)) { reason = "no record key for device"; return RecordState.Rejected; }
        var r = new InspectionRecord();
        var status = RecordCodec.DecodeAndVerify(key, record, 0, record.Length, r, new byte[32]);
        if (status != RecordStatus.Ok) { reason = "record " + status; return RecordState.Rejected; }
        if (r.Sequence != sequence) { reason = "sequence mismatch: record says " + r.Sequence; return RecordState.Rejected; }
        if (expectedPreviousHash == null) { reason = "record " + (sequence - 1) + " not held: link unchecked"; return RecordState.Unlinked; }
        if (!expectedPreviousHash.AsSpan().SequenceEqual(r.PreviousHash))
        {
            reason = sequence == 1 ? "chain broken: record 1 does not link to the zero hash" : "chain broken: previous hash differs from record " + (sequence - 1);
            return RecordState.Rejected;
        }
        reason = "";
        return RecordState.Verified;
    }

    public bool VerifyCheckpoint(string deviceId, byte[] checkpoint, out string reason)
    {
        if (!keysByDevice.TryGetValue(deviceId, out var key)) { reason = "no record key for device"; return false; }
        var c = SyncCheckpoint.Decode(checkpoint, 0, checkpoint.Length);
        if (c == null) { reason = "malformed checkpoint"; return false; }
        var mac = new byte[32];
        HmacSha256.Compute(key, checkpoint, 0, c.MacCovered, mac, 0);
        if (!RecordCodec.Equal32(mac, 0, checkpoint, c.MacCovered)) { reason = "checkpoint MAC does not verify under the device key"; return false; }
        reason = "";
        return true;
    }
}
