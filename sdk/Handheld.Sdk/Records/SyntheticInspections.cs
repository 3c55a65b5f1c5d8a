using System.Security.Cryptography;
using System.Text;
using Handheld.Core.Licensing;
using Handheld.Core.Ports;
using Handheld.Core.Records;

namespace Handheld.Sdk.Records;

/// <summary>
/// Deterministic, genuinely sealed inspection records for benchmarks and tests: each is encoded and MAC'd by Core's
/// <see cref="RecordCodec"/> under the device key and chained to the one before, exactly as a device writes them, so the
/// importer verifies them for real. Times step forward <see cref="SecondsApart"/> from <see cref="StartUnix"/>;
/// licence numbers cycle over the 31 provinces and a set of serials; verdicts mostly GENUINE with some of every other.
/// </summary>
public sealed class SyntheticInspections(string deviceIdHex, byte[] deviceKey, int seed = 1)
{
    public long StartUnix { get; init; } = 1_767_225_600; // 2026-01-01T00:00:00Z
    public int SecondsApart { get; init; } = 97;
    public int Serials { get; init; } = 5000;

    private static readonly int[] Provinces = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65];
    private static readonly string[] Sectors = ["JZ", "FM", "WH", "MK", "YH"];

    private readonly byte[] _device = Convert.FromHexString(deviceIdHex);
    private readonly byte[] _previous = new byte[32];
    private readonly InspectionRecord _r = new();
    private readonly byte[] _buffer = new byte[RecordCodec.MaxEncodedBytes];
    private readonly Random _random = new(seed);
    private long _next = 1;

    /// <summary>The licence number of serial index <paramref name="i"/> (as the generator prints it).</summary>
    public static string Licence(int i) =>
        LicenceNumber.Canonical(LicenceNumber.ProvinceAbbreviationOf(Provinces[i % Provinces.Length]), Sectors[i % Sectors.Length],
            2020 + i % 6, (100000 + i).ToString());

    /// <summary>The next record (sequence 1, 2, …) as the device would send it.</summary>
    public byte[] Next()
    {
        var r = _r;
        r.Clear();
        long seq = _next++;
        r.Sequence = (uint)seq;
        r.UnixSeconds = StartUnix + (seq - 1) * SecondsApart;
        r.Clock = ClockSource.Rtc;
        r.SetDeviceId(_device, 0, _device.Length);
        var licence = Encoding.UTF8.GetBytes(Licence(_random.Next(Serials)));
        r.SetLicenceNumber(licence, 0, licence.Length);
        int roll = _random.Next(100);
        r.Outcome = (byte)(roll < 80 ? 1 : roll < 88 ? 2 : roll < 92 ? 3 : roll < 96 ? 4 : 5);
        if (r.Outcome != 1) r.AddReason((ushort)(1 + _random.Next(19)));
        var inspector = Encoding.ASCII.GetBytes("INS" + (1 + _random.Next(40)).ToString("D4"));
        r.SetInspectorId(inspector, 0, inspector.Length);
        r.FirmwareVersion = 0x01000000;
        Array.Copy(_previous, r.PreviousHash, 32);
        int n = RecordCodec.Seal(r, deviceKey, _buffer, 0, out var status);
        if (status != RecordStatus.Ok) throw new InvalidOperationException("synthetic record does not encode: " + status);
        var bytes = _buffer[..n];
        SHA256.HashData(bytes, _previous);
        return bytes;
    }
}
