using System.Security.Cryptography;
using Handheld.Core.Inspection;
using Handheld.Core.Licensing;
using Handheld.Core.Ports;
using Handheld.Core.Records;
using Handheld.Sdk.Records;
using Handheld.Sdk.Licensing;
using Handheld.Sdk.Reports;
using Handheld.Sdk.Tests.Licensing;

namespace Handheld.Sdk.Tests.Reports;

/// <summary>
/// A record store with three chained, MACed inspections of the example licence from one device (as `device sync`
/// leaves it): 1 GENUINE, 2 INVALID (expired), 3 SUSPECT (paper inconsistent, hologram denied); the QR text
/// scanned; and a self-signed seal certificate (PKCS#12 + PEM). Files in a scratch directory.
/// </summary>
internal sealed class ReportFixture : IDisposable
{
    public const string DeviceId = "D1CE0000000000000000000000000001";
    public CliHarness Cli { get; } = new();
    public string Db => Cli.Path("records.db");
    public string QrFile => Cli.Path("licence.txt");
    public string Seal => Cli.Path("unit.p12");
    public string SealCert => Cli.Path("unit.crt.pem");

    public static readonly byte[] RecordKey = SHA256.HashData("report-fixture-record-key"u8.ToArray());

    public ReportFixture()
    {
        var licence = LicenceJson.Parse(File.ReadAllText(Path.Combine(CliHarness.RepoRoot, "docs", "examples", "licence.json")));
        using var issuer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string qr = LicenceIssuer.Issue(licence, issuer);
        File.WriteAllText(QrFile, qr);
        LicenceEnvelope.TryDecode(qr, out var envelope);
        byte[] payloadHash = SHA256.HashData(envelope.Bytes);

        using var db = new SqliteRecordStore(Db);
        var importer = new RecordImporter(db, new RecordCodecVerifier(new Dictionary<string, byte[]> { [DeviceId] = RecordKey }));
        byte[] previous = new byte[32];
        long t0 = new DateTimeOffset(2026, 3, 9, 9, 30, 0, TimeSpan.FromHours(8)).ToUnixTimeSeconds();
        var specs = new (Outcome Outcome, int Reasons, HumanCheckAnswer[] Answers, int Finding, int Green)[]
        {
            (Outcome.Genuine, 0, [HumanCheckAnswer.Confirmed, HumanCheckAnswer.Confirmed, HumanCheckAnswer.Skipped], 1, 9),
            (Outcome.Invalid, VerdictReason.Expired, [], 1, 8),
            (Outcome.Suspect, VerdictReason.PaperInconsistent | VerdictReason.HologramDenied, [HumanCheckAnswer.Confirmed, HumanCheckAnswer.Denied], 2, 0),
        };
        for (int i = 0; i < specs.Length; i++)
        {
            var s = specs[i];
            var r = new InspectionRecord { Sequence = (uint)(i + 1), UnixSeconds = t0 + i * 3600, Clock = ClockSource.AppSynced, Outcome = (byte)s.Outcome, FirmwareVersion = 0x01020003 };
            byte[] id = Convert.FromHexString(DeviceId);
            r.SetDeviceId(id, 0, id.Length);
            byte[] number = System.Text.Encoding.UTF8.GetBytes(licence.LicenceNumber);
            r.SetLicenceNumber(number, 0, number.Length);
            payloadHash.CopyTo(r.PayloadHash, 0);
            for (int b = 0; b < VerdictReason.Count; b++) if ((s.Reasons & (1 << b)) != 0) r.AddReason((ushort)(b + 1));
            r.AddFigure(RecordLogSink.FigurePhysicalFinding, s.Finding);
            r.AddFigure(RecordLogSink.FigurePhysicalDetail, 0);
            r.AddFigure(RecordLogSink.FigureBackgroundBlue, s.Finding == 2 ? 4200 : 310);
            r.AddFigure(RecordLogSink.FigureFibresBlue, s.Finding == 2 ? 0 : 12);
            r.AddFigure(RecordLogSink.FigureFibresGreen, s.Green);
            r.AddFigure(RecordLogSink.FigureFibresRed, 0);
            r.AddFigure(RecordLogSink.FigureDurationMs, 41_500);
            if (i == 0)
            {
                // A layout-2 licence: the fingerprint matched after three track sweeps.
                r.AddFigure(RecordLogSink.FigureFingerprint, 1);
                r.AddFigure(RecordLogSink.FigureFingerprintChancePpb, 12);
                r.AddFigure(RecordLogSink.FigureFingerprintTrackSweeps, 3);
            }
            byte[] inspector = "1024"u8.ToArray();
            r.SetInspectorId(inspector, 0, inspector.Length);
            foreach (var a in s.Answers) r.AddCheckAnswer(a);
            previous.CopyTo(r.PreviousHash, 0);
            var buf = new byte[RecordCodec.MaxEncodedBytes];
            int n = RecordCodec.Seal(r, RecordKey, buf, 0, out _);
            var bytes = buf[..n];
            if (importer.Import(DeviceId, 1, i + 1, bytes) != ImportOutcome.Stored) throw new InvalidOperationException("fixture record not stored");
            previous = SHA256.HashData(bytes);
        }
        using var seal = ReportSeal.CreateSelfSigned("某市应急管理局执法支队", "p256", DateTimeOffset.UtcNow.AddDays(-1), 3);
        seal.Save(Seal, SealCert);
    }

    public void Dispose() => Cli.Dispose();
}
