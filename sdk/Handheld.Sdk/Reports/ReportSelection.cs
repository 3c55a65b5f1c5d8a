using Handheld.Sdk.Records;

namespace Handheld.Sdk.Reports;

/// <summary>Which stored records a report covers: one by sequence (with its device when several devices have that
/// sequence), or every verified record of a device, a day (China Standard Time) or an inspector; the filters combine.</summary>
public sealed class ReportSelection
{
    public string? DeviceId { get; init; }
    /// <summary>The device log epoch (needed with --sequence only when the device's log restarted).</summary>
    public int? Epoch { get; init; }
    public long? Sequence { get; init; }
    public DateOnly? Day { get; init; }
    public string? InspectorId { get; init; }

    public bool IsEmpty => DeviceId == null && Sequence == null && Day == null && InspectorId == null;

    /// <summary>The selected records, by device, epoch, sequence. <paramref name="keptApart"/> counts matching records
    /// the store has not verified (kept apart or unlinked: never reported on, but never silently left out either: the
    /// caller says so).</summary>
    public IReadOnlyList<ReportRecord> Apply(IEnumerable<StoredRecord> stored, out int keptApart)
    {
        keptApart = 0;
        if (IsEmpty) throw new ReportException("select records: --sequence, --device, --day or --inspector");
        var candidates = stored
            .Where(s => DeviceId == null || s.DeviceId.Equals(DeviceId, StringComparison.OrdinalIgnoreCase))
            .Where(s => Epoch == null || s.Epoch == Epoch)
            .Where(s => Sequence == null || s.Sequence == Sequence)
            .ToList();
        if (Sequence != null)
        {
            if (candidates.Count == 0) throw new ReportException($"--sequence: no record {Sequence}{(DeviceId == null ? "" : " for device " + DeviceId)} in the store");
            if (candidates.Select(c => c.DeviceId).Distinct().Count() > 1)
            {
                throw new ReportException($"--sequence: {candidates.Count} devices have record {Sequence}; add --device ({string.Join(", ", candidates.Select(c => c.DeviceId).Distinct())})");
            }
            if (candidates.Count > 1)
            {
                throw new ReportException($"--sequence: the device's log has record {Sequence} in epochs {string.Join(", ", candidates.Select(c => c.Epoch))}; add --epoch");
            }
            if (candidates[0].State != RecordState.Verified) return [ReportRecord.From(candidates[0])]; // throws, naming the reason
        }
        keptApart = candidates.Count(c => c.State != RecordState.Verified);
        var records = candidates.Where(c => c.State == RecordState.Verified).Select(ReportRecord.From)
            .Where(r => Day == null || (r.Time is { } t && DateOnly.FromDateTime(t.ToOffset(InspectionReport.ChinaOffset).DateTime) == Day))
            .Where(r => InspectorId == null || r.InspectorId == InspectorId)
            .OrderBy(r => r.DeviceId, StringComparer.Ordinal).ThenBy(r => r.Epoch).ThenBy(r => r.Sequence)
            .ToList();
        if (records.Count == 0) throw new ReportException("no verified record matches the selection");
        return records;
    }
}
