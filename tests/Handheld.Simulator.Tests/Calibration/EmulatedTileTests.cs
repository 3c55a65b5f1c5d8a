using Handheld.Core.Calibration;
using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Simulator.Device;
using Xunit;
using Xunit.Abstractions;

namespace Handheld.Simulator.Tests.Calibration;

/// <summary>The emulated tile through the real Core calibrator: a new tile is within limits on both sensors
/// (gains near unity, the nominal levels were measured here), an aged or wrong tile is out of limits for its reasons.</summary>
public class EmulatedTileTests
{
    private readonly ITestOutputHelper _out;
    public EmulatedTileTests(ITestOutputHelper output) { _out = output; }

    private TileCalibration Measure(SensorKind kind, TileCondition condition, int seed)
    {
        var tile = new EmulatedTile(kind, condition, seed);
        var calibrator = new TileCalibrator(tile, new PhysicalCheck(PhysicalCheckSettings.For(kind), 256), new SweepTrace(256));
        var c = new TileCalibration();
        calibrator.Measure(c);
        string Z(int i) => $"{c.Zones[i].Blue}/{c.Zones[i].Green}/{c.Zones[i].Red} {c.Zones[i].Paper} ev {c.Zones[i].BlueEvents}/{c.Zones[i].GreenEvents} f{(int)c.Zones[i].Fault}";
        _out.WriteLine($"{kind} {condition} seed {seed}: A {Z(0)} | B {Z(1)} | C {Z(2)} | gains {c.GainBluePermille}/{c.GainGreenPermille}/{c.GainRedPermille} limits {CalibrationLimits.Describe(c.Limits)}");
        return c;
    }

    [Theory]
    [InlineData(SensorKind.Tcs34725)]
    [InlineData(SensorKind.As7341)]
    public void New_tile_is_within_limits_with_gains_near_unity(SensorKind kind)
    {
        for (int seed = 1; seed <= 5; seed++)
        {
            var c = Measure(kind, TileCondition.New, seed);
            Assert.Equal(CalibrationLimits.None, c.Limits);
            Assert.InRange(c.GainBluePermille, 800, 1250);
            Assert.InRange(c.GainGreenPermille, 800, 1250);
            Assert.InRange(c.GainRedPermille, 800, 1250);
        }
    }

    [Theory]
    [InlineData(SensorKind.Tcs34725)]
    [InlineData(SensorKind.As7341)]
    public void Aged_tile_fails_zone_a(SensorKind kind)
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            var c = Measure(kind, TileCondition.Aged, seed);
            Assert.NotEqual(0, c.Limits & CalibrationLimits.ZoneANotDull);
        }
    }

    [Theory]
    [InlineData(SensorKind.Tcs34725)]
    [InlineData(SensorKind.As7341)]
    public void Wrong_tile_fails_ratio_and_fibres(SensorKind kind)
    {
        var c = Measure(kind, TileCondition.Wrong, 1);
        Assert.NotEqual(0, c.Limits & CalibrationLimits.ZoneANotDull);
        Assert.NotEqual(0, c.Limits & CalibrationLimits.BrightRatioLow);
        Assert.NotEqual(0, c.Limits & CalibrationLimits.FibreColourMissing);
    }
}
