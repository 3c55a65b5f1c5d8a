using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project tests/Handheld.Benchmarks -- --filter '*'
// --device-estimate: prints the IL-instruction model of Core's crypto (no BenchmarkDotNet run).
if (args.Contains("--device-estimate")) return Handheld.Benchmarks.Crypto.DeviceEstimate.Run();
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

public partial class Program { }
