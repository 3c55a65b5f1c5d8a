using Handheld.Core.Protocol;

namespace Handheld.Core.Tests.Protocol;

public class SelfTestResultTests
{
    [Theory]
    [InlineData(SelfTestResult.UvLamp, 1, "uv-lamp")]
    [InlineData(SelfTestResult.ColourSensor, 2, "colour-sensor")]
    [InlineData(SelfTestResult.QrScanner, 3, "scanner")]
    [InlineData(SelfTestResult.Storage, 4, "storage")]
    [InlineData(SelfTestResult.Clock, 5, "clock")]
    [InlineData(SelfTestResult.Battery, 6, "battery")]
    [InlineData(SelfTestResult.Calibration, 7, "calibration")]
    public void TestIds_AsDocumentedInTheProtocol_WithTheirNames(byte id, int documented, string name)
    {
        Assert.Equal(documented, id);
        Assert.Equal(name, SelfTestResult.TestName(id));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(255)]
    public void TestName_UnknownId_NamedByNumber(int id) => Assert.Equal("test-" + id, SelfTestResult.TestName(id));
}
