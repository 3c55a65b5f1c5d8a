using Handheld.Cli.Conventions;
using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;
using Handheld.Simulator.Demo;
using Handheld.Simulator.Device;
using Handheld.Simulator.Physics;
using Handheld.Simulator.Scenarios;

namespace Handheld.Simulator.Cli;

/// <summary>The <c>--json</c> shapes of <c>demo</c>, <c>run</c> and <c>sweep</c>, in the shared style (CliJson, camelCase).</summary>
internal static class SimJson
{
    public static string Cases(IEnumerable<DemoCase> cases) =>
        CliJson.Serialize(cases.Select(c => new { title = c.Title, expected = c.Expected, result = RunObject(c.Result) }));

    public static string Run(RunResult r) => CliJson.Serialize(RunObject(r));

    private static object RunObject(RunResult r) => new
    {
        verdict = OutcomeNames.Of(r.Outcome),
        reasons = VerdictReason.Describe(r.Reasons),
        reasonFlags = r.Reasons,
        checks = CheckList.Of(r).Select(c => new { check = c.Name, passed = c.Passed, outcome = c.Outcome }),
        physical = r.PhysicalSummary,
        recordStored = r.RecordStored,
        timingMs = new
        {
            scan = r.ScanMs, sweep = r.SweepDoneMs < 0 ? 0 : r.SweepMs, signatureDeviceEstimate = r.SignatureDeviceMs,
            prompts = r.PromptsMs, waitAfterLastAction = r.WaitAfterLastActionMs, total = r.TotalMs, uvLampOn = r.LampOnMs,
        },
        allocatedBytes = r.AllocatedBytes,
    };

    public static string Sweep(ScenarioRun run, Scenario s, Lighting l, SensorKind sensor, int seed, string? plot)
    {
        var r = run.Result;
        return CliJson.Serialize(new
        {
            scenario = s.Name, @class = s.Class.ToString(), lighting = AmbientLight.Name(l), sensor = SensorOption.Name(sensor), seed,
            expected = PhysicalNames.Verdict(run.Expected), verdict = PhysicalNames.Verdict(r.Verdict), summary = r.Summary(),
            asExpected = r.Verdict == run.Expected, samplerFault = run.SamplerFault == SamplerFault.None ? null : SamplerFaultNames.Name(run.SamplerFault),
            fibresOnSheet = run.FibresOnSheet, samples = run.Trace.Count, sweepMs = run.SweepMs,
            events = Enumerable.Range(0, r.EventCount).Select(e => new
            {
                startMs = r.EventStartMs[e], endMs = r.EventEndMs[e], colour = FibreColours.Name(r.EventColour[e]),
                peakExcessBlue = r.EventPeakBlue[e], peakExcessGreen = r.EventPeakGreen[e],
                daylightColourShiftTenths = r.EventColourShiftTenths[e], daylightDipPermille = r.EventDipPermille[e], colouredByDaylight = r.EventColouredByDaylight(e),
            }),
            daylight = run.Trace.HasReflectance ? new
            {
                reflectanceLevel = r.ReflectanceLevel, reflectanceNoise = r.ReflectanceNoise, chromaticityNoiseBlue = r.ChromaticityNoiseBlue, chromaticityNoiseRed = r.ChromaticityNoiseRed,
                eventsAssessed = r.DaylightEventsAssessed, colouredEvents = r.ColouredEvents,
                // joint statistic (DaylightReflectance): pooled colour χ² (hundredths), pools, pooled darkening z
                // (hundredths), per pool (blue, green, red events) the shift of the blue and red shares (1/100,000)
                chiSquareCenti = r.DaylightChiSquareCenti, pools = r.DaylightPools, dipZCenti = r.DaylightDipZCenti,
                poolShiftBlue = r.DaylightPoolShiftBlue.ToArray(), poolShiftRed = r.DaylightPoolShiftRed.ToArray(),
                chromaticityPredictedBlue = r.ChromaticityPredictedBlue, chromaticityPredictedRed = r.ChromaticityPredictedRed,
            } : null,
            // Per sample: time, blue/green excess, daylight reflectance and the white reading's blue/red shares
            // (null where the trace has none), so that a daylight decision can be traced sample by sample.
            trace = Enumerable.Range(0, run.Trace.Count).Select(i => new
            {
                ms = run.Trace.TimeMs[i], blue = run.Trace.Blue[i], green = run.Trace.Green[i], flags = (int)run.Trace.Flags[i],
                reflectance = run.Trace.Reflectance[i] == SweepTrace.ReflectanceMissing ? (int?)null : run.Trace.Reflectance[i],
                blueShare = run.Trace.WhiteChromaticity[i] == SweepTrace.ChromaticityMissing ? (int?)null : SweepTrace.BlueShareOf(run.Trace.WhiteChromaticity[i]),
                redShare = run.Trace.WhiteChromaticity[i] == SweepTrace.ChromaticityMissing ? (int?)null : SweepTrace.RedShareOf(run.Trace.WhiteChromaticity[i]),
            }),
            plot,
        });
    }
}
