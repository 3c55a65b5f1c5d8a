using System.Globalization;

namespace Handheld.Sdk.Records;

/// <summary>A stored record with its decoded fields (null when the bytes are not a well-formed record).</summary>
public sealed record ReadableRecord(StoredRecord Stored, DecodedRecord? Decoded, string? DecodeProblem);

/// <summary>
/// Filters for <c>records list/export</c>, applied to decoded records so every <see cref="IRecordStore"/> backend
/// answers the same way (the store only enumerates). All filters must hold. A record whose clock was unset has no
/// time and never matches a date range; a malformed record matches only filters on the device.
/// </summary>
public sealed record RecordQuery(string? DeviceId = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    int? OutcomeCode = null, string? LicenceNumber = null)
{
    /// <summary>Stored records of the store that pass the filters, in device, epoch, sequence order.</summary>
    public IReadOnlyList<ReadableRecord> Run(IRecordStore store)
    {
        var result = new List<ReadableRecord>();
        foreach (var s in store.Records(DeviceId?.ToUpperInvariant()))
        {
            var d = RecordDecoder.TryDecode(s.Data, out string? problem);
            if (Matches(d)) result.Add(new ReadableRecord(s, d, problem));
        }
        return result;
    }

    private bool Matches(DecodedRecord? d)
    {
        bool anyContent = From != null || To != null || OutcomeCode != null || LicenceNumber != null;
        if (d == null) return !anyContent;
        if (From != null || To != null)
        {
            if (d.Time == null) return false;
            if (From != null && d.UnixSeconds < From.Value.ToUnixTimeSeconds()) return false;
            if (To != null && d.UnixSeconds > To.Value.ToUnixTimeSeconds()) return false;
        }
        if (OutcomeCode != null && d.OutcomeCode != OutcomeCode) return false;
        if (LicenceNumber != null && !string.Equals(d.LicenceNumber, LicenceNumber, StringComparison.Ordinal)) return false;
        return true;
    }

    /// <summary>Parses an ISO 8601 date or date-time (UTC unless an offset is given). A bare date as an upper
    /// bound means the end of that day. False when the text is not ISO 8601.</summary>
    public static bool TryParseTime(string text, bool upperBound, out DateTimeOffset value)
    {
        var styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, styles, out value))
        {
            if (upperBound) value = value.AddDays(1).AddSeconds(-1);
            return true;
        }
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];
        return DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, styles, out value);
    }
}
