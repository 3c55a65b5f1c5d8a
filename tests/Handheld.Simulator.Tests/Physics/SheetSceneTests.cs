using Handheld.Simulator.Optics;
using Handheld.Simulator.Physics;

namespace Handheld.Simulator.Tests.Physics;

public class SheetSceneTests
{
    private static double Band(double[] irr, int from, int to)
    {
        double s = 0;
        for (int nm = from; nm <= to; nm += SpectralGrid.StepNm) s += irr[SpectralGrid.BinOf(nm)] * SpectralGrid.StepNm;
        return s;
    }

    private static double[] Integrate(SheetSpec sheet, Lighting light, double duty, long start = 0, long end = 20000, DeviceOptics? optics = null)
    {
        var scene = new SheetScene(new SheetModel(sheet, new Random(1)), optics ?? new DeviceOptics(), new AmbientLight(light, 0),
            new SweepTrajectory(new SweepSpec { LiftOffsPerS = 0, TiltSdDeg = 0, TiltDeg = 0 }, new Random(2)), (_, _) => duty);
        var irr = new double[SpectralGrid.Count];
        scene.Integrate(start, end, irr);
        return irr;
    }

    [Fact]
    public void Integrate_BrightenedPaperUnderUv_FarMoreBlueThanDullPaper()
    {
        var dull = Integrate(new SheetSpec { Paper = new PaperSpec { Brightener = 0 } }, Lighting.Dark, 1);
        var bright = Integrate(new SheetSpec { Paper = new PaperSpec { Brightener = 1 } }, Lighting.Dark, 1);
        Assert.True(Band(bright, 420, 470) > 10 * Band(dull, 420, 470));
        Assert.True(Band(bright, 420, 470) > 2 * Band(bright, 500, 550));
    }

    [Fact]
    public void Integrate_LampOffInDarkRoom_NoLight()
    {
        var irr = Integrate(new SheetSpec { Paper = new PaperSpec { Brightener = 1 } }, Lighting.Dark, 0);
        Assert.Equal(0, irr.Sum());
    }

    [Fact]
    public void Integrate_ReflectedUvAtSensor_BlockedByEmissionFilter()
    {
        var filtered = Integrate(new SheetSpec(), Lighting.Dark, 1);
        var open = Integrate(new SheetSpec(), Lighting.Dark, 1, optics: new DeviceOptics { EmissionFilter = DeviceOptics.LongPass(0, 0, 1) });
        Assert.True(Band(open, 360, 370) > Band(open, 420, 700), "without the filter reflected UV dominates");
        Assert.Equal(1e-3 * Band(open, 360, 370), Band(filtered, 360, 370), 9);
    }

    [Fact]
    public void MeanLevel_WholeFlickerPeriods_EqualsOne()
    {
        var tubes = new AmbientLight(Lighting.Fluorescent, 1.3);
        Assert.Equal(1.0, tubes.MeanLevel(0.0031, 0.0231), 9);
        Assert.NotEqual(1.0, tubes.MeanLevel(0.0031, 0.0081), 3);
    }

    [Fact]
    public void AmbientLight_WindowIlluminance_FromLux()
    {
        var window = new AmbientLight(Lighting.Window, 0);
        // ~2000 lx of daylight is some hundreds of µW/cm² (a few W/m²… tens of W/m²).
        Assert.InRange(window.MicrowattsPerCm2, 200, 5000);
    }

    [Fact]
    public void SheetModel_SameSeed_SameFibreMap()
    {
        var spec = new SheetSpec { Fibres = new FibreSpec { DensityPerCm2 = 5, Blue = 1, Green = 1 } };
        Assert.Equal(new SheetModel(spec, new Random(9)).FibreCount, new SheetModel(spec, new Random(9)).FibreCount);
        Assert.InRange(new SheetModel(spec, new Random(9)).FibreCount, 2800, 3400);   // 5/cm² × 623.7 cm²
    }
}
