using BenchmarkDotNet.Attributes;
using Handheld.Core.Fluorescence;

namespace Handheld.Benchmarks;

/// <summary>Cost of one analysis of a 3 s sweep (70 samples) and proof that Run allocates nothing.
/// Run: dotnet run -c Release --project tests/Handheld.Benchmarks -- --filter '*PhysicalCheck*' --job short</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PhysicalCheckBenchmarks
{
    private readonly PhysicalCheck _check = new(PhysicalCheckSettings.ForTcs34725(), 128);
    private readonly PhysicalCheckResult _result = new();
    private readonly SweepTrace _trace = new(128);

    [GlobalSetup]
    public void Setup()
    {
        uint s = 7;
        for (int i = 0; i < 70; i++)
        {
            s = s * 1103515245 + 12345;
            int n = (int)((s >> 16) % 121) - 60;
            int b = 600 + n, g = 450 + n / 2;
            if (i % 9 == 4) b += 1600;
            if (i % 9 == 7) g += 2400;
            _trace.Add(i * 43, b, g, 200, b + g, 100, 0, 60, 60);   // with the sampler's predicted sigma
        }
    }

    [Benchmark]
    public PhysicalVerdict Run()
    {
        _check.Run(_trace, FibreColours.Blue | FibreColours.Green, true, _result);
        return _result.Verdict;
    }
}
