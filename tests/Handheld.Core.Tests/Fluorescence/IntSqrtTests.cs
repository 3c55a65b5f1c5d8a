using FsCheck.Xunit;
using Handheld.Core.Fluorescence;

namespace Handheld.Core.Tests.Fluorescence;

public class IntSqrtTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(99, 9)]
    [InlineData(100, 10)]
    [InlineData(long.MaxValue, 3037000499)]
    public void Of_KnownValues_FloorOfRoot(long v, long root) => Assert.Equal(root, IntSqrt.Of(v));

    [Fact]
    public void Of_Negative_Zero() => Assert.Equal(0, IntSqrt.Of(-5));

    [Property]
    public bool Of_AnyNonNegative_IsFloorOfRoot(long v)
    {
        if (v < 0) v = -(v + 1);
        long r = IntSqrt.Of(v);
        // r² ≤ v < (r+1)², compared without overflow.
        return r * r <= v && (r + 1) > v / (r + 1);
    }
}
