using System.CommandLine;
using System.Security.Cryptography;
using Handheld.Cli.Conventions;
using Handheld.Core.Protocol;
using Handheld.Sdk.Device;
using Handheld.Sdk.Records;

namespace Handheld.Cli;

/// <summary><c>handheld device …</c>: talk to a device (or the simulator) over the Handheld link protocol.</summary>
public static class DeviceCommand
{
    private static readonly Option<string> Host = new("--host") { Description = "simulator host", DefaultValueFactory = _ => "127.0.0.1" };
    private static readonly Option<int> Port = DevicePortOption.Create();

    public static Command Create()
    {
        var cmd = new Command("device", "Device link: info, record sync, time, lists, provisioning, self-test, settings, calibration.");
        cmd.Options.Add(Host);
        cmd.Options.Add(Port);
        Host.Recursive = true;
        Port.Recursive = true;
        DeviceLinkOptions.AddTo(cmd);

        var infoJson = JsonOutput.Create();
        var info = new Command("info", "Show firmware, identity, list versions, clock, storage and battery.") { infoJson };
        info.SetAction((pr, ct) => Run(pr, ct, async c =>
        {
            var i = await c.GetInfoAsync(ct);
            if (pr.GetValue(infoJson))
            {
                JsonOutput.Write(new
                {
                    deviceId = Convert.ToHexString(i.DeviceId), provisioned = i.Provisioned, firmwareVersion = i.FirmwareVersion.ToString(), protocolVersion = i.ProtocolVersion.ToString(),
                    trustList = new { version = i.TrustListVersion, expiresAt = JsonOutput.Time(i.TrustListExpiresAt) },
                    revocationList = new { version = i.RevocationListVersion, entries = i.RevocationCount, expiresAt = JsonOutput.Time(i.RevocationListExpiresAt) },
                    clock = new { source = ClockName(i.ClockSource), time = JsonOutput.Time(i.ClockUnix) },
                    records = new { first = i.FirstSequence, last = i.LastSequence, syncedThrough = i.SyncedThrough, storageUsedBytes = i.StorageUsedBytes, storageCapacityBytes = i.StorageCapacityBytes },
                    battery = new { percent = i.BatteryPercent == 255 ? (int?)null : i.BatteryPercent, millivolts = i.BatteryMillivolts },
                    linkAuthenticated = i.LinkAuthenticated,
                });
                return 0;
            }
            Console.WriteLine($"device id        {Convert.ToHexString(i.DeviceId)}{(i.Provisioned ? "" : " (not provisioned)")}");
            Console.WriteLine($"firmware         {i.FirmwareVersion} (protocol {i.ProtocolVersion})");
            Console.WriteLine($"trust list       v{i.TrustListVersion} until {Date(i.TrustListExpiresAt)}");
            Console.WriteLine($"revocation list  v{i.RevocationListVersion}, {i.RevocationCount} entries, until {Date(i.RevocationListExpiresAt)}");
            Console.WriteLine($"clock            {ClockName(i.ClockSource)} {Date(i.ClockUnix)}");
            Console.WriteLine($"records          {i.FirstSequence}..{i.LastSequence}, synced through {i.SyncedThrough}; {i.StorageUsedBytes}/{i.StorageCapacityBytes} bytes");
            Console.WriteLine($"battery          {(i.BatteryPercent == 255 ? "unknown" : i.BatteryPercent + " %")} {i.BatteryMillivolts} mV");
            Console.WriteLine($"link             {(i.LinkAuthenticated ? "paired (authenticated)" : "NOT paired")}");
            return 0;
        }));

        var db = StoreOption.Create();
        var keys = new Option<FileInfo>("--keys") { Description = "record keys file from `device provision` (lines: deviceIdHex recordKeyHex)", Required = true };
        var syncJson = JsonOutput.Create();
        var sync = new Command("sync", "Copy new records into the database (verified), then release them on the device.") { db, keys, syncJson };
        sync.SetAction((pr, ct) =>
        {
            // Inputs checked before the link opens: nothing is released from the device into a store that cannot take it.
            var verifier = new RecordCodecVerifier(ReadKeysFile("--keys", pr.GetValue(keys)!.FullName));
            var location = RecordStoreLocation.Parse(pr.GetValue(db)!);
            if (!location.IsPostgres) SyncDatabase.Check(location.Target);
            return Run(pr, ct, c => SyncBody(pr, ct, c, verifier, location));
        });
        async Task<int> SyncBody(ParseResult pr, CancellationToken ct, DeviceClient c, RecordCodecVerifier verifier, RecordStoreLocation location)
        {
            using var store = location.Open();
            var s = await c.SyncAsync(store, verifier, ct);
            if (pr.GetValue(syncJson))
            {
                JsonOutput.Write(new
                {
                    deviceId = s.DeviceId, epoch = s.Epoch, newEpoch = s.NewEpoch, stored = s.Stored, promoted = s.Promoted, unlinked = s.Unlinked,
                    keptApart = s.Rejected, forks = s.Forks, duplicates = s.Duplicates, syncedThrough = s.SyncedThrough,
                    missing = s.Missing.Select(m => new { from = m.From, to = m.To }), notReleased = s.KeptApart,
                    anomalies = s.Anomalies.Select(a => new { kind = a.Kind, detail = a.Detail }),
                });
                return s.KeptApart.Count == 0 && s.Anomalies.Count == 0 ? ExitCodes.Success : ExitCodes.Negative;
            }
            if (s.Stored + s.Promoted + s.Unlinked + s.Rejected + s.Forks == 0 && s.Clean)
                Console.WriteLine($"device {s.DeviceId} epoch {s.Epoch}: nothing new (synced through {s.SyncedThrough})");
            else Console.WriteLine($"device {s.DeviceId} epoch {s.Epoch}: {s.Stored} stored, {s.Promoted} now verified, {s.Unlinked} unlinked, " +
                $"{s.Rejected} kept apart, {s.Forks} forks, {s.Duplicates} already present; released through {s.SyncedThrough}");
            foreach (var (from, to) in s.Missing) Console.WriteLine($"missing {from}..{to}");
            if (s.KeptApart.Count > 0) Console.WriteLine($"not released (kept apart or unlinked): {Ranges(s.KeptApart)}");
            foreach (var a in s.Anomalies) Console.WriteLine($"{a.Kind}: {a.Detail}");
            // Kept-apart records or anomalies: the check found a problem (1), not an environment failure.
            return s.KeptApart.Count == 0 && s.Anomalies.Count == 0 ? ExitCodes.Success : ExitCodes.Negative;
        }

        var unix = new Option<long?>("--unix") { Description = "time to set (default: this computer's UTC clock)" };
        var timeJson = JsonOutput.Create();
        var at = new Option<string?>("--at") { Description = "time to set, " + CliTime.Help + " (default: this computer's UTC clock)" };
        var setTime = new Command("set-time", "Set the device clock (records then say AppSynced).") { unix, at, timeJson };
        setTime.SetAction((pr, ct) =>
        {
            // Checked before the link opens.
            if (pr.GetValue(unix) != null && pr.GetValue(at) != null) throw new CliInputException("--at", "give --at or --unix, not both");
            long t = pr.GetValue(at) is string iso ? CliTime.Parse("--at", iso).ToUnixTimeSeconds()
                : pr.GetValue(unix) ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            return Run(pr, ct, c => SetTimeBody(pr, ct, c, t));
        });
        async Task<int> SetTimeBody(ParseResult pr, CancellationToken ct, DeviceClient c, long t)
        {
            var (src, before) = await c.SetTimeAsync(t, ct);
            if (pr.GetValue(timeJson)) { JsonOutput.Write(new { time = JsonOutput.Time(t), previousSource = ClockName(src), previousTime = JsonOutput.Time(before) }); return 0; }
            Console.WriteLine($"clock set to {Date(t)} (was {ClockName(src)} {Date(before)})");
            return 0;
        }

        Command Push(string name, byte kind, string what)
        {
            var file = new Argument<FileInfo>("file") { Description = "signed " + what };
            var pushJson = JsonOutput.Create();
            var p = new Command(name, "Send a signed " + what + "; the device applies it only if signature and version check out.") { file, pushJson };
            p.SetAction((pr, ct) =>
            {
                var bytes = InputFiles.ReadBytes("file", pr.GetValue(file)!.FullName);   // before the link opens
                return Run(pr, ct, c => PushBody(pr, ct, c, bytes));
            });
            async Task<int> PushBody(ParseResult pr, CancellationToken ct, DeviceClient c, byte[] bytes)
            {
                var before = await c.GetInfoAsync(ct);
                uint held = kind == ListKind.Trust ? before.TrustListVersion : before.RevocationListVersion;
                uint offered = bytes.Length >= 12 ? LittleEndian.ReadU32(bytes, 8) : 0;
                uint v = await c.PushListAsync(kind, bytes, ct);
                if (pr.GetValue(pushJson)) { JsonOutput.Write(new { list = what, offeredVersion = offered, previousVersion = held, versionInForce = v, applied = v != held }); return 0; }
                // The device applies only a higher version: with the same version it keeps the list it has
                // (the same list, or a different one that needed a new version), and says so.
                Console.WriteLine(v == held && offered == held
                    ? $"the device kept its {what} v{v}: it already holds version {v}, so nothing was sent (a changed list needs a higher --version)"
                    : $"{what} v{v} in force (was v{held})");
                return 0;
            }
            return p;
        }

        var keysOut = new Option<FileInfo>("--keys") { Description = "file to append the device id and record key to", Required = true };
        var provisionJson = JsonOutput.Create();
        var provision = new Command("provision", "Factory: give the device a random id and record key (once; then locked).") { keysOut, provisionJson };
        provision.SetAction((pr, ct) => Run(pr, ct, async c =>
        {
            var id = RandomNumberGenerator.GetBytes(16);
            var key = RandomNumberGenerator.GetBytes(32);
            await c.ProvisionAsync(id, key, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ct);
            Handheld.Sdk.Files.PrivateFile.AppendAllText(pr.GetValue(keysOut)!.FullName, Convert.ToHexString(id) + " " + Convert.ToHexString(key) + Environment.NewLine);   // record keys: owner-only
            if (pr.GetValue(provisionJson)) JsonOutput.Write(new { deviceId = Convert.ToHexString(id), keysFile = pr.GetValue(keysOut)!.FullName });
            else Console.WriteLine("provisioned " + Convert.ToHexString(id));
            return 0;
        }));

        var selfTestJson = JsonOutput.Create();
        var selfTest = new Command("self-test", "Run the device's built-in tests. Exit 1 when one fails.") { selfTestJson };
        selfTest.SetAction((pr, ct) => Run(pr, ct, async c =>
        {
            var r = await c.SelfTestAsync(ct);
            if (pr.GetValue(selfTestJson))
            {
                JsonOutput.Write(r.Select(t => new { test = SelfTestResult.TestName(t.TestId), status = t.Status == 0 ? "pass" : t.Status == 1 ? "fail" : "n/a", detail = t.Detail, meaning = SelfTestUnits.Describe(t.TestId, t.Detail) }));
                return r.Any(t => t.Status == SelfTestResult.Fail) ? ExitCodes.Negative : ExitCodes.Success;
            }
            foreach (var t in r)
                Console.WriteLine($"{SelfTestResult.TestName(t.TestId),-14} {(t.Status == 0 ? "pass" : t.Status == 1 ? "FAIL" : "n/a"),-5} {SelfTestUnits.Describe(t.TestId, t.Detail)}");
            return r.Any(t => t.Status == SelfTestResult.Fail) ? ExitCodes.Negative : ExitCodes.Success;
        }));

        cmd.Subcommands.Add(info);
        cmd.Subcommands.Add(sync);
        cmd.Subcommands.Add(setTime);
        cmd.Subcommands.Add(Push("push-trust", ListKind.Trust, "trust list"));
        cmd.Subcommands.Add(Push("push-revocations", ListKind.Revocation, "revocation list"));
        cmd.Subcommands.Add(provision);
        cmd.Subcommands.Add(selfTest);
        cmd.Subcommands.Add(DeviceConfigCommand.Create(Run));
        cmd.Subcommands.Add(DeviceCalibrateCommand.Create(Run));
        return cmd;
    }

