using System.Security.Cryptography;
using Handheld.Core.Records;

namespace Handheld.Sdk.Device;

/// <summary>
/// Verifies synced records in the device's real format (Core Records.RecordCodec, docs/record-format.md):
/// well-formed, HMAC-SHA256 with the device's record key, sequence as announced, and PreviousHash equal to the
/// chain hash (SHA-256) of the stored previous record when the host has it.
/// </summary>
public sealed class RecordCodecVerifier(IReadOnlyDictionary<string, byte[]> keysByDevice) : IRecordVerifier
{
    public bool Verify(string deviceId, long sequence, byte[] record, byte[]? previous, out string reason)
    {
        if (!keysByDevice.TryGetValue(deviceId, out var key)) { reason = "no record key for device"; return false; }
        var r = new InspectionRecord();
        var status = RecordCodec.DecodeAndVerify(key, record, 0, record.Length, r, new byte[32]);
        if (status != RecordStatus.Ok) { reason = "record " + status; return false; }
        if (r.Sequence != (uint)sequence) { reason = "sequence mismatch"; return false; }
        if (previous != null && !SHA256.HashData(previous).AsSpan().SequenceEqual(r.PreviousHash)) { reason = "chain broken"; return false; }
        reason = "";
        return true;
    }
}
