using Handheld.Core.Protocol;

namespace Handheld.Core.Tests.Protocol;

/// <summary>Calibrate (0x41) on a device built without a measuring head (no CalibrationService): the request is
/// authenticated like every other and then answered Unsupported, never UnknownType.</summary>
public class CalibrateRequestTests
{
    [Fact]
    public void Without_a_calibration_service_the_request_is_unsupported()
    {
        var f = new HandlerFixture();
        var (type, payload) = f.Request(MessageType.Calibrate, [0]);
        Assert.Equal(MessageType.Error, type);
        Assert.Equal(ErrorCode.Unsupported, payload[0]);
    }

    [Fact]
    public void Unauthenticated_link_is_refused_first()
    {
        var f = new HandlerFixture(authenticated: false);
        var (type, payload) = f.Request(MessageType.Calibrate, [1]);
        Assert.Equal(MessageType.Error, type);
        Assert.Equal(ErrorCode.NotAuthenticated, payload[0]);
    }
}
