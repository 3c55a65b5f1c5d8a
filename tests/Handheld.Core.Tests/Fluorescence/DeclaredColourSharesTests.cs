using Handheld.Core.Fluorescence;

namespace Handheld.Core.Tests.Fluorescence;

public class DeclaredColourSharesTests
{
    private static DeclaredColourShares BlueGreen()
    {
        var d = new DeclaredColourShares();
        Assert.True(d.Set(FibreColours.Blue, 0, 194, 806));
        Assert.True(d.Set(FibreColours.Green, 27, 637, 336));
        return d;
    }

    [Fact]
    public void Write_ThenTryRead_GivesTheSameShares()
    {
        var d = BlueGreen();
        var bytes = new byte[d.EncodedLength];
        Assert.Equal(4 + 2 * DeclaredColourShares.EntryBytes, d.Write(bytes, 0));
        Assert.Equal(new byte[] { (byte)'F', (byte)'T', 1, 2 }, bytes[..4]);
        var back = new DeclaredColourShares();
        Assert.True(back.TryRead(bytes, 0, bytes.Length));
        Assert.Equal(FibreColours.Blue | FibreColours.Green, back.Declared);
        Assert.Equal(194, back.At(FibreColours.Blue, DeclaredColourShares.Green));
        Assert.Equal(806, back.At(FibreColours.Blue, DeclaredColourShares.Blue));
        Assert.Equal(27, back.At(FibreColours.Green, DeclaredColourShares.Red));
        Assert.Equal(0, back.At(FibreColours.Red, DeclaredColourShares.Red));
        Assert.False(back.Has(FibreColours.Red));
    }

    [Fact]
    public void TryRead_AtAnOffset_ReadsOnlyItsBytes()
    {
        var d = BlueGreen();
        var bytes = new byte[3 + d.EncodedLength + 5];
        int n = d.Write(bytes, 3);
        var back = new DeclaredColourShares();
        Assert.True(back.TryRead(bytes, 3, n));
        Assert.Equal(637, back.At(FibreColours.Green, DeclaredColourShares.Green));
    }

    [Theory]
    [InlineData(2, 0)]     // version 0
    [InlineData(2, 2)]     // a future version
    [InlineData(0, (int)'X')]
    [InlineData(1, (int)'S')] // the spectrum catalogue's magic ("FS") is not this one
    [InlineData(3, 0)]     // count 0
    [InlineData(3, 4)]     // count above three colours
    [InlineData(4, 3)]     // colour 3 is two colours
    [InlineData(4, 8)]     // not a fibre colour
    [InlineData(11, 1)]    // second entry blue again: colours not ascending
    public void TryRead_ADefect_DeclaresNothing(int index, int value)
    {
        var d = BlueGreen();
        var bytes = new byte[d.EncodedLength];
        d.Write(bytes, 0);
        bytes[index] = (byte)value;
        var back = new DeclaredColourShares();
        Assert.True(back.Set(FibreColours.Red, 926, 73, 1));
        Assert.False(back.TryRead(bytes, 0, bytes.Length));
        Assert.Equal(0, back.Declared);
    }

    [Fact]
    public void TryRead_Truncated_DeclaresNothing()
    {
        var d = BlueGreen();
        var bytes = new byte[d.EncodedLength];
        d.Write(bytes, 0);
        var back = new DeclaredColourShares();
        for (int len = 0; len < bytes.Length; len++)
            Assert.False(back.TryRead(bytes, 0, len), "length " + len);
        Assert.False(back.TryRead(bytes, 1, bytes.Length), "past the end of the buffer");
        Assert.False(back.TryRead(null!, 0, 4));
        Assert.Equal(0, back.Declared);
    }

    [Fact]
    public void TryRead_SharesNotSummingTo1000_DeclaresNothing()
    {
        var d = BlueGreen();
        var bytes = new byte[d.EncodedLength];
        d.Write(bytes, 0);
        bytes[4 + 1 + 2 * DeclaredColourShares.Green] += 10;   // blue's green share 194 → 204: sum 1010
        Assert.False(new DeclaredColourShares().TryRead(bytes, 0, bytes.Length));
        bytes[4 + 1 + 2 * DeclaredColourShares.Green] -= 8;    // 1002: within the rounding tolerance
        Assert.True(new DeclaredColourShares().TryRead(bytes, 0, bytes.Length));
    }

    [Fact]
    public void Set_RejectsOutOfRangeAndNonFibreColours()
    {
        var d = new DeclaredColourShares();
        Assert.False(d.Set(FibreColours.Blue, -1, 195, 806));
        Assert.False(d.Set(FibreColours.Blue, 0, 1001, 0));
        Assert.False(d.Set(FibreColours.Blue | FibreColours.Green, 0, 194, 806));
        Assert.False(d.Set(FibreColours.Blue, 0, 100, 806));
        Assert.Equal(0, d.Declared);
        Assert.Equal(0, d.Write(new byte[16], 0));
    }

    [Fact]
    public void Write_IntoTooSmallABuffer_WritesNothing()
    {
        var d = BlueGreen();
        Assert.Equal(0, d.Write(new byte[d.EncodedLength - 1], 0));
        Assert.Equal(0, d.Write(new byte[d.EncodedLength], 1));
    }
}
