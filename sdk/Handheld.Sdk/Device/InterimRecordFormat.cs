using System.Security.Cryptography;
using Handheld.Core.Protocol;

namespace Handheld.Sdk.Device;

/// <summary>
/// INTERIM record layout used by the simulator's record source and the SDK verifier until the Records
/// codec (docs/record-format.md, owned by the records work) is merged; then <see cref="IRecordVerifier"/> is
/// implemented over that codec and this class goes. Layout: <c>seq(u32) unix(i64) clockSource(u8)
/// prevSha256(32) bodyLength(u16) body hmacSha256(32)</c>; the HMAC (record key) covers everything before it;
/// prevSha256 is SHA-256 of the whole previous record (zeros for sequence 1).
/// </summary>
public static class InterimRecordFormat
{
    public static byte[] Build(long seq, long unix, byte clockSource, byte[] previousRecord, byte[] body, byte[] recordKey)
    {
        var w = new PayloadWriter(47 + body.Length + 32);
        w.U32((uint)seq);
        w.I64(unix);
        w.U8(clockSource);
        byte[] prev = previousRecord.Length == 0 ? new byte[32] : SHA256.HashData(previousRecord);
        w.Bytes(prev, 0, 32);
        w.U16(body.Length);
        w.Bytes(body, 0, body.Length);
        byte[] mac = HMACSHA256.HashData(recordKey, w.ToArray());
        w.Bytes(mac, 0, 32);
        return w.ToArray();
    }

    /// <summary>Verifier with the record keys known to the host (from provisioning), by device id (hex).</summary>
    public sealed class Verifier(IReadOnlyDictionary<string, byte[]> keysByDevice) : IRecordVerifier
    {
        public bool Verify(string deviceId, long sequence, byte[] record, byte[]? previous, out string reason)
        {
            if (!keysByDevice.TryGetValue(deviceId, out var key)) { reason = "no record key for device"; return false; }
            if (record.Length < 47 + 32) { reason = "truncated"; return false; }
            int bodyLen = LittleEndian.ReadU16(record, 45);
            if (47 + bodyLen + 32 != record.Length) { reason = "bad length"; return false; }
            if (LittleEndian.ReadU32(record, 0) != (uint)sequence) { reason = "sequence mismatch"; return false; }
            byte[] mac = HMACSHA256.HashData(key, record.AsSpan(0, record.Length - 32));
            if (!CryptographicOperations.FixedTimeEquals(mac, record.AsSpan(record.Length - 32))) { reason = "MAC mismatch"; return false; }
            if (previous != null && !SHA256.HashData(previous).AsSpan().SequenceEqual(record.AsSpan(13, 32))) { reason = "chain broken"; return false; }
            if (sequence == 1 && record.AsSpan(13, 32).IndexOfAnyExcept((byte)0) >= 0) { reason = "chain broken"; return false; }
            reason = "";
            return true;
        }
    }
}
