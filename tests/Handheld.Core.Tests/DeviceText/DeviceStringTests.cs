using System.Text.RegularExpressions;

namespace Handheld.Core.Tests.DeviceText;

public class DeviceStringTests
{
    // Texts are written with \u escapes and unescaped here: xunit's case serialisation mangles lone surrogates.
    [Theory]
    [InlineData(@"abc", @"abc")]
    [InlineData(@"ab\u0000cd", @"ab")]
    [InlineData(@"a\uD800b", @"a\uFFFDb")]
    [InlineData(@"a\uDC00b", @"a\uFFFDb")]
    [InlineData(@"\uD840\uDC00", @"\uD840\uDC00")]
    [InlineData(@"\uDC00\uD840", @"\uFFFD\uFFFD")]
    public void Store_DotNetText_HeldAsNanoClrHoldsIt(string text, string expected)
    {
        Assert.Equal(Regex.Unescape(expected), DeviceString.Store(Regex.Unescape(text)));
    }

    [Fact]
    public void CharAt_LowSurrogateIndex_ReturnsHighSurrogate()
    {
        const string s = "x\uD840\uDC00y"; // x 𠀀 y
        Assert.Equal(4, s.Length);
        Assert.Equal('\uD840', DeviceString.CharAt(s, 1));
        Assert.Equal('\uD840', DeviceString.CharAt(s, 2));
        Assert.Equal('y', DeviceString.CharAt(s, 3));
    }

    [Fact]
    public void FromUtf8_EmbeddedNul_EndsThere()
    {
        Assert.Equal("ab", DeviceString.FromUtf8([0x61, 0x62, 0x00, 0x63], 0, 4));
    }

    [Fact]
    public void FromUtf8_InvalidSequence_ReadsAsReplacementCharacter()
    {
        Assert.Equal("a\uFFFD", DeviceString.FromUtf8([0x61, 0xFF], 0, 2));
    }
}
