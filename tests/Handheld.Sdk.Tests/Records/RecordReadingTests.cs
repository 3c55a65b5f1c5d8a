using System.Security.Cryptography;
using System.Text.Json;
using Handheld.Core.Inspection;
using Handheld.Core.Ports;
using Handheld.Core.Records;
using Handheld.Sdk.Records;

namespace Handheld.Sdk.Tests.Records;

/// <summary>A store with three verified records of one device (sequences 1..3), fields chosen per record.</summary>
internal sealed class ReadableStoreFixture : IDisposable
{
    public static readonly byte[] DeviceId = Convert.FromHexString("A1B2C3D4E5F60718293A4B5C6D7E8F90");
    public static readonly byte[] Key = Convert.FromHexString("00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF");
    public static string Id => Convert.ToHexString(DeviceId);
    public string Dir { get; } = Directory.CreateTempSubdirectory("handheld-readable-").FullName;
    public string Db => Path.Combine(Dir, "records.db");

    public ReadableStoreFixture(byte[]? importKey = null)
    {
        using var store = new SqliteRecordStore(Db);
        var imp = new RecordImporter(store, new RecordCodecVerifier(new Dictionary<string, byte[]> { [Id] = importKey ?? Key }));
        byte[] prev = new byte[32];
        var specs = new (long Time, ClockSource Clock, Outcome Outcome, string Licence, int[] Reasons, HumanCheckAnswer[] Checks)[]
        {
            (1_764_576_000, ClockSource.Rtc, Outcome.Genuine, "(粤)JZ安许证字[2025]000101", [], [HumanCheckAnswer.Confirmed, HumanCheckAnswer.Confirmed, HumanCheckAnswer.Confirmed]),
            (1_764_662_400, ClockSource.AppSynced, Outcome.Forged, "(京)JZ安许证字[2024]000202", [1, 15], [HumanCheckAnswer.Denied]),
            (0, ClockSource.Unset, Outcome.Unverified, "(粤)JZ安许证字[2025]000101", [8], []),
        };
        for (int i = 0; i < specs.Length; i++)
        {
            var sp = specs[i];
            var r = new InspectionRecord { Sequence = (uint)(i + 1), UnixSeconds = sp.Time, Clock = sp.Clock, Outcome = (byte)sp.Outcome, FirmwareVersion = 0x01020003 };
            r.SetDeviceId(DeviceId, 0, DeviceId.Length);
            byte[] lic = System.Text.Encoding.UTF8.GetBytes(sp.Licence);
            r.SetLicenceNumber(lic, 0, lic.Length);
            byte[] inspector = "4711"u8.ToArray();
            r.SetInspectorId(inspector, 0, inspector.Length);
            foreach (int code in sp.Reasons) r.AddReason((ushort)code);
            r.AddFigure(RecordLogSink.FigurePhysicalFinding, (int)PhysicalFinding.Consistent);
            r.AddFigure(RecordLogSink.FigureFibresBlue, 37);
            foreach (var c in sp.Checks) r.AddCheckAnswer(c);
            prev.CopyTo(r.PreviousHash, 0);
            var buf = new byte[RecordCodec.MaxEncodedBytes];
            int n = RecordCodec.Seal(r, Key, buf, 0, out var status);
            Assert.Equal(RecordStatus.Ok, status);
            Assert.Equal(importKey == null ? ImportOutcome.Stored : ImportOutcome.Rejected, imp.Import(Id, 1, i + 1, buf[..n]));
            prev = SHA256.HashData(buf.AsSpan(0, n));
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Dir, recursive: true);
    }
}

