using Handheld.Core.Licensing;

namespace Handheld.Core.Tests.Licensing;

public class UsccTests
{
    // 91350100M000100Y43 is the worked example printed in GB 32100-2015 (appendix).
    [Theory]
    [InlineData("91350100M000100Y43", true)]
    [InlineData("91350100M000100Y44", false)] // wrong check character
    [InlineData("91350100M000100Y4", false)] // 17 characters
    [InlineData("91350100M000100I43", false)] // I is not in the charset
    public void IsCheckCharacterValid_Vectors(string code, bool expected)
    {
        Assert.Equal(expected, Uscc.IsCheckCharacterValid(code));
    }

    [Fact]
    public void ComputeCheckCharacter_Example_Is3()
    {
        Assert.Equal('3', Uscc.ComputeCheckCharacter("91350100M000100Y4"));
    }
}
