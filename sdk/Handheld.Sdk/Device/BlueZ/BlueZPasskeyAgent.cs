using Tmds.DBus.Protocol;

namespace Handheld.Sdk.Device.BlueZ;

/// <summary>
/// A BlueZ pairing agent (org.bluez.Agent1, capability "KeyboardOnly"): the handheld displays a six-digit passkey
/// and the user types it into the app (LE Secure Connections, passkey entry; docs/ble-protocol.md §9). BlueZ calls
/// RequestPasskey while Device1.Pair runs; the agent answers with what <see cref="PasskeyProvider"/> gives, or
/// rejects when it gives nothing. Every other pairing method is rejected: Just Works would give an unauthenticated
/// link, which the device refuses for every change anyway.
/// </summary>
public sealed class BlueZPasskeyAgent(string path, Func<string, CancellationToken, Task<uint?>> passkeyProvider) : IPathMethodHandler
{
    public const string Capability = "KeyboardOnly";

    public string Path { get; } = path;
    public bool HandlesChildPaths => false;
    public Func<string, CancellationToken, Task<uint?>> PasskeyProvider { get; } = passkeyProvider;

    /// <summary>Passkey requests answered so far (for diagnostics and tests).</summary>
    public int Requests { get; private set; }

    public async ValueTask HandleMethodAsync(MethodContext context)
    {
        var request = context.Request;
        if (request.InterfaceAsString != BlueZNames.Agent) { context.ReplyUnknownMethodError(); return; }
        switch (request.MemberAsString)
        {
            case "RequestPasskey":
            {
                var device = request.GetBodyReader().ReadObjectPathAsString();
                Requests++;
                uint? passkey = await PasskeyProvider(device, context.RequestAborted).ConfigureAwait(false);
                if (passkey is null or > 999_999) { context.ReplyError(BlueZNames.ErrorRejected, "no passkey given"); return; }
                using var writer = context.CreateReplyWriter("u");
                writer.WriteUInt32(passkey.Value);
                context.Reply(writer.CreateMessage());
                return;
            }
            case "Release":
            case "Cancel":
                ReplyEmpty(context);
                return;
            default: // RequestPinCode, DisplayPinCode, DisplayPasskey, RequestConfirmation, RequestAuthorization, AuthorizeService
                context.ReplyError(BlueZNames.ErrorRejected, "the Handheld app pairs by passkey entry only");
                return;
        }
    }

    private static void ReplyEmpty(MethodContext context)
    {
        if (context.NoReplyExpected) return;
        using var writer = context.CreateReplyWriter(null!);
        context.Reply(writer.CreateMessage());
    }
}
