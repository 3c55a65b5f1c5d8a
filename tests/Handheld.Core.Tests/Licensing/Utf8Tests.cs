using System.Text;
using Handheld.Core.Text;

namespace Handheld.Core.Tests.Licensing;

public class Utf8Tests
{
    [Theory]
    [InlineData("（鲁）JZ安许证字[2023]087974")]
    [InlineData("ASCII only")]
    [InlineData("é ß 𠀀 emoji 😀")]
    [InlineData("")]
    public void Encode_MatchesDotNetAndRoundTrips(string text)
    {
        var bytes = Utf8.Encode(text);
        Assert.Equal(Encoding.UTF8.GetBytes(text), bytes);
        Assert.Equal(text, Utf8.Decode(bytes, 0, bytes.Length));
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0x80 })] // overlong NUL
    [InlineData(new byte[] { 0xE0, 0x80, 0xAF })] // overlong '/'
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // surrogate U+D800
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // > U+10FFFF
    [InlineData(new byte[] { 0xE9, 0xB2 })] // truncated
    [InlineData(new byte[] { 0x80 })] // lone continuation
    [InlineData(new byte[] { 0xFF })]
    public void Decode_InvalidUtf8_ReturnsNull(byte[] bytes)
    {
        Assert.Null(Utf8.Decode(bytes, 0, bytes.Length));
    }

    [Fact]
    public void Encode_LoneSurrogate_ReturnsNull()
    {
        Assert.Null(Utf8.Encode("a\uD800b"));
    }
}
