using System.Text;
using Handheld.Core.Licensing;

namespace Handheld.Core.Tests.Licensing;

public class Base45Tests
{
    // RFC 9285 §4.3 and §4.4 examples.
    [Theory]
    [InlineData("AB", "BB8")]
    [InlineData("Hello!!", "%69 VD92EX0")]
    [InlineData("base-45", "UJCLQE7W581")]
    [InlineData("ietf!", "QED8WEX0")]
    public void EncodeDecode_Rfc9285Examples_Match(string plain, string encoded)
    {
        var bytes = Encoding.ASCII.GetBytes(plain);
        Assert.Equal(encoded, Base45.Encode(bytes, 0, bytes.Length));
        var output = new byte[Base45.DecodedLength(encoded.Length)];
        var text = Encoding.ASCII.GetBytes(encoded);
        Assert.Equal(Base45Result.Ok, Base45.Decode(text, 0, text.Length, output, 0, out var written));
        Assert.Equal(bytes.Length, written);
        Assert.Equal(bytes, output);
    }

    [Theory]
    [InlineData("GGW", Base45Result.BadGroup)] // 65536 > 65535
    [InlineData("V5", Base45Result.BadGroup)] // 31+225 = 256 > 255
    [InlineData("ABCD", Base45Result.BadGroup)] // length ≡ 1 mod 3
    [InlineData("ab8", Base45Result.InvalidCharacter)]
    [InlineData("BB#", Base45Result.InvalidCharacter)]
    [InlineData("BB\n", Base45Result.InvalidCharacter)]
    [InlineData("BB8\u0000AB", Base45Result.InvalidCharacter)]
    [InlineData("B\u0000B8", Base45Result.InvalidCharacter)]
    [InlineData("BB\u5B89", Base45Result.InvalidCharacter)] // 安 as its three UTF-8 bytes
    public void Decode_InvalidInput_ReportsReason(string text, Base45Result expected)
    {
        var output = new byte[16];
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(expected, Base45.Decode(bytes, 0, bytes.Length, output, 0, out _));
    }

    [Fact]
    public void Decode_LargestSingleByte_Decodes()
    {
        var one = new byte[1];
        Assert.Equal(Base45Result.Ok, Base45.Decode("U5"u8.ToArray(), 0, 2, one, 0, out _)); // 30 + 5·45 = 255
        Assert.Equal(255, one[0]);
    }

    [Fact]
    public void Alphabet_IsTheQrAlphanumericSet()
    {
        Assert.Equal(45, Base45.Alphabet.Length);
        for (int i = 0; i < 45; i++)
        {
            Assert.Equal(i, Base45.ValueOf(Base45.Alphabet[i]));
        }
    }
}
