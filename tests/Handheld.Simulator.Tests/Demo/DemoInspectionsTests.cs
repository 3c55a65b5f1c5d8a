using Handheld.Core.Drivers;
using Handheld.Core.Inspection;
using Handheld.Simulator.Demo;

namespace Handheld.Simulator.Tests.Demo;

/// <summary>The README's main job: a genuine licence and its forgeries through the whole device core.</summary>
public class DemoInspectionsTests
{
    private static readonly string Root = RepoPaths.Root;

    private static IReadOnlyList<DemoCase> Run(SensorKind sensor, int seed,
        Handheld.Core.Crypto.SignatureAlgorithm algorithm = Handheld.Core.Crypto.SignatureAlgorithm.RsaPkcs1Sha256) => DemoInspections.Run(
        File.ReadAllText(Path.Combine(Root, "docs", "examples", "licence.json")),
        Path.Combine(Root, "host-simulator", "scenarios", "run-genuine.json"),
        Path.Combine(Root, "host-simulator", "scenarios", "run-photocopy.json"), sensor, seed, null, algorithm);

    [Theory]
    [InlineData(Handheld.Core.Crypto.SignatureAlgorithm.RsaPkcs1Sha256)]
    [InlineData(Handheld.Core.Crypto.SignatureAlgorithm.EcdsaP256Sha256)]
    [InlineData(Handheld.Core.Crypto.SignatureAlgorithm.Sm2Sm3)]
    public void Run_DefaultDemo_GenuineForgedSuspectInvalid(Handheld.Core.Crypto.SignatureAlgorithm algorithm)
    {
        // The demo's defaults: TCS34725, seed 2. (Issue 17's AS7341 spectrum check leaves 2.5–3 % of genuine sweeps
        // Inconclusive with SpectrumMismatch — seed 2 with the P-256 and SM2 demo keys is such a sweep — so the
        // algorithms are compared on the default sensor and the AS7341 has its own case below.)
        var cases = Run(SensorKind.Tcs34725, 2, algorithm);
        Assert.Equal(Outcome.Genuine, cases[0].Result.Outcome);
        Assert.Equal(Outcome.Forged, cases[1].Result.Outcome);
        Assert.True((cases[1].Result.Reasons & VerdictReason.SignatureInvalid) != 0);
        Assert.Contains(cases[2].Result.Outcome, new[] { Outcome.Forged, Outcome.Suspect });
        Assert.True((cases[2].Result.Reasons & VerdictReason.PaperInconsistent) != 0);
        Assert.Equal(Outcome.Invalid, cases[3].Result.Outcome);
        Assert.True((cases[3].Result.Reasons & VerdictReason.Revoked) != 0);
        Assert.All(cases, c => Assert.True(c.Result.RecordStored));
        // The device-time model charges the algorithm's exact IL count (SM2 ≈ 2.9 M at the default rate).
        Assert.Equal(DeviceTimeEstimate(algorithm), cases[0].Result.SignatureDeviceMs);
    }

    private static long DeviceTimeEstimate(Handheld.Core.Crypto.SignatureAlgorithm algorithm) =>
        Handheld.Simulator.Device.DeviceTimeDigitalCheck.EstimateMs(Handheld.Simulator.Device.RunOptions.IlFor(algorithm switch
        {
            Handheld.Core.Crypto.SignatureAlgorithm.EcdsaP256Sha256 => "ecdsa-p256",
            Handheld.Core.Crypto.SignatureAlgorithm.Sm2Sm3 => "sm2",
            _ => "rsa2048",
        }), new Handheld.Simulator.Device.RunOptions().IlPerSecond);

    [Fact]
    public void Run_As7341Demo_GenuineForgedSuspectInvalid()
    {
        var cases = Run(SensorKind.As7341, 2);
        Assert.Equal(Outcome.Genuine, cases[0].Result.Outcome);
        Assert.Equal(Outcome.Forged, cases[1].Result.Outcome);
        Assert.Contains(cases[2].Result.Outcome, new[] { Outcome.Forged, Outcome.Suspect });
        Assert.Equal(Outcome.Invalid, cases[3].Result.Outcome);
    }

    [Theory]
    [InlineData(SensorKind.Tcs34725, 1)]
    [InlineData(SensorKind.Tcs34725, 3)]
    public void Run_AnySeed_ForgeriesAndRevokedNeverGenuine(SensorKind sensor, int seed)
    {
        var cases = Run(sensor, seed);
        Assert.Equal(Outcome.Forged, cases[1].Result.Outcome);
        Assert.NotEqual(Outcome.Genuine, cases[2].Result.Outcome);
        Assert.Equal(Outcome.Invalid, cases[3].Result.Outcome);
    }
}
