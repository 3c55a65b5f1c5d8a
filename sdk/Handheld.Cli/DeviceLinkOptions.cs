using System.CommandLine;
using Handheld.Sdk.Device;
using Handheld.Sdk.Device.BlueZ;

namespace Handheld.Cli;

/// <summary>How <c>handheld device …</c> reaches a device: TCP to the simulator (default) or BLE through BlueZ on
/// Linux (<c>--transport ble --address AA:BB:CC:DD:EE:FF</c>).</summary>
public static class DeviceLinkOptions
{
    public static readonly Option<string> Transport = new("--transport")
    {
        Description = "tcp (the simulator, handheld-sim serve) or ble (a real device, through BlueZ on Linux)",
        DefaultValueFactory = _ => "tcp",
        Recursive = true,
    };

    public static readonly Option<string?> Address = new("--address")
    {
        Description = "with --transport ble: the device's Bluetooth address AA:BB:CC:DD:EE:FF (default: the first device advertising the Handheld service)",
        Recursive = true,
    };

    public static readonly Option<string?> Adapter = new("--adapter")
    {
        Description = "with --transport ble: the adapter, e.g. hci0 (default: the first)",
        Recursive = true,
    };

    /// <summary>The passkey comes from HANDHELD_PASSKEY or, on a terminal, a prompt: never from the command line,
    /// where it would land in shell history.</summary>
    public const string PasskeyVariable = "HANDHELD_PASSKEY";

    public static void AddTo(Command command)
    {
        Transport.AcceptOnlyFromAmong("tcp", "ble");
        command.Options.Add(Transport);
        command.Options.Add(Address);
        command.Options.Add(Adapter);
    }

    public static async Task<IDeviceTransport> OpenAsync(ParseResult pr, string host, int port, CancellationToken ct)
    {
        if (pr.GetValue(Transport) != "ble") return await TcpDeviceTransport.ConnectAsync(host, port, ct).ConfigureAwait(false);
        var address = pr.GetValue(Address);
        if (address != null && !BlueZNames.IsAddress(address))
            throw new ArgumentException("--address: expected AA:BB:CC:DD:EE:FF, got '" + address + "'");
        return await BlueZDeviceTransport.ConnectAsync(new BlueZOptions
        {
            Address = address,
            Adapter = pr.GetValue(Adapter),
            BusAddress = Environment.GetEnvironmentVariable("HANDHELD_BLUEZ_BUS"), // tests point this at a private bus
            Passkey = AskPasskey,
        }, ct).ConfigureAwait(false);
    }

    private static Task<uint?> AskPasskey(string device, CancellationToken ct)
    {
        var text = Environment.GetEnvironmentVariable(PasskeyVariable);
        if (text == null && !Console.IsInputRedirected)
        {
            Console.Error.Write("passkey shown on the device: ");
            text = Console.ReadLine();
        }
        if (text == null) return Task.FromResult<uint?>(null);
        text = text.Trim();
        if (text.Length != 6 || !uint.TryParse(text, out var passkey))
            throw new ArgumentException(PasskeyVariable + ": the passkey is the six digits the device shows, got '" + text + "'");
        return Task.FromResult<uint?>(passkey);
    }
}
