namespace Handheld.Sdk.Records;

/// <summary>One measured figure of a record: its tag, the tag's name (docs/record-format.md §1, the firmware's
/// RecordLogSink mapping) and the raw value; <see cref="Meaning"/> names enumerated values (the physical finding).</summary>
public sealed record DecodedFigure(int Tag, string Name, int Value, string? Meaning);

/// <summary>One human-check answer in prompt order: the prompt's name and the answer by name.</summary>
public sealed record DecodedCheck(string Prompt, string Answer);

/// <summary>
/// Every field of one inspection record, decoded by Core's RecordCodec (strict) and named for people and tools:
/// the time as ISO 8601 UTC with its clock source, the verdict and each reason by name, each human-check answer,
/// the physical figures. (Record format 1 carries no enterprise name: the licence number identifies it.) Text fields are the record's UTF-8 bytes; a byte sequence that is not valid UTF-8 is
/// shown in hex (<c>hex:…</c>) so nothing is silently replaced. <see cref="Device"/> is the device id in upper-case hex.
/// </summary>
public sealed record DecodedRecord(
    uint Sequence,
    long UnixSeconds,
    string? Time,
    string Clock,
    string Device,
    string? Inspector,
    string? LicenceNumber,
    string PayloadSha256,
    int OutcomeCode,
    string Verdict,
    IReadOnlyList<int> ReasonCodes,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<DecodedCheck> Checks,
    IReadOnlyList<DecodedFigure> Figures,
    string FirmwareVersion,
    string PreviousHash);
