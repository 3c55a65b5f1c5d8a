using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project tests/Handheld.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

public partial class Program { }
