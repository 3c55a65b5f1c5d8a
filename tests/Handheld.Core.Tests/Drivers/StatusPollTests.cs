using Handheld.Core.Drivers;
using Handheld.Core.Tests.Fluorescence;

namespace Handheld.Core.Tests.Drivers;

public class StatusPollTests
{
    private readonly FakeRegisterBus _bus = new();
    private readonly FakeClock _clock = new();
    private readonly byte[] _write = new byte[2];
    private readonly byte[] _read = new byte[1];

    [Fact]
    public void Until_BitsAlreadyAsWanted_OkAfterOneReadWithoutWaiting()
    {
        _bus.Answer = 0x41;
        Assert.Equal(SensorStatus.Ok, StatusPoll.Until(_bus, _clock, _write, _read, 0x93, 0x40, 0x40, 20));
        Assert.Single(_bus.Writes);
        Assert.Equal(new byte[] { 0x93 }, _bus.Writes[0]);
        Assert.Equal(0, _clock.NowMs);
    }

    [Fact]
    public void Until_WaitingForBitToClear_OkWhenClear()
    {
        _bus.Answer = 0x01;
        Assert.Equal(SensorStatus.Ok, StatusPoll.Until(_bus, _clock, _write, _read, 0x80, 0x10, 0x00, 20));
    }

    [Fact]
    public void Until_BitsNeverAsWanted_DataTimeoutAfterBudgetOfOneMsWaits()
    {
        _bus.Answer = 0x00;
        Assert.Equal(SensorStatus.DataTimeout, StatusPoll.Until(_bus, _clock, _write, _read, 0x93, 0x01, 0x01, 5));
        Assert.Equal(6, _bus.Writes.Count);
        Assert.Equal(5, _clock.NowMs);
    }

    [Fact]
    public void Until_Nack_BusError()
    {
        _bus.Nack = true;
        Assert.Equal(SensorStatus.BusError, StatusPoll.Until(_bus, _clock, _write, _read, 0x93, 0x01, 0x01, 5));
    }

    [Fact]
    public void WaitForData_NeverValid_GivesUpAfterExpectedTimeTwicePlusMargin()
    {
        _bus.Answer = 0x00;
        Assert.Equal(SensorStatus.DataTimeout, StatusPoll.WaitForData(_bus, _clock, _write, _read, 0x93, 0x01, 20));
        Assert.Equal(20 + 20 + StatusPoll.DataMarginMs, _clock.NowMs);
    }
}
