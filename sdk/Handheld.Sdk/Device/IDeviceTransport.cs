namespace Handheld.Sdk.Device;

/// <summary>
/// Moves protocol chunks (one GATT write / notification each) between the app and a device. The TCP
/// transport talks to the simulator; a BLE transport (platform GATT client) implements the same three members:
/// write to the request characteristic, receive notifications from the response characteristic, report the MTU.
/// </summary>
public interface IDeviceTransport : IAsyncDisposable
{
    /// <summary>Negotiated ATT MTU.</summary>
    int Mtu { get; }

    Task SendChunkAsync(byte[] chunk, int offset, int count, CancellationToken cancellationToken);

    /// <summary>Next chunk from the device, or null when the link has closed.</summary>
    Task<byte[]?> ReceiveChunkAsync(CancellationToken cancellationToken);
}

/// <summary>The link dropped or timed out; the operation can be resumed in a new session.</summary>
public sealed class DeviceLinkException(string message) : Exception(message);

/// <summary>The device answered with an Error message.</summary>
public sealed class DeviceErrorException(byte code, byte requestType)
    : Exception($"device error {Handheld.Core.Protocol.ErrorCode.Name(code)} (0x{code:X2}) for request 0x{requestType:X2}")
{
    public byte Code { get; } = code;
    public byte RequestType { get; } = requestType;
}
