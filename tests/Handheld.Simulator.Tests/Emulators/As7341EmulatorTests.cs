using Handheld.Core.Drivers;
using Handheld.Simulator.Emulators;

namespace Handheld.Simulator.Tests.Emulators;

public class As7341EmulatorTests
{
    private static SensorRig Rig(double ambient = 0.05, double[]? uv = null) =>
        new(SensorKind.As7341, SensorRig.OfficeAmbient(ambient), uv);

    [Fact]
    public void Read_AfterPowerOnReset_ReturnsDatasheetResetValues()
    {
        var rig = Rig();
        var r = new byte[2];
        rig.Bus.WriteRead(new byte[] { 0xCA }, 1, r, 2);
        Assert.Equal(999, r[0] | (r[1] << 8)); // ASTEP, low byte first
        rig.Bus.WriteRead(new byte[] { 0xAA }, 1, r, 1);
        Assert.Equal(9, r[0]); // AGAIN 256×
        rig.Bus.WriteRead(new byte[] { 0x92 }, 1, r, 1);
        Assert.Equal(0x24, r[0] & 0xFC);
    }

    [Fact]
    public void Initialise_ChipPresent_ConfiguresTimingAndLoadsFluorescenceSmux()
    {
        var rig = Rig();
        var a = (As7341)rig.Sensor;
        Assert.Equal(SensorStatus.Ok, a.Initialise(50_000));
        Assert.Equal(29, rig.As!.Peek(0x81));
        Assert.Equal(599, rig.As.Peek(0xCA) | (rig.As.Peek(0xCB) << 8));
        Assert.Equal(50_040, a.IntegrationTimeUs);
        Assert.Equal(18_000, a.FullScale);
        Assert.Equal(0, rig.As.Peek(0x80) & 0x10); // SMUXEN self-cleared
        Assert.Equal(new[] { As7341Pixel.F1 }, rig.As.PixelsOnAdc(0));
        Assert.Equal(new[] { As7341Pixel.F2 }, rig.As.PixelsOnAdc(1));
        Assert.Equal(new[] { As7341Pixel.F7 }, rig.As.PixelsOnAdc(2));
        Assert.Equal(new[] { As7341Pixel.F4 }, rig.As.PixelsOnAdc(3));
        Assert.Equal(new[] { As7341Pixel.Clear }, rig.As.PixelsOnAdc(4));
        Assert.Equal(new[] { As7341Pixel.Nir }, rig.As.PixelsOnAdc(5));
    }

    [Theory]
    [InlineData(As7341ChannelSet.F1F4ClearNir, As7341Pixel.F1, As7341Pixel.F2, As7341Pixel.F3, As7341Pixel.F4)]
    [InlineData(As7341ChannelSet.F5F8ClearNir, As7341Pixel.F5, As7341Pixel.F6, As7341Pixel.F7, As7341Pixel.F8)]
    public void SelectChannels_PublishedTables_RouteFiltersToAdc0To3(As7341ChannelSet set,
        As7341Pixel p0, As7341Pixel p1, As7341Pixel p2, As7341Pixel p3)
    {
        var rig = Rig();
        var a = (As7341)rig.Sensor;
        Assert.Equal(SensorStatus.Ok, a.Initialise(50_000, set));
        Assert.Equal(new[] { p0 }, rig.As!.PixelsOnAdc(0));
        Assert.Equal(new[] { p1 }, rig.As.PixelsOnAdc(1));
        Assert.Equal(new[] { p2 }, rig.As.PixelsOnAdc(2));
        Assert.Equal(new[] { p3 }, rig.As.PixelsOnAdc(3));
        Assert.Equal(new[] { As7341Pixel.Clear }, rig.As.PixelsOnAdc(4));
    }

    [Theory]
    [InlineData(As7341ChannelSet.SpectrumA, As7341Pixel.F1, As7341Pixel.F3)]
    [InlineData(As7341ChannelSet.SpectrumB, As7341Pixel.F5, As7341Pixel.F6)]
    [InlineData(As7341ChannelSet.SpectrumJoint, As7341Pixel.F1, As7341Pixel.F5)]
    public void SelectChannels_SpectrumHalves_KeepFluorescenceBandsAndAddTwoFilters(As7341ChannelSet set,
        As7341Pixel adc0, As7341Pixel adc5)
    {
        var rig = Rig();
        var a = (As7341)rig.Sensor;
        Assert.Equal(SensorStatus.Ok, a.Initialise(50_000, set));
        Assert.Equal(new[] { adc0 }, rig.As!.PixelsOnAdc(0));
        Assert.Equal(new[] { As7341Pixel.F2 }, rig.As.PixelsOnAdc(1));
        Assert.Equal(new[] { As7341Pixel.F7 }, rig.As.PixelsOnAdc(2));
        Assert.Equal(new[] { As7341Pixel.F4 }, rig.As.PixelsOnAdc(3));
        Assert.Equal(new[] { As7341Pixel.Clear }, rig.As.PixelsOnAdc(4));
        Assert.Equal(new[] { adc5 }, rig.As.PixelsOnAdc(5));
        Assert.Equal(SensorStatus.Ok, a.StartIntegration());
        Assert.Equal(SensorStatus.Ok, a.ReadWhenReady(out var r));
        Assert.True(r.Clear > 0);
    }

