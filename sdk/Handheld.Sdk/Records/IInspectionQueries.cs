namespace Handheld.Sdk.Records;

/// <summary>One decodable primary copy with its decoded fields: what the office queries and the national export list.
/// <see cref="Forked"/>: a second copy with other bytes is held under the same sequence (a security event).</summary>
public sealed record InspectionRow(string DeviceId, int Epoch, long Sequence, string Sha256Hex, RecordState State, bool Forked,
    InspectionFields Fields);

/// <summary>What <c>store stats --by</c> groups verified inspections by.</summary>
public enum StatsGrouping { Day, Province, Verdict }

/// <summary>Verified, dated inspections with one verdict under one key (a CST day yyyy-MM-dd, a province
/// "37 鲁" / "0 unknown", or the verdict itself).</summary>
public sealed record StatsRow(string Key, string Verdict, long Count)
{
    public static string ProvinceKey(int code) => code == 0 ? "0 unknown" : code + " " + InspectionFields.ProvinceName(code);
}

/// <summary>What a count over a day range leaves out, by name: decodable records in the range that are not verified
/// (unlinked or kept apart), records with no trusted time (no day: in no range), and records that do not decode.</summary>
public sealed record StoreCounts(long NotVerifiedInRange, long Undated, long Undecodable);

/// <summary>
/// The office's questions. Days are China Standard Time calendar days, inclusive at both ends; a null bound is open.
/// A record with no trusted time has no day: it is in no range (only <see cref="StoreCounts.Undated"/> counts it) but
/// appears in <see cref="History"/> and in <see cref="Inspections"/> when both bounds are null. <see cref="Stats"/>
/// counts only verified records (fail closed: an unverified record's verdict is not evidence).
/// </summary>
public interface IInspectionQueries
{
    /// <summary>Inspections in the range, ordered by time (undated first), device, epoch, sequence.</summary>
    IReadOnlyList<InspectionRow> Inspections(DateOnly? from, DateOnly? to);
    /// <summary>Every inspection of the licence number (exactly as stored), in the same order.</summary>
    IReadOnlyList<InspectionRow> History(string licenceNumber);
    /// <summary>Verified, dated inspections in the range, counted per key and verdict, ordered by key then verdict.</summary>
    IReadOnlyList<StatsRow> Stats(StatsGrouping by, DateOnly? from, DateOnly? to);
    StoreCounts Counts(DateOnly? from, DateOnly? to);
}

/// <summary>
/// <see cref="IInspectionQueries"/> over any <see cref="IRecordStore"/> by decoding every primary copy (the SQLite store
/// of one laptop has no decoded columns; PostgreSQL answers from its indexes). The reference the PostgreSQL answers are
/// tested against.
/// </summary>
public sealed class DecodedInspectionQueries(IRecordStore store) : IInspectionQueries
{
    /// <summary>The store's own queries when it has them, else these.</summary>
    public static IInspectionQueries For(IRecordStore store) => store as IInspectionQueries ?? new DecodedInspectionQueries(store);

    private List<InspectionRow> All()
    {
        var forks = store.Forks().Select(f => (f.DeviceId, f.Epoch, f.Sequence)).ToHashSet();
        var rows = new List<InspectionRow>();
        foreach (var r in store.Records())
        {
            var f = InspectionFields.Decode(r.Data);
            if (f != null) rows.Add(new InspectionRow(r.DeviceId, r.Epoch, r.Sequence, r.Sha256Hex, r.State, forks.Contains((r.DeviceId, r.Epoch, r.Sequence)), f));
        }
        return rows.OrderBy(x => x.Fields.InspectedAt.HasValue).ThenBy(x => x.Fields.InspectedAt).ThenBy(x => x.DeviceId, StringComparer.Ordinal)
            .ThenBy(x => x.Epoch).ThenBy(x => x.Sequence).ToList();
    }

    private static bool InRange(InspectionRow r, DateOnly? from, DateOnly? to) =>
        (from == null && to == null) || (r.Fields.Day is { } d && (from == null || d >= from) && (to == null || d <= to));

    public IReadOnlyList<InspectionRow> Inspections(DateOnly? from, DateOnly? to) => All().Where(r => InRange(r, from, to)).ToList();

    public IReadOnlyList<InspectionRow> History(string licenceNumber) => All().Where(r => r.Fields.LicenceNumber == licenceNumber).ToList();

    public IReadOnlyList<StatsRow> Stats(StatsGrouping by, DateOnly? from, DateOnly? to) =>
        All().Where(r => r.State == RecordState.Verified && r.Fields.Day != null && InRange(r, from, to))
            .GroupBy(r => (Key: by switch
            {
                StatsGrouping.Day => r.Fields.Day!.Value.ToString("yyyy-MM-dd"),
                StatsGrouping.Province => r.Fields.ProvinceCode.ToString(),
                _ => r.Fields.Verdict,
            }, r.Fields.Verdict))
            .Select(g => new StatsRow(by == StatsGrouping.Province ? StatsRow.ProvinceKey(int.Parse(g.Key.Key)) : g.Key.Key, g.Key.Verdict, g.LongCount()))
            .OrderBy(s => by == StatsGrouping.Province ? s.Key.Split(' ')[0] : s.Key, StringComparer.Ordinal).ThenBy(s => s.Verdict, StringComparer.Ordinal)
            .ToList();

    public StoreCounts Counts(DateOnly? from, DateOnly? to)
    {
        var records = store.Records();
        var rows = All();
        return new StoreCounts(rows.LongCount(r => r.State != RecordState.Verified && r.Fields.Day != null && InRange(r, from, to)),
            rows.LongCount(r => r.Fields.Day == null), records.Count - rows.Count);
    }
}
