using Handheld.Core.Checksums;
using Handheld.Core.Ports;
using Handheld.Core.Scanning;

namespace Handheld.Simulator.Emulators;

/// <summary>
/// A GM65-class QR scanner on its UART (sensor-facts.md §3). Bus face: <see cref="ISerialLink"/> — it parses
/// command frames <c>7E 00 Type Lens Addr Data CRC</c>, ignores frames with a bad CRC (the module does not
/// reply), answers <c>02 00 00 Lens Data CRC</c>, and after a trigger in command mode emits the decoded text
/// followed by the tail configured in zone 0x0060. Backend face: <see cref="PresentCode"/> puts a code in
/// front of the window. Fault injection: garbage, seeded noise, dropped or truncated replies, over-long
/// output. Deterministic: bytes become readable at virtual times taken from the given clock.
/// </summary>
public sealed class Gm65Emulator : ISerialLink
{
    private readonly IMonotonicClock _clock;
    private readonly Random _random;
    private readonly byte[] _zones = new byte[0x100];
    private readonly byte[] _saved = new byte[0x100];
    private readonly Queue<(long AtMs, byte Value)> _out = new();
    private readonly List<byte> _rx = new();
    private byte[]? _code;

    /// <summary>Creates the module with factory zone values (manual mode, tail = none) and a noise seed.</summary>
    public Gm65Emulator(IMonotonicClock clock, int seed)
    {
        _clock = clock;
        _random = new Random(seed);
        _zones[Gm65Command.ZoneSettings] = 0x80; // LED on success, manual mode
        _zones[Gm65Command.ZoneTail] = 0x60;     // b6:5 = 11: no tail (factory default per [GMo])
        Array.Copy(_zones, _saved, _zones.Length);
    }

    /// <summary>Time from trigger to decoded text when a code is present.</summary>
    public int DecodeDelayMs { get; set; } = 150;

    /// <summary>Per-byte transmission time at 9600 8N1 rounded up (about 1.04 ms).</summary>
    public int ByteTimeMs { get; set; } = 1;

    /// <summary>Probability (0..1) that an emitted byte is replaced by a random one.</summary>
    public double NoiseProbability { get; set; }

    /// <summary>Number of upcoming command replies to drop silently.</summary>
    public int DropReplies { get; set; }

    /// <summary>Number of upcoming replies to cut after their first 3 bytes.</summary>
    public int TruncateReplies { get; set; }

    /// <summary>When set, the next scan emits this many 'A' bytes (then the tail) instead of the code.</summary>
    public int OverlongOutputBytes { get; set; }

    /// <summary>Command frames received with a good CRC.</summary>
    public int FramesAccepted { get; private set; }

    /// <summary>Scans triggered while not in command mode (ignored, as the module is said to).</summary>
    public int IgnoredTriggers { get; private set; }

    /// <summary>Current value of a one-byte zone (tests check configuration).</summary>
    public byte Zone(ushort address) => _zones[address];

    /// <summary>Value saved to the module's flash.</summary>
    public byte SavedZone(ushort address) => _saved[address];

    /// <summary>Backend face: the code in front of the window (null = nothing readable).</summary>
    public void PresentCode(byte[]? text) => _code = text;

    /// <summary>Emits arbitrary bytes now (junk on the line, a stray scan, …).</summary>
    public void InjectBytes(byte[] bytes)
    {
        long t = Math.Max(_clock.NowMs, LastOutMs());
        foreach (byte b in bytes) _out.Enqueue((t += ByteTimeMs, b));
    }

    /// <summary>Power cycle: RAM zones revert to the saved ones, pending output is lost.</summary>
    public void PowerCycle()
    {
        Array.Copy(_saved, _zones, _zones.Length);
        _out.Clear();
        _rx.Clear();
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        long now = _clock.NowMs;
        int n = 0;
        while (n < count && _out.Count > 0 && _out.Peek().AtMs <= now)
        {
            buffer[offset + n++] = _out.Dequeue().Value;
        }
        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        for (int i = 0; i < count; i++) _rx.Add(buffer[offset + i]);
        ParseCommands();
    }

