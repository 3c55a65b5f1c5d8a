using FsCheck.Xunit;
using Handheld.Core.Fluorescence;

namespace Handheld.Core.Tests.Fluorescence;

public class IntSelectTests
{
    [Property]
    public bool Select_AnyArrayAndRank_EqualsSortedElement(int[] values, byte rank)
    {
        if (values == null || values.Length == 0) return true;
        int k = rank % values.Length;
        var sorted = (int[])values.Clone();
        Array.Sort(sorted);
        var buffer = (int[])values.Clone();
        return IntSelect.Select(buffer, buffer.Length, k) == sorted[k];
    }

    [Theory]
    [InlineData(new[] { 5, 1, 4, 2, 3 }, 500, 3)]
    [InlineData(new[] { 5, 1, 4, 2, 3 }, 0, 1)]
    [InlineData(new[] { 5, 1, 4, 2, 3 }, 1000, 5)]
    [InlineData(new[] { 7, 7, 7, 7 }, 250, 7)]
    public void Quantile_SmallArray_ReturnsRankedValue(int[] values, int permille, int expected)
    {
        Assert.Equal(expected, IntSelect.Quantile(values, values.Length, permille));
    }

    [Fact]
    public void Quantile_Empty_ReturnsZero()
    {
        Assert.Equal(0, IntSelect.Quantile(new int[4], 0, 500));
    }
}
