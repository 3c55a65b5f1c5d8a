using System.Diagnostics;

namespace Handheld.Sdk.Tests.Device;

/// <summary>
/// A private D-Bus bus for one test class: a dbus-daemon (Debian package dbus, which .ci/run installs) with the
/// session bus policy, listening on a socket in a scratch folder. No system bus, no real bluetoothd is touched.
/// Fails, saying what to install, when dbus-daemon is missing: these tests never skip.
/// </summary>
public sealed class PrivateBus : IDisposable
{
    private readonly Process _daemon;
    private readonly string _dir;

    public PrivateBus()
    {
        var daemon = new[] { "/usr/bin/dbus-daemon", "/bin/dbus-daemon", "/usr/local/bin/dbus-daemon" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("dbus-daemon not found: install the Debian package 'dbus' (.ci/run does)");
        _dir = Path.Combine(Path.GetTempPath(), "hh-bus-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dir);
        var start = new ProcessStartInfo(daemon)
        {
            ArgumentList = { "--session", "--nofork", "--nopidfile", "--print-address=1", "--address=unix:path=" + Path.Combine(_dir, "bus") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _daemon = Process.Start(start) ?? throw new InvalidOperationException("dbus-daemon did not start");
        var line = _daemon.StandardOutput.ReadLine();
        if (string.IsNullOrEmpty(line))
            throw new InvalidOperationException("dbus-daemon printed no address: " + _daemon.StandardError.ReadToEnd());
        Address = line.Trim();
    }

    /// <summary>The bus address clients connect to (unix:path=…,guid=…).</summary>
    public string Address { get; }

    public void Dispose()
    {
        try { if (!_daemon.HasExited) _daemon.Kill(); } catch (InvalidOperationException) { }
        _daemon.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
