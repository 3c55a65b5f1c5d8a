using System.CommandLine;
using Handheld.Cli.Conventions;
using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Simulator.Physics;
using Handheld.Simulator.Scenarios;
using ScottPlot;

namespace Handheld.Simulator.Cli;

/// <summary><c>handheld-sim sweep SCENARIO [--lighting L] [--sensor S] [--seed N] [--plot FILE.png|svg]</c>.</summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("SCENARIO") { Description = "Scenario *.json file" };
        var lighting = new Option<string>("--lighting") { Description = "dark, officeLed, fluorescent, window or directSun (default: the scenario's first)" };
        var sensor = SensorOption.Create();
        var seed = new Option<int>("--seed") { Description = "Run seed", DefaultValueFactory = _ => 1 };
        var plot = new Option<string?>("--plot") { Description = "Write a plot of the sweep to FILE.png or FILE.svg" };
        var json = new Option<bool>("--json") { Description = "JSON output (camelCase): verdict, expected, figures, events" };
        var cmd = new Command("sweep", "Run one sweep of a scenario through the emulated sensor and the Core analysis; print the verdict and figures, optionally plot them.")
        {
            file, lighting, sensor, seed, plot, json
        };
        cmd.SetAction(p => Execute(p.GetValue(file)!, p.GetValue(lighting), SensorOption.Parse(p.GetValue(sensor)), p.GetValue(seed), p.GetValue(plot), p.GetValue(json)));
        return cmd;
    }

    public static int Execute(string file, string? lightingName, SensorKind sensor, int seed, string? plotPath) =>
        Execute(file, lightingName, sensor, seed, plotPath, json: false);

    public static int Execute(string file, string? lightingName, SensorKind sensor, int seed, string? plotPath, bool json)
    {
        Scenario s;
        try { s = ScenarioFile.Load(file); }
        catch (ScenarioFormatException e) { Console.Error.WriteLine("error: SCENARIO: " + e.Message); return 2; }
        Lighting l = s.Lightings()[0];
        if (lightingName != null && !AmbientLight.TryParse(lightingName, out l))
        {
            Console.Error.WriteLine("error: --lighting: must be dark, officeLed, fluorescent, window or directSun.");
            return 2;
        }
        if (plotPath != null && !(plotPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || plotPath.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)))
        {
            Console.Error.WriteLine("error: --plot: FILE must end in .png or .svg.");
            return 2;
        }
        if (plotPath != null) InputFiles.CheckOutput("--plot", plotPath);
        var run = new ScenarioRunner().Run(s, l, sensor, seed);
        var r = run.Result;
        if (json)
        {
            if (plotPath != null) WritePlot(run, plotPath);
            Console.WriteLine(SimJson.Sweep(run, s, l, sensor, seed, plotPath));
            return 0;
        }
        Console.WriteLine(s.Name + " (" + s.Class + ") under " + AmbientLight.Name(l) + ", " + SensorOption.Name(sensor) + ", seed " + seed);
        Console.WriteLine("expected " + PhysicalNames.Verdict(run.Expected) + ", got " + r.Summary());
        if (run.SamplerFault != SamplerFault.None) Console.WriteLine("sampler fault: " + SamplerFaultNames.Name(run.SamplerFault));
        Console.WriteLine("fibres on the sheet: " + run.FibresOnSheet + ", samples " + run.Trace.Count + ", sweep " + run.SweepMs + " ms");
        var cs = run.ColourSignature;
        if (cs.Status != ColourSignatureResult.StatusNotAvailable) Console.WriteLine(cs.Summary());
        var sp = run.Spectrum;
        if (sp.Status != SpectrumResult.StatusNotAvailable) Console.WriteLine(sp.Summary());
        for (int e = 0; e < r.EventCount; e++)
            Console.WriteLine("  event " + (e + 1) + ": " + r.EventStartMs[e] + "–" + r.EventEndMs[e] + " ms, " + FibreColours.Name(r.EventColour[e])
                              + ", peak excess blue " + r.EventPeakBlue[e] + " green " + r.EventPeakGreen[e]
                              + ", daylight colour shift " + (r.EventColourShiftTenths[e] / 10.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " σ" + (r.EventColouredByDaylight(e) ? " (coloured: not a fibre)" : "")
                              + Signature(cs, e) + Spectrum(sp, e));
        if (plotPath != null)
        {
            WritePlot(run, plotPath);
            Console.WriteLine("plot: " + plotPath);
        }
        return 0;
    }

    // The event's R/G/B shares and broadening when the colour signature judged it (TCS34725).
    private static string Signature(ColourSignatureResult cs, int e)
    {
        if (cs.Status != ColourSignatureResult.StatusChecked || e >= cs.EventCount || cs.EventBroadening[e] == ColourSignatureResult.Unjudged) return "";
        return ", R/G/B " + cs.EventRed[e] + "/" + cs.EventGreen[e] + "/" + cs.EventBlue[e] + " ‰, broadening " + cs.EventBroadening[e] + " ± " + cs.EventSigma[e] + " ‰";
    }

    // The event's spectrum distance (chi-square against the nearest declared spectrum) and broadening when the
    // AS7341 spectrum judged it.
    private static string Spectrum(SpectrumResult sp, int e)
    {
        if (sp.Status != SpectrumResult.StatusChecked || e >= sp.EventCount) return "";
        if (sp.EventDistance[e] < 0) return ", spectrum unusable";
        return ", spectrum distance " + sp.EventDistance[e] + "/" + sp.EventLimit[e] + " noise " + sp.EventNoise[e] + " ‰ broadening " + sp.EventBroadening[e];
    }

    public static void WritePlot(ScenarioRun run, string path)
    {
        var t = run.Trace;
        var r = run.Result;
        var plt = new Plot();
        int n = t.Count;
        var xs = new double[n];
        var b = new double[n];
        var g = new double[n];
        var bThr = new double[n];
        var gThr = new double[n];
        for (int i = 0; i < n; i++)
        {
            xs[i] = t.TimeMs[i];
            b[i] = t.Blue[i];
            g[i] = t.Green[i];
            bThr[i] = run.Check.BlueBaselineAt(i) + r.ThresholdBlue;
            gThr[i] = run.Check.GreenBaselineAt(i) + r.ThresholdGreen;
        }
        for (int e = 0; e < r.EventCount; e++)
        {
            var span = plt.Add.HorizontalSpan(r.EventStartMs[e] - 40, r.EventEndMs[e] + 40);
            var c = r.EventColour[e] == FibreColours.Green ? Colors.Green : r.EventColour[e] == FibreColours.Red ? Colors.Red : Colors.Blue;
            span.FillStyle.Color = c.WithAlpha(0.15);
            span.LineStyle.Width = 0;
        }
        if (n > 0)
        {
            var sb = plt.Add.Scatter(xs, b); sb.Color = Colors.Blue; sb.LegendText = "blue band (UV on − off)";
            var sg = plt.Add.Scatter(xs, g); sg.Color = Colors.Green; sg.LegendText = "green band (UV on − off)";
            var tb = plt.Add.Scatter(xs, bThr); tb.Color = Colors.Blue.WithAlpha(0.6); tb.LinePattern = LinePattern.Dashed; tb.MarkerSize = 0; tb.LegendText = "blue event threshold";
            var tg = plt.Add.Scatter(xs, gThr); tg.Color = Colors.Green.WithAlpha(0.6); tg.LinePattern = LinePattern.Dashed; tg.MarkerSize = 0; tg.LegendText = "green event threshold";
            for (int i = 0; i < n; i++)
                if (t.Flags[i] != 0)
                {
                    var m = plt.Add.Marker(xs[i], b[i]); m.Color = Colors.Red; m.Shape = MarkerShape.Cross; m.Size = 10;
                }
        }
        if (t.HasReflectance && n > 0)
        {
            // Daylight reflectance (white LED on − ambient) on the right axis; missing readings are left out.
            var rx = new List<double>();
            var ry = new List<double>();
            for (int i = 0; i < n; i++)
                if (t.Reflectance[i] != SweepTrace.ReflectanceMissing) { rx.Add(xs[i]); ry.Add(t.Reflectance[i]); }
            if (rx.Count > 0)
            {
                var sr = plt.Add.Scatter(rx.ToArray(), ry.ToArray());
                sr.Color = Colors.DimGray; sr.LegendText = "daylight reflectance (white LED on − off), right axis";
                sr.Axes.YAxis = plt.Axes.Right;
                plt.Axes.Right.Label.Text = "reflectance (cps16 at full LED duty)";
                for (int e = 0; e < r.EventCount; e++)
                    if (r.EventColouredByDaylight(e))
                    {
                        var m = plt.Add.Marker((r.EventStartMs[e] + r.EventEndMs[e]) / 2.0, r.ReflectanceLevel);
                        m.Color = Colors.Black; m.Shape = MarkerShape.FilledTriangleDown; m.Size = 9; m.Axes.YAxis = plt.Axes.Right;
                    }
            }
        }
        var hb = plt.Add.HorizontalLine(r.BackgroundBlue); hb.Color = Colors.Navy; hb.LinePattern = LinePattern.Dotted; hb.LegendText = "paper background blue";
        var hg = plt.Add.HorizontalLine(r.BackgroundGreen); hg.Color = Colors.DarkGreen; hg.LinePattern = LinePattern.Dotted; hg.LegendText = "paper background green";
        plt.Title(PhysicalNames.Verdict(r.Verdict) + " [" + PhysicalReason.Describe(r.Reasons) + "] — " + run.Scenario.Name + ", "
                  + AmbientLight.Name(run.Lighting) + ", " + SensorOption.Name(run.Sensor) + ", paper " + PhysicalNames.Paper(r.Paper)
                  + ", fibres b/g " + r.BlueEvents + "/" + r.GreenEvents + ", coloured by daylight " + r.ColouredEvents);
        plt.XLabel("time since sweep start (ms)");
        plt.YLabel("ambient-cancelled signal (cps16)");
        plt.ShowLegend(Alignment.UpperRight);
        if (path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)) plt.SaveSvg(path, 1200, 600);
        else plt.SavePng(path, 1200, 600);
    }
}
