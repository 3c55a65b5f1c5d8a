using System.Text;

namespace Handheld.Sdk.Tests.Reports;

public class ReportCommandTests
{
    private static (int Exit, string Out, string Err) Report(ReportFixture f, string output, params string[] extra) =>
        f.Cli.Run(["report", "--db", f.Db, "--seal", f.Seal, "--out", output, .. extra]);

    [Fact]
    public void Report_OneSequence_SealedChinesePdfThatPdfsigValidates()
    {
        using var f = new ReportFixture();
        var pdf = f.Cli.Path("r.pdf");
        var run = Report(f, pdf, "--sequence", "1", "--qr-file", f.QrFile);
        Assert.True(run.Exit == 0, run.Err);
        Assert.InRange(new FileInfo(pdf).Length, 1, 300 * 1024);
        if (Environment.GetEnvironmentVariable("HANDHELD_REPORT_SAMPLE") is { Length: > 0 } keep) File.Copy(pdf, keep, true);

        var sig = PopplerTools.Run("pdfsig", pdf);
        Assert.Equal(0, sig.Exit);
        Assert.Contains("Signature is Valid", sig.Out);
        Assert.Contains("Total document signed", sig.Out);
        Assert.Contains("ETSI.CAdES.detached", sig.Out);

        var text = PopplerTools.Run("pdftotext", "-enc", "UTF-8", pdf, "-");
        Assert.Equal(0, text.Exit);
        Assert.Contains("安全生产许可证现场核验报告", text.Out);
        Assert.Contains("山东齐鲁建设工程集团有限公司", text.Out);
        Assert.Contains("真实有效", text.Out);
        Assert.Contains("经认证的手机应用校时", text.Out);
        Assert.Contains("与登记指纹一致", text.Out);
        Assert.Contains("偶然一致概率 1.2E-8", text.Out);

        var fonts = PopplerTools.Run("pdffonts", pdf);
        Assert.Equal(0, fonts.Exit);
        // Every font embedded and subset: "emb sub" columns both "yes" on each font line.
        var fontLines = fonts.Out.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(fontLines);
        Assert.All(fontLines, l => Assert.Matches(@"yes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$", l));

        var png = PopplerTools.Run("pdftoppm", "-r", "60", "-png", "-singlefile", pdf, f.Cli.Path("page"));
        Assert.Equal(0, png.Exit);
        Assert.True(new FileInfo(f.Cli.Path("page.png")).Length > 1000);
    }

    [Fact]
    public void Verify_UnmodifiedReport_ValidExitZero()
    {
        using var f = new ReportFixture();
        var pdf = f.Cli.Path("r.pdf");
        Assert.Equal(0, Report(f, pdf, "--sequence", "3").Exit);
        var v = f.Cli.Run("report", "verify", pdf, "--db", f.Db, "--trust", f.SealCert);
        Assert.True(v.Exit == 0, v.Out + v.Err);
        Assert.Contains("VALID", v.Out);
        Assert.Contains($"{ReportFixture.DeviceId}/3", v.Out);
    }

    [Theory]
    [InlineData(0.10)] // near the start: page content / fonts
    [InlineData(0.50)]
    [InlineData(0.97)] // near the end: xref, trailer, document information
    public void Verify_OneByteChanged_PdfsigAndVerifyFail(double where)
    {
        using var f = new ReportFixture();
        var pdf = f.Cli.Path("r.pdf");
        Assert.Equal(0, Report(f, pdf, "--sequence", "1").Exit);
        var bytes = File.ReadAllBytes(pdf);
        int at = (int)(bytes.Length * where);
        // Not inside the signature's own hex string (its own tests below): move past it.
        var sig0 = Handheld.Sdk.Reports.SignatureLocation.Find(bytes)!;
        if (at >= sig0.ContentsStart && at < sig0.ContentsEnd) at = sig0.ContentsEnd + 50;
        bytes[at] ^= 0x01;
        var tampered = f.Cli.Path("t.pdf");
        File.WriteAllBytes(tampered, bytes);

        var sig = PopplerTools.Run("pdfsig", tampered);
        Assert.DoesNotContain("Signature is Valid", sig.Out);
        var v = f.Cli.Run("report", "verify", tampered, "--db", f.Db, "--trust", f.SealCert);
        Assert.Equal(1, v.Exit);
        Assert.Contains("NOT VALID", v.Out);
    }

    [Fact]
    public void Verify_SignatureBytesChanged_Fails()
    {
        using var f = new ReportFixture();
        var pdf = f.Cli.Path("r.pdf");
        Assert.Equal(0, Report(f, pdf, "--sequence", "1").Exit);
        var bytes = File.ReadAllBytes(pdf);
        int at = Handheld.Sdk.Reports.SignatureLocation.Find(bytes)!.ContentsStart + 1 + 200; // inside the DER CMS
        bytes[at] = bytes[at] == (byte)'0' ? (byte)'1' : (byte)'0';
        File.WriteAllBytes(pdf, bytes);
        Assert.DoesNotContain("Signature is Valid", PopplerTools.Run("pdfsig", pdf).Out);
        Assert.Equal(1, f.Cli.Run("report", "verify", pdf, "--db", f.Db, "--trust", f.SealCert).Exit);
    }

