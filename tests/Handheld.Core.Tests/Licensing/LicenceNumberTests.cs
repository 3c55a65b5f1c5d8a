using Handheld.Core.Licensing;

namespace Handheld.Core.Tests.Licensing;

public class LicenceNumberTests
{
    [Theory]
    [InlineData("（鲁）JZ安许证字[2023]087974", "鲁", 37, "JZ", 2023, "087974", "")]
    [InlineData("(京)FM安许证字〔2019〕000123", "京", 11, "FM", 2019, "000123", "")]
    [InlineData("（粤）WH安许证字【2024】12-1", "粤", 44, "WH", 2024, "12", "-1")]
    [InlineData("（兵）JZ安许证字[2022]000001", "兵", 0, "JZ", 2022, "000001", "")]
    public void TryParse_PrintedForms_SplitsParts(string text, string province, int code, string sector, int year,
        string serial, string suffix)
    {
        Assert.True(LicenceNumber.TryParse(text, out var n));
        Assert.Equal(province, n.Province);
        Assert.Equal(code, n.ProvinceCode);
        Assert.Equal(sector, n.Sector);
        Assert.Equal(year, n.Year);
        Assert.Equal(serial, n.Serial);
        Assert.Equal(suffix, n.Suffix);
    }

    [Theory]
    [InlineData("鲁JZ安许证字[2023]087974")]
    [InlineData("（鲁）jz安许证字[2023]087974")]
    [InlineData("（鲁）JZ许可证字[2023]087974")]
    [InlineData("（鲁）JZ安许证字[23]087974")]
    [InlineData("（鲁）JZ安许证字[2023]")]
    [InlineData("（鲁）JZ安许证字[2023〕087974")]
    [InlineData("")]
    public void TryParse_OtherShapes_Fails(string text)
    {
        Assert.False(LicenceNumber.TryParse(text, out var n));
        Assert.Null(n);
    }
}