    /// <summary>A record keys file given with <paramref name="field"/>: missing, empty, binary or malformed refused by name
    /// (strict, <see cref="RecordKeyFile"/>): never a sync that keeps every record apart.</summary>
    internal static Dictionary<string, byte[]> ReadKeysFile(string field, string path)
    {
        InputFiles.ReadText(field, path);
        try { return RecordKeyFile.Read(new FileInfo(path)); }
        catch (RecordKeyFileException e) { throw new CliInputException(field, e.Message); }
    }

    /// <summary>"3..5, 9" for [3, 4, 5, 9].</summary>
    internal static string Ranges(IReadOnlyList<long> sorted)
    {
        var parts = new List<string>();
        for (int i = 0; i < sorted.Count;)
        {
            int j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(i == j ? sorted[i].ToString() : sorted[i] + ".." + sorted[j]);
            i = j + 1;
        }
        return string.Join(", ", parts);
    }

    private static string Date(long unix) => unix == 0 ? "-" : DateTimeOffset.FromUnixTimeSeconds(unix).ToString("u");

    private static string ClockName(Handheld.Core.Ports.ClockSource s) => s switch
    {
        Handheld.Core.Ports.ClockSource.Unset => "UNSET",
        Handheld.Core.Ports.ClockSource.Rtc => "rtc",
        Handheld.Core.Ports.ClockSource.AppSynced => "app-synced",
        Handheld.Core.Ports.ClockSource.Factory => "factory",
        _ => "source-" + (int)s,
    };

    internal static async Task<int> Run(ParseResult pr, CancellationToken ct, Func<DeviceClient, Task<int>> body)
    {
        try
        {
            await using var c = new DeviceClient(await DeviceLinkOptions.OpenAsync(pr, pr.GetValue(Host)!, pr.GetValue(Port), ct));
            DeviceProgress.Attach(c);
            return await body(c);
        }
        catch (DeviceErrorException e)
        {
            // The device refused the request: what was sent (exit 2) or the device's state (exit 3), DeviceRefusal.
            Console.Error.WriteLine("error: device: " + e.Message);
            return DeviceRefusal.ExitCode(e.Code);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return ExitCodes.Input;
        }
        catch (Exception e) when (e is DeviceLinkException or System.Net.Sockets.SocketException)
        {
            Console.Error.WriteLine("error: link: " + CliErrors.OneLine(e.Message) + " (run the command again to resume)");
            return ExitCodes.Environment;
        }
        catch (Exception e) when (StoreOption.Report(e, Console.Error) is int code)
        {
            return code;
        }
    }
}
