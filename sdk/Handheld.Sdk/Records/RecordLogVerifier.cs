using System.Security.Cryptography;
using Handheld.Core.Records;
using Handheld.Core.Trust;

namespace Handheld.Sdk.Records;

/// <summary>One verified record (summary for reports).</summary>
public sealed record VerifiedRecord(uint Sequence, long UnixSeconds, string Clock, int Outcome, int Length, string ChainHash);

/// <summary>Outcome of verifying a whole log image.</summary>
public sealed record LogVerification(
    bool Intact,
    string OpenResult,
    uint FirstSequence,
    uint LastSequence,
    uint SyncedThrough,
    int RecordCount,
    uint? FirstBadSequence,
    string? Problem,
    IReadOnlyList<VerifiedRecord> Records);

/// <summary>
/// Verifies a record-log image end to end with the device key: recovery as the device does it (Core's
/// RecordLog, the one implementation of the format), then every record's strict decoding, MAC, sequence and
/// chain link, then a scan of the whole area for valid entries beyond the recovered end (a corrupted entry in
/// the middle would otherwise silently shorten the log). Intact only when all of that holds.
/// </summary>
public static class RecordLogVerifier
{
    public static LogVerification Verify(byte[] image, byte[] deviceKey)
    {
        // A copy: verifying (Open may format a blank region) never changes the caller's bytes.
        var log = new RecordLog(new ArrayBlockStorage((byte[])image.Clone()), deviceKey);
        var open = log.Open();
        var records = new List<VerifiedRecord>();
        if (open is LogOpenResult.Corrupt or LogOpenResult.StorageTooSmall or LogOpenResult.UnsupportedLayout)
            return new(false, open.ToString(), 0, 0, 0, 0, null, Describe(open), records);
        if (open == LogOpenResult.Formatted)
            return new(false, open.ToString(), 0, 0, 0, 0, null, "the image holds no record log (blank region)", records);

        var buf = new byte[RecordCodec.MaxEncodedBytes];
        var rec = new InspectionRecord();
        var scratch = new byte[32];
        // The oldest stored record links to the chain hash the authenticated superblock keeps for it.
        byte[]? prev = new byte[32];
        log.GetTailPreviousHash(prev, 0);
        for (uint s = log.FirstSequence; log.Count > 0 && s <= log.LastSequence; s++)
        {
            int n = log.ReadRecord(s, buf);
            string? problem = null;
            if (n == 0) problem = "entry unreadable";
            else
            {
                var status = RecordCodec.DecodeAndVerify(deviceKey, buf, 0, n, rec, scratch);
                if (status == RecordStatus.BadMac) problem = "MAC does not verify under the device key (altered, or another device's key)";
                else if (status != RecordStatus.Ok) problem = "malformed record: " + status;
                else if (rec.Sequence != s) problem = $"record claims sequence {rec.Sequence} at position {s}";
                else if (!prev.AsSpan().SequenceEqual(rec.PreviousHash))
                    problem = s == log.FirstSequence
                        ? (s == 1 ? "first record of the device must link to 32 zero bytes" : $"oldest record {s} does not link to the chain hash the superblock keeps for record {s - 1}")
                        : "chain broken: previous-hash differs from SHA-256 of record " + (s - 1);
            }
            if (problem != null)
                return new(false, open.ToString(), log.FirstSequence, log.LastSequence, log.SyncedThrough, records.Count, s, problem, records);
            prev = SHA256.HashData(buf.AsSpan(0, n));
            records.Add(new VerifiedRecord(s, rec.UnixSeconds, rec.Clock.ToString(), rec.Outcome, n, Convert.ToHexString(prev)));
        }

        if (open == LogOpenResult.Truncated)
        {
            uint firstMissing = log.Count == 0 ? log.FirstSequence : log.LastSequence + 1;
            return new(false, open.ToString(), log.FirstSequence, log.LastSequence, log.SyncedThrough, records.Count, firstMissing,
                $"Truncated: records {firstMissing}..{log.CommittedThrough} missing (the authenticated superblock says {log.CommittedThrough} was committed)", records);
        }
        uint? beyond = FindEntryBeyond(image, log.LastSequence);
        if (beyond is uint orphan)
            return new(false, open.ToString(), log.FirstSequence, log.LastSequence, log.SyncedThrough, records.Count, log.LastSequence + 1,
                $"the log ends at {log.LastSequence} but a valid entry with sequence {orphan} exists: entry {log.LastSequence + 1} was altered or removed", records);
        if (open == LogOpenResult.AuthenticationFailed)
            return new(false, open.ToString(), log.FirstSequence, log.LastSequence, log.SyncedThrough, records.Count, log.LastSequence,
                "AuthenticationFailed: a superblock does not authenticate under the device key (rewritten without the key), or the newest record does not authenticate or link", records);
        return new(true, open.ToString(), log.FirstSequence, log.LastSequence, log.SyncedThrough, records.Count, null, null, records);
    }

    private static string Describe(LogOpenResult r) => r switch
    {
        LogOpenResult.Corrupt => "no valid superblock although log entries are present",
        LogOpenResult.StorageTooSmall => "image too small to hold a record log",
        LogOpenResult.UnsupportedLayout => "UnsupportedLayout: a layout-1 record log (CRC-only superblock); read it with the older firmware's tools",
        _ => r.ToString(),
    };

    // Any CRC-valid record entry whose sequence is past the recovered end means the walk was cut short by a
    // damaged entry, not by a power cut (a torn write is always the newest entry).
    private static uint? FindEntryBeyond(byte[] image, uint last)
    {
        uint? found = null;
        for (int p = RecordLog.DataStart; p + RecordLog.EntryOverheadBytes <= image.Length; p++)
        {
            int len = RecordLog.RecordEntryLength(image, p, out uint seq);
            if (len < 0 || seq <= last || p + RecordLog.EntryOverheadBytes + len > image.Length) continue;
            if (!RecordLog.EntryCrcMatches(image, p, len)) continue;
            if (found == null || seq < found) found = seq;
        }
        return found;
    }
}
