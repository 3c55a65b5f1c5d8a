using Handheld.Core.Inspection;
using Handheld.Core.Licensing;
using Handheld.Core.Records;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Inspection;

public class RecordAndLicenceAdapterTests
{
    private static InspectionSummary Summary()
    {
        var s = new InspectionSummary
        {
            Outcome = Outcome.Suspect,
            Reasons = VerdictReason.PaperInconsistent | VerdictReason.MicroTextDenied,
            UnixSeconds = 1_780_000_000,
            ClockSource = Handheld.Core.Ports.ClockSource.AppSynced,
            LicenceNumber = System.Text.Encoding.UTF8.GetBytes("(京)JZ安许证字[2024]000123"),
            PhysicalFinding = PhysicalFinding.Inconsistent,
            FibresBlue = 1,
            InspectorId = 4711,
            DurationMs = 15000,
        };
        s.Answers[0] = PromptAnswer.Denied; s.Answers[1] = PromptAnswer.TimedOut; s.Answers[2] = PromptAnswer.Confirmed;
        return s;
    }

    private static RecordLog OpenLog(int capacity)
    {
        var log = new RecordLog(new ArrayBlockStorage(capacity), new byte[32]);
        var open = log.Open();
        Assert.True(open == LogOpenResult.Formatted || open == LogOpenResult.Ok, open.ToString());
        return log;
    }

    [Fact]
    public void Append_Summary_RecordCommittedWithMappedFields()
    {
        var log = OpenLog(16 * 1024);
        var sink = new RecordLogSink(log, System.Text.Encoding.ASCII.GetBytes("HH-0001"), 1);
        Assert.True(sink.Append(Summary()));
        Assert.Equal(1, log.Count);
        var buf = new byte[RecordLog.MaxEntryBytes];
        Assert.True(log.ReadRecord(log.LastSequence, buf) > 0);
    }

    /// <summary>The stored record's figures (tag → value).</summary>
    private static Dictionary<int, int> StoredFigures(InspectionSummary summary)
    {
        var log = OpenLog(16 * 1024);
        var sink = new RecordLogSink(log, System.Text.Encoding.ASCII.GetBytes("HH-0001"), 1);
        Assert.True(sink.Append(summary));
        var buf = new byte[RecordLog.MaxEntryBytes];
        int n = log.ReadRecord(log.LastSequence, buf);
        var record = new InspectionRecord();
        Assert.Equal(RecordStatus.Ok, RecordCodec.Decode(buf, 0, n, record));
        var figures = new Dictionary<int, int>();
        for (int i = 0; i < record.FigureCount; i++) figures[record.FigureTags[i]] = record.FigureValues[i];
        return figures;
    }

    [Fact]
    public void Append_FingerprintChecked_DecisionChanceAndTrackSweepsStored()
    {
        var s = Summary();
        s.Fingerprint = Handheld.Core.Fingerprint.FingerprintVerdict.Inconclusive;
        s.FingerprintChancePpb = 23_456;
        s.FingerprintTrackSweeps = 5;
        var figures = StoredFigures(s);
        Assert.Equal((int)Handheld.Core.Fingerprint.FingerprintVerdict.Inconclusive, figures[RecordLogSink.FigureFingerprint]);
        Assert.Equal(23_456, figures[RecordLogSink.FigureFingerprintChancePpb]);
        Assert.Equal(5, figures[RecordLogSink.FigureFingerprintTrackSweeps]);
    }

    [Fact]
    public void Append_NoFingerprint_NoFingerprintFigures()
    {
        var figures = StoredFigures(Summary());
        Assert.False(figures.ContainsKey(RecordLogSink.FigureFingerprint));
        Assert.Equal(7, figures.Count);
    }

    [Fact]
    public void Append_LogFullOfUnsyncedRecords_FalseNeverOverwrites()
    {
        var log = OpenLog(4096);
        var sink = new RecordLogSink(log, System.Text.Encoding.ASCII.GetBytes("HH-0001"), 1);
        int stored = 0;
        for (int i = 0; i < 200; i++) if (sink.Append(Summary())) stored++;
        Assert.True(stored >= 1);
        Assert.Equal(AppendResult.FullUnsynced, sink.LastResult);
        Assert.Equal(stored, log.Count);
    }

    [Theory]
    [InlineData(LicenceStatus.Valid, 0)]
    [InlineData(LicenceStatus.BadSignature, VerdictReason.SignatureInvalid)]
    [InlineData(LicenceStatus.UnknownKey, VerdictReason.UnknownIssuerKey)]
    [InlineData(LicenceStatus.KeyNotAuthorisedForProvince, VerdictReason.UnknownIssuerKey)]
    [InlineData(LicenceStatus.NotLicenceQr, VerdictReason.PayloadMalformed)]
    [InlineData(LicenceStatus.MalformedPayload, VerdictReason.PayloadMalformed)]
    [InlineData(LicenceStatus.ClockUnset, VerdictReason.ClockUnset)]
    [InlineData(LicenceStatus.Expired, VerdictReason.Expired)]
    [InlineData(LicenceStatus.NotYetValid, VerdictReason.NotYetValid)]
    [InlineData(LicenceStatus.TrustListStale, VerdictReason.TrustStale)]
    [InlineData(LicenceStatus.RevocationListStale, VerdictReason.TrustStale)]
    [InlineData(LicenceStatus.RevocationOutOfScope, VerdictReason.TrustStale)]
    [InlineData(LicenceStatus.Revoked, VerdictReason.Revoked)]
    public void ReasonsOf_VerifierStatus_MapsToVerdictReason(LicenceStatus status, int expected)
    {
        Assert.Equal(expected, LicenceDigitalCheck.ReasonsOf(status));
    }

    [Fact]
    public void Step_GarbageQr_CompletedNotValidPayloadMalformed()
    {
        var check = new LicenceDigitalCheck(new LicenceVerifier(null, null));
        var r = new DigitalResult();
        var text = System.Text.Encoding.ASCII.GetBytes("https://example.com/not-a-licence");
        check.Begin(text, text.Length, 1_780_000_000, Handheld.Core.Ports.ClockSource.AppSynced, r);
        Assert.Null(r.LicenceNumber);
        Assert.True(check.Step(0));
        Assert.True(r.Completed);
        Assert.False(r.SignatureValid);
        Assert.NotEqual(0, r.Reasons & VerdictReason.PayloadMalformed);
        Assert.NotEqual(Outcome.Genuine, Verdict.Decide(r.Reasons, r.SignatureValid));
    }

    [Fact]
    public void ProfileOf_BlueGreenUvDullMicroText_AllBits()
    {
        var p = new PhysicalProfile(Handheld.Core.Licensing.FibreColours.Blue | Handheld.Core.Licensing.FibreColours.Green, true, "000123");
        Assert.Equal(1 | 2 | ProfileBits.UvDullPaper | ProfileBits.MicroText, LicenceDigitalCheck.ProfileOf(p));
    }
}
