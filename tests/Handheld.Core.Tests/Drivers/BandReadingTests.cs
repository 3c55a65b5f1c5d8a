using Handheld.Core.Drivers;

namespace Handheld.Core.Tests.Drivers;

public class BandReadingTests
{
    [Theory]
    [InlineData(1000, 50_000, 1000, 320_000)]      // 20 000 counts/s × 16
    [InlineData(1000, 50_000, 16000, 20_000)]
    [InlineData(65535, 2_400, 500, 873_800_000)]
    [InlineData(0, 50_000, 60000, 0)]
    public void ToCps16_Conditions_NormalisesToGainOnePerSecond(int counts, int us, int gainMilli, int expected)
    {
        Assert.Equal(expected, BandReading.ToCps16(counts, us, gainMilli));
    }

    [Fact]
    public void ToCps16_Overflow_Clamped()
    {
        Assert.Equal(int.MaxValue, BandReading.ToCps16(65535, 1, 500));
    }
}
