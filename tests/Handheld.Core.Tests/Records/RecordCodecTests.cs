using Handheld.Core.Checksums;
using System.Security.Cryptography;
using Handheld.Core.Ports;
using Handheld.Core.Records;

namespace Handheld.Core.Tests.Records;

public class RecordCodecTests
{
    internal static readonly byte[] Key = Convert.FromHexString("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");

    internal static InspectionRecord Sample(uint seq = 7)
    {
        var r = new InspectionRecord();
        r.Sequence = seq;
        r.UnixSeconds = 1_764_000_000;
        r.Clock = ClockSource.AppSynced;
        byte[] dev = "HH-0001-0A1B2C3D"u8.ToArray();
        r.SetDeviceId(dev, 0, dev.Length);
        byte[] lic = "(京)JZ安许证字[2024]000123"u8.ToArray();
        r.SetLicenceNumber(lic, 0, lic.Length);
        for (int i = 0; i < 32; i++) r.PayloadHash[i] = (byte)(0xA0 + i);
        r.Outcome = 1;
        r.AddReason(0x0101);
        r.AddReason(0x0203);
        r.AddFigure(0x0010, 1234);
        r.AddFigure(0x0011, -56);
        r.AddFigure(0x0012, int.MaxValue);
        byte[] insp = "INS-42"u8.ToArray();
        r.SetInspectorId(insp, 0, insp.Length);
        r.AddCheckAnswer(HumanCheckAnswer.Confirmed);
        r.AddCheckAnswer(HumanCheckAnswer.Denied);
        r.AddCheckAnswer(HumanCheckAnswer.Skipped);
        r.FirmwareVersion = 0x01020003;
        for (int i = 0; i < 32; i++) r.PreviousHash[i] = (byte)i;
        return r;
    }

    internal static byte[] Seal(InspectionRecord r)
    {
        var buf = new byte[RecordCodec.MaxEncodedBytes];
        int n = RecordCodec.Seal(r, Key, buf, 0, out var status);
        Assert.Equal(RecordStatus.Ok, status);
        return buf[..n];
    }

    [Fact]
    public void Seal_ThenDecodeAndVerify_RoundTripsEveryField()
    {
        var r = Sample();
        byte[] bytes = Seal(r);
        var d = new InspectionRecord();
        Assert.Equal(RecordStatus.Ok, RecordCodec.DecodeAndVerify(Key, bytes, 0, bytes.Length, d, new byte[32]));
        Assert.Equal(r.Sequence, d.Sequence);
        Assert.Equal(r.UnixSeconds, d.UnixSeconds);
        Assert.Equal(r.Clock, d.Clock);
        Assert.Equal(r.DeviceId[..r.DeviceIdLength], d.DeviceId[..d.DeviceIdLength]);
        Assert.Equal(r.LicenceNumber[..r.LicenceLength], d.LicenceNumber[..d.LicenceLength]);
        Assert.Equal(r.PayloadHash, d.PayloadHash);
        Assert.Equal(r.Outcome, d.Outcome);
        Assert.Equal(r.Reasons[..r.ReasonCount], d.Reasons[..d.ReasonCount]);
        Assert.Equal(r.FigureTags[..3], d.FigureTags[..d.FigureCount]);
        Assert.Equal(r.FigureValues[..3], d.FigureValues[..d.FigureCount]);
        Assert.Equal(r.InspectorId[..r.InspectorIdLength], d.InspectorId[..d.InspectorIdLength]);
        Assert.Equal(r.CheckAnswers[..3], d.CheckAnswers[..d.CheckCount]);
        Assert.Equal(r.FirmwareVersion, d.FirmwareVersion);
        Assert.Equal(r.PreviousHash, d.PreviousHash);
        Assert.Equal(r.Mac, d.Mac);
    }

    [Fact]
    public void Seal_Mac_EqualsBclHmacOverBytesBeforeIt()
    {
        byte[] bytes = Seal(Sample());
        byte[] expected = HMACSHA256.HashData(Key, bytes.AsSpan(0, bytes.Length - 32));
        Assert.Equal(expected, bytes[^32..]);
    }

    [Fact]
    public void DecodeAndVerify_EverySingleByteChange_IsDetected()
    {
        byte[] bytes = Seal(Sample());
        var d = new InspectionRecord();
        var scratch = new byte[32];
        for (int i = 0; i < bytes.Length; i++)
        {
            foreach (byte mask in new byte[] { 0x01, 0x80, 0xFF })
            {
                byte[] t = (byte[])bytes.Clone();
                t[i] ^= mask;
                Assert.NotEqual(RecordStatus.Ok, RecordCodec.DecodeAndVerify(Key, t, 0, t.Length, d, scratch));
            }
        }
    }

    [Fact]
    public void DecodeAndVerify_WrongKey_ReportsBadMac()
    {
        byte[] bytes = Seal(Sample());
        byte[] other = (byte[])Key.Clone();
        other[0] ^= 1;
        Assert.Equal(RecordStatus.BadMac, RecordCodec.DecodeAndVerify(other, bytes, 0, bytes.Length, new InspectionRecord(), new byte[32]));
    }

    [Fact]
    public void Decode_EveryTruncation_FailsWithoutThrowing()
    {
        byte[] bytes = Seal(Sample());
        var d = new InspectionRecord();
        for (int n = 0; n < bytes.Length; n++)
            Assert.NotEqual(RecordStatus.Ok, RecordCodec.Decode(bytes, 0, n, d));
    }

    [Fact]
    public void Decode_TrailingByte_IsTruncatedError()
    {
        byte[] bytes = [.. Seal(Sample()), 0x00];
        Assert.Equal(RecordStatus.Truncated, RecordCodec.Decode(bytes, 0, bytes.Length, new InspectionRecord()));
    }

    [Fact]
    public void Seal_AllFieldsAtBounds_FitsMaxEncodedBytes()
    {
        var r = Sample();
        var big = new byte[64];
        r.SetDeviceId(big, 0, InspectionRecord.MaxDeviceIdBytes);
        r.SetLicenceNumber(big, 0, InspectionRecord.MaxLicenceBytes);
        r.SetInspectorId(big, 0, InspectionRecord.MaxInspectorIdBytes);
        while (r.AddReason(1)) { }
        while (r.AddFigure(1, 1)) { }
        while (r.AddCheckAnswer(HumanCheckAnswer.Confirmed)) { }
        Assert.Equal(RecordCodec.MaxEncodedBytes, Seal(r).Length);
    }

    [Fact]
    public void Seal_NoDeviceId_IsRejected()
    {
        var r = Sample();
        r.DeviceIdLength = 0;
        Assert.Equal(0, RecordCodec.Seal(r, Key, new byte[RecordCodec.MaxEncodedBytes], 0, out var status));
        Assert.Equal(RecordStatus.FieldOutOfRange, status);
    }

    [Fact]
    public void Decode_UnknownVersion_ReportsUnsupported()
    {
        byte[] bytes = Seal(Sample());
        bytes[0] = 2;
        Assert.Equal(RecordStatus.UnsupportedVersion, RecordCodec.Decode(bytes, 0, bytes.Length, new InspectionRecord()));
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool Decode_ArbitraryBytes_NeverThrows(byte[] input)
    {
        var status = RecordCodec.DecodeAndVerify(Key, input, 0, input.Length, new InspectionRecord(), new byte[32]);
        return status != RecordStatus.Ok || input.Length >= RecordCodec.FixedBytes;
    }
}

public class Crc32Tests
{
    [Fact]
    public void Compute_CheckString_IsCbf43926()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8.ToArray(), 0, 9));
    }
}
