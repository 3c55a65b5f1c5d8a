using System.Security.Cryptography;
using Handheld.Core.Licensing;
using Handheld.Sdk.Licensing;

namespace Handheld.Sdk.Reports;

/// <summary>
/// The licence as decoded from the QR text an inspection scanned. A record stores only the licence number and
/// the SHA-256 of the QR's envelope bytes; the full licence is printed only when the QR text given matches that
/// digest, so a report can never show a different licence than the one inspected.
/// </summary>
public sealed class ReportLicence
{
    public required Licence Licence { get; init; }
    public required string Algorithm { get; init; }
    public required string KeyIdHex { get; init; }
    public required byte[] EnvelopeSha256 { get; init; }

    /// <summary>Decodes QR text; throws <see cref="ReportException"/> naming the option when it does not decode.</summary>
    public static ReportLicence Decode(string qrText, string option)
    {
        var status = LicenceEnvelope.TryDecode(qrText.Trim(), out var envelope);
        if (status != LicenceStatus.Valid) throw new ReportException($"{option}: QR text does not decode ({LicenceStatusNames.Get(status)})");
        var payload = LicenceCodec.TryDecode(envelope.Bytes, envelope.PayloadOffset, envelope.PayloadLength, out var licence);
        if (payload != LicenceStatus.Valid || licence == null) throw new ReportException($"{option}: licence payload does not decode ({LicenceStatusNames.Get(payload)})");
        return new ReportLicence
        {
            Licence = licence,
            Algorithm = KeyFiles.AlgorithmName(envelope.Algorithm),
            KeyIdHex = Convert.ToHexStringLower(envelope.CopyKeyId()),
            EnvelopeSha256 = SHA256.HashData(envelope.Bytes),
        };
    }

    /// <summary>True when this is the licence the record was made from.</summary>
    public bool Matches(ReportRecord record) => EnvelopeSha256.AsSpan().SequenceEqual(record.PayloadHash);
}
