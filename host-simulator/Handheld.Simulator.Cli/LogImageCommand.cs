using System.CommandLine;
using Handheld.Core.Trust;
using Handheld.Simulator.Link;

namespace Handheld.Simulator.Cli;

/// <summary>
/// <c>handheld-sim log-image</c>: a simulated device (provisioned from the seed, clock set) appends sample
/// inspection records to its real record log (Core's RecordLog) and the record flash region is written out as the
/// device's storage would be dumped, with the record key beside it, so <c>handheld records verify</c> has a real
/// image to check. The same seed gives the same bytes.
/// </summary>
public static class LogImageCommand
{
    public static Command Create()
    {
        var records = new Option<int>("--records") { Description = "sample inspection records to append (0–10000)", DefaultValueFactory = _ => 12 }.Between(0, 10000);
        var seed = new Option<int>("--seed") { Description = "seed of the device id, record key and sample records", DefaultValueFactory = _ => 1 };
        var time = new Option<DateTimeOffset>("--time") { Description = "device clock for the records, ISO 8601 with offset", DefaultValueFactory = _ => new DateTimeOffset(2026, 3, 9, 9, 30, 0, TimeSpan.FromHours(8)) };
        var outFile = new Option<FileInfo>("--out") { Description = "record-log image to write (the device's record flash region)", Required = true };
        var keyOut = new Option<FileInfo>("--record-key-out") { Description = "file for the device's record key (64 hex digits; keep it private)", Required = true };
        var eraseNewest = new Option<int>("--erase-newest") { Description = "then erase the newest N records at rest, as an attacker with the flash would (records verify reports Truncated)", DefaultValueFactory = _ => 0 };
        var cmd = new Command("log-image", "Write a simulated device's record-log image and its record key (for `handheld records verify`).")
        {
            records, seed, time, outFile, keyOut, eraseNewest,
        };
        cmd.SetAction(pr =>
        {
            int n = pr.GetValue(records);
            if (n < 0 || n > 10000)
            {
                Console.Error.WriteLine("error: --records: must be 0 to 10000, got " + n);
                return 2;
            }
            var device = new SimulatedDevice(null);
            device.SetTime(pr.GetValue(time).ToUnixTimeSeconds(), Handheld.Core.Ports.ClockSource.AppSynced);
            device.ProvisionFromSeed(pr.GetValue(seed));
            device.AddSampleRecords(n, pr.GetValue(seed));
            int erase = pr.GetValue(eraseNewest);
            if (erase < 0 || erase > device.LastSequence)
            {
                Console.Error.WriteLine($"error: --erase-newest: must be 0 to the number of records ({device.LastSequence}), got {erase}");
                return 2;
            }
            string opened = "";
            if (erase > 0) opened = $"; newest {erase} erased at rest, the log now opens {device.EraseRecordsAtRest(device.LastSequence - erase + 1, device.LastSequence)}";
            var image = ((ArrayBlockStorage)device.RecordFlash).Data;
            try
            {
                File.WriteAllBytes(pr.GetValue(outFile)!.FullName, image);
                var key = pr.GetValue(keyOut)!;
                Handheld.Sdk.Files.PrivateFile.WriteAllText(key.FullName, Convert.ToHexString(device.RecordKey) + "\n");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine("error: --out/--record-key-out: " + e.Message);
                return 2;
            }
            Console.WriteLine($"device {Convert.ToHexString(device.DeviceId)}: {device.LastSequence} records, {device.UsedBytes} of {image.Length} bytes used{opened}");
            return 0;
        });
        return cmd;
    }
}
