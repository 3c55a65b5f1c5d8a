using Handheld.Core.Checksums;
using Handheld.Core.Ports;
using Handheld.Core.Records;
using Handheld.Core.Trust;
using Handheld.Sdk.Records;

namespace Handheld.Sdk.Tests.Records;

public class RecordLogVerifierTests
{
    private static readonly byte[] Key = Convert.FromHexString("4F1C2B3A5D6E7F80112233445566778899AABBCCDDEEFF00102030405060708A");

    /// <summary>A 16 KB log image with <paramref name="count"/> records written by Core's RecordLog.</summary>
    internal static byte[] BuildImage(int count, byte[]? key = null)
    {
        var image = new byte[16 * 1024];
        Array.Fill(image, (byte)0xFF);
        var storage = new ArrayBlockStorage(image); // writes land in image
        var log = new RecordLog(storage, key ?? Key);
        Assert.Equal(LogOpenResult.Formatted, log.Open());
        for (int i = 0; i < count; i++)
        {
            var r = new InspectionRecord { UnixSeconds = 1_764_000_000 + i * 60, Clock = ClockSource.Rtc, Outcome = (byte)(1 + i % 5) };
            byte[] dev = "HH-TEST-0001"u8.ToArray();
            r.SetDeviceId(dev, 0, dev.Length);
            byte[] lic = System.Text.Encoding.UTF8.GetBytes($"(粤)JZ安许证字[2025]{i:D6}");
            r.SetLicenceNumber(lic, 0, lic.Length);
            r.AddReason((ushort)(0x100 + i));
            r.AddFigure(1, i * 10);
            r.AddCheckAnswer(HumanCheckAnswer.Confirmed);
            Assert.Equal(AppendResult.Ok, log.Append(r));
        }
        return image;
    }

    /// <summary>Offset of record <paramref name="seq"/>'s entry (logs built here never wrap).</summary>
    internal static int EntryOffset(byte[] image, uint seq)
    {
        int p = RecordLog.DataStart;
        for (uint s = 1; s < seq; s++) p += RecordLog.EntryOverheadBytes + (image[p + 8] | (image[p + 9] << 8));
        return p;
    }

    [Fact]
    public void Verify_UntouchedLog_IsIntact()
    {
        var result = RecordLogVerifier.Verify(BuildImage(12), Key);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(12, result.RecordCount);
        Assert.Equal(1u, result.FirstSequence);
        Assert.Equal(12u, result.LastSequence);
    }

    [Fact]
    public void Verify_ByteChangedInMiddleRecord_ReportsThatRecord()
    {
        byte[] image = BuildImage(12);
        image[EntryOffset(image, 5) + RecordLog.EntryHeaderBytes + 30] ^= 0x01;
        var result = RecordLogVerifier.Verify(image, Key);
        Assert.False(result.Intact);
        Assert.Equal(5u, result.FirstBadSequence);
    }

    [Fact]
    public void Verify_FieldChangedAndCrcRecomputed_ReportsBadMac()
    {
        byte[] image = BuildImage(6);
        int p = EntryOffset(image, 3);
        int len = image[p + 8] | (image[p + 9] << 8);
        image[p + RecordLog.EntryHeaderBytes + 1 + 4 + 8 + 1 + 1 + 12 + 1 + 5] ^= 0x02; // a licence-number byte
        BitConverter.GetBytes(Crc32.Compute(image, p, RecordLog.EntryHeaderBytes + len)).CopyTo(image, p + RecordLog.EntryHeaderBytes + len);
        var result = RecordLogVerifier.Verify(image, Key);
        Assert.False(result.Intact);
        Assert.Equal(3u, result.FirstBadSequence);
        Assert.Contains("MAC", result.Problem);
    }

    [Fact]
    public void Verify_WrongKey_FailsAtFirstRecord()
    {
        byte[] other = (byte[])Key.Clone();
        other[31] ^= 0x80;
        var result = RecordLogVerifier.Verify(BuildImage(4), other);
        Assert.False(result.Intact);
        Assert.Equal(1u, result.FirstBadSequence);
    }

    [Fact]
    public void Verify_BlankImage_IsNotIntact()
    {
        var image = new byte[16 * 1024];
        Array.Fill(image, (byte)0xFF);
        Assert.False(RecordLogVerifier.Verify(image, Key).Intact);
    }
}

public class RecordsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("handheld-records-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private int Run(params string[] args) => Handheld.Cli.Program.BuildRoot().Parse(args).Invoke();

    [Fact]
    public void Verify_IntactLogWithHexKey_ExitsZero()
    {
        string path = Path.Combine(_dir, "log.bin");
        File.WriteAllBytes(path, RecordLogVerifierTests.BuildImage(3));
        Assert.Equal(0, Run("records", "verify", "--log", path, "--device-key", "4F1C2B3A5D6E7F80112233445566778899AABBCCDDEEFF00102030405060708A"));
    }

    [Fact]
    public void Verify_TamperedLogWithKeyFileAndJson_ExitsOne()
    {
        string path = Path.Combine(_dir, "log.bin");
        byte[] image = RecordLogVerifierTests.BuildImage(3);
        image[RecordLogVerifierTests.EntryOffset(image, 2) + 20] ^= 0x10;
        File.WriteAllBytes(path, image);
        string keyFile = Path.Combine(_dir, "device.key");
        File.WriteAllText(keyFile, "4F1C2B3A5D6E7F80112233445566778899AABBCCDDEEFF00102030405060708A\n");
        Assert.Equal(1, Run("records", "verify", "--log", path, "--device-key", keyFile, "--json"));
    }

    [Fact]
    public void Verify_MissingLogFile_ExitsTwo()
    {
        Assert.Equal(2, Run("records", "verify", "--log", Path.Combine(_dir, "none.bin"), "--device-key", "00112233445566778899AABBCCDDEEFF"));
    }
}
