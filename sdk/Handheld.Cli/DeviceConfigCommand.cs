using System.CommandLine;
using System.Text.Json;
using Handheld.Sdk.Device;

namespace Handheld.Cli;

/// <summary><c>handheld device config get|set</c>: the device's settings (docs/ble-protocol.md §5.5), by name.</summary>
public static class DeviceConfigCommand
{
    public static Command Create(Func<ParseResult, CancellationToken, Func<DeviceClient, Task<int>>, Task<int>> run)
    {
        var cmd = new Command("config", "Read or change the device's settings: " + string.Join(", ", DeviceConfigKeys.All.Select(k => k.Name)) + ".");

        var json = new Option<bool>("--json") { Description = "JSON output" };
        var get = new Command("get", "Show every setting the device reports.") { json };
        get.SetAction((pr, ct) => run(pr, ct, async c =>
        {
            var values = await c.GetConfigAsync(ct);
            if (pr.GetValue(json))
            {
                var o = values.ToDictionary(v => DeviceConfigKeys.ById(v.Key)?.Name ?? "key" + v.Key, v => v.Value);
                pr.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(o));
                return 0;
            }
            foreach (var (id, value) in values)
            {
                var k = DeviceConfigKeys.ById(id);
                pr.InvocationConfiguration.Output.WriteLine(k == null ? $"key{id,-15} {value}" : $"{k.Name,-18} {value}{(k.Unit.Length > 0 ? " " + k.Unit : "")}  ({k.Meaning})");
            }
            return 0;
        }));

        var name = new Argument<string>("name") { Description = "setting: " + string.Join(", ", DeviceConfigKeys.All.Select(k => $"{k.Name} ({k.Min}–{k.Max}{k.Unit})")) };
        var value = new Argument<int>("value") { Description = "new value" };
        var set = new Command("set", "Change one setting; the device applies it at once and keeps it across restarts.") { name, value };
        set.SetAction((pr, ct) =>
        {
            // Checked here, before the link opens, so a typo never reaches the device.
            string n = pr.GetValue(name) ?? "";
            int v = pr.GetValue(value);
            var key = DeviceConfigKeys.ByName(n);
            string? error = key == null
                ? $"name: unknown setting '{n}' (known: {string.Join(", ", DeviceConfigKeys.All.Select(x => x.Name))})"
                : v < key.Min || v > key.Max ? $"value: {key.Name} must be {key.Min} to {key.Max}{key.Unit}, got {v}" : null;
            if (error != null)
            {
                pr.InvocationConfiguration.Error.WriteLine("error: " + error);
                return Task.FromResult(2);
            }
            return SetOne(pr, ct, run, key!, v);
        });

        cmd.Subcommands.Add(get);
        cmd.Subcommands.Add(set);
        return cmd;
    }

    static Task<int> SetOne(ParseResult pr, CancellationToken ct,
        Func<ParseResult, CancellationToken, Func<DeviceClient, Task<int>>, Task<int>> run, DeviceConfigKeys.Key k, int value) =>
        run(pr, ct, async c =>
        {
            await c.SetConfigAsync(k.Id, value, ct);
            pr.InvocationConfiguration.Output.WriteLine($"{k.Name} set to {value}{(k.Unit.Length > 0 ? " " + k.Unit : "")}");
            return 0;
        });
}
