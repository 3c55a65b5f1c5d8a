using System.Diagnostics;
using Handheld.Core.Ports;

namespace Handheld.Linux;

/// <summary>Monotonic time from Stopwatch, delays by Thread.Sleep.</summary>
public sealed class SystemMonotonicClock : IMonotonicClock, IDelay
{
    private readonly Stopwatch _sw = Stopwatch.StartNew();
    public long NowMs => _sw.ElapsedMilliseconds;
    public void WaitMs(int milliseconds) { if (milliseconds > 0) Thread.Sleep(milliseconds); }
}

/// <summary>
/// The bench computer's clock. A Linux board normally keeps time by NTP, but whether it is synchronised is
/// the operator's statement (<paramref name="source"/>), not something assumed: default Unset (fail closed).
/// </summary>
public sealed class SystemWallClock(ClockSource source = ClockSource.Unset) : IWallClock
{
    public ClockSource Source { get; set; } = source;

    public bool TryRead(out long unixSeconds, out ClockSource src)
    {
        src = Source;
        unixSeconds = Source == ClockSource.Unset ? 0 : DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Source != ClockSource.Unset;
    }
}

/// <summary>IBlockStorage over a preallocated file (filled with 0xFF like erased flash); Flush fsyncs.</summary>
public sealed class FileBlockStorage : IBlockStorage, IDisposable
{
    private readonly FileStream _fs;

    public FileBlockStorage(string path, int capacity)
    {
        bool fresh = !File.Exists(path);
        // The region can hold the device's record key (config) and its records: owner-only, like the device's flash.
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            if (!fresh) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        _fs = new FileStream(path, options);
        if (fresh || _fs.Length != capacity)
        {
            _fs.SetLength(0);
            var erased = new byte[capacity];
            Array.Fill(erased, (byte)0xFF);
            _fs.Write(erased);
            _fs.Flush(true);
        }
        Capacity = capacity;
    }

    public int Capacity { get; }

    public void Read(int position, byte[] buffer, int offset, int count)
    {
        _fs.Position = position;
        _fs.ReadExactly(buffer, offset, count);
    }

    public void Write(int position, byte[] buffer, int offset, int count)
    {
        _fs.Position = position;
        _fs.Write(buffer, offset, count);
    }

    public void Flush() => _fs.Flush(true);

    public void Dispose() => _fs.Dispose();
}
