using Handheld.Core.Calibration;
using Handheld.Core.Ports;
using Handheld.Simulator.Emulators;
using Xunit;

namespace Handheld.Simulator.Tests.Calibration;

/// <summary>The A/B slots of the stored calibration: a write torn by a power cut or reset keeps the previous one.</summary>
public class CalibrationStoreTests
{
    /// <summary>Block storage whose next write stops after <see cref="TearAfter"/> bytes (then the device "restarts").</summary>
    private sealed class TearingStorage(int capacity) : IBlockStorage
    {
        private readonly byte[] _b = Enumerable.Repeat((byte)0xFF, capacity).ToArray();
        public int? TearAfter;
        public int Capacity => _b.Length;
        public void Read(int position, byte[] buffer, int offset, int count) => Array.Copy(_b, position, buffer, offset, count);
        public void Write(int position, byte[] buffer, int offset, int count)
        {
            int n = TearAfter is int t ? Math.Min(t, count) : count;
            Array.Copy(buffer, offset, _b, position, n);
        }
        public void Flush() { }
    }

    private static TileCalibration Sample(uint number, int gain)
    {
        var c = new TileCalibration { Kind = Handheld.Core.Drivers.SensorKind.Tcs34725, Number = number, UnixSeconds = 1_780_000_000 + number, Clock = ClockSource.AppSynced, GainBluePermille = gain, GainGreenPermille = gain + 1 };
        c.Zones[TileZone.A].Blue = 500;
        c.Zones[TileZone.C].GreenEvents = 7;
        return c;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(40)]
    [InlineData(TileCalibration.StoredLength - 1)]
    public void Torn_write_keeps_the_previous_calibration(int tearAfter)
    {
        var flash = new TearingStorage(4096);
        var store = new CalibrationStore(flash, 512, 640);
        var loaded = new TileCalibration();
        Assert.Equal(StoredCalibrationState.None, store.Load(loaded));
        Assert.True(store.Save(Sample(1, 990)));
        flash.TearAfter = tearAfter;
        Assert.False(store.Save(Sample(2, 1100)));

        var reboot = new CalibrationStore(flash, 512, 640);
        Assert.Equal(StoredCalibrationState.Valid, reboot.Load(loaded));
        Assert.Equal(1u, loaded.Number);
        Assert.Equal(990, loaded.GainBluePermille);
        Assert.Equal(7, loaded.Zones[TileZone.C].GreenEvents);
    }

    [Fact]
    public void Higher_number_wins_and_slots_alternate()
    {
        var flash = new TearingStorage(4096);
        var store = new CalibrationStore(flash, 512, 640);
        var loaded = new TileCalibration();
        store.Load(loaded);
        for (uint n = 1; n <= 5; n++) Assert.True(store.Save(Sample(n, 900 + (int)n)));
        Assert.Equal(StoredCalibrationState.Valid, new CalibrationStore(flash, 512, 640).Load(loaded));
        Assert.Equal(5u, loaded.Number);
        Assert.Equal(905, loaded.GainBluePermille);
    }
}
