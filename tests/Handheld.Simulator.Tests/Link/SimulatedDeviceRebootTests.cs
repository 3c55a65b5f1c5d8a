using Handheld.Core.Ports;
using Handheld.Simulator.Link;
using Xunit;

namespace Handheld.Simulator.Tests.Link;

public class SimulatedDeviceRebootTests
{
    [Fact]
    public void Reboot_ClockSetAfterwards_IsRecordedInTheReopenedLog()
    {
        var d = new SimulatedDevice(null);
        d.ProvisionFromSeed(3);
        d.SetTime(1_780_000_000, ClockSource.AppSynced);
        long before = d.Log!.LastSequence;
        Assert.True(before > 0, "setting the clock of a provisioned device appends a record");

        d.Reboot();
        d.SetTime(1_780_000_600, ClockSource.AppSynced);

        // The clock writes to the log the device reopened, so the record is there and the chain continues.
        Assert.Equal(before + 1, d.Log!.LastSequence);
        Assert.Equal(d.Log.LastSequence, d.LastSequence);
        d.Reboot();
        Assert.Equal(before + 1, d.Log!.LastSequence);
    }
}