public class RecordDecoderTests
{
    [Fact]
    public void TryDecode_FingerprintFigures_NamedWithTheComparison()
    {
        var r = new InspectionRecord { Sequence = 1, UnixSeconds = 1_764_576_000, Clock = ClockSource.Rtc, Outcome = (byte)Outcome.Unverified, FirmwareVersion = 0x01020003 };
        r.SetDeviceId(ReadableStoreFixture.DeviceId, 0, ReadableStoreFixture.DeviceId.Length);
        r.AddFigure(RecordLogSink.FigurePhysicalFinding, (int)PhysicalFinding.Inconclusive);
        r.AddFigure(RecordLogSink.FigureFingerprint, 4);
        r.AddFigure(RecordLogSink.FigureFingerprintChancePpb, 23_456);
        r.AddFigure(RecordLogSink.FigureFingerprintTrackSweeps, 5);
        var buf = new byte[RecordCodec.MaxEncodedBytes];
        int n = RecordCodec.Seal(r, ReadableStoreFixture.Key, buf, 0, out var status);
        Assert.Equal(RecordStatus.Ok, status);
        var d = RecordDecoder.TryDecode(buf[..n], out var problem);
        Assert.Null(problem);
        Assert.Equal(new DecodedFigure(8, "fingerprint", 4, "inconclusive"), d!.Figures[1]);
        Assert.Equal(new DecodedFigure(9, "fingerprintChancePpb", 23_456, null), d.Figures[2]);
        Assert.Equal(new DecodedFigure(10, "fingerprintTrackSweeps", 5, null), d.Figures[3]);
    }

    [Fact]
    public void TryDecode_ForgedRecord_NamesEveryField()
    {
        using var fx = new ReadableStoreFixture();
        using var store = new SqliteRecordStore(fx.Db);
        var d = RecordDecoder.TryDecode(store.Find(ReadableStoreFixture.Id, 1, 2)!.Data, out var problem);
        Assert.Null(problem);
        Assert.NotNull(d);
        Assert.Equal("2025-12-02T08:00:00Z", d!.Time);
        Assert.Equal("app-synced", d.Clock);
        Assert.Equal(ReadableStoreFixture.Id, d.Device);
        Assert.Equal("4711", d.Inspector);
        Assert.Equal("(京)JZ安许证字[2024]000202", d.LicenceNumber);
        Assert.Equal("FORGED", d.Verdict);
        Assert.Equal(["SIGNATURE_INVALID", "MICROTEXT_DENIED"], d.Reasons);
        Assert.Equal([new DecodedCheck("micro-text", "denied")], d.Checks);
        Assert.Equal(new DecodedFigure(1, "physicalFinding", 1, "consistent"), d.Figures[0]);
        Assert.Equal(new DecodedFigure(4, "fibresBlue", 37, null), d.Figures[1]);
        Assert.Equal("1.2.3", d.FirmwareVersion);
    }

    [Fact]
    public void TryDecode_UnsetClock_HasNoTime()
    {
        using var fx = new ReadableStoreFixture();
        using var store = new SqliteRecordStore(fx.Db);
        var d = RecordDecoder.TryDecode(store.Find(ReadableStoreFixture.Id, 1, 3)!.Data, out _)!;
        Assert.Null(d.Time);
        Assert.Equal("unset", d.Clock);
        Assert.Equal(["CLOCK_UNSET"], d.Reasons);
    }

    [Fact]
    public void TryDecode_TruncatedBytes_ReturnsNullWithProblem()
    {
        Assert.Null(RecordDecoder.TryDecode(new byte[10], out var problem));
        Assert.StartsWith("malformed record", problem);
    }
}

/// <summary>Tests that capture Console run alone (the console is process-wide).</summary>
[CollectionDefinition("Console", DisableParallelization = true)]
public class ConsoleCollection;

