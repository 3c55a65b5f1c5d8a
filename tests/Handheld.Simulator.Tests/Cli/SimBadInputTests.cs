using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Handheld.Simulator.Tests.Cli;

/// <summary>Tests that swap the process-wide console run alone.</summary>
[CollectionDefinition("SimConsole", DisableParallelization = true)]
public class SimConsoleCollection;

/// <summary>Issue 16's bad inputs for <c>handheld-sim</c>, run in-process through <c>Program.Run</c> (what
/// <c>Main</c> does): exit code, one stderr line <c>error: FIELD…</c>, no stack frame.</summary>
[Collection("SimConsole")]
public sealed class SimBadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("handheld-sim-bad-").FullName;
    private static readonly string Genuine = Path.Combine(RepoPaths.Root, "host-simulator", "scenarios", "run-genuine.json");
    private static readonly string Forgery = Path.Combine(RepoPaths.Root, "tests", "TestData", "scenarios", "attacks", "attack-marker-blue.json");

    public SimBadInputTests()
    {
        File.WriteAllBytes(Path.Combine(_dir, "x.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(Path.Combine(_dir, "root.key.pem"), ec.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose() => Directory.Delete(_dir, true);

    public static TheoryData<string, int, string, string> Cases => new()
    {
        { "serve --port -1", 2, "--port", "serve --port -1" },
        { "serve --port 70000", 2, "--port", "serve --port 70000" },
        { "serve: missing --root-public-key file", 2, "--root-public-key", "serve --root-public-key {d}/nope.pem" },
        { "serve: a PNG as root public key", 2, "--root-public-key", "serve --root-public-key {d}/x.png" },
        { "serve: a private key as root public key", 2, "--root-public-key", "serve --root-public-key {d}/root.key.pem" },
        { "serve: negative records", 2, "--records", "serve --records -1" },
        { "serve: negative drop probability", 2, "--drop-probability", "serve --drop-probability -0.5" },
        { "serve: negative drop-after-bytes", 2, "--drop-after-bytes", "serve --drop-after-bytes -10" },
        { "serve: --time 2025-02-30", 2, "--time", "serve --time 2025-02-30" },
        { "serve: unknown --tile", 2, "--tile", "serve --tile old" },
        { "serve: unknown --sensor", 2, "--sensor", "serve --sensor xyz" },
        { "sweep --plot into a missing folder", 2, "--plot", "sweep {genuine} --plot /nonexistent/x.png" },
        { "sweep: missing scenario", 2, "SCENARIO", "sweep {d}/nope.json" },
        { "demo --sensor xyz", 2, "--sensor", "demo --sensor xyz" },
        { "run --sensor xyz", 2, "--sensor", "run {genuine} --sensor xyz" },
        { "run: negative --il-rate", 2, "--il-rate", "run {genuine} --il-rate -1" },
        { "run: negative --reaction-ms", 2, "--reaction-ms", "run {genuine} --reaction-ms -5,3000,2500" },
        { "run: missing scenario", 2, "scenario", "run {d}/nope.json" },
        { "batch: negative --runs", 2, "--runs", "batch {genuine} --runs -3" },
        { "fingerprint: negative --runs", 2, "--runs", "fingerprint {d} --runs -1" },
        { "fingerprint --tracks 3", 2, "--tracks", "fingerprint {genuine} --tracks 3" },
        { "track --tracks 2", 2, "--tracks", "track {genuine} --tracks 2" },
        { "batch --fingerprint without a genuine scenario", 2, "--fingerprint", "batch {forgery} --fingerprint --runs 1" },
        { "track --trace-out not a .csv", 2, "--trace-out", "track {genuine} --trace-out {d}/t.txt" },
        { "scan-track --track 4", 2, "--track", "scan-track {genuine} --track 4 --out {d}/t.png" },
        { "scan-track --track -1", 2, "--track", "scan-track {genuine} --track -1 --out {d}/t.png" },
        { "log-image: negative --records", 2, "--records", "log-image --records -1 --out {d}/l.bin --record-key-out {d}/k" },
        { "mistyped flag", 2, "--seeed: unknown option (did you mean --seed?)", "demo --seeed 3" },
        { "a subcommand left out", 2, "command: missing; one of:", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadInput_OneLineNamingTheField_DocumentedExitCode_NoStackTrace(string what, int exit, string field, string command)
    {
        var (code, stdout, stderr) = Run(command.Replace("{d}", _dir, StringComparison.Ordinal).Replace("{genuine}", Genuine, StringComparison.Ordinal)
            .Replace("{forgery}", Forgery, StringComparison.Ordinal));
        AssertOneError(what, code, exit, field, stdout, stderr);
    }

    [Fact]
    public void Serve_PortInUse_OneLineExitThree()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (code, stdout, stderr) = Run($"serve --port {port}");
        AssertOneError("serve on a port in use", code, 3, "--port", stdout, stderr);
    }

    [Fact]
    public void RootHelp_ListsTheExitCodes()
    {
        var (code, stdout, _) = Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("Exit codes: 0 success", stdout);
    }

    private static void AssertOneError(string what, int code, int exit, string field, string stdout, string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(code == exit, $"{what}: exit {code}, expected {exit}; stderr: {stderr}");
        Assert.True(lines.Length == 1, $"{what}: expected one error line, got {lines.Length}: {stderr}");
        Assert.StartsWith("error: " + field, lines[0]);
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    /// <summary>Runs with a time limit: a serve that wrongly starts must fail the test, not hang it.</summary>
    private static (int Code, string Out, string Err) Run(string commandLine)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(o);
        Console.SetError(e);
        try
        {
            var task = Task.Run(() => Handheld.Simulator.Cli.Program.Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                new InvocationConfiguration { Output = o, Error = e }));
            Assert.True(task.Wait(TimeSpan.FromSeconds(60)), commandLine + ": did not finish (a server started?)");
            return (task.Result, o.ToString(), e.ToString());
        }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }
}