    [Fact]
    public void Verify_SignaturePaddingChanged_ReportVerifyFails()
    {
        // The zero padding after the CMS in /Contents is outside what the CMS covers, so a PDF reader (pdfsig too)
        // does not notice a change there; report verify requires it to be zeros.
        using var f = new ReportFixture();
        var pdf = f.Cli.Path("r.pdf");
        Assert.Equal(0, Report(f, pdf, "--sequence", "1").Exit);
        var bytes = File.ReadAllBytes(pdf);
        int at = Handheld.Sdk.Reports.SignatureLocation.Find(bytes)!.ContentsEnd - 10;
        Assert.Equal((byte)'0', bytes[at]);
        bytes[at] = (byte)'7';
        File.WriteAllBytes(pdf, bytes);
        var v = f.Cli.Run("report", "verify", pdf, "--db", f.Db, "--trust", f.SealCert);
        Assert.Equal(1, v.Exit);
        Assert.Contains("padding", v.Out);
    }

    [Fact]
    public void Verify_AppendedIncrementalUpdate_Fails()
    {
        using var f = new ReportFixture();
        var pdf = f.Cli.Path("r.pdf");
        Assert.Equal(0, Report(f, pdf, "--sequence", "1").Exit);
        File.AppendAllText(pdf, "\n% appended after sealing\n");
        var v = f.Cli.Run("report", "verify", pdf, "--db", f.Db, "--trust", f.SealCert);
        Assert.Equal(1, v.Exit);
        Assert.Contains("bytes after the signed range", v.Out);
    }

    [Fact]
    public void Verify_OtherUnitsCertificateOrNone_FailsClosed()
    {
        using var f = new ReportFixture();
        var pdf = f.Cli.Path("r.pdf");
        Assert.Equal(0, Report(f, pdf, "--sequence", "1").Exit);
        Assert.Equal(0, f.Cli.Run("report", "seal-cert", "--unit", "Other", "--out", f.Cli.Path("other")).Exit);
        var wrong = f.Cli.Run("report", "verify", pdf, "--db", f.Db, "--trust", f.Cli.Path("other.crt.pem"));
        Assert.Equal(1, wrong.Exit);
        Assert.Contains("not the trusted seal certificate", wrong.Out);
        var none = f.Cli.Run("report", "verify", pdf, "--db", f.Db);
        Assert.Equal(1, none.Exit);
        Assert.Contains("--trust", none.Out);
    }

    [Fact]
    public void Verify_RecordNotInThisStore_Fails()
    {
        using var f = new ReportFixture();
        var pdf = f.Cli.Path("r.pdf");
        Assert.Equal(0, Report(f, pdf, "--sequence", "2").Exit);
        using (new Handheld.Sdk.Records.SqliteRecordStore(f.Cli.Path("empty.db"))) { }
        var v = f.Cli.Run("report", "verify", pdf, "--db", f.Cli.Path("empty.db"), "--trust", f.SealCert);
        Assert.Equal(1, v.Exit);
        Assert.Contains("not in the record store", v.Out);
    }

    [Fact]
    public void ForkedRecord_ReportRefusedAndEarlierReportNoLongerVerifies()
    {
        using var f = new ReportFixture();
        var pdf = f.Cli.Path("r.pdf");
        Assert.Equal(0, Report(f, pdf, "--sequence", "2").Exit);
        using (var store = new Handheld.Sdk.Records.SqliteRecordStore(f.Db))
        {
            var held = store.Find(ReportFixture.DeviceId, 1, 2)!;
            var other = held.Data.ToArray();
            other[20] ^= 1; // different bytes under the same (device, epoch, sequence)
            store.SaveFork(held with { Data = other, State = Handheld.Sdk.Records.RecordState.Rejected, Reason = "fork" });
        }
        var again = Report(f, f.Cli.Path("r2.pdf"), "--sequence", "2");
        Assert.Equal(2, again.Exit);
        Assert.Contains("fork", again.Err);
        var v = f.Cli.Run("report", "verify", pdf, "--db", f.Db, "--trust", f.SealCert);
        Assert.Equal(1, v.Exit);
        Assert.Contains("fork", v.Out);
    }

