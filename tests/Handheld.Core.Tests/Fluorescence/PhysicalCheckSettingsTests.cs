using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;

namespace Handheld.Core.Tests.Fluorescence;

public class PhysicalCheckSettingsTests
{
    [Theory]
    [InlineData(SensorKind.Tcs34725)]
    [InlineData(SensorKind.As7341)]
    public void For_SensorKind_GivesThatSensorsThresholds(SensorKind kind)
    {
        var expected = kind == SensorKind.As7341 ? PhysicalCheckSettings.ForAs7341() : PhysicalCheckSettings.ForTcs34725();
        var s = PhysicalCheckSettings.For(kind);
        Assert.Equal(expected.ThresholdSigmaTenths, s.ThresholdSigmaTenths);
        Assert.Equal(expected.DullMaxBlue, s.DullMaxBlue);
        Assert.Equal(expected.BrightMinBlue, s.BrightMinBlue);
        Assert.Equal(expected.MaxUsefulThreshold, s.MaxUsefulThreshold);
        Assert.Equal(expected.MaxUsefulThresholdPermille, s.MaxUsefulThresholdPermille);
        Assert.Equal(expected.GreenSplitPermille, s.GreenSplitPermille);
    }
}
