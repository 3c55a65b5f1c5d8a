using Handheld.Simulator.Emulators;

namespace Handheld.Simulator.Tests.Emulators;

public class ConstantSceneTests
{
    [Theory]
    [InlineData(100, 50_000)]
    [InlineData(120, 50_000)]
    [InlineData(100, 20_000)]
    public void MeanFlicker_WholePeriods_IsOne(int hz, long windowUs)
    {
        var s = new ConstantScene(new double[1], new double[1], null) { FlickerDepth = 0.9, FlickerHz = hz, FlickerPhase = 0.7 };
        Assert.Equal(1.0, s.MeanFlicker(12_345, 12_345 + windowUs), 6);
    }

    [Fact]
    public void MeanFlicker_HalfPeriod_DependsOnPhase()
    {
        var s = new ConstantScene(new double[1], new double[1], null) { FlickerDepth = 1.0, FlickerHz = 100 };
        // mean of 1 + sin over the first half period is 1 + 2/π
        Assert.Equal(1 + 2 / Math.PI, s.MeanFlicker(0, 5_000), 6);
    }
}