    private void ParseCommands()
    {
        while (true)
        {
            int start = _rx.IndexOf(0x7E);
            if (start < 0) { _rx.Clear(); return; }
            if (start > 0) _rx.RemoveRange(0, start);
            if (_rx.Count < 4) return;
            if (_rx[1] != 0x00) { _rx.RemoveAt(0); continue; }
            int lens = _rx[3];
            int total = 2 + 1 + 1 + 2 + lens + 2;
            if (_rx.Count < total) return;
            byte[] frame = _rx.GetRange(0, total).ToArray();
            _rx.RemoveRange(0, total);
            ushort crc = (ushort)((frame[total - 2] << 8) | frame[total - 1]);
            bool noCheck = crc == 0xABCD; // "AB CD" = no check, per the manual
            if (!noCheck && crc != Crc16Xmodem.Compute(frame, 2, 4 + lens)) continue; // silent, like the module
            FramesAccepted++;
            Execute(frame[2], (ushort)((frame[4] << 8) | frame[5]), frame, 6, lens);
        }
    }

    private void Execute(byte type, ushort address, byte[] frame, int dataOffset, int lens)
    {
        switch (type)
        {
            case Gm65Command.TypeWrite:
                for (int i = 0; i < lens && address + i < _zones.Length; i++) _zones[address + i] = frame[dataOffset + i];
                Reply(new byte[] { 0x00 });
                if (address == Gm65Command.ZoneTrigger && lens >= 1 && frame[dataOffset] == 0x01)
                {
                    _zones[Gm65Command.ZoneTrigger] = 0;
                    StartScan();
                }
                break;
            case Gm65Command.TypeRead:
                {
                    int n = lens >= 1 ? Math.Max(1, (int)frame[dataOffset]) : 1;
                    var data = new byte[n];
                    for (int i = 0; i < n; i++) data[i] = address + i < _zones.Length ? _zones[address + i] : (byte)0;
                    Reply(data);
                    break;
                }
            case Gm65Command.TypeSave:
                Array.Copy(_zones, _saved, _zones.Length);
                Reply(new byte[] { 0x00 });
                break;
        }
    }

    private void Reply(byte[] data)
    {
        if (DropReplies > 0) { DropReplies--; return; }
        var body = new byte[2 + data.Length];
        body[0] = 0x00;
        body[1] = (byte)data.Length;
        Array.Copy(data, 0, body, 2, data.Length);
        ushort crc = Crc16Xmodem.Compute(body, 0, body.Length);
        var frame = new List<byte> { 0x02, 0x00 };
        frame.AddRange(body);
        frame.Add((byte)(crc >> 8));
        frame.Add((byte)crc);
        if (TruncateReplies > 0) { TruncateReplies--; frame.RemoveRange(3, frame.Count - 3); }
        Emit(frame, 2);
    }

    private void StartScan()
    {
        if ((_zones[Gm65Command.ZoneSettings] & Gm65Command.ModeMask) != Gm65Command.ModeCommand)
        {
            IgnoredTriggers++;
            return;
        }
        byte[]? text = _code;
        if (OverlongOutputBytes > 0)
        {
            text = Enumerable.Repeat((byte)'A', OverlongOutputBytes).ToArray();
            OverlongOutputBytes = 0;
        }
        if (text == null) return; // nothing readable: the module stays silent until its own timeout
        var bytes = new List<byte>(text);
        switch ((_zones[Gm65Command.ZoneTail] & Gm65Command.TailMask) >> 5)
        {
            case 0: bytes.Add(0x0D); break;
            case 1: bytes.Add(0x0D); bytes.Add(0x0A); break;
            case 2: bytes.Add(0x09); break;
        }
        Emit(bytes, DecodeDelayMs);
    }

    private void Emit(List<byte> bytes, int delayMs)
    {
        long t = Math.Max(_clock.NowMs + delayMs, LastOutMs());
        foreach (byte b in bytes)
        {
            byte v = b;
            if (NoiseProbability > 0 && _random.NextDouble() < NoiseProbability) v = (byte)_random.Next(256);
            t += ByteTimeMs;
            _out.Enqueue((t, v));
        }
    }

    private long LastOutMs()
    {
        long last = 0;
        foreach (var e in _out) last = e.AtMs;
        return last;
    }
}
