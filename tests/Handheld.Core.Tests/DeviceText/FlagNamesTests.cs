using Handheld.Core.Calibration;
using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;
using Handheld.Core.Text;

namespace Handheld.Core.Tests.DeviceText;

/// <summary>One loop names the bits of every flag set (reasons, calibration limits); a bit past the table —
/// written by newer firmware — is reported by value, never dropped.</summary>
public sealed class FlagNamesTests
{
    static readonly string[] Three = { "A", "B", "C" };

    [Theory]
    [InlineData(0, "none")]
    [InlineData(1, "A")]
    [InlineData(5, "A,C")]
    [InlineData(7, "A,B,C")]
    [InlineData(8, "flags-8")]
    [InlineData(2 | 16 | 32, "B,flags-48")]
    [InlineData(int.MinValue, "flags--2147483648")]
    public void Names_bits_in_order_and_keeps_unknown_ones(int flags, string expected)
    {
        Assert.Equal(expected, FlagNames.Describe(flags, Three, "none"));
    }

    [Fact]
    public void Every_flag_set_uses_it()
    {
        Assert.Equal("None", PhysicalReason.Describe(0));
        Assert.Equal("FibresNotFound,ColourSharesNotDeclared", PhysicalReason.Describe(PhysicalReason.FibresNotFound | PhysicalReason.ColourSharesNotDeclared));
        Assert.Equal("REVOKED,flags-" + (1 << 30), VerdictReason.Describe(VerdictReason.Revoked | (1 << 30)));
        Assert.Equal("none", CalibrationLimits.Describe(0));
    }
}
