using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;

namespace Handheld.Core.Tests.Fluorescence;

public class SensorCalibrationTests
{
    private static SensorCalibration Sample() => new()
    {
        Kind = SensorKind.As7341,
        DarkBlue = 120, DarkGreen = -7, DarkRed = 0, DarkClear = 100000,
        GainBlueQ12 = 4500, GainGreenQ12 = 3900, GainRedQ12 = 4096, GainClearQ12 = 20000,
    };

    [Fact]
    public void TryWriteTryRead_RoundTrip_RestoresEveryField()
    {
        var buf = new byte[SensorCalibration.SerializedLength + 3];
        Assert.True(Sample().TryWrite(buf, 3));
        var back = new SensorCalibration();
        Assert.True(SensorCalibration.TryRead(buf, 3, back));
        var s = Sample();
        Assert.Equal(s.Kind, back.Kind);
        Assert.Equal(new[] { s.DarkBlue, s.DarkGreen, s.DarkRed, s.DarkClear }, new[] { back.DarkBlue, back.DarkGreen, back.DarkRed, back.DarkClear });
        Assert.Equal(new[] { s.GainBlueQ12, s.GainGreenQ12, s.GainRedQ12, s.GainClearQ12 }, new[] { back.GainBlueQ12, back.GainGreenQ12, back.GainRedQ12, back.GainClearQ12 });
    }

    [Fact]
    public void TryWrite_Layout_DocumentedLittleEndianOffsetsAndCrc()
    {
        var buf = new byte[SensorCalibration.SerializedLength];
        Assert.True(Sample().TryWrite(buf, 0));
        Assert.Equal(new byte[] { (byte)'U', (byte)'C', 1, (byte)SensorKind.As7341 }, buf[0..4]);
        Assert.Equal(new byte[] { 120, 0, 0, 0 }, buf[4..8]);                 // dark blue, int32 LE
        Assert.Equal(new byte[] { 0xF9, 0xFF, 0xFF, 0xFF }, buf[8..12]);      // dark green −7
        Assert.Equal(new byte[] { 0xA0, 0x86, 0x01, 0x00 }, buf[16..20]);     // dark clear 100000
        Assert.Equal(new byte[] { 0x94, 0x11 }, buf[20..22]);                 // gain blue 4500, uint16 LE
        Assert.Equal(new byte[] { 0x20, 0x4E }, buf[26..28]);                 // gain clear 20000
        ushort crc = Handheld.Core.Checksums.Crc16Xmodem.Compute(buf, 0, 28);
        Assert.Equal(new byte[] { (byte)crc, (byte)(crc >> 8) }, buf[28..30]);
    }

    [Fact]
    public void TryRead_ErasedFlash_Rejected()
    {
        var buf = Enumerable.Repeat((byte)0xFF, SensorCalibration.SerializedLength).ToArray();
        Assert.False(SensorCalibration.TryRead(buf, 0, new SensorCalibration()));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(20)]
    [InlineData(27)]
    public void TryRead_FlippedBit_Rejected(int index)
    {
        var buf = new byte[SensorCalibration.SerializedLength];
        Sample().TryWrite(buf, 0);
        buf[index] ^= 0x04;
        Assert.False(SensorCalibration.TryRead(buf, 0, new SensorCalibration()));
    }

    [Fact]
    public void TryWrite_BufferTooSmall_False()
    {
        Assert.False(Sample().TryWrite(new byte[SensorCalibration.SerializedLength - 1], 0));
    }

    [Fact]
    public void TryFromMeasurements_TileBelowDark_Rejected()
    {
        Assert.False(SensorCalibration.TryFromMeasurements(SensorKind.Tcs34725,
            new[] { 100, 100, 100, 100 }, new[] { 90, 500, 500, 500 }, new[] { 400, 400, 400, 400 }, new SensorCalibration()));
    }

    [Fact]
    public void Apply_FromMeasurements_MapsTileToNominal()
    {
        var c = new SensorCalibration();
        Assert.True(SensorCalibration.TryFromMeasurements(SensorKind.Tcs34725,
            new[] { 100, 50, 0, 10 }, new[] { 900, 450, 800, 1010 }, new[] { 1000, 1000, 1000, 1000 }, c));
        Assert.Equal(1000, SensorCalibration.Apply(900, c.DarkBlue, c.GainBlueQ12));
        Assert.Equal(1000, SensorCalibration.Apply(450, c.DarkGreen, c.GainGreenQ12));
        Assert.Equal(0, SensorCalibration.Apply(100, c.DarkBlue, c.GainBlueQ12));
    }
}
