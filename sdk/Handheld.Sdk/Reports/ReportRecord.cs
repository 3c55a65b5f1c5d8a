using System.Security.Cryptography;
using System.Text;
using Handheld.Core.Inspection;
using Handheld.Core.Ports;
using Handheld.Core.Records;
using Handheld.Sdk.Records;

namespace Handheld.Sdk.Reports;

/// <summary>
/// One stored inspection record decoded for a report (docs/record-format.md §1, mapping of
/// Core <c>RecordLogSink</c>): every field by meaning, plus the exact stored bytes the report is sealed over.
/// </summary>
public sealed class ReportRecord
{
    public required string DeviceId { get; init; }
    /// <summary>The device log's epoch in the store (a log that restarted at 1 is a new epoch).</summary>
    public required int Epoch { get; init; }
    public required long Sequence { get; init; }
    /// <summary>Time of the verdict; null when the device clock was unset.</summary>
    public DateTimeOffset? Time { get; init; }
    public required ClockSource Clock { get; init; }
    public required string LicenceNumber { get; init; }
    public required byte[] PayloadHash { get; init; }
    public required Outcome Outcome { get; init; }
    /// <summary>Reason bits (<see cref="VerdictReason"/>), from the record's reason codes (code = bit index + 1).</summary>
    public required int Reasons { get; init; }
    /// <summary>Reason codes the record carries that this host does not know (kept, shown by number).</summary>
    public required IReadOnlyList<int> UnknownReasonCodes { get; init; }
    public required IReadOnlyDictionary<int, int> Figures { get; init; }
    public required string InspectorId { get; init; }
    /// <summary>Answers in prompt order (micro-text, hologram, thermochromic); fewer when the verdict came early.</summary>
    public required IReadOnlyList<HumanCheckAnswer> Answers { get; init; }
    public required uint FirmwareVersion { get; init; }
    /// <summary>SHA-256 of the stored bytes: the record's chain hash.</summary>
    public required string Sha256Hex { get; init; }
    public required byte[] Data { get; init; }

    public int? Figure(ushort tag) => Figures.TryGetValue(tag, out var v) ? v : null;

    public string FirmwareText => $"{FirmwareVersion >> 24}.{(FirmwareVersion >> 16) & 0xFF}.{FirmwareVersion & 0xFFFF}";

    /// <summary>Decodes a verified stored record; throws <see cref="ReportException"/> for one that is not
    /// <see cref="RecordState.Verified"/> or does not decode (a report is only made of records the store verified).</summary>
    public static ReportRecord From(StoredRecord stored)
    {
        if (stored.State != RecordState.Verified)
        {
            throw new ReportException($"record {stored.DeviceId}/{stored.Sequence} is {stored.State.ToString().ToLowerInvariant()} in the store ({stored.Reason ?? "not linked"}); no report is made from an unverified record");
        }
        var r = new InspectionRecord();
        var status = RecordCodec.Decode(stored.Data, 0, stored.Data.Length, r);
        if (status != RecordStatus.Ok)
        {
            throw new ReportException($"record {stored.DeviceId}/{stored.Sequence} does not decode: {status}");
        }
        int reasons = 0;
        var unknown = new List<int>();
        for (int i = 0; i < r.ReasonCount; i++)
        {
            int code = r.Reasons[i];
            if (code >= 1 && code <= VerdictReason.Count) reasons |= 1 << (code - 1);
            else unknown.Add(code);
        }
        var figures = new Dictionary<int, int>();
        for (int i = 0; i < r.FigureCount; i++) figures[r.FigureTags[i]] = r.FigureValues[i];
        var answers = new List<HumanCheckAnswer>();
        for (int i = 0; i < r.CheckCount; i++) answers.Add((HumanCheckAnswer)r.CheckAnswers[i]);
        return new ReportRecord
        {
            DeviceId = stored.DeviceId,
            Epoch = stored.Epoch,
            Sequence = stored.Sequence,
            Time = r.Clock == ClockSource.Unset || r.UnixSeconds == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(r.UnixSeconds),
            Clock = r.Clock,
            LicenceNumber = Encoding.UTF8.GetString(r.LicenceNumber, 0, r.LicenceLength),
            PayloadHash = r.PayloadHash.ToArray(),
            Outcome = (Outcome)r.Outcome,
            Reasons = reasons,
            UnknownReasonCodes = unknown,
            Figures = figures,
            InspectorId = Encoding.UTF8.GetString(r.InspectorId, 0, r.InspectorIdLength),
            Answers = answers,
            FirmwareVersion = r.FirmwareVersion,
            Sha256Hex = Convert.ToHexString(SHA256.HashData(stored.Data)),
            Data = stored.Data,
        };
    }
}

/// <summary>A report cannot be made or checked; the message is one line for the user.</summary>
public sealed class ReportException(string message) : Exception(message);
