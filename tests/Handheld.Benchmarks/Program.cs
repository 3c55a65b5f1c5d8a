using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project tests/Handheld.Benchmarks -- --filter '*'
// --device-estimate: prints the IL-instruction model of Core's crypto (no BenchmarkDotNet run).
if (args.Contains("--device-estimate")) return Handheld.Benchmarks.Crypto.DeviceEstimate.Run();
// --sync-figure [records] [mtu]: modelled BLE time of a full record sync (issue 13's 1,000 records at MTU 185).
if (args.Length > 0 && args[0] == "--sync-figure") return Handheld.Benchmarks.Sync.SyncFigure.Run(args[1..]);
// --store: record-store figures (import records/s into SQLite and PostgreSQL, the per-day count over 1,000,000).
if (args.Contains("--store")) return Handheld.Benchmarks.Store.StoreBenchmark.Run(args);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

public partial class Program { }
