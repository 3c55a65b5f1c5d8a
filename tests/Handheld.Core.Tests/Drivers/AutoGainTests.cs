using Handheld.Core.Drivers;
using Handheld.Core.Tests.Fluorescence;

namespace Handheld.Core.Tests.Drivers;

public class AutoGainTests
{
    private static IFluorescenceSensor Sensor() => new ScriptedSensor(new FakeClock());

    [Theory]
    [InlineData(2, 10_000, false, 2)]  // 50 % of full scale: keep
    [InlineData(2, 100, false, 3)]     // 0.5 %: 60× predicts 1.9 %
    [InlineData(2, 19_000, false, 1)]  // 95 %: 4× predicts 24 %
    [InlineData(3, 20_000, true, 1)]   // saturated: two steps down
    [InlineData(1, 20_000, true, 0)]
    public void ChooseLevel_Peak_PicksExpectedStep(int level, int peak, bool saturated, int expected)
    {
        Assert.Equal(expected, AutoGain.ChooseLevel(Sensor(), level, peak, 20_000, saturated));
    }
}
