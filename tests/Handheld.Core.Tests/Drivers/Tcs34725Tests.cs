using Handheld.Core.Drivers;
using Handheld.Core.Tests.Fluorescence;

namespace Handheld.Core.Tests.Drivers;

public class Tcs34725Tests
{
    [Fact]
    public void Initialise_Nack_Absent()
    {
        var d = new Tcs34725(new FakeRegisterBus { Nack = true }, new FakeClock());
        Assert.Equal(SensorStatus.Absent, d.Initialise(50_000));
    }

    [Fact]
    public void Initialise_Present_IdReadWithCommandBitAndAtimeWritten()
    {
        var bus = new FakeRegisterBus { Answer = 0x44 };
        var d = new Tcs34725(bus, new FakeClock());
        Assert.Equal(SensorStatus.Ok, d.Initialise(24_000));
        Assert.Equal(new byte[] { 0x92 }, bus.Writes[0]);
        Assert.Contains(bus.Writes, w => w.Length == 2 && w[0] == 0x81 && w[1] == 256 - 10);
    }

    [Fact]
    public void StartIntegration_BeforeInitialise_NotInitialised()
    {
        var d = new Tcs34725(new FakeRegisterBus(), new FakeClock());
        Assert.Equal(SensorStatus.NotInitialised, d.StartIntegration());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void SetGainLevel_OutOfRange_InvalidArgument(int level)
    {
        var d = new Tcs34725(new FakeRegisterBus { Answer = 0x44 }, new FakeClock());
        d.Initialise(50_000);
        Assert.Equal(SensorStatus.InvalidArgument, d.SetGainLevel(level));
    }
}