[Collection("Console")]
public class RecordsReadCommandTests : IDisposable
{
    private readonly ReadableStoreFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(o);
        Console.SetError(e);
        try { return (Handheld.Cli.Program.BuildRoot().Parse(args).Invoke(), o.ToString(), e.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }

    [Fact]
    public void List_JsonWithVerdictFilter_CamelCaseDecodedFields()
    {
        var (code, output, _) = Run("records", "list", "--db", _fx.Db, "--verdict", "forged", "--json");
        Assert.Equal(0, code);
        var rows = JsonDocument.Parse(output).RootElement;
        var row = Assert.Single(rows.EnumerateArray());
        Assert.Equal(2, row.GetProperty("sequence").GetInt32());
        Assert.Equal("FORGED", row.GetProperty("verdict").GetString());
        Assert.Equal("(京)JZ安许证字[2024]000202", row.GetProperty("licenceNumber").GetString());
        Assert.Equal("denied", row.GetProperty("checks")[0].GetProperty("answer").GetString());
        Assert.Equal("MICROTEXT_DENIED", row.GetProperty("reasons")[1].GetString());
    }

    [Theory]
    [InlineData("--licence", "(粤)JZ安许证字[2025]000101", "1,3")]
    [InlineData("--from", "2025-12-02", "2")]
    [InlineData("--to", "2025-12-01", "1")]
    [InlineData("--device", "A1B2C3D4E5F60718293A4B5C6D7E8F90", "1,2,3")]
    [InlineData("--device", "00", "")]
    public void List_Filter_SelectsMatchingSequences(string option, string value, string expected)
    {
        var (code, output, _) = Run("records", "list", "--db", _fx.Db, option, value, "--json");
        Assert.Equal(0, code);
        var seqs = JsonDocument.Parse(output).RootElement.EnumerateArray().Select(r => r.GetProperty("sequence").GetInt32());
        Assert.Equal(expected, string.Join(",", seqs));
    }

    [Theory]
    [InlineData("--from", "yesterday")]
    [InlineData("--to", "2025-13-01")]
    [InlineData("--verdict", "MAYBE")]
    [InlineData("--device", "not-hex")]
    public void List_BadFilter_OneLineErrorExitTwo(string option, string value)
    {
        var (code, _, err) = Run("records", "list", "--db", _fx.Db, option, value);
        Assert.Equal(2, code);
        Assert.StartsWith($"error: {option}: ", err);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void List_MissingDb_ExitTwoWithoutCreatingIt()
    {
        string missing = Path.Combine(_fx.Dir, "none.db");
        var (code, _, err) = Run("records", "list", "--db", missing);
        Assert.Equal(2, code);
        Assert.StartsWith("error: --db: ", err);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void Show_Record_PrintsEveryDecodedField()
    {
        var (code, output, _) = Run("records", "show", "--db", _fx.Db, "2");
        Assert.Equal(0, code);
        Assert.Contains("time          2025-12-02T08:00:00Z (clock app-synced)", output);
        Assert.Contains("verdict       FORGED (3)", output);
        Assert.Contains("reasons       SIGNATURE_INVALID, MICROTEXT_DENIED", output);
        Assert.Contains("check         micro-text: denied", output);
        Assert.Contains("figure        physicalFinding = 1 (consistent)", output);
        Assert.Contains("inspector     4711", output);
    }

    [Fact]
    public void Export_Csv_HeaderAndOneQuotedRowPerRecord()
    {
        string file = Path.Combine(_fx.Dir, "out.csv");
        var (code, _, _) = Run("records", "export", "--db", _fx.Db, "--format", "csv", "--output", file);
        Assert.Equal(0, code);
        var lines = File.ReadAllText(file).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("deviceId,epoch,sequence,state,", lines[0]);
        Assert.Contains(",FORGED,SIGNATURE_INVALID;MICROTEXT_DENIED,micro-text=denied,physicalFinding=1;fibresBlue=37,1.2.3,", lines[2]);
        Assert.Contains(",unset,", lines[3]);
    }

    [Fact]
    public void Export_JsonLines_OneObjectPerLineWithData()
    {
        var (code, output, _) = Run("records", "export", "--db", _fx.Db, "--verdict", "GENUINE");
        Assert.Equal(0, code);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var row = JsonDocument.Parse(line).RootElement;
        Assert.Equal("GENUINE", row.GetProperty("verdict").GetString());
        Assert.Equal("2025-12-01T08:00:00Z", row.GetProperty("time").GetString());
        Assert.False(string.IsNullOrEmpty(row.GetProperty("data").GetString()));
    }

    [Fact]
    public void Export_UnknownFormat_ExitTwo()
    {
        var (code, _, err) = Run("records", "export", "--db", _fx.Db, "--format", "xml");
        Assert.Equal(2, code);
        Assert.StartsWith("error: --format: ", err);
    }
}
