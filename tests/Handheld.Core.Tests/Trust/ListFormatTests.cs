using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Trust;

public class ListFormatTests
{
    private const long Issued = 1_700_000_000;
    private const long Expires = Issued + 3600;

    [Theory]
    [InlineData(Issued - ListFormat.ClockSkewSeconds - 1, true)] // issued too far in the device's future
    [InlineData(Issued - ListFormat.ClockSkewSeconds, false)]    // within the allowed clock skew
    [InlineData(Issued, false)]
    [InlineData(Expires - 1, false)]
    [InlineData(Expires, true)]                                  // the expiry instant itself is stale
    public void IsStale_AroundTheWindow_FreshOnlyInside(long at, bool stale)
    {
        Assert.Equal(stale, ListFormat.IsStale(Issued, Expires, at));
    }
}
