using Handheld.Core.Drivers;
using Handheld.Simulator.Emulators;

namespace Handheld.Simulator.Tests.Emulators;

public class Tcs34725EmulatorTests
{
    private static SensorRig Rig(double ambient = 0.05) => new(SensorKind.Tcs34725, SensorRig.OfficeAmbient(ambient));

    [Fact]
    public void Read_AfterPowerOnReset_ReturnsDatasheetResetValues()
    {
        var rig = Rig();
        var read = new byte[1];
        Assert.True(rig.Bus.WriteRead(new byte[] { 0x80 | 0x01 }, 1, read, 1));
        Assert.Equal(0xFF, read[0]); // ATIME
        rig.Bus.WriteRead(new byte[] { 0x80 | 0x03 }, 1, read, 1);
        Assert.Equal(0xFF, read[0]); // WTIME
        rig.Bus.WriteRead(new byte[] { 0x80 | 0x12 }, 1, read, 1);
        Assert.Equal(0x44, read[0]); // ID
        rig.Bus.WriteRead(new byte[] { 0x80 | 0x00 }, 1, read, 1);
        Assert.Equal(0x00, read[0]); // ENABLE
    }

    [Fact]
    public void Write_ReadOnlyIdRegister_IsIgnored()
    {
        var rig = Rig();
        rig.Bus.Write(new byte[] { 0x80 | 0x12, 0x99 }, 2);
        Assert.Equal(0x44, rig.Tcs!.Peek(0x12));
    }

    [Fact]
    public void Initialise_ChipPresent_ConfiguresAtimeGainAndPower()
    {
        var rig = Rig();
        var tcs = (Tcs34725)rig.Sensor;
        Assert.Equal(SensorStatus.Ok, tcs.Initialise(50_000));
        Assert.Equal(0x44, tcs.ChipId);
        Assert.Equal(256 - 21, rig.Tcs!.Peek(0x01));
        Assert.Equal(50_400, tcs.IntegrationTimeUs);
        Assert.Equal(21 * 1024, tcs.FullScale);
        Assert.Equal(0x01, rig.Tcs.Peek(0x00) & 0x01);
        Assert.Equal(SensorStatus.Ok, tcs.SetGainLevel(2));
        Assert.Equal(2, rig.Tcs.Peek(0x0F));
    }

    [Fact]
    public void Status_BeforeInitAndIntegrationElapsed_AvalidClear()
    {
        var rig = Rig();
        var tcs = (Tcs34725)rig.Sensor;
        tcs.Initialise(50_000);
        tcs.StartIntegration();
        var read = new byte[1];
        rig.Clock.Advance(50_400); // integration only, Init (2.4 ms) not yet accounted
        rig.Bus.WriteRead(new byte[] { 0x80 | 0x13 }, 1, read, 1);
        Assert.Equal(0, read[0] & 0x01);
        rig.Clock.Advance(2_400);
        rig.Bus.WriteRead(new byte[] { 0x80 | 0x13 }, 1, read, 1);
        Assert.Equal(1, read[0] & 0x01);
    }

    [Fact]
    public void ReadWhenReady_WindowCoversExactlyOneIntegration()
    {
        var rig = Rig();
        var tcs = (Tcs34725)rig.Sensor;
        tcs.Initialise(50_000);
        long before = rig.Clock.NowUs;
        tcs.StartIntegration();
        Assert.Equal(SensorStatus.Ok, tcs.ReadWhenReady(out _));
        Assert.Equal(50_400, rig.Tcs!.LastWindowEndUs - rig.Tcs.LastWindowStartUs);
        Assert.True(rig.Tcs.LastWindowStartUs >= before + 2_400);
    }

    [Fact]
    public void TryReadColour_AutoIncrementBurst_DecodesLowByteFirst()
    {
        var rig = Rig(0.2);
        rig.Noise.Enabled = false;
        var tcs = (Tcs34725)rig.Sensor;
        tcs.Initialise(50_000);
        tcs.SetGainLevel(1);
        tcs.StartIntegration();
        Assert.Equal(SensorStatus.Ok, tcs.TryReadColour(out var c));
        Assert.True(c.Clear > 255, "needs a two-byte value to test byte order");
        // Manual single-byte reads of CDATAL then CDATAH agree with the burst.
        var lo = new byte[1];
        var hi = new byte[1];
        rig.Bus.WriteRead(new byte[] { 0x80 | 0x14 }, 1, lo, 1);
        rig.Bus.WriteRead(new byte[] { 0x80 | 0x15 }, 1, hi, 1);
        Assert.Equal(c.Clear, lo[0] | (hi[0] << 8));
        // The bindings' 0x80 (repeated) two-byte read returns CDATAL twice, so a big-endian decode is wrong.
        var two = new byte[2];
        rig.Bus.WriteRead(new byte[] { 0x80 | 0x14 }, 1, two, 2);
        Assert.Equal(two[0], two[1]);
        Assert.NotEqual(c.Clear, (two[0] << 8) | two[1]);
    }

