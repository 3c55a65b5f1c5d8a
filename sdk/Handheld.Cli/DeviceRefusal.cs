using Handheld.Cli.Conventions;
using Handheld.Core.Protocol;

namespace Handheld.Cli;

/// <summary>
/// The exit code of a device's Error answer, the same for every <c>handheld device</c> command: a refusal of what
/// was sent (a bad list, signature, value, key, time, a rollback, not authenticated) is the input's fault, exit 2;
/// a refusal because of the device's own state or the link's framing (busy, not provisioned, unsupported, storage
/// fault, a firmware without the message, a garbled frame) is the environment's, exit 3 — running the same command
/// again later, or on another device, can succeed.
/// </summary>
public static class DeviceRefusal
{
    public static int ExitCode(byte code) => code switch
    {
        ErrorCode.Busy or ErrorCode.NotProvisioned or ErrorCode.Unsupported or ErrorCode.StorageFault
            or ErrorCode.UnknownType or ErrorCode.UnsupportedVersion
            or ErrorCode.BadCrc or ErrorCode.TooLarge or ErrorCode.OutOfSequence or ErrorCode.MalformedFrame
            => ExitCodes.Environment,
        _ => ExitCodes.Input,
    };
}
