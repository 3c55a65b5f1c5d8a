using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;

namespace Handheld.Core.Tests.Inspection;

public class FluorescenceProfileAnalysisTests
{
    private const int Profile = FibreColours.Blue | FibreColours.Green | ProfileBits.UvDullPaper;

    private static SweepTrace Trace(int blue, int green, bool withFibres)
    {
        var t = new SweepTrace(80);
        for (int i = 0; i < 60; i++)
        {
            int b = blue + (i % 3) * 50, g = green + (i % 2) * 50;
            if (withFibres)
            {
                int phase = i % 15;
                if (phase is 5 or 6) { b += 6000; g += 1200; }      // blue fibre passing the window
                if (phase is 11 or 12) { g += 6000; b += 1200; }    // green fibre
            }
            t.Add(i * 50, b, g, 300, b + g, 2000, 0);
        }
        return t;
    }

    private static PhysicalResult Analyse(SweepTrace trace, int profile = Profile)
    {
        var a = new FluorescenceProfileAnalysis(new PhysicalCheck(PhysicalCheckSettings.ForTcs34725(), 128));
        var r = new PhysicalResult();
        a.Analyse(trace, profile, r);
        return r;
    }

    [Fact]
    public void Analyse_DullPaperWithBlueAndGreenFibres_Consistent()
    {
        // UV-dull paper at the TCS34725 levels of PhysicalCheckSettings (background blue ≤ DullMaxBlue 3000 cps16).
        var r = Analyse(Trace(600, 450, true));
        Assert.Equal(PhysicalFinding.Consistent, r.Finding);
        Assert.True(r.FibresBlue >= 2 && r.FibresGreen >= 2, $"fibres b/g {r.FibresBlue}/{r.FibresGreen}");
    }

    [Fact]
    public void Analyse_BrightenedOfficePaper_Inconsistent()
    {
        var r = Analyse(Trace(200000, 80000, false));
        Assert.Equal(PhysicalFinding.Inconsistent, r.Finding);
        Assert.NotEqual(0, r.DetailCode & PhysicalReason.FalseLuminescence);
    }

    [Fact]
    public void Analyse_EmptyTrace_NotConsistent()
    {
        var r = Analyse(new SweepTrace(4));
        Assert.Equal(PhysicalFinding.Inconclusive, r.Finding);
    }
}
