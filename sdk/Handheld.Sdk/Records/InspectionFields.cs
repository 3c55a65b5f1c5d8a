using System.Text;
using Handheld.Core.Inspection;
using Handheld.Core.Licensing;
using Handheld.Core.Ports;
using Handheld.Core.Records;

namespace Handheld.Sdk.Records;

/// <summary>
/// The decoded fields an office queries by (and the national export carries), read from a stored record's bytes with
/// Core's <see cref="RecordCodec"/> (no second copy of the format). <see cref="InspectedAt"/> is null when the device
/// clock was unset (time 0 or <see cref="ClockSource.Unset"/>): such a record has no day. <see cref="Day"/> is the
/// calendar day in China Standard Time (UTC+8), as licences are dated (docs/licence-format.md §2.2).
/// <see cref="ProvinceCode"/> is the GB/T 2260 code of the licence number's province abbreviation, 0 when the number
/// does not parse (or no QR was read).
/// </summary>
public sealed record InspectionFields(DateTimeOffset? InspectedAt, DateOnly? Day, byte ClockSource, byte Outcome, string Verdict,
    string LicenceNumber, int ProvinceCode, string InspectorId, IReadOnlyList<ushort> Reasons)
{
    /// <summary>China Standard Time, the offset every "day" in the store and the export is counted in.</summary>
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>The fields of <paramref name="data"/>, or null when it does not decode (malformed or unreadable records
    /// are kept apart and have no inspection fields). The MAC is not checked here: the record's state says that.</summary>
    public static InspectionFields? Decode(byte[] data)
    {
        var r = new InspectionRecord();
        if (data.Length == 0 || RecordCodec.Decode(data, 0, data.Length, r) != RecordStatus.Ok) return null;
        DateTimeOffset? at = r.Clock == Core.Ports.ClockSource.Unset || r.UnixSeconds <= 0
            ? null
            : DateTimeOffset.FromUnixTimeSeconds(r.UnixSeconds);
        DateOnly? day = at is { } t ? DateOnly.FromDateTime(t.ToOffset(ChinaStandardTime).DateTime) : null;
        string licence = Encoding.UTF8.GetString(r.LicenceNumber, 0, r.LicenceLength);
        int province = Core.Licensing.LicenceNumber.TryParse(r.LicenceNumber, 0, r.LicenceLength, out var number) && number != null ? number.ProvinceCode : 0;
        var reasons = new ushort[r.ReasonCount];
        Array.Copy(r.Reasons, reasons, r.ReasonCount);
        return new InspectionFields(at, day, (byte)r.Clock, r.Outcome, VerdictName(r.Outcome), licence, province,
            Encoding.UTF8.GetString(r.InspectorId, 0, r.InspectorIdLength), reasons);
    }

    /// <summary>Stable verdict name of an outcome byte: GENUINE, SUSPECT, FORGED, INVALID, UNVERIFIED, NONE (aborted,
    /// 0), or OUTCOME_n for a code this host does not know (kept, never counted as GENUINE).</summary>
    public static string VerdictName(byte outcome) =>
        outcome <= (byte)Core.Inspection.Outcome.Unverified ? OutcomeNames.Of((Outcome)outcome)
        : outcome == Core.Records.ClockChangeRecord.Kind ? "CLOCK_CHANGE"
        : outcome == Core.Records.CalibrationRecord.Kind ? "CALIBRATION" : "OUTCOME_" + outcome;

    /// <summary>The verdict names in code order, for tables with one column per verdict.</summary>
    public static readonly string[] Verdicts = ["GENUINE", "SUSPECT", "FORGED", "INVALID", "UNVERIFIED", "NONE"];

    /// <summary>The province abbreviation of a GB/T 2260 code ("" for 0 or an unknown code).</summary>
    public static string ProvinceName(int code) => code == 0 ? "" : Core.Licensing.LicenceNumber.ProvinceAbbreviationOf(code) ?? "";
}