    [Fact]
    public void TryReadColour_GainStep_ScalesCountsByGainRatio()
    {
        var rig = Rig(0.5);
        rig.Noise.Enabled = false;
        var tcs = (Tcs34725)rig.Sensor;
        tcs.Initialise(50_000);
        tcs.SetGainLevel(0);
        tcs.StartIntegration();
        tcs.TryReadColour(out var at1);
        tcs.SetGainLevel(1);
        tcs.StartIntegration();
        tcs.TryReadColour(out var at4);
        Assert.Equal(4000, at4.GainMilli);
        Assert.InRange(at4.Clear / (double)at1.Clear, 3.9, 4.1);
        double c1 = BandReading.ToCps16(at1.Clear, 50_400, 1000), c4 = BandReading.ToCps16(at4.Clear, 50_400, 4000);
        Assert.InRange(c4 / c1, 0.97, 1.03);
    }

    [Fact]
    public void TryReadColour_BrightLight_ReportsSaturationAtFullScale()
    {
        var rig = Rig(50);
        var tcs = (Tcs34725)rig.Sensor;
        tcs.Initialise(50_000);
        tcs.SetGainLevel(3);
        tcs.StartIntegration();
        tcs.TryReadColour(out var c);
        Assert.True(c.Saturated);
        Assert.Equal(21 * 1024, c.Clear);
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(5.0)]
    public void AutoGainMeasure_AnyLevel_EndsInsideWorkingWindow(double ambient)
    {
        var rig = Rig(ambient);
        var tcs = (Tcs34725)rig.Sensor;
        tcs.Initialise(50_000);
        tcs.SetGainLevel(ambient > 1 ? 3 : 0);
        Assert.Equal(SensorStatus.Ok, AutoGain.Measure(tcs, 4, out var r));
        Assert.False(r.Saturated);
        if (ambient > 1) Assert.True(tcs.GainLevel < 3);
        else Assert.Equal(3, tcs.GainLevel);
    }

    [Fact]
    public void Initialise_NoChip_ReportsAbsent()
    {
        var rig = Rig();
        rig.Faults.Absent = true;
        Assert.Equal(SensorStatus.Absent, rig.Sensor.Initialise(50_000));
    }

    [Theory]
    [InlineData(0x10)]
    [InlineData(0x00)]
    [InlineData(0x24)]
    public void Initialise_OtherIdentity_ReportsWrongIdentity(byte id)
    {
        var rig = Rig();
        rig.Faults.IdentityOverride = id;
        Assert.Equal(SensorStatus.WrongIdentity, rig.Sensor.Initialise(50_000));
    }

    [Fact]
    public void Initialise_Tcs34727Identity_Accepted()
    {
        var rig = Rig();
        rig.Faults.IdentityOverride = 0x4D;
        Assert.Equal(SensorStatus.Ok, rig.Sensor.Initialise(50_000));
    }

    [Fact]
    public void ReadWhenReady_DataNeverValid_TimesOutWithinBound()
    {
        var rig = Rig();
        rig.Sensor.Initialise(50_000);
        rig.Faults.NeverValid = true;
        long start = rig.Clock.NowUs;
        rig.Sensor.StartIntegration();
        Assert.Equal(SensorStatus.DataTimeout, rig.Sensor.ReadWhenReady(out _));
        Assert.InRange(rig.Clock.NowUs - start, 50_000, 150_000);
    }

    [Fact]
    public void ReadWhenReady_NackMidRead_ReportsBusError()
    {
        var rig = Rig();
        rig.Sensor.Initialise(50_000);
        rig.Faults.NackAfterTransfers = rig.Faults.Transfers + 3;
        rig.Sensor.StartIntegration();
        Assert.Equal(SensorStatus.BusError, rig.Sensor.ReadWhenReady(out _));
    }
}