    [Fact]
    public void Report_DaySelectionInEnglish_OnePagePerRecord()
    {
        using var f = new ReportFixture();
        var pdf = f.Cli.Path("day.pdf");
        var run = Report(f, pdf, "--day", "2026-03-09", "--lang", "en");
        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains("3 record(s), 3 page(s)", run.Out);
        var text = PopplerTools.Run("pdftotext", "-enc", "UTF-8", pdf, "-").Out;
        Assert.Contains("On-site Verification Report", text);
        Assert.Contains("the licence has expired", text);
        Assert.Contains("hologram wrong", text);
        // The field wraps: its parts in order.
        int at = text.IndexOf("matches the registered fingerprint", StringComparison.Ordinal);
        Assert.True(at >= 0, text);
        Assert.True(text.IndexOf("chance of a coincidence 1.2E-8", at, StringComparison.Ordinal) > at, text);
        Assert.True(text.IndexOf("sweeps 3", at, StringComparison.Ordinal) > at, text);
        Assert.Contains("Signature is Valid", PopplerTools.Run("pdfsig", pdf).Out);
    }

    [Fact]
    public void Report_DayWithoutRecords_ExitTwoOneLine()
    {
        using var f = new ReportFixture();
        var run = Report(f, f.Cli.Path("x.pdf"), "--day", "2026-03-10");
        Assert.Equal(2, run.Exit);
        Assert.Equal("error: no verified record matches the selection", run.Err.Trim());
    }

    [Fact]
    public void Notice_InvalidRecord_SealedNoticeWithBlankLegalBasis()
    {
        using var f = new ReportFixture();
        var pdf = f.Cli.Path("n.pdf");
        var run = Report(f, pdf, "--sequence", "2", "--template", "notice", "--qr-file", f.QrFile);
        Assert.True(run.Exit == 0, run.Err);
        var text = PopplerTools.Run("pdftotext", "-enc", "UTF-8", pdf, "-").Out;
        Assert.Contains("整改通知书", text);
        Assert.Contains("山东齐鲁建设工程集团有限公司", text);
        Assert.Contains("许可证已超过有效期", text);
        Assert.Contains("（由执法机关填写）", text);
        Assert.Contains("2026-03-24", text); // 15 days after the inspection (2026-03-09 UTC+8)
        Assert.Contains("Signature is Valid", PopplerTools.Run("pdfsig", pdf).Out);
        Assert.Equal(0, f.Cli.Run("report", "verify", pdf, "--db", f.Db, "--trust", f.SealCert).Exit);
    }

    [Fact]
    public void Notice_GenuineRecord_ExitTwo()
    {
        using var f = new ReportFixture();
        var run = Report(f, f.Cli.Path("n.pdf"), "--sequence", "1", "--template", "notice");
        Assert.Equal(2, run.Exit);
        Assert.Contains("a notice is for INVALID or SUSPECT", run.Err);
    }

    [Fact]
    public void Report_QrOfAnotherLicence_ExitTwo()
    {
        using var f = new ReportFixture();
        var other = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Handheld.Sdk.Tests.Licensing.CliHarness.RepoRoot, "docs", "examples", "licence.json")))!;
        other["enterpriseName"] = "另一家公司";
        File.WriteAllText(f.Cli.Path("other.json"), other.ToJsonString());
        Assert.Equal(0, f.Cli.Run("keys", "generate", "--alg", "p256", "--out", f.Cli.Path("k")).Exit);
        Assert.Equal(0, f.Cli.Run("license", "issue", "--data", f.Cli.Path("other.json"), "--key", f.Cli.Path("k.key.pem"), "--out", f.Cli.Path("other.txt")).Exit);
        var run = Report(f, f.Cli.Path("x.pdf"), "--sequence", "1", "--qr-file", f.Cli.Path("other.txt"));
        Assert.Equal(2, run.Exit);
        Assert.Contains("--qr-file", run.Err);
    }

    [Theory]
    [InlineData("--lang", "fr", "--lang")]
    [InlineData("--day", "09.03.2026", "--day")]
    [InlineData("--template", "letter", "--template")]
    [InlineData("--sequence", "99", "--sequence")]
    public void Report_BadOption_OneLineNamingIt(string option, string value, string named)
    {
        using var f = new ReportFixture();
        var run = Report(f, f.Cli.Path("x.pdf"), option == "--sequence" ? [option, value] : ["--sequence", "1", option, value]);
        Assert.Equal(2, run.Exit);
        Assert.Single(run.Err.Trim().Split('\n'));
        Assert.Contains(named, run.Err);
    }

    [Fact]
    public void Report_WrongSealFile_ExitTwo()
    {
        using var f = new ReportFixture();
        File.WriteAllText(f.Cli.Path("bad.p12"), "not a key");
        var run = f.Cli.Run("report", "--db", f.Db, "--seal", f.Cli.Path("bad.p12"), "--out", f.Cli.Path("x.pdf"), "--sequence", "1");
        Assert.Equal(2, run.Exit);
        Assert.StartsWith("error: --seal:", run.Err);
        Assert.False(File.Exists(f.Cli.Path("x.pdf")));
    }
}
