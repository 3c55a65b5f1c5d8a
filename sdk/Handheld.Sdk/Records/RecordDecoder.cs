using System.Globalization;
using System.Text;
using Handheld.Core.Inspection;
using Handheld.Core.Records;
using Handheld.Core.Ports;

namespace Handheld.Sdk.Records;

/// <summary>
/// Turns a stored record's bytes into a <see cref="DecodedRecord"/> through Core's RecordCodec (the one
/// implementation of the format) and the firmware's stable mappings: outcome codes (Outcome), reason code
/// i + 1 = VerdictReason bit i, figure tags (RecordLogSink), answers in prompt order (micro-text, hologram,
/// thermochromic). Decoding does not verify the MAC: that is the importer's job and the stored state says it.
/// </summary>
public static class RecordDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="data"/>; null (with the codec's status in <paramref name="problem"/>) when
    /// the bytes are not a well-formed record.</summary>
    public static DecodedRecord? TryDecode(byte[] data, out string? problem)
    {
        var r = new InspectionRecord();
        var status = RecordCodec.Decode(data, 0, data.Length, r);
        if (status != RecordStatus.Ok) { problem = "malformed record: " + status; return null; }
        problem = null;

        var reasonCodes = new List<int>();
        var reasons = new List<string>();
        for (int i = 0; i < r.ReasonCount; i++)
        {
            int code = r.Reasons[i];
            reasonCodes.Add(code);
            reasons.Add(code >= 1 && code <= VerdictReason.Count ? VerdictReason.NameOf(1 << (code - 1)) : $"UNKNOWN_{code}");
        }
        var checks = new List<DecodedCheck>();
        for (int i = 0; i < r.CheckCount; i++)
            checks.Add(new DecodedCheck(PromptName(i), AnswerName(r.CheckAnswers[i])));
        var figures = new List<DecodedFigure>();
        for (int i = 0; i < r.FigureCount; i++)
            figures.Add(new DecodedFigure(r.FigureTags[i], FigureName(r.FigureTags[i]), r.FigureValues[i], FigureMeaning(r.FigureTags[i], r.FigureValues[i])));

        uint fw = r.FirmwareVersion;
        return new DecodedRecord(
            r.Sequence,
            r.UnixSeconds,
            r.Clock == ClockSource.Unset || r.UnixSeconds == 0 ? null
                : DateTimeOffset.FromUnixTimeSeconds(r.UnixSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ClockName(r.Clock),
            Convert.ToHexString(r.DeviceId, 0, r.DeviceIdLength), // device ids are random bytes, named in hex as the store does
            Text(r.InspectorId, r.InspectorIdLength),
            Text(r.LicenceNumber, r.LicenceLength),
            Convert.ToHexString(r.PayloadHash),
            r.Outcome,
            OutcomeName(r.Outcome),
            reasonCodes,
            reasons,
            checks,
            figures,
            $"{fw >> 24}.{(fw >> 16) & 0xFF}.{fw & 0xFFFF}",
            Convert.ToHexString(r.PreviousHash));
    }

    /// <summary>Stable verdict name of an outcome code (codes above 5 are named UNKNOWN_n, never guessed).</summary>
    public static string OutcomeName(int code) => code switch
    {
        0 => "NONE",
        >= 1 and <= 5 => OutcomeNames.Of((Outcome)code),
        ClockChangeRecord.Kind => "CLOCK_CHANGE", // a record kind, not a verdict (record-format.md §1.1)
        CalibrationRecord.Kind => "CALIBRATION", // record-format.md §1.2
        _ => $"UNKNOWN_{code}",
    };

    /// <summary>Outcome code for a verdict name (case-insensitive), or -1.</summary>
    public static int OutcomeCode(string name)
    {
        for (int c = 0; c <= 5; c++) if (string.Equals(OutcomeName(c), name, StringComparison.OrdinalIgnoreCase)) return c;
        return -1;
    }

    private static string ClockName(ClockSource c) => c switch
    {
        ClockSource.Unset => "unset",
        ClockSource.Rtc => "rtc",
        ClockSource.AppSynced => "app-synced",
        ClockSource.Factory => "factory",
        _ => $"unknown-{(int)c}",
    };

    private static string PromptName(int index) => index switch
    {
        0 => "micro-text",
        1 => "hologram",
        2 => "thermochromic",
        _ => $"check-{index + 1}",
    };

    private static string AnswerName(byte a) => a switch
    {
        (byte)HumanCheckAnswer.Confirmed => "confirmed",
        (byte)HumanCheckAnswer.Denied => "denied",
        _ => "skipped",
    };

    private static string FigureName(int tag) => tag switch
    {
        RecordLogSink.FigurePhysicalFinding => "physicalFinding",
        RecordLogSink.FigurePhysicalDetail => "physicalDetail",
        RecordLogSink.FigureBackgroundBlue => "backgroundBlue",
        RecordLogSink.FigureFibresBlue => "fibresBlue",
        RecordLogSink.FigureFibresGreen => "fibresGreen",
        RecordLogSink.FigureFibresRed => "fibresRed",
        RecordLogSink.FigureDurationMs => "durationMs",
        RecordLogSink.FigureFingerprint => "fingerprint",
        RecordLogSink.FigureFingerprintChancePpb => "fingerprintChancePpb",
        RecordLogSink.FigureFingerprintTrackSweeps => "fingerprintTrackSweeps",
        ClockChangeRecord.FigurePreviousUnix => "previousUnix",
        ClockChangeRecord.FigurePreviousSource => "previousClock",
        CalibrationRecord.FigureStatus => "calibrationStatus",
        CalibrationRecord.FigureLimits => "calibrationLimits",
        CalibrationRecord.FigureNumber => "calibrationInForce",
        CalibrationRecord.FigureSensor => "sensorKind",
        CalibrationRecord.FigureGainBlue => "gainBluePermille",
        CalibrationRecord.FigureGainGreen => "gainGreenPermille",
        CalibrationRecord.FigureGainRed => "gainRedPermille",
        CalibrationRecord.FigureABlue => "zoneABlueCps16",
        CalibrationRecord.FigureAGreen => "zoneAGreenCps16",
        CalibrationRecord.FigureARed => "zoneARedCps16",
        CalibrationRecord.FigureBBlue => "zoneBBlueCps16",
        CalibrationRecord.FigureBGreen => "zoneBGreenCps16",
        CalibrationRecord.FigureBRed => "zoneBRedCps16",
        CalibrationRecord.FigureCBlueEvents => "zoneCBlueEvents",
        CalibrationRecord.FigureCGreenEvents => "zoneCGreenEvents",
        _ => $"tag{tag}",
    };

    private static string? FigureMeaning(int tag, int value) => tag == CalibrationRecord.FigureStatus
        ? (value == 0 ? "stored" : "out-of-limits, previous kept")
        : tag == CalibrationRecord.FigureLimits
        ? Handheld.Core.Calibration.CalibrationLimits.Describe(value)
        : tag == ClockChangeRecord.FigurePreviousSource
        ? ClockName((ClockSource)value)
        : tag == ClockChangeRecord.FigurePreviousUnix
        ? (value == 0 ? "unset" : DateTimeOffset.FromUnixTimeSeconds((uint)value).ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture))
        : tag == RecordLogSink.FigurePhysicalFinding
        ? value switch
        {
            (int)PhysicalFinding.NotMeasured => "not-measured",
            (int)PhysicalFinding.Consistent => "consistent",
            (int)PhysicalFinding.Inconsistent => "inconsistent",
            (int)PhysicalFinding.Inconclusive => "inconclusive",
            (int)PhysicalFinding.SensorFault => "sensor-fault",
            _ => $"unknown-{value}",
        }
        : tag == RecordLogSink.FigureFingerprint
        ? value switch
        {
            1 => "match",
            2 => "mismatch",
            3 => "unreadable",
            4 => "inconclusive",
            _ => $"unknown-{value}",
        }
        : null;

    private static string? Text(byte[] bytes, int length)
    {
        if (length == 0) return null;
        try { return StrictUtf8.GetString(bytes, 0, length); }
        catch (DecoderFallbackException) { return "hex:" + Convert.ToHexString(bytes, 0, length); }
    }
}
