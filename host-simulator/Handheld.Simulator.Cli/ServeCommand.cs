using System.CommandLine;
using Handheld.Cli.Conventions;
using Handheld.Core.Crypto;
using Handheld.Simulator.Device;
using Handheld.Simulator.Link;

namespace Handheld.Simulator.Cli;

/// <summary><c>handheld-sim serve</c>: the device's BLE link over TCP on loopback, real Core handler behind it.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => CliDefaults.DevicePort }.Between(0, 65535);
        var mtu = new Option<int>("--mtu") { Description = "ATT MTU the link negotiates: 23, 185 or 247", DefaultValueFactory = _ => 185 };
        mtu.AcceptOnlyFromAmong("23", "185", "247");
        var dropAfter = new Option<long?>("--drop-after-bytes") { Description = "close the link after this many chunk bytes (each connection)" }.AtLeast(0L);
        var dropP = new Option<double>("--drop-probability") { Description = "probability per chunk that the link drops (0–1)" }.Between(0.0, 1.0);
        var seed = new Option<int>("--seed") { Description = "seed for drops, device id/key and sample records", DefaultValueFactory = _ => 1 };
        var records = new Option<int>("--records") { Description = "sample inspection records to create", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var rootPub = new Option<FileInfo?>("--root-public-key") { Description = "root key SubjectPublicKeyInfo (DER or PEM) the firmware trusts" };
        var unpaired = new Option<bool>("--unpaired") { Description = "behave as an unauthenticated link (no LE Secure Connections pairing)" };
        var unprovisioned = new Option<bool>("--unprovisioned") { Description = "start without device id and record key" };
        var time = new Option<string?>("--time") { Description = "initial clock: " + CliTime.Help + ", or unix seconds (default: unset)" };
        var firstTimeout = new Option<int>("--first-request-timeout") { Description = "seconds a client has for its first request (and, unauthenticated, in all)", DefaultValueFactory = _ => 60 };
        var idleTimeout = new Option<int>("--idle-timeout") { Description = "seconds without a complete request before the link is closed", DefaultValueFactory = _ => 300 };
        var sensor = SensorOption.Create();
        var tile = new Option<string>("--tile")
        {
            Description = "calibration tile the simulated inspector sweeps on `device calibrate`: new (within limits), aged (zone A contaminated) or wrong (office paper, no fibres)",
            DefaultValueFactory = _ => "new",
        }.AcceptOnlyFromAmong("new", "aged", "wrong");
        var cmd = new Command("serve", "Serve the simulated device's BLE link over TCP on 127.0.0.1.")
        {
            port, mtu, dropAfter, dropP, seed, records, rootPub, unpaired, unprovisioned, time, firstTimeout, idleTimeout, sensor, tile,
        };
        cmd.SetAction(async (pr, ct) =>
        {
            foreach (var o in new[] { firstTimeout, idleTimeout })
            {
                int v = pr.GetValue(o);
                if (v < 1 || v > 86400)
                {
                    Console.Error.WriteLine($"error: {o.Name}: must be 1 to 86400 seconds, got {v}");
                    return 2;
                }
            }
            byte[]? spki = null;
            var rp = pr.GetValue(rootPub);
            if (rp != null)
            {
                InputFiles.ReadBytes("--root-public-key", rp.FullName);
                spki = InputFiles.Guard("--root-public-key", () => ReadSpki(rp.FullName));
            }
            long clock = pr.GetValue(time) is string tt ? ServeTime.Parse(tt) : 0;
            var device = new SimulatedDevice(spki, spki == null ? SignatureAlgorithm.EcdsaP256Sha256 : AlgorithmOf(spki));
            var condition = pr.GetValue(tile) switch { "aged" => TileCondition.Aged, "wrong" => TileCondition.Wrong, _ => TileCondition.New };
            device.UseSensor(SensorOption.Parse(pr.GetValue(sensor)), condition, pr.GetValue(seed));
            if (clock != 0) device.SetTime(clock, Handheld.Core.Ports.ClockSource.Rtc);
            if (!pr.GetValue(unprovisioned))
            {
                device.ProvisionFromSeed(pr.GetValue(seed));
                Console.WriteLine("device id  " + Convert.ToHexString(device.DeviceId));
                Console.WriteLine("record key " + Convert.ToHexString(device.RecordKey));
            }
            device.AddSampleRecords(pr.GetValue(records), pr.GetValue(seed));
            var server = new TcpLinkServer(device, pr.GetValue(port), pr.GetValue(mtu), !pr.GetValue(unpaired),
                pr.GetValue(dropAfter) ?? long.MaxValue, pr.GetValue(dropP), pr.GetValue(seed), Console.Out)
            {
                FirstRequestTimeoutMs = pr.GetValue(firstTimeout) * 1000L, IdleTimeoutMs = pr.GetValue(idleTimeout) * 1000L,
            };
            await server.RunAsync(ct);
            return 0;
        });
        return cmd;
    }

    internal static byte[] ReadSpki(string path)
    {
        string text = File.ReadAllText(path);
        if (text.Contains("PRIVATE KEY", StringComparison.Ordinal))
            throw new FormatException("a private key, where the root public key belongs (give root.pub.pem)");
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            var ec = System.Security.Cryptography.ECDsa.Create();
            try
            {
                ec.ImportFromPem(text);
                return ec.ExportSubjectPublicKeyInfo();
            }
            catch (ArgumentException)
            {
                var rsa = System.Security.Cryptography.RSA.Create();
                rsa.ImportFromPem(text);
                return rsa.ExportSubjectPublicKeyInfo();
            }
        }
        var der = File.ReadAllBytes(path);
        if (!IsSpki(der)) throw new FormatException("not a public key (SubjectPublicKeyInfo as DER or PEM)");
        return der;
    }

    private static bool IsSpki(byte[] der)
    {
        try { using var ec = System.Security.Cryptography.ECDsa.Create(); ec.ImportSubjectPublicKeyInfo(der, out _); return true; }
        catch (System.Security.Cryptography.CryptographicException) { }
        try { using var rsa = System.Security.Cryptography.RSA.Create(); rsa.ImportSubjectPublicKeyInfo(der, out _); return true; }
        catch (System.Security.Cryptography.CryptographicException) { return false; }
    }

    internal static SignatureAlgorithm AlgorithmOf(byte[] spki)
    {
        try
        {
            System.Security.Cryptography.ECDsa.Create().ImportSubjectPublicKeyInfo(spki, out _);
            return SignatureAlgorithm.EcdsaP256Sha256;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return SignatureAlgorithm.RsaPkcs1Sha256;
        }
    }
}
