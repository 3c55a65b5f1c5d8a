using Handheld.Cli;
using Handheld.Core.Protocol;
using Xunit;

namespace Handheld.Sdk.Tests.Cli;

/// <summary>Every <c>handheld device</c> command maps a device's Error answer to the same exit code.</summary>
public class DeviceRefusalTests
{
    [Theory]
    [InlineData(ErrorCode.Busy)]
    [InlineData(ErrorCode.NotProvisioned)]
    [InlineData(ErrorCode.Unsupported)]
    [InlineData(ErrorCode.StorageFault)]
    [InlineData(ErrorCode.UnknownType)]
    [InlineData(ErrorCode.UnsupportedVersion)]
    [InlineData(ErrorCode.BadCrc)]
    [InlineData(ErrorCode.MalformedFrame)]
    public void Refusal_for_the_devices_state_or_the_links_framing_is_an_environment_failure_exit_three(byte code)
        => Assert.Equal(3, DeviceRefusal.ExitCode(code));

    [Theory]
    [InlineData(ErrorCode.MalformedPayload)]
    [InlineData(ErrorCode.NotAuthenticated)]
    [InlineData(ErrorCode.AlreadyProvisioned)]
    [InlineData(ErrorCode.BadList)]
    [InlineData(ErrorCode.BadSignature)]
    [InlineData(ErrorCode.Rollback)]
    [InlineData(ErrorCode.StaleList)]
    [InlineData(ErrorCode.ValueOutOfRange)]
    [InlineData(ErrorCode.BadTime)]
    public void Refusal_of_what_was_sent_is_an_input_error_exit_two(byte code)
        => Assert.Equal(2, DeviceRefusal.ExitCode(code));
}