    [Fact]
    public void Initialise_RevisionBitsInId_MaskedOff()
    {
        var rig = Rig();
        rig.As!.IdLowBits = 0x03;
        Assert.Equal(SensorStatus.Ok, rig.Sensor.Initialise(50_000));
    }

    [Theory]
    [InlineData(0x44)]
    [InlineData(0x00)]
    [InlineData(0xFF)]
    public void Initialise_OtherIdentity_ReportsWrongIdentity(byte id)
    {
        var rig = Rig();
        rig.Faults.IdentityOverride = id;
        Assert.Equal(SensorStatus.WrongIdentity, rig.Sensor.Initialise(50_000));
    }

    [Fact]
    public void Initialise_NoChip_ReportsAbsent()
    {
        var rig = Rig();
        rig.Faults.Absent = true;
        Assert.Equal(SensorStatus.Absent, rig.Sensor.Initialise(50_000));
    }

    [Fact]
    public void Read_RegBankHigh_HidesRegistersAbove0x80()
    {
        var rig = Rig();
        var r = new byte[1];
        rig.Bus.Write(new byte[] { 0xA9, 0x10 }, 2);
        rig.Bus.WriteRead(new byte[] { 0x92 }, 1, r, 1);
        Assert.Equal(0, r[0]);
        rig.Bus.Write(new byte[] { 0xA9, 0x00 }, 2);
        rig.Bus.WriteRead(new byte[] { 0x92 }, 1, r, 1);
        Assert.Equal(0x24, r[0]);
    }

    [Fact]
    public void Status2_BeforeIntegrationElapsed_AvalidClear()
    {
        var rig = Rig();
        rig.Sensor.Initialise(50_000);
        rig.Sensor.StartIntegration();
        var r = new byte[1];
        rig.Bus.WriteRead(new byte[] { 0xA3 }, 1, r, 1);
        Assert.Equal(0, r[0] & 0x40);
        rig.Clock.Advance(50_100);
        rig.Bus.WriteRead(new byte[] { 0xA3 }, 1, r, 1);
        Assert.Equal(0x40, r[0] & 0x40);
    }

    [Theory]
    [InlineData(445, true)]
    [InlineData(515, false)]
    public void ReadWhenReady_NarrowEmission_SeparatesBlueFromGreen(int emissionNm, bool blueExpected)
    {
        var rig = Rig(0.0, ConstantScene.Band(emissionNm, 20, 0.05));
        rig.Sensor.Initialise(50_000);
        rig.Lamp.SetDutyPermille(1000);
        rig.Sensor.StartIntegration();
        Assert.Equal(SensorStatus.Ok, rig.Sensor.ReadWhenReady(out var r));
        if (blueExpected) Assert.True(r.Blue > 5 * r.Green, $"blue {r.Blue} green {r.Green}");
        else Assert.True(r.Green > 5 * r.Blue, $"blue {r.Blue} green {r.Green}");
    }

    [Fact]
    public void ReadWhenReady_BrightLight_SaturatesAtFullScale()
    {
        var rig = Rig(20);
        rig.Sensor.Initialise(50_000);
        rig.Sensor.StartIntegration();
        rig.Sensor.ReadWhenReady(out var r);
        Assert.True(r.Saturated);
        Assert.Equal(18_000, r.Clear);
    }

    [Fact]
    public void ReadWhenReady_GainStep_NormalisedCountsAgree()
    {
        var rig = Rig(0.05);
        rig.Noise.Enabled = false;
        var a = (As7341)rig.Sensor;
        a.Initialise(50_000);
        a.SetGainLevel(7);
        a.StartIntegration();
        a.ReadWhenReady(out var low);
        a.SetGainLevel(9);
        a.StartIntegration();
        a.ReadWhenReady(out var high);
        double c1 = BandReading.ToCps16(low.Clear, low.IntegrationTimeUs, low.GainMilli);
        double c2 = BandReading.ToCps16(high.Clear, high.IntegrationTimeUs, high.GainMilli);
        Assert.InRange(c2 / c1, 0.98, 1.02);
    }

    [Fact]
    public void ReadWhenReady_NackAfterTransfers_ReportsBusError()
    {
        var rig = Rig();
        rig.Sensor.Initialise(50_000);
        rig.Faults.NackAfterTransfers = rig.Faults.Transfers + 2;
        rig.Sensor.StartIntegration();
        Assert.Equal(SensorStatus.BusError, rig.Sensor.ReadWhenReady(out _));
    }
}
